"""Sequence generators and windowing (course_utils.data)."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from course_utils.data import (
    audio_like_signal,
    counting_sequence,
    create_dataset,
    memory_task,
    noisy_sine,
    pulse_input,
    text_to_ids,
)


def reference_create_dataset(sequence, n_steps):
    """The course text's loop, written independently of the vectorised version."""
    X, y = [], []
    for i in range(len(sequence) - n_steps):
        X.append(sequence[i : i + n_steps])
        y.append(sequence[i + n_steps])
    return np.array(X), np.array(y)


sequences = hnp.arrays(
    dtype=st.sampled_from([np.int64, np.float32, np.float64]),
    shape=st.integers(2, 60),
    elements=st.integers(-1000, 1000),
)


@given(sequences, st.data())
def test_create_dataset_matches_the_loop(seq, data):
    n_steps = data.draw(st.integers(1, len(seq) - 1))
    X, y = create_dataset(seq, n_steps)
    X_ref, y_ref = reference_create_dataset(seq, n_steps)
    assert X.shape == (len(seq) - n_steps, n_steps)
    assert y.shape == (len(seq) - n_steps,)
    np.testing.assert_array_equal(X, X_ref)
    np.testing.assert_array_equal(y, y_ref)
    assert X.dtype == seq.dtype and y.dtype == seq.dtype


@given(sequences, st.data())
def test_every_window_is_followed_by_its_target(seq, data):
    n_steps = data.draw(st.integers(1, len(seq) - 1))
    X, y = create_dataset(seq, n_steps)
    for i in range(len(y)):
        np.testing.assert_array_equal(np.append(X[i], y[i]), seq[i : i + n_steps + 1])
    # the last window ends just before the last value, which is the last target
    assert y[-1] == seq[-1]


def test_create_dataset_returns_copies_not_views():
    seq = np.arange(10.0)
    X, y = create_dataset(seq, 3)
    X[0, 0] = 99
    y[0] = 99
    assert seq[0] == 0 and seq[3] == 3


def test_create_dataset_accepts_lists_and_numpy_ints():
    X, y = create_dataset([1, 2, 3, 4], np.int64(2))
    np.testing.assert_array_equal(X, [[1, 2], [2, 3]])
    np.testing.assert_array_equal(y, [3, 4])


def test_seed_example():
    X, y = create_dataset(np.arange(100), 10)
    assert X.shape == (90, 10) and y.shape == (90,)
    np.testing.assert_array_equal(X[-1], np.arange(89, 99))
    assert y[-1] == 99


@pytest.mark.parametrize(
    ("sequence", "n_steps", "error", "message"),
    [
        (np.arange(10), 0, ValueError, "n_steps must be an int >= 1, got 0"),
        (np.arange(10), -3, ValueError, "n_steps must be an int >= 1, got -3"),
        (np.arange(10), 2.0, TypeError, "n_steps must be an int >= 1, got float 2.0"),
        (np.arange(10), "3", TypeError, "n_steps must be an int >= 1, got str '3'"),
        (np.arange(10), True, TypeError, "n_steps must be an int >= 1, got bool"),
        (np.arange(10), 10, ValueError, "n_steps must be smaller than the sequence length (10)"),
        (np.arange(10), 15, ValueError, "got n_steps=15"),
        (
            np.arange(12).reshape(3, 4),
            2,
            ValueError,
            "must be 1-D with shape (length,), got shape (3, 4)",
        ),
        (np.float64(3.0), 1, ValueError, "got shape ()"),
        (
            ["a", "b", "c"],
            1,
            TypeError,
            "sequence must be a 1-D sequence of numbers, got dtype <U1",
        ),
        ("abcdef", 2, TypeError, "got a str"),
        (
            [1, None, 3],
            1,
            TypeError,
            "sequence must be a 1-D sequence of numbers, got dtype object",
        ),
        ([1.0, np.nan, 3.0, 4.0], 1, ValueError, "must be finite, but element 1 is nan"),
        ([1.0, 2.0, np.inf], 1, ValueError, "element 2 is inf"),
        ([1 + 2j, 3, 4], 1, TypeError, "got dtype complex128"),
        ([[1, 2], [3]], 1, ValueError, "sequence must be a 1-D sequence of numbers"),
    ],
)
def test_create_dataset_bad_input_says_what_was_expected(sequence, n_steps, error, message):
    with pytest.raises(error) as info:
        create_dataset(sequence, n_steps)
    assert message in str(info.value)


def test_counting_sequence():
    s = counting_sequence(0, 100)
    assert s.shape == (100,) and s.dtype == np.float32
    assert s[0] == 0 and s[-1] == 99
    with pytest.raises(ValueError, match="stop must be an int >= 6, got 5"):
        counting_sequence(5, 5)
    with pytest.raises(TypeError, match="start must be an int"):
        counting_sequence(0.5, 10)


def test_noisy_sine_is_seeded_and_shaped():
    a = noisy_sine(300, period=40, noise=0.2, seed=1)
    b = noisy_sine(300, period=40, noise=0.2, seed=1)
    c = noisy_sine(300, period=40, noise=0.2, seed=2)
    assert a.shape == (300,) and a.dtype == np.float32
    np.testing.assert_array_equal(a, b)
    assert not np.array_equal(a, c)
    clean = noisy_sine(200, period=40, noise=0.0)
    np.testing.assert_allclose(clean[[0, 20, 40]], [0, 0, 0], atol=1e-5)
    np.testing.assert_allclose(clean[[10, 30]], [1, -1], atol=1e-6)
    with pytest.raises(ValueError, match="period must be a finite number > 0"):
        noisy_sine(10, period=0)
    with pytest.raises(ValueError, match="noise must be a finite number >= 0"):
        noisy_sine(10, noise=-1)
    with pytest.raises(TypeError, match="n must be an int >= 1"):
        noisy_sine(10.0)


def test_noisy_sine_trend():
    s = noisy_sine(100, noise=0.0, trend=0.5)
    assert s[-1] - s[0] == pytest.approx(0.5 * 99 + np.sin(2 * np.pi * 99 / 50), abs=1e-4)


def test_audio_like_signal():
    t, x = audio_like_signal(0.05, sample_rate=8000, f0=200.0)
    assert t.shape == x.shape == (400,)
    assert t[1] - t[0] == pytest.approx(1 / 8000)
    assert np.max(np.abs(x)) == pytest.approx(1.0)
    # fades in and out
    assert abs(x[0]) < 0.1 and abs(x[-1]) < 0.1
    # its strongest frequency is the fundamental
    spectrum = np.abs(np.fft.rfft(x))
    freqs = np.fft.rfftfreq(len(x), 1 / 8000)
    assert freqs[np.argmax(spectrum)] == pytest.approx(200.0, abs=20)
    with pytest.raises(ValueError, match="duration must be a finite number > 0"):
        audio_like_signal(0)
    with pytest.raises(ValueError, match="f0 must be a finite number > 0"):
        audio_like_signal(f0=-1)


def test_text_to_ids_round_trips():
    ids, vocab = text_to_ids("hello world")
    assert ids.shape == (11,)
    assert "".join(vocab[i] for i in ids) == "hello world"
    assert vocab == sorted(set("hello world"))
    with pytest.raises(TypeError, match="text must be a str"):
        text_to_ids(["h", "i"])
    with pytest.raises(ValueError, match="text must be a non-empty str"):
        text_to_ids("")


def test_generators_name_bad_parameters():
    with pytest.raises(TypeError, match="period must be a finite number > 0, got str"):
        noisy_sine(10, period="50")
    with pytest.raises(TypeError, match="amplitude must be a finite number"):
        noisy_sine(10, amplitude=None)
    with pytest.raises(ValueError, match="harmonics must hold at least one non-zero amplitude"):
        audio_like_signal(harmonics=(), noise=0.0)
    with pytest.raises(ValueError, match="harmonics must hold at least one non-zero amplitude"):
        audio_like_signal(harmonics=(0.0, 0.0))


def test_pulse_input_is_one_based():
    np.testing.assert_array_equal(pulse_input(6, start=2, length=3, height=2.0), [0, 2, 2, 2, 0, 0])
    with pytest.raises(ValueError, match="length must be an int >= 1 and <= 2, got 3"):
        pulse_input(6, start=5, length=3)
    with pytest.raises(TypeError, match="start must be an int"):
        pulse_input(6, start=1.5)


@settings(max_examples=40, deadline=None)
@given(
    n=st.integers(1, 40),
    k=st.integers(0, 30),
    n_symbols=st.integers(2, 6),
    noise=st.floats(0, 3),
    seed=st.integers(0, 2**32 - 1),
)
def test_memory_task_layout(n, k, n_symbols, noise, seed):
    X, y = memory_task(n, k, n_symbols=n_symbols, noise=noise, seed=seed)
    assert X.shape == (n, k + 1, n_symbols + 1) and X.dtype == np.float32
    assert y.shape == (n,) and y.dtype == np.int64
    assert np.all((0 <= y) & (y < n_symbols))
    # step 0: the cue's symbol one-hot, and the marker
    expected_cue = np.zeros((n, n_symbols + 1), dtype=np.float32)
    expected_cue[np.arange(n), y] = 1.0
    expected_cue[:, n_symbols] = 1.0
    np.testing.assert_array_equal(X[:, 0], expected_cue)
    # later steps: no marker, the symbol features are noise only
    np.testing.assert_array_equal(X[:, 1:, n_symbols], 0.0)


def test_memory_task_is_deterministic_and_seeded():
    X1, y1 = memory_task(50, 10, seed=3)
    X2, y2 = memory_task(50, 10, seed=3)
    X3, y3 = memory_task(50, 10, seed=4)
    np.testing.assert_array_equal(X1, X2)
    np.testing.assert_array_equal(y1, y2)
    assert not np.array_equal(X1, X3) and not np.array_equal(y1, y3)


def test_memory_task_noise_level_and_balanced_labels():
    X, y = memory_task(4000, 20, n_symbols=4, noise=1.5, seed=0)
    distractors = X[:, 1:, :4]
    assert abs(distractors.std() - 1.5) < 0.02 and abs(distractors.mean()) < 0.02
    counts = np.bincount(y, minlength=4) / len(y)
    np.testing.assert_allclose(counts, 0.25, atol=0.03)  # chance level is 1 / n_symbols
    X0, _ = memory_task(10, 5, noise=0.0)
    np.testing.assert_array_equal(X0[:, 1:], 0.0)


def test_memory_task_k0_is_just_the_cue():
    X, y = memory_task(8, 0, n_symbols=3)
    assert X.shape == (8, 1, 4)
    np.testing.assert_array_equal(np.argmax(X[:, 0, :3], axis=1), y)


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"n_samples": 0, "k": 5}, ValueError, "n_samples must be an int >= 1"),
        ({"n_samples": 2.0, "k": 5}, TypeError, "n_samples must be an int >= 1"),
        ({"n_samples": 2, "k": -1}, ValueError, "k must be an int >= 0"),
        ({"n_samples": 2, "k": 1.5}, TypeError, "k must be an int >= 0"),
        ({"n_samples": 2, "k": True}, TypeError, "k must be an int >= 0"),
        ({"n_samples": 2, "k": 3, "n_symbols": 1}, ValueError, "n_symbols must be an int >= 2"),
        ({"n_samples": 2, "k": 3, "n_symbols": "4"}, TypeError, "n_symbols must be an int"),
        ({"n_samples": 2, "k": 3, "noise": -0.1}, ValueError, "noise must be a finite number"),
        ({"n_samples": 2, "k": 3, "noise": float("nan")}, ValueError, "noise must be a finite"),
        ({"n_samples": 2, "k": 3, "noise": "1"}, TypeError, "noise must be a finite number"),
        ({"n_samples": 2, "k": 3, "seed": 1.0}, TypeError, "seed must be an int"),
    ],
)
def test_memory_task_bad_input(kwargs, error, message):
    with pytest.raises(error, match=message):
        memory_task(**kwargs)


def test_memory_task_runs_reads_the_shipped_table_of_notebook_6():
    from course_utils.data import memory_task_runs

    runs = memory_task_runs()
    assert len(runs) == 3 * 2 * 8  # models x starts x k
    accuracies = runs["LSTM", "best", 40]
    assert accuracies.shape == (10,) and np.all((accuracies >= 0) & (accuracies <= 1))
    assert set(memory_task_runs(steps=200)) == {
        ("SimpleRNN", "best", 30),
        ("SimpleRNN", "best", 40),
    }
    assert memory_task_runs(steps=50) == {}
    with pytest.raises(TypeError, match="steps must be an int"):
        memory_task_runs(steps=100.0)
    with pytest.raises(ValueError, match="steps must be an int >= 1"):
        memory_task_runs(steps=0)
