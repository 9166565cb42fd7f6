"""Notebook 7's comparison, re-computed from scratch: forecasting the yearly sunspot number.

    make bench        (or: .venv/bin/python benchmarks/forecast.py [--seeds 42 1 2 3 4])

The same data, split, standardisation, windows, models and settings as
notebooks/07_forecasting.ipynb: every forecaster is scored on the same test windows (12 years in,
the next year out) by its mean absolute error in sunspots, and several years ahead (12 years in,
the next 11 out). With the notebook's seed (42, the default) the numbers are the ones the
notebook shows; other seeds show how much the trained models vary. tests/test_claims.py runs it
with five seeds and checks the notebook's claims on every one. The last line, one line:

    forecast: <series>, test MAE naive A, seasonal naive B, linear C, statistical D,
    SimpleRNN E, LSTM F (<unit>)

with the trained models' scores (E, F) rounded to whole sunspots, as the notebook shows them.

``--sweep`` instead tries every model (SimpleRNN, LSTM, the direct LSTM) with 16, 32 and 64 units
and learning rates 0.003, 0.01 and 0.03, three seeds each, and prints each setting's best
validation loss (the mean over the seeds): how the notebook's settings were chosen, on the
validation years only (no test score is printed, so none can sway the choice).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import time
from typing import Any

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import numpy as np

from course_utils import forecast, training

SERIES = "yearly sunspot number 1700-2008"
UNIT = "sunspots"
SEED = 42  # the notebook's seed (setup_notebook's default)
N_STEPS = 12  # the window: 12 years, a little more than one 11-year cycle
PERIOD = 11  # the cycle naive baseline: the value 11 years earlier
HORIZON = 11  # several steps ahead: one cycle
PATIENCE, MAX_EPOCHS, BATCH_SIZE = 10, 300, 32
KINDS = ("SimpleRNN", "LSTM")
# Units and Adam's learning rate of each network, (kind, horizon): the best validation loss of
# the sweep below (--sweep), as in the notebook.
SETTINGS = {("SimpleRNN", 1): (16, 3e-3), ("LSTM", 1): (32, 3e-2), ("LSTM", HORIZON): (64, 1e-2)}


class Setup:
    """The data and every forecaster that needs no training, computed once for all seeds."""

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
        w_one = forecast.fit_linear(self.scale(X_train), self.scale(y_train))
        self.mae["linear"] = forecast.mae(
            self.unscale(forecast.predict_linear(w_one, self.scale(self.X_test))), self.y_test
        )
        w_direct = forecast.fit_linear(*forecast.make_windows(self.z[0], N_STEPS, horizon=HORIZON))
        self.ar = forecast.fit_autoregressive(self.z[0], N_STEPS)
        self.ar_test = self.unscale(
            forecast.autoregressive_predictions(self.ar, self.z[2], N_STEPS)
        )
        self.mae["statistical"] = forecast.mae(self.ar_test, self.y_test)
        # several steps ahead: the test windows with the next HORIZON years
        self.X_test_h, self.Y_test_h = forecast.make_windows(self.test, N_STEPS, horizon=HORIZON)
        Xh = self.scale(self.X_test_h)
        self.by_horizon = {
            "last value": forecast.last_value(self.X_test_h, horizon=HORIZON),
            "cycle naive": forecast.seasonal_naive(self.X_test_h, PERIOD, horizon=HORIZON),
            "AR, recursive": self.unscale(
                forecast.recursive_forecast(lambda w: ar_step(self.ar, w), Xh, HORIZON)
            ),
            # the linear pair: the one-step linear model fed back, and one fitted to all 11 years
            "linear, recursive": self.unscale(
                forecast.recursive_forecast(
                    lambda w: forecast.predict_linear(w_one, w), Xh, HORIZON
                )
            ),
            "linear, direct": self.unscale(forecast.predict_linear(w_direct, Xh)),
        }

    def scale(self, values: object) -> np.ndarray:
        return (np.asarray(values, dtype=float) - self.mean) / self.std

    def unscale(self, values: object) -> np.ndarray:
        return np.asarray(values, dtype=float) * self.std + self.mean


def ar_step(result: Any, windows: np.ndarray) -> np.ndarray:
    """The AR model's next value for each window (n, n_steps): const + sum_k phi_k x[t-k]."""
    const, phi = result.params[0], result.params[1:]
    return const + windows[:, -np.asarray(result.model.ar_lags)] @ phi


SWEEP_UNITS, SWEEP_RATES, SWEEP_SEEDS = (16, 32, 64), (3e-3, 1e-2, 3e-2), (42, 1, 2)


class Trainer:
    """Builds and trains the recurrent models as the notebook does, one traced model per kind.

    A model is built (after ``keras.utils.set_random_seed(seed)``, as the notebook does) for
    each seed, but only the first of each (kind, horizon) is trained: the later seeds' starting
    weights are put into it with a fresh Adam (``training.Retrainer.reset``), the same training
    as a new model without tracing its graph again (tests/test_claims.py checks that the
    notebook's seed gives the notebook's numbers this way). A whole epoch's batches run in one
    call into TensorFlow (``steps_per_execution``): the same steps with less Python overhead.
    """

    def __init__(self, settings: dict[tuple[str, int], tuple[int, float]] | None = None) -> None:
        self.settings = SETTINGS if settings is None else settings
        self.retrainers: dict[tuple[str, int], training.Retrainer] = {}

    def train(
        self, setup: Setup, kind: str, seed: int, horizon: int = 1
    ) -> tuple[Any, dict[str, list[float]], float]:
        """A model trained with early stopping; returns (model, losses, seconds)."""
        import keras

        units, rate = self.settings[kind, horizon]
        keras.utils.set_random_seed(seed)
        fresh = forecast.build_recurrent(
            kind, N_STEPS, units=units, outputs=horizon, learning_rate=rate
        )
        if (kind, horizon) not in self.retrainers:
            n_windows = len(setup.z[0]) - N_STEPS - horizon + 1
            batches_per_epoch = math.ceil(n_windows / BATCH_SIZE)
            self.retrainers[kind, horizon] = training.Retrainer(
                fresh, steps_per_execution=batches_per_epoch
            )
        retrainer = self.retrainers[kind, horizon]
        retrainer.reset(fresh.get_weights())
        start = time.perf_counter()
        losses = training.fit_with_early_stopping(
            retrainer.model,
            forecast.window_dataset(setup.z[0], N_STEPS, horizon=horizon, seed=seed),
            train=forecast.make_windows(setup.z[0], N_STEPS, horizon=horizon),
            val=forecast.make_windows(setup.z[1], N_STEPS, horizon=horizon),
            patience=PATIENCE,
            max_epochs=MAX_EPOCHS,
            train_loss_every_epoch=False,  # only the kept epoch's is needed here
        )
        return retrainer.model, losses, time.perf_counter() - start


def run(setup: Setup, trainer: Trainer, seed: int) -> dict[str, Any]:
    """Every trained number the notebook shows or relies on, for one seed."""
    out: dict[str, Any] = {"seed": seed, "mae": dict(setup.mae), "epochs": {}, "seconds": {}}
    histories, forecasts = {}, dict(setup.by_horizon)
    Xh = setup.scale(setup.X_test_h)
    for kind in KINDS:
        model, histories[kind], out["seconds"][kind] = trainer.train(setup, kind, seed)
        pred = setup.unscale(model.predict_on_batch(setup.scale(setup.X_test)[..., None])[:, 0])
        out["mae"][kind] = forecast.mae(pred, setup.y_test)
        if kind == "LSTM":  # the paired bootstrap interval of its lead over AR(9), as printed
            out["lead_interval"] = lead_interval(setup.ar_test, pred, setup.y_test)
        if kind == "LSTM":  # several steps ahead, this one-step model's forecasts fed back
            forecasts["LSTM, recursive"] = setup.unscale(
                forecast.recursive_forecast(
                    lambda w, m=model: m.predict_on_batch(w[..., None]), Xh, HORIZON
                )
            )
    direct, histories["LSTM, direct"], out["seconds"]["LSTM, direct"] = trainer.train(
        setup, "LSTM", seed, horizon=HORIZON
    )
    forecasts["LSTM, direct"] = setup.unscale(direct.predict_on_batch(Xh[..., None]))
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
    return out


def lead_interval(reference: np.ndarray, pred: np.ndarray, truth: np.ndarray) -> list[float]:
    """The 95 % paired bootstrap interval of how much smaller ``pred``'s MAE is than
    ``reference``'s, over the same windows (each ``(n,)``), as the notebook computes it."""
    from scipy.stats import bootstrap

    lead = np.abs(reference - truth) - np.abs(pred - truth)  # (n,): > 0 where pred is closer
    ci = bootstrap((lead,), np.mean, n_resamples=9999, rng=np.random.default_rng(0))
    return [float(ci.confidence_interval.low), float(ci.confidence_interval.high)]


def sweep(setup: Setup) -> None:
    """Every model with every setting of the sweep: its mean best validation loss."""
    print("model           units  rate    validation MSE (mean of the best over 3 seeds)")
    for kind, horizon in (("SimpleRNN", 1), ("LSTM", 1), ("LSTM", HORIZON)):
        for units in SWEEP_UNITS:
            for rate in SWEEP_RATES:
                trainer, val = Trainer({(kind, horizon): (units, rate)}), []
                for seed in SWEEP_SEEDS:
                    _, losses, _ = trainer.train(setup, kind, seed, horizon)
                    val.append(min(losses["val_loss"]))
                name = kind if horizon == 1 else f"{kind}, direct"
                chosen = " <- chosen" if (units, rate) == SETTINGS[kind, horizon] else ""
                print(
                    f"{name:<15} {units:>5}  {rate:<6g}  {np.mean(val):>14.3f}{chosen}", flush=True
                )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, nargs="+", default=[SEED])
    parser.add_argument("--json", help="also write every seed's results to this JSON file")
    parser.add_argument("--sweep", action="store_true", help="the settings tried, on validation")
    args = parser.parse_args()
    from course_utils.setup import import_tensorflow_quietly

    tf = import_tensorflow_quietly()
    tf.config.experimental.enable_op_determinism()
    tf.get_logger().setLevel("ERROR")
    setup = Setup()
    if args.sweep:
        sweep(setup)
        return
    trainer = Trainer()
    print(
        f"{SERIES}: training {len(setup.train)}, validation {len(setup.val)}, "
        f"test {len(setup.test)} years; {len(setup.y_test)} test windows of {N_STEPS} years; "
        f"early stopping (patience {PATIENCE}, at most {MAX_EPOCHS} epochs); units, rate: "
        + ", ".join(f"{k} {h} ahead {u}, {r:g}" for (k, h), (u, r) in SETTINGS.items())
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
        low, high = r["lead_interval"]
        print(f"    the LSTM's lead over AR(9), 95 % paired bootstrap: {low:.1f} to {high:.1f}")
        for name, e in r["by_horizon"].items():
            print(f"    {name:<19} " + " ".join(f"{v:5.1f}" for v in e))
    if args.json:
        with open(args.json, "w") as f:
            json.dump(results, f, indent=1)
    print()
    print(summary(next((r for r in results if r["seed"] == SEED), results[0])))


def summary(r: dict[str, Any]) -> str:
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
