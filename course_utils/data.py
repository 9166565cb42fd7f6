"""Sequence data for the course: generators and windowing.

Every generator is deterministic given its ``seed`` and needs no network.
"""

from __future__ import annotations

import numbers

import numpy as np

__all__ = [
    "audio_like_signal",
    "counting_sequence",
    "create_dataset",
    "noisy_sine",
    "text_to_ids",
]


def _check_positive_int(name: str, value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be a positive int, got {type(value).__name__} {value!r}")
    if value < 1:
        raise ValueError(f"{name} must be a positive int, got {value}")
    return int(value)


def _as_1d_numeric(name: str, sequence: object) -> np.ndarray:
    """Return ``sequence`` as a 1-D numeric array, or raise a message a learner can act on."""
    if isinstance(sequence, str | bytes):
        raise TypeError(
            f"{name} must be a 1-D sequence of numbers, got a {type(sequence).__name__}"
        )
    try:
        arr = np.asarray(sequence)
    except ValueError as err:  # ragged nested lists
        raise ValueError(f"{name} must be a 1-D sequence of numbers ({err})") from None
    if arr.dtype == object or not (
        np.issubdtype(arr.dtype, np.number) or np.issubdtype(arr.dtype, np.bool_)
    ):
        raise TypeError(f"{name} must contain numbers, got dtype {arr.dtype}")
    if np.issubdtype(arr.dtype, np.complexfloating):
        raise TypeError(f"{name} must contain real numbers, got dtype {arr.dtype}")
    if arr.ndim != 1:
        raise ValueError(
            f"{name} must be 1-D with shape (length,), got shape {arr.shape}; "
            "flatten it first, e.g. np.ravel(sequence)"
        )
    if np.issubdtype(arr.dtype, np.floating) and not np.all(np.isfinite(arr)):
        bad = int(np.flatnonzero(~np.isfinite(arr))[0])
        raise ValueError(f"{name} must be finite, but element {bad} is {arr[bad]}")
    return arr


def create_dataset(sequence: object, n_steps: int) -> tuple[np.ndarray, np.ndarray]:
    """Cut a 1-D sequence into (window, next value) training pairs.

    Window ``i`` is ``sequence[i : i + n_steps]`` and its target is ``sequence[i + n_steps]``.

    Args:
        sequence: 1-D array-like of real numbers, shape ``(length,)``.
        n_steps: window length, a positive int smaller than ``length``.

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
    arr = _as_1d_numeric("sequence", sequence)
    n_steps = _check_positive_int("n_steps", n_steps)
    if n_steps >= len(arr):
        raise ValueError(
            f"n_steps must be smaller than the sequence length ({len(arr)}) so that at least one "
            f"window has a next value to predict, got n_steps={n_steps}"
        )
    windows = np.lib.stride_tricks.sliding_window_view(arr, n_steps)
    X = windows[:-1].copy()
    y = arr[n_steps:].copy()
    return X, y


def counting_sequence(start: int = 0, stop: int = 100) -> np.ndarray:
    """The seed's sequence ``start, start+1, ..., stop-1`` as float32, shape ``(stop - start,)``."""
    for name, value in (("start", start), ("stop", stop)):
        if isinstance(value, bool) or not isinstance(value, numbers.Integral):
            raise TypeError(f"{name} must be an int, got {type(value).__name__} {value!r}")
    if stop <= start:
        raise ValueError(f"stop must be greater than start, got start={start}, stop={stop}")
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
    """A sine wave plus Gaussian noise (and an optional linear trend), shape ``(n,)``, float32.

    ``x[t] = amplitude * sin(2*pi*t/period) + trend*t + noise * N(0, 1)``.
    """
    n = _check_positive_int("n", n)
    for name, value in (("period", period), ("amplitude", amplitude), ("trend", trend)):
        if isinstance(value, bool) or not isinstance(value, numbers.Real):
            raise TypeError(f"{name} must be a number, got {type(value).__name__} {value!r}")
    if not period > 0:
        raise ValueError(f"period must be positive, got {period}")
    if not noise >= 0:
        raise ValueError(f"noise must be >= 0, got {noise}")
    rng = np.random.default_rng(seed)
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

    Returns ``(t, x)``: times in seconds and the signal in [-1, 1], both shape
    ``(round(duration * sample_rate),)``, float32.
    """
    sample_rate = _check_positive_int("sample_rate", sample_rate)
    if not duration > 0:
        raise ValueError(f"duration must be positive (seconds), got {duration}")
    n = round(duration * sample_rate)
    if n < 2:
        raise ValueError(f"duration * sample_rate must give at least 2 samples, got {n}")
    if not f0 > 0:
        raise ValueError(f"f0 must be a positive frequency in Hz, got {f0}")
    if len(harmonics) == 0 or not any(harmonics):
        raise ValueError(f"harmonics must hold at least one non-zero amplitude, got {harmonics!r}")
    t = np.arange(n) / sample_rate
    x = sum(a * np.sin(2 * np.pi * (k + 1) * f0 * t) for k, a in enumerate(harmonics))
    x = x * np.hanning(n)  # fade in and out
    x = x + noise * np.random.default_rng(seed).standard_normal(n)
    x = x / np.max(np.abs(x))
    return t.astype(np.float32), x.astype(np.float32)


def text_to_ids(text: str) -> tuple[np.ndarray, list[str]]:
    """Turn text into a sequence of character ids.

    Returns ``(ids, vocab)``: ``ids`` has shape ``(len(text),)`` (int64) and
    ``vocab[ids[i]] == text[i]``; ``vocab`` is the sorted list of distinct characters.
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, got {type(text).__name__}")
    if not text:
        raise ValueError("text must not be empty")
    vocab = sorted(set(text))
    index = {ch: i for i, ch in enumerate(vocab)}
    ids = np.array([index[ch] for ch in text], dtype=np.int64)
    return ids, vocab


# --- Notebook 6: a task that needs a long memory ------------------------------------------------


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
    the time (chance level).

    Args:
        n_samples: number of sequences, a positive int.
        k: steps between the cue and the end of the sequence, an int >= 0 (0: the cue is the
            last step).
        n_symbols: number of symbols (classes), an int >= 2.
        noise: standard deviation of the distractors, a finite float >= 0. The default, 2,
            drowns the cue quickly in a ``SimpleRNN``'s state.
        seed: seed of the NumPy generator; the same arguments give the same arrays.

    Returns:
        ``X`` with shape ``(n_samples, k + 1, n_symbols + 1)`` (float32) and ``y`` with shape
        ``(n_samples,)`` (int64, values in ``[0, n_symbols)``).

    Raises:
        TypeError: an argument that must be an int is not one, or ``noise`` is not a number.
        ValueError: an argument is out of its range.
    """
    n_samples = _check_positive_int("n_samples", n_samples)
    if isinstance(k, bool) or not isinstance(k, numbers.Integral):
        raise TypeError(f"k must be an int >= 0, got {type(k).__name__} {k!r}")
    if k < 0:
        raise ValueError(f"k must be an int >= 0 (steps between cue and end), got {k}")
    n_symbols = _check_positive_int("n_symbols", n_symbols)
    if n_symbols < 2:
        raise ValueError(f"n_symbols must be at least 2 (one needs no memory), got {n_symbols}")
    if isinstance(noise, bool) or not isinstance(noise, numbers.Real):
        raise TypeError(f"noise must be a number >= 0, got {type(noise).__name__} {noise!r}")
    if not (np.isfinite(noise) and noise >= 0):
        raise ValueError(f"noise must be a finite number >= 0, got {noise}")
    if isinstance(seed, bool) or not isinstance(seed, numbers.Integral):
        raise TypeError(f"seed must be an int, got {type(seed).__name__} {seed!r}")
    rng = np.random.default_rng(int(seed))
    y = rng.integers(0, n_symbols, size=n_samples)
    X = np.zeros((n_samples, k + 1, n_symbols + 1), dtype=np.float32)
    X[np.arange(n_samples), 0, y] = 1.0  # the cue, one-hot
    X[:, 0, n_symbols] = 1.0  # the marker: "remember this step"
    X[:, 1:, :n_symbols] = noise * rng.standard_normal((n_samples, k, n_symbols))
    return X, y.astype(np.int64)


__all__ += ["memory_task"]  # appended here to keep edits to this file local
