"""The check of notebook 4's prediction: parameter counts of models the learner has not seen.

The models are notebook 4's (A: other units and features, B: two stacked SimpleRNN layers,
C: an LSTM, D: a GRU); each classic mistake gets a hint that names the missing term.
"""

import contextlib
import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from course_utils.checks import check_param_counts
from course_utils.checks.param_counts import count_by_formula, describe_layers

RIGHT = {"A": 1185, "B": 513, "C": 491, "D": 401}


@pytest.fixture(scope="module")
def models():
    import keras

    layers = keras.layers
    return {
        "A": keras.Sequential([keras.Input(shape=(30, 3)), layers.SimpleRNN(32), layers.Dense(1)]),
        "B": keras.Sequential(
            [
                keras.Input(shape=(10, 2)),
                layers.SimpleRNN(16, return_sequences=True),
                layers.SimpleRNN(8),
                layers.Dense(1),
            ]
        ),
        "C": keras.Sequential([keras.Input(shape=(10, 1)), layers.LSTM(10), layers.Dense(1)]),
        "D": keras.Sequential([keras.Input(shape=(10, 1)), layers.GRU(10), layers.Dense(1)]),
    }


def verdict(counts, models):
    with contextlib.redirect_stdout(io.StringIO()) as out:
        result = check_param_counts(counts, models)
    return result, out.getvalue()


def test_the_formula_agrees_with_keras(models):
    for name, model in models.items():
        layers, _ = describe_layers(model)
        assert count_by_formula(layers) == model.count_params() == RIGHT[name], name
    assert describe_layers(models["A"])[1] == 30


def test_right_counts_pass(models):
    result, out = verdict(RIGHT, models)
    assert result is True
    assert out.splitlines()[-1].startswith("✅ All 4 counts are right")


def test_placeholders_mean_not_done(models):
    result, out = verdict({name: ... for name in models}, models)
    assert result is False and out.startswith("⏳ Not done yet")
    assert verdict(..., models)[1].startswith("⏳ Not done yet")


def test_a_partial_answer_says_what_is_left(models):
    result, out = verdict({"A": 1185, "B": ..., "C": ..., "D": ...}, models)
    assert result is False
    assert "A: ✅ 1,185 is right" in out and "B: ⏳ not predicted yet" in out
    assert (
        out.splitlines()[-1] == "❌ 1 of 4 right so far; the hints above say which term to look at."
    )


# (model, a wrong count, words of the hint that names the missed term)
MISTAKES = [
    ("A", 161, "the recurrent weights are missing"),
    ("A", 1153, "the recurrent layer's bias is missing: units numbers per weight block."),
    ("A", 1152, "count the Dense layer on top too"),
    ("A", 1184, "the Dense layer has a bias too"),
    ("A", 2049, "you used the number of time steps (30) as the input features"),
    ("A", 34593, "does not grow with the 30 time steps"),
    ("A", 1121, "the input has 3 features per step, not 1"),
    ("A", 2651, "2,651 is the course's model"),
    ("A", 5000, "too high. Count layer by layer"),
    ("A", 100, "too low. Count layer by layer"),
    ("B", 401, "its features are the 16 units of the layer below, not the 2 input feature(s)"),
    ("B", 1665, "its features are 16, not 10 · 16"),
    ("B", 488, "the biases are missing"),
    ("B", 393, "its features are the 16 units of the layer below, not 1"),
    ("A", 2370, "exactly twice the right count"),
    ("C", 131, "that counts the LSTM like a SimpleRNN. An LSTM has 4 weight blocks"),
    ("C", 371, "3 weight blocks is the GRU; the LSTM has 4"),
    ("C", 461, "each of the LSTM's 4 weight blocks has its own bias"),
    ("D", 371, "Keras' GRU keeps two bias rows (its default reset_after=True)"),
    ("D", 131, "that counts the GRU like a SimpleRNN. A GRU has 3 weight blocks"),
    ("D", 491, "4 weight blocks is the LSTM; the GRU has 3"),
    ("D", 341, "(two rows of them in Keras' GRU)"),
    ("D", "401", "without quotes"),
    ("D", 400.5, "a whole number, got 400.5"),
    ("D", -401, "cannot be negative"),
    ("D", [401], "got list"),
]


@pytest.mark.parametrize(("name", "count", "words"), MISTAKES)
def test_each_mistake_gets_the_hint_that_names_it(models, name, count, words):
    counts = {**RIGHT, name: count}
    result, out = verdict(counts, models)
    assert result is False
    line = next(line for line in out.splitlines() if line.startswith(f"{name}: "))
    assert line.startswith(f"{name}: ❌") and words in line, line
    assert out.splitlines()[-1].startswith("❌ 3 of 4 right so far")


def test_the_hints_differ(models):
    lines = set()
    for name, count, _ in MISTAKES:
        out = verdict({**RIGHT, name: count}, models)[1]
        lines.add(next(line for line in out.splitlines() if line.startswith(f"{name}: ")))
    assert len(lines) == len(MISTAKES)


def test_integral_floats_and_numpy_ints_are_fine(models):
    import numpy as np

    assert verdict({"A": 1185.0, "B": np.int64(513), "C": 491, "D": 401}, models)[0] is True


@pytest.mark.parametrize(
    ("counts", "words"),
    [
        ({"A": 1185}, "missing ['B', 'C', 'D']"),
        ({**RIGHT, "E": 7}, "unknown ['E']"),
        ([1185, 513, 491, 401], "should be a dict"),
    ],
)
def test_a_wrong_container_is_explained(models, counts, words):
    result, out = verdict(counts, models)
    assert result is False and out.startswith("❌") and words in out


def test_wrong_models_are_explained():
    assert verdict(RIGHT, "models")[1].startswith("❌ models should be the dict of models")
    result, out = verdict({"A": 3}, {"A": object()})
    assert result is False and out.startswith("❌")


def test_dense_only_models_and_unknown_layer_kinds():
    import keras

    model = keras.Sequential(
        [keras.Input(shape=(4,)), keras.layers.Dense(3), keras.layers.Dense(1)]
    )
    out = verdict({"M": 15}, {"M": model})[1]  # 4·3 + 3·1 weights, and 3 + 1 biases: 19
    assert "M: ❌ 15 is not it: the Dense layer has a bias too" in out
    conv = keras.Sequential([keras.Input(shape=(8, 2)), keras.layers.Conv1D(3, 2)])
    out = verdict({"M": 1}, {"M": conv})[1]
    assert "M: ❌ 1 is not it: too low. Count layer by layer" in out


values = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=5)
answers = st.dictionaries(st.sampled_from(["A", "B", "C", "D", "E", 0]), values | st.just(...))


@settings(max_examples=200, deadline=None)
@given(answers | values | st.lists(values, max_size=4))
def test_it_never_raises(models, counts):
    result, out = verdict(counts, models)
    assert result in (True, False)
    assert out.startswith(("A: ", "B: ", "C: ", "D: ", "✅", "❌", "⏳")), out
    assert "could not inspect" not in out
