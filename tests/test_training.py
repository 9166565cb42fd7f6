"""course_utils.training: the fast fit and the retrainer perform the same optimizer steps.

"Same steps" is checked the strict way: two models that start from the same weights, one trained
by the helper and one by plain ``model.fit`` on the same batches in the same order, end with the
same weights, to a tolerance of 1e-6 (on this machine they are bitwise equal: the helper only
changes how the batches reach the graph, not the arithmetic).
"""

import math

import numpy as np
import pytest

keras = pytest.importorskip("keras")

from course_utils import training  # noqa: E402

ATOL = RTOL = 1e-6
EPOCHS, BATCH = 4, 8


@pytest.fixture(scope="module")
def xy():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(20, 3, 1)).astype("float32")  # 20 samples: batches of 8, 8 and 4
    y = X.sum(axis=(1, 2)) / 3
    return X, y


def twin_models(seed=0):
    """Two compiled models with the same starting weights."""
    keras.utils.set_random_seed(seed)

    def build():
        model = keras.Sequential(
            [keras.Input(shape=(3, 1)), keras.layers.SimpleRNN(4), keras.layers.Dense(1)]
        )
        model.compile(optimizer=keras.optimizers.Adam(0.01), loss="mse")
        return model

    a, b = build(), build()
    b.set_weights(a.get_weights())
    return a, b


def assert_same_weights(a, b):
    for wa, wb in zip(a.get_weights(), b.get_weights(), strict=True):
        np.testing.assert_allclose(wa, wb, atol=ATOL, rtol=RTOL)


@pytest.mark.slow  # the shuffled test below proves the same on the notebooks' path
def test_fit_fast_equals_model_fit_in_the_same_order(xy):
    X, y = xy
    fast, plain = twin_models()
    history = training.fit_fast(
        fast, X, y, epochs=EPOCHS, batch_size=BATCH, reports=4, shuffle=False
    )
    plain.fit(X, y, epochs=EPOCHS, batch_size=BATCH, shuffle=False, verbose=0)
    steps = EPOCHS * math.ceil(len(X) / BATCH)
    assert int(fast.optimizer.iterations) == int(plain.optimizer.iterations) == steps
    assert_same_weights(fast, plain)
    assert len(history.history["loss"]) == 4 and history.seconds > 0


def test_fit_fast_shuffled_equals_model_fit_on_its_batch_order(xy):
    X, y = xy
    fast, plain = twin_models(seed=1)
    training.fit_fast(fast, X, y, epochs=EPOCHS, batch_size=BATCH, reports=2, seed=5)
    # the same stream, read back: each epoch is a new permutation of all 20 samples
    stream = training.repeated_batches(X, y, batch_size=BATCH, seed=5)
    batches = list(stream.take(EPOCHS * 3).as_numpy_iterator())
    assert [len(bx) for bx, _ in batches[:3]] == [8, 8, 4]
    orders = []
    for epoch in range(EPOCHS):
        bx = np.concatenate([b[0] for b in batches[3 * epoch : 3 * epoch + 3]])
        by = np.concatenate([b[1] for b in batches[3 * epoch : 3 * epoch + 3]])
        order = [int(np.flatnonzero((X == x).all(axis=(1, 2)))[0]) for x in bx]
        assert sorted(order) == list(range(len(X))), "every sample once per epoch"
        orders.append(order)
        plain.fit(bx, by, epochs=1, batch_size=BATCH, shuffle=False, verbose=0)
    assert orders[0] != orders[1], "a new shuffle every epoch, as model.fit does"
    assert_same_weights(fast, plain)


def test_fit_fast_traces_the_training_step_once(xy):
    # Keras would create Adam's state inside the first traced step, and TensorFlow would then
    # trace the step again (half of a short training's time); fit_fast creates it first.
    X, y = xy
    model, _ = twin_models(seed=2)
    traced = []
    train_step = model.train_step
    model.train_step = lambda data: (traced.append(1), train_step(data))[1]
    training.fit_fast(model, X, y, epochs=EPOCHS, batch_size=BATCH, reports=2)
    assert len(traced) == 1, f"the training step was traced {len(traced)} times"
    assert int(model.optimizer.iterations) == EPOCHS * 3


@pytest.mark.slow  # four more tracings; the two tests above prove the steps are the same
def test_fit_fast_leaves_predict_working_and_checks_reports(xy):
    X, y = xy
    model, _ = twin_models()
    model.predict(X, verbose=0)  # a predict function made before the fit
    history = training.fit_fast(
        model, X, y, epochs=EPOCHS, batch_size=BATCH, reports=2, validation_data=(X[:5], y[:5])
    )
    assert len(history.history["val_loss"]) == 2
    assert model.steps_per_execution == 1
    assert model.predict(X, verbose=0).shape == (20, 1), "every row, not only the first batch"
    with pytest.raises(ValueError, match=r"reports must divide the number of optimizer steps \(12"):
        training.fit_fast(model, X, y, epochs=EPOCHS, batch_size=BATCH, reports=5)
    with pytest.raises(TypeError, match="epochs must be an int >= 1"):
        training.fit_fast(model, X, y, epochs=2.0)


def test_retrainer_starts_every_run_from_the_same_weights_and_a_fresh_optimizer(xy):
    X, y = xy
    model, fresh = twin_models(seed=2)
    start = model.get_weights()
    trainer = training.Retrainer(model, steps_per_execution=3)
    batches = training.sequence_batches(X, y, batch_size=BATCH)
    assert batches.element_spec[0].shape.as_list() == [None, None, 1]  # any length
    assert trainer.trace(batches.take(1)) > 0
    for w, w0 in zip(model.get_weights(), start, strict=True):
        np.testing.assert_array_equal(w, w0)  # tracing left no trace
    trainer.fit(batches)
    first = model.get_weights()
    history = trainer.fit(batches)  # again: the same start, the same steps
    assert int(model.optimizer.iterations) == 3 and history.seconds > 0
    for w, w1 in zip(model.get_weights(), first, strict=True):
        np.testing.assert_allclose(w, w1, atol=ATOL, rtol=RTOL)
    fresh.fit(batches, shuffle=False, verbose=0)  # plain fit: the same weights, a new optimizer
    assert_same_weights(model, fresh)


def test_retrainer_reset_can_start_from_other_weights(xy):
    X, y = xy
    model, _ = twin_models(seed=3)
    keras.utils.set_random_seed(4)
    other = keras.models.clone_model(model)  # the same layers, another seed's weights
    trainer = training.Retrainer(model)
    trainer.fit(training.sequence_batches(X, y, batch_size=BATCH))
    trainer.reset(other.get_weights())
    assert int(model.optimizer.iterations) == 0
    for w, w_other in zip(model.get_weights(), other.get_weights(), strict=True):
        np.testing.assert_array_equal(w, w_other)


# --- early stopping, with both losses measured at each epoch's end ------------------------------


def test_epoch_end_losses_are_measured_with_the_weights_at_the_epochs_end(xy):
    X, y = xy
    model, _ = twin_models(seed=5)
    losses = training.epoch_end_losses(train=(X, y), val=(X[:6], y[:6]))
    history = model.fit(X, y, epochs=3, batch_size=BATCH, callbacks=[losses], verbose=0)
    assert [len(v) for v in losses.history.values()] == [3, 3]
    assert history.history["train_loss"] == losses.history["train_loss"]  # in fit's logs too
    # after the last epoch, the model's weights give the last values
    assert training.model_mse(model, (X, y)) == pytest.approx(losses.history["train_loss"][-1])
    assert training.model_mse(model, (X[:6], y[:6])) == pytest.approx(
        losses.history["val_loss"][-1]
    )
    # fit's own loss is a running mean over the epoch's batches, not the end-of-epoch loss
    assert history.history["loss"][-1] != pytest.approx(losses.history["train_loss"][-1])


def test_epoch_end_losses_refuses_what_is_not_a_pair():
    with pytest.raises(TypeError, match="val must be a tuple \\(X, y\\)"):
        training.epoch_end_losses(train=None, val=[1, 2])
    with pytest.raises(ValueError, match="with the same n >= 1, got shapes \\(3, 5, 1\\)"):
        training.epoch_end_losses(train=None, val=(np.ones((3, 5)), np.ones(2)))
    with pytest.raises(TypeError, match="train\\[0\\] must be an array of numbers"):
        training.epoch_end_losses(train=("abc", np.ones(2)), val=(np.ones((2, 5)), np.ones(2)))


def test_fit_with_early_stopping_keeps_the_best_epochs_weights():
    rng = np.random.default_rng(0)
    X, y = rng.normal(size=(40, 5, 1)), rng.normal(size=40)  # noise: validation soon gets worse
    val = rng.normal(size=(20, 5, 1)), rng.normal(size=20)
    keras.utils.set_random_seed(0)
    model = keras.Sequential(
        [keras.Input((5, 1)), keras.layers.SimpleRNN(8), keras.layers.Dense(1)]
    )
    model.compile(optimizer=keras.optimizers.Adam(0.03), loss="mse")
    batches = training.sequence_batches(X, y, batch_size=16)
    history = training.fit_with_early_stopping(
        model, batches, train=(X, y), val=val, patience=2, max_epochs=30
    )
    run = len(history["val_loss"])
    best = int(np.argmin(history["val_loss"]))
    assert len(history["train_loss"]) == run < 30 and run == best + 1 + 2  # stopped 2 later
    # the weights kept are those of the best validation epoch: its losses are measured again
    assert training.model_mse(model, val) == pytest.approx(history["val_loss"][best], rel=1e-5)
    assert training.model_mse(model, (X, y)) == pytest.approx(history["train_loss"][best], rel=1e-5)
    with pytest.raises(ValueError, match="patience must be an int >= 1"):
        training.fit_with_early_stopping(
            model, batches, train=(X, y), val=val, patience=0, max_epochs=3
        )


def test_fit_with_early_stopping_can_measure_the_training_loss_once(xy):
    X, y = xy
    model, _ = twin_models(seed=6)
    history = training.fit_with_early_stopping(
        model,
        training.sequence_batches(X, y, batch_size=BATCH),
        train=(X, y),
        val=(X, y),
        patience=1,
        max_epochs=2,
        train_loss_every_epoch=False,
    )
    assert len(history["val_loss"]) == 2 and len(history["train_loss"]) == 1
    assert history["train_loss"][0] == pytest.approx(min(history["val_loss"]), rel=1e-5)
