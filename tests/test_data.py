import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from course_utils.data import (
    audio_like_signal,
    counting_sequence,
    create_dataset,
    noisy_sine,
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
        (np.arange(10), 0, ValueError, "n_steps must be a positive int, got 0"),
        (np.arange(10), -3, ValueError, "n_steps must be a positive int, got -3"),
        (np.arange(10), 2.0, TypeError, "n_steps must be a positive int, got float 2.0"),
        (np.arange(10), "3", TypeError, "n_steps must be a positive int, got str '3'"),
        (np.arange(10), True, TypeError, "n_steps must be a positive int, got bool"),
        (np.arange(10), 10, ValueError, "n_steps must be smaller than the sequence length (10)"),
        (np.arange(10), 15, ValueError, "got n_steps=15"),
        (
            np.arange(12).reshape(3, 4),
            2,
            ValueError,
            "must be 1-D with shape (length,), got shape (3, 4)",
        ),
        (np.float64(3.0), 1, ValueError, "got shape ()"),
        (["a", "b", "c"], 1, TypeError, "sequence must contain numbers, got dtype <U1"),
        ("abcdef", 2, TypeError, "got a str"),
        ([1, None, 3], 1, TypeError, "sequence must contain numbers, got dtype object"),
        ([1.0, np.nan, 3.0, 4.0], 1, ValueError, "must be finite, but element 1 is nan"),
        ([1.0, 2.0, np.inf], 1, ValueError, "element 2 is inf"),
        ([1 + 2j, 3, 4], 1, TypeError, "real numbers"),
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
    with pytest.raises(ValueError, match="stop must be greater than start"):
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
    with pytest.raises(ValueError, match="period must be positive"):
        noisy_sine(10, period=0)
    with pytest.raises(ValueError, match="noise must be >= 0"):
        noisy_sine(10, noise=-1)
    with pytest.raises(TypeError, match="n must be a positive int"):
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
    with pytest.raises(ValueError, match="duration must be positive"):
        audio_like_signal(0)
    with pytest.raises(ValueError, match="f0 must be a positive frequency"):
        audio_like_signal(f0=-1)


def test_text_to_ids_round_trips():
    ids, vocab = text_to_ids("hello world")
    assert ids.shape == (11,)
    assert "".join(vocab[i] for i in ids) == "hello world"
    assert vocab == sorted(set("hello world"))
    with pytest.raises(TypeError, match="text must be a str"):
        text_to_ids(["h", "i"])
    with pytest.raises(ValueError, match="text must not be empty"):
        text_to_ids("")


def test_generators_name_bad_parameters():
    with pytest.raises(TypeError, match="period must be a number, got str"):
        noisy_sine(10, period="50")
    with pytest.raises(TypeError, match="amplitude must be a number"):
        noisy_sine(10, amplitude=None)
    with pytest.raises(ValueError, match="harmonics must hold at least one non-zero amplitude"):
        audio_like_signal(harmonics=(), noise=0.0)
    with pytest.raises(ValueError, match="harmonics must hold at least one non-zero amplitude"):
        audio_like_signal(harmonics=(0.0, 0.0))
