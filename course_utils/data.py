"""Sequence data for the course: generators, and windowing a series into training pairs.

Every generator is deterministic given its arguments (and ``seed``) and needs no network:
counting numbers, a noisy sine, text as character ids, an audio-like tone (notebook 1), an input
pulse (notebook 2) and the long-memory recall task (notebook 6). ``create_dataset`` cuts a series
into (window, next value) pairs (notebooks 1 and 5).
"""

from __future__ import annotations

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view
from numpy.typing import ArrayLike

from course_utils.validate import as_1d, check_int, check_number

__all__ = [
    "audio_like_signal",
    "counting_sequence",
    "create_dataset",
    "memory_task",
    "memory_task_runs",
    "noisy_sine",
    "pulse_input",
    "text_to_ids",
]


def create_dataset(sequence: ArrayLike, n_steps: int) -> tuple[np.ndarray, np.ndarray]:
    """Cut a 1-D sequence into (window, next value) training pairs.

    Window ``i`` is ``sequence[i : i + n_steps]`` and its target is ``sequence[i + n_steps]``.
    Introduced in notebook 1; notebook 5 asks learners to write it.

    Args:
        sequence: 1-D array-like of real numbers, shape ``(length,)``.
        n_steps: window length, an int in ``[1, length - 1]``.

    Returns:
        ``X`` with shape ``(length - n_steps, n_steps)`` and ``y`` with shape
        ``(length - n_steps,)``, both of ``sequence``'s dtype. ``X`` is a new array (not a view).
        An RNN wants a feature axis too: ``X[..., np.newaxis]`` has shape
        ``(samples, timesteps, features=1)``.

    Raises:
        TypeError: ``sequence`` is not numeric, or ``n_steps`` is not an int.
        ValueError: ``sequence`` is not 1-D or not finite, or ``n_steps`` is not in
            ``[1, length - 1]``.
    """
    arr = as_1d("sequence", sequence, finite=True)
    n_steps = check_int("n_steps", n_steps, low=1)
    if n_steps >= len(arr):
        raise ValueError(
            f"n_steps must be smaller than the sequence length ({len(arr)}) so that at least one "
            f"window has a next value to predict, got n_steps={n_steps}"
        )
    X = sliding_window_view(arr, n_steps)[:-1].copy()
    y = arr[n_steps:].copy()
    return X, y


def counting_sequence(start: int = 0, stop: int = 100) -> np.ndarray:
    """The seed's sequence ``start, start+1, ..., stop-1`` as float32.

    Introduced in notebook 4.

    Args:
        start: first value, an int.
        stop: one past the last value, an int greater than ``start``.

    Returns:
        The sequence, shape ``(stop - start,)``, float32.
    """
    start = check_int("start", start)
    stop = check_int("stop", stop, low=start + 1)
    return np.arange(start, stop, dtype=np.float32)


def noisy_sine(
    n: int = 200,
    *,
    period: float = 50.0,
    amplitude: float = 1.0,
    noise: float = 0.1,
    trend: float = 0.0,
    seed: int = 0,
) -> np.ndarray:
    """A sine wave plus Gaussian noise and an optional linear trend.

    ``x[t] = amplitude * sin(2*pi*t/period) + trend*t + noise * N(0, 1)``. Introduced in
    notebook 1.

    Args:
        n: number of steps, an int >= 1.
        period: steps per cycle, positive.
        amplitude: height of the wave.
        noise: standard deviation of the noise, >= 0.
        trend: added slope per step.
        seed: seed of the noise, an int >= 0.

    Returns:
        ``x``, shape ``(n,)``, float32.
    """
    n = check_int("n", n, low=1)
    period = check_number("period", period, positive=True)
    amplitude = check_number("amplitude", amplitude)
    noise = check_number("noise", noise, low=0)
    trend = check_number("trend", trend)
    rng = np.random.default_rng(check_int("seed", seed, low=0))
    t = np.arange(n)
    x = amplitude * np.sin(2 * np.pi * t / period) + trend * t + noise * rng.standard_normal(n)
    return x.astype(np.float32)


def audio_like_signal(
    duration: float = 0.05,
    *,
    sample_rate: int = 8000,
    f0: float = 220.0,
    harmonics: tuple[float, ...] = (1.0, 0.5, 0.3, 0.15),
    noise: float = 0.02,
    seed: int = 0,
) -> tuple[np.ndarray, np.ndarray]:
    """A vowel-like tone: a fundamental ``f0`` plus harmonics, with a fade in and out.

    Introduced in notebook 1.

    Args:
        duration: length in seconds, positive.
        sample_rate: samples per second, an int >= 1.
        f0: the fundamental frequency in Hz, positive.
        harmonics: amplitude of the fundamental and of each overtone; not all zero.
        noise: standard deviation of added noise, >= 0.
        seed: seed of the noise, an int >= 0.

    Returns:
        ``(t, x)``: times in seconds and the signal scaled to [-1, 1], both of shape
        ``(round(duration * sample_rate),)``, float32.
    """
    duration = check_number("duration", duration, positive=True)
    sample_rate = check_int("sample_rate", sample_rate, low=1)
    f0 = check_number("f0", f0, positive=True)
    noise = check_number("noise", noise, low=0)
    n = round(duration * sample_rate)
    if n < 2:
        raise ValueError(f"duration * sample_rate must give at least 2 samples, got {n}")
    if len(harmonics) == 0 or not any(harmonics):
        raise ValueError(f"harmonics must hold at least one non-zero amplitude, got {harmonics!r}")
    t = np.arange(n) / sample_rate
    x = sum(a * np.sin(2 * np.pi * (k + 1) * f0 * t) for k, a in enumerate(harmonics))
    x = x * np.hanning(n)  # fade in and out
    x = x + noise * np.random.default_rng(check_int("seed", seed, low=0)).standard_normal(n)
    x = x / np.max(np.abs(x))
    return t.astype(np.float32), x.astype(np.float32)


def text_to_ids(text: str) -> tuple[np.ndarray, list[str]]:
    """Turn text into a sequence of character ids.

    Introduced in notebook 1.

    Args:
        text: a non-empty string.

    Returns:
        ``(ids, vocab)``: ``ids`` has shape ``(len(text),)`` (int64) and
        ``vocab[ids[i]] == text[i]``; ``vocab`` is the sorted list of distinct characters.
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, got {type(text).__name__}")
    if not text:
        raise ValueError("text must be a non-empty str, got ''")
    vocab = sorted(set(text))
    index = {ch: i for i, ch in enumerate(vocab)}
    ids = np.array([index[ch] for ch in text], dtype=np.int64)
    return ids, vocab


def pulse_input(
    n_steps: int = 30, *, start: int = 3, length: int = 3, height: float = 1.0
) -> np.ndarray:
    """A rectangular input pulse: ``x_t = height`` for ``start <= t < start + length``, else 0.

    Time steps are numbered from 1 as in the equations, so ``x[t - 1]`` is ``x_t``.
    Introduced in notebook 2.

    Args:
        n_steps: number of steps ``T``, an int >= 1.
        start: first step of the pulse, in ``[1, n_steps]``.
        length: steps the pulse lasts, in ``[1, n_steps - start + 1]``.
        height: the value during the pulse.

    Returns:
        ``x``, shape ``(n_steps,)``, float64.
    """
    n_steps = check_int("n_steps", n_steps, low=1)
    start = check_int("start", start, low=1, high=n_steps)
    length = check_int("length", length, low=1, high=n_steps - start + 1)
    height = check_number("height", height)
    x = np.zeros(n_steps)
    x[start - 1 : start - 1 + length] = height
    return x


def memory_task(
    n_samples: int,
    k: int,
    *,
    n_symbols: int = 4,
    noise: float = 2.0,
    seed: int = 0,
) -> tuple[np.ndarray, np.ndarray]:
    """Sequences whose label is a symbol seen ``k`` steps before the end: recall needs memory.

    Each sequence has ``k + 1`` steps and ``n_symbols + 1`` features:

    - step 0, the **cue**: one of ``n_symbols`` symbols, one-hot in features ``0 .. n_symbols-1``,
      and the **marker** feature ``n_symbols`` set to 1 ("remember this one");
    - steps ``1 .. k``, the **distractors**: Gaussian noise with standard deviation ``noise`` on
      the symbol features, marker 0.

    The target is the cue's symbol, so a model must carry it across the ``k`` noisy steps.
    Symbols are drawn uniformly: always answering the same symbol is right ``1 / n_symbols`` of
    the time (chance level). Introduced in notebook 6.

    Args:
        n_samples: number of sequences, an int >= 1.
        k: steps between the cue and the end of the sequence, an int >= 0 (0: the cue is the
            last step).
        n_symbols: number of symbols (classes), an int >= 2.
        noise: standard deviation of the distractors, a finite float >= 0. The default, 2,
            drowns the cue quickly in a ``SimpleRNN``'s state.
        seed: seed of the NumPy generator, an int >= 0; the same arguments give the same arrays.

    Returns:
        ``X`` with shape ``(n_samples, k + 1, n_symbols + 1)`` (float32) and ``y`` with shape
        ``(n_samples,)`` (int64, values in ``[0, n_symbols)``).

    Raises:
        TypeError: an argument that must be an int is not one, or ``noise`` is not a number.
        ValueError: an argument is out of its range.
    """
    n_samples = check_int("n_samples", n_samples, low=1)
    k = check_int("k", k, low=0)
    n_symbols = check_int("n_symbols", n_symbols, low=2)
    noise = check_number("noise", noise, low=0)
    rng = np.random.default_rng(check_int("seed", seed, low=0))
    y = rng.integers(0, n_symbols, size=n_samples)
    X = np.zeros((n_samples, k + 1, n_symbols + 1), dtype=np.float32)
    X[np.arange(n_samples), 0, y] = 1.0  # the cue, one-hot
    X[:, 0, n_symbols] = 1.0  # the marker: "remember this step"
    X[:, 1:, :n_symbols] = noise * rng.standard_normal((n_samples, k, n_symbols))
    return X, y.astype(np.int64)


def memory_task_runs(steps: int = 100) -> dict[tuple[str, str, int], np.ndarray]:
    """Notebook 6's comparison over 10 seeds, as shipped with the course (no training).

    The table ``course_utils/results/memory_task_seeds.csv``, made by
    ``benchmarks/memory_task_seeds.py`` with notebook 6's own functions: SimpleRNN, LSTM and GRU,
    each from Keras' default start and from its best start, trained with 100 Adam steps of 128
    fresh sequences for k in 1, 3, 5, 10, 15, 20, 30, 40, seeds 0..9, scored on 1,000 test
    sequences; and SimpleRNN's best start with 200 steps at k = 30 and 40.

    Args:
        steps: the training budget whose runs to return, 100 or 200.

    Returns:
        ``{(model, start, k): accuracies}``, ``start`` ``"default"`` or ``"best"``, each value of
        shape ``(seeds,)`` in seed order; empty when no run has that budget.

    Raises:
        TypeError: ``steps`` is not an int.
        ValueError: ``steps`` is below 1.
    """
    import csv
    from importlib import resources

    text = (resources.files("course_utils") / "results" / "memory_task_seeds.csv").read_text(
        encoding="utf-8"
    )
    runs: dict[tuple[str, str, int], list[tuple[int, float]]] = {}
    steps = check_int("steps", steps, low=1)
    for row in csv.DictReader(text.splitlines()):
        if int(row["steps"]) != steps:
            continue
        key = (row["model"], row["start"], int(row["k"]))
        runs.setdefault(key, []).append((int(row["seed"]), float(row["accuracy"])))
    return {key: np.array([a for _s, a in sorted(v)]) for key, v in runs.items()}
