"""Notebook 7's comparison, re-computed from scratch: forecasting the yearly sunspot number.

    make bench        (or: .venv/bin/python benchmarks/forecast.py [--seeds 42 1 2 3 4])

The same data, split, standardisation, windows, models and settings as
notebooks/07_forecasting.ipynb: every forecaster is scored on the same test windows (12 years in,
the next year out) by its mean absolute error in sunspots. With the notebook's seed (42, the
default) the numbers are the ones the notebook shows (tests/test_claims_forecast.py checks it).
Other seeds show how much the trained models vary. The last line, printed as one line:

    forecast: <series>, test MAE naive A, seasonal naive B, linear C, statistical D,
    SimpleRNN E, LSTM F (<unit>)

with the trained models' scores (E, F) rounded to whole sunspots, as the notebook shows them.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import time

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import numpy as np

from course_utils import forecast

SERIES = "yearly sunspot number 1700-2008"
UNIT = "sunspots"
SEED = 42  # the notebook's seed (setup_notebook's default)
N_STEPS = 12  # the window: 12 years, a little more than one 11-year cycle
PERIOD = 11  # the cycle naive baseline: the value 11 years earlier
HORIZON = 11  # several steps ahead: one cycle
UNITS, LEARNING_RATE, PATIENCE, MAX_EPOCHS, BATCH_SIZE = 32, 1e-2, 10, 300, 32
KINDS = ("SimpleRNN", "LSTM")


class Setup:
    """The data and everything that needs no training, computed once for any number of seeds."""

    def __init__(self) -> None:
        self.years, self.spots = forecast.load_sunspots()
        self.train, self.val, self.test = forecast.split_by_time(self.spots, train=0.7, val=0.15)
        self.mean, self.std = float(self.train.mean()), float(self.train.std())
        self.z = [self.scale(p) for p in (self.train, self.val, self.test)]
        X_train, y_train = forecast.make_windows(self.train, N_STEPS)
        self.X_test, self.y_test = forecast.make_windows(self.test, N_STEPS)
        self.mae: dict[str, float] = {
            "naive": forecast.mae(forecast.last_value(self.X_test), self.y_test),
            "seasonal naive": forecast.mae(
                forecast.seasonal_naive(self.X_test, PERIOD), self.y_test
            ),
        }
        w = forecast.fit_linear(self.scale(X_train), self.scale(y_train))
        self.mae["linear"] = forecast.mae(
            self.unscale(forecast.predict_linear(w, self.scale(self.X_test))), self.y_test
        )
        self.ar = forecast.fit_autoregressive(self.z[0], N_STEPS)
        self.mae["statistical"] = forecast.mae(
            self.unscale(forecast.autoregressive_predictions(self.ar, self.z[2], N_STEPS)),
            self.y_test,
        )
        # several steps ahead: the test windows with the next HORIZON years
        self.X_test_h, self.Y_test_h = forecast.make_windows(self.test, N_STEPS, horizon=HORIZON)

    def scale(self, values: object) -> np.ndarray:
        return (np.asarray(values, dtype=float) - self.mean) / self.std

    def unscale(self, values: object) -> np.ndarray:
        return np.asarray(values, dtype=float) * self.std + self.mean


class Trainer:
    """Builds and trains the recurrent models as the notebook does.

    With ``reuse=True`` one model per (kind, horizon) is traced once and, for every further
    seed, given that seed's fresh starting weights and a fresh Adam: the same training as a new
    model (tests/test_claims_forecast.py checks it), without tracing the graph again.
    """

    def __init__(self, reuse: bool = True) -> None:
        self.reuse = reuse
        self.models: dict[tuple[str, int], tuple[object, list[np.ndarray]]] = {}

    def model(self, kind: str, seed: int, horizon: int = 1):
        import keras

        keras.utils.set_random_seed(seed)  # as the notebook does before building each model
        fresh = forecast.build_recurrent(
            kind, N_STEPS, units=UNITS, outputs=horizon, learning_rate=LEARNING_RATE
        )
        if not self.reuse:
            return fresh
        if (kind, horizon) not in self.models:
            fresh.optimizer.build(fresh.trainable_variables)  # Adam's zeroed moments, step 0
            self.models[kind, horizon] = fresh, [v.numpy() for v in fresh.optimizer.variables]
            return fresh
        model, start_adam = self.models[kind, horizon]
        model.set_weights(fresh.get_weights())
        model.optimizer.set_weights(start_adam)
        return model

    def train(self, setup: Setup, kind: str, seed: int, horizon: int = 1):
        """A model trained with early stopping; returns (model, losses, seconds)."""
        model = self.model(kind, seed, horizon)
        # A whole epoch's batches in one call into TensorFlow: the same steps with less Python
        # overhead (the notebook runs one batch per call; the numbers are the same, which
        # tests/test_claims_forecast.py checks). Read when the graph is traced, at the first fit.
        n_windows = len(setup.z[0]) - N_STEPS - horizon + 1
        model.steps_per_execution = math.ceil(n_windows / BATCH_SIZE)
        start = time.perf_counter()
        losses = forecast.train_with_early_stopping(
            model,
            setup.z[0],
            setup.z[1],
            N_STEPS,
            horizon=horizon,
            seed=seed,
            patience=PATIENCE,
            max_epochs=MAX_EPOCHS,
            batch_size=BATCH_SIZE,
            train_loss_every_epoch=False,  # only the kept epoch's is needed here
        )
        return model, losses, time.perf_counter() - start


def run(setup: Setup, trainer: Trainer, seed: int) -> dict[str, object]:
    """Every trained number the notebook shows or relies on, for one seed."""
    out: dict[str, object] = {"seed": seed, "mae": dict(setup.mae), "epochs": {}, "seconds": {}}
    histories, models = {}, {}
    for kind in KINDS:
        model, histories[kind], out["seconds"][kind] = trainer.train(setup, kind, seed)
        models[kind] = model
        pred = setup.unscale(model.predict_on_batch(setup.scale(setup.X_test)[..., None])[:, 0])
        out["mae"][kind] = forecast.mae(pred, setup.y_test)
    # several steps ahead
    Xh = setup.scale(setup.X_test_h)
    lstm = models["LSTM"]
    lstm_recursive = forecast.recursive_forecast(
        lambda w: lstm.predict_on_batch(w[..., None]), Xh, HORIZON
    )
    direct, histories["LSTM, direct"], out["seconds"]["LSTM, direct"] = trainer.train(
        setup, "LSTM", seed, horizon=HORIZON
    )
    forecasts = {
        "last value": forecast.last_value(setup.X_test_h, horizon=HORIZON),
        "cycle naive": forecast.seasonal_naive(setup.X_test_h, PERIOD, horizon=HORIZON),
        "AR, recursive": setup.unscale(
            forecast.recursive_forecast(lambda w: ar_step(setup.ar, w), Xh, HORIZON)
        ),
        "LSTM, recursive": setup.unscale(lstm_recursive),
        "LSTM, direct": setup.unscale(direct.predict_on_batch(Xh[..., None])),
    }
    out["by_horizon"] = {
        name: np.mean(np.abs(f - setup.Y_test_h), axis=0).tolist() for name, f in forecasts.items()
    }
    for name, h in histories.items():
        best = int(np.argmin(h["val_loss"]))
        out["epochs"][name] = {
            "run": len(h["val_loss"]),
            "best": best + 1,
            "train_at_best": h["train_loss"][-1],  # measured with the restored weights
            "val_at_best": h["val_loss"][best],
        }
    out["claims"] = claims(out)
    return out


def claims(r: dict) -> dict[str, bool]:
    """What the notebook says about its trained models, as it prints them, for one seed."""
    mae, ep, by_h = r["mae"], r["epochs"], r["by_horizon"]
    naive = min(mae["naive"], mae["seasonal naive"])
    linear = min(mae["linear"], mae["statistical"])
    rnn = (mae["SimpleRNN"], mae["LSTM"])
    extra = np.subtract(by_h["LSTM, direct"], by_h["LSTM, recursive"])  # (HORIZON,)
    lead = np.subtract(by_h["AR, recursive"], by_h["LSTM, recursive"])
    verdicts = {
        f"SimpleRNN and LSTM stopped early, well before {MAX_EPOCHS} epochs": all(
            ep[kind]["run"] < 100 for kind in KINDS
        ),
        "at the kept epoch, both validation losses are above the training losses": all(
            ep[kind]["val_at_best"] > ep[kind]["train_at_best"] for kind in KINDS
        ),
        "the best recurrent model beats both naive baselines": min(rnn) < naive,
        "both recurrent models cut both naive baselines' error by more than a third": (
            max(rnn) < naive * 2 / 3
        ),
        "the LSTM beats the linear model and AR(9)": mae["LSTM"] < linear,
        "the LSTM's lead over the better linear model is under 5 sunspots": (
            linear - mae["LSTM"] < 5
        ),
        "the recursive LSTM beats the direct LSTM 1 to 5 years ahead": bool(np.all(extra[:5] > 0)),
        "the direct LSTM's extra error is smaller 8 to 11 years ahead than 1 to 5 years ahead": (
            extra[7:].mean() < extra[:5].mean()
        ),
        "the recursive LSTM's lead over AR(9) is smaller 3 to 11 years ahead than 1 year ahead": (
            lead[2:].mean() < lead[0]
        ),
    }
    return {claim: bool(ok) for claim, ok in verdicts.items()}


def ar_step(result, windows: np.ndarray) -> np.ndarray:
    """The AR model's next value for each window (n, n_steps): const + sum_k phi_k x[t-k]."""
    const, phi = result.params[0], result.params[1:]
    lags = np.asarray(result.model.ar_lags)
    return const + windows[:, -lags] @ phi


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, nargs="+", default=[SEED])
    parser.add_argument("--fresh", action="store_true", help="a new model for every training")
    parser.add_argument("--json", help="also write every seed's results to this JSON file")
    args = parser.parse_args()
    from course_utils.setup import import_tensorflow_quietly

    tf = import_tensorflow_quietly()
    tf.config.experimental.enable_op_determinism()
    tf.get_logger().setLevel("ERROR")
    setup = Setup()
    trainer = Trainer(reuse=not args.fresh)
    print(
        f"{SERIES}: training {len(setup.train)}, validation {len(setup.val)}, "
        f"test {len(setup.test)} years; {len(setup.y_test)} test windows of {N_STEPS} years"
    )
    results = []
    for seed in args.seeds:
        cpu = time.process_time()
        r = run(setup, trainer, seed)
        r["cpu_seconds"] = time.process_time() - cpu
        results.append(r)
        print(
            f"\nseed {seed} ({r['cpu_seconds']:.1f} s of CPU): test MAE "
            + ", ".join(f"{k} {v:.2f}" for k, v in r["mae"].items())
        )
        for name, e in r["epochs"].items():
            seconds = r["seconds"][name]
            print(f"    {name:<13} kept epoch {e['best']:>3} of {e['run']:>3} ({seconds:.1f} s)")
        print("    MAE by years ahead: " + " ".join(f"{h:>5}" for h in range(1, HORIZON + 1)))
        for name, e in r["by_horizon"].items():
            print(f"    {name:<19} " + " ".join(f"{v:5.1f}" for v in e))
        failed = [claim for claim, ok in r["claims"].items() if not ok]
        print(
            f"    claims: {len(r['claims']) - len(failed)} of {len(r['claims'])} hold"
            + "".join(f"\n    NOT: {claim}" for claim in failed)
        )
    if args.json:
        with open(args.json, "w") as f:
            json.dump(results, f, indent=1)
    print()
    print(summary(next((r for r in results if r["seed"] == SEED), results[0])))


def summary(r: dict) -> str:
    """The last line, for the notebook's seed when it ran (else the first seed): the notebook's
    table, the trained models' scores rounded as the notebook shows them."""
    m = r["mae"]
    return (
        f"forecast: {SERIES}, test MAE naive {m['naive']:.1f}, seasonal naive "
        f"{m['seasonal naive']:.1f}, linear {m['linear']:.1f}, statistical "
        f"{m['statistical']:.1f}, SimpleRNN {m['SimpleRNN']:.0f}, LSTM {m['LSTM']:.0f} ({UNIT})"
    )


if __name__ == "__main__":
    main()
