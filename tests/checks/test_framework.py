"""The verdict framework: the registry, the fallback to references, the never-raise guard.

The registry tests run over every registered exercise, so a new checker module is covered as
soon as it registers: its reference must pass its own check, and odd answers must get a verdict,
never an exception.
"""

import contextlib
import inspect
import io

import numpy as np
import pytest

from course_utils import checks, data, rnn
from course_utils.checks import framework
from course_utils.checks.framework import EXERCISES, exercise, fail, not_done, passed, run_learner


def seed_version(sequence, n_steps):
    X, y = [], []
    for i in range(len(sequence) - n_steps):
        X.append(sequence[i : i + n_steps])
        y.append(sequence[i + n_steps])
    return np.array(X), np.array(y)


def stub(*args):
    raise NotImplementedError("your code here")


def test_the_exercises_of_every_notebook_are_registered():
    assert set(EXERCISES) == {
        "window_shapes",
        "pulse_prediction",
        "param_counts",
        "cycle_naive",
        "rnn_step",
        "bptt_by_hand",
        "sequence",
        "create_dataset",
        "training_data",
        "build_model",
        "training",
        "predict_next",
        "lstm_step",
        "gru_step",
        "recipe_guess",
    }
    notebooks = {name: ex.notebook for name, ex in EXERCISES.items()}
    assert notebooks["rnn_step"] == 2
    assert notebooks["lstm_step"] == notebooks["gru_step"] == 6


def test_every_public_check_is_a_registered_one():
    registered = {ex.check for ex in EXERCISES.values()}
    public = {getattr(checks, name) for name in checks.__all__ if name.startswith("check_")}
    assert public == registered


@pytest.mark.parametrize(
    "name", sorted(n for n, ex in EXERCISES.items() if ex.reference is not None)
)
def test_every_reference_passes_its_own_check(name, capsys):
    ex = EXERCISES[name]
    answer = ex.reference()
    args = answer if ex.unpack else (answer,)
    assert ex.check(*args) is True, capsys.readouterr().out
    assert capsys.readouterr().out.startswith("✅")


def test_references_reuse_the_package_code():
    assert EXERCISES["rnn_step"].reference() is rnn.rnn_step
    assert EXERCISES["lstm_step"].reference() is rnn.lstm_step
    assert EXERCISES["gru_step"].reference() is rnn.gru_step
    assert EXERCISES["create_dataset"].reference() is data.create_dataset


@pytest.mark.parametrize("name", sorted(EXERCISES))
@pytest.mark.parametrize("odd", [None, ..., 42, "text", [1, 2], np.ones((2, 2)), object()])
def test_no_check_raises_on_odd_answers(name, odd):
    ex = EXERCISES[name]
    params = inspect.signature(ex.check).parameters.values()  # the check's own, not quiet=
    n_args = sum(p.kind == p.POSITIONAL_OR_KEYWORD and p.default is p.empty for p in params)
    with contextlib.redirect_stdout(io.StringIO()) as out:
        verdict = ex.check(*([odd] * n_args))
    assert verdict is False
    assert out.getvalue().startswith(("❌", "⏳")), out.getvalue()


def test_solution_or_reference_keeps_a_right_answer(capsys):
    assert checks.solution_or_reference("create_dataset", seed_version) is seed_version
    assert capsys.readouterr().out == "Using your create_dataset.\n"


def test_solution_or_reference_falls_back_visibly(capsys):
    fn = checks.solution_or_reference("create_dataset", stub)
    assert fn is data.create_dataset
    assert "Using the course's reference create_dataset for now" in capsys.readouterr().out
    seq = checks.solution_or_reference("sequence", ...)
    np.testing.assert_array_equal(seq, np.arange(100))
    X, y = checks.solution_or_reference("training_data", (..., ...))
    assert X.shape == (90, 10, 1) and y.shape == (90,)
    assert checks.solution_or_reference("rnn_step", stub) is rnn.rnn_step


def test_solution_or_reference_rejects_unknown_names():
    with pytest.raises(ValueError, match="name must be one of"):
        checks.solution_or_reference("build_modle", stub)
    with pytest.raises(ValueError, match="name must be one of"):
        checks.solution_or_reference("training", stub)  # a check without a reference


# --- the framework itself, on a throw-away exercise ---------------------------------------------


@pytest.fixture
def toy_check():
    @exercise("toy", notebook=99, reference=lambda: 3)
    def check_toy(answer):
        if answer is ...:
            not_done()
        if answer == "boom":
            raise RuntimeError("a bug in the checker itself")
        if answer != 3:
            fail(f"the answer is 3, not {answer}.")
        return passed("3 it is.")

    yield check_toy
    del EXERCISES["toy"]


def test_a_check_words_each_verdict(toy_check, capsys):
    assert toy_check(3) is True
    assert capsys.readouterr().out == "✅ 3 it is.\n"
    assert toy_check(4) is False
    assert capsys.readouterr().out == "❌ the answer is 3, not 4.\n"
    assert toy_check(...) is False
    assert capsys.readouterr().out == framework.NOT_DONE + "\n"


def test_a_bug_in_a_check_becomes_a_verdict_not_a_traceback(toy_check, capsys):
    assert toy_check("boom") is False
    out = capsys.readouterr().out
    assert out.startswith("❌ The check could not inspect your answer (RuntimeError")


def test_quiet_prints_nothing(toy_check, capsys):
    assert toy_check(4, quiet=True) is False
    assert toy_check(3, quiet=True) is True
    assert capsys.readouterr().out == ""


def test_an_exercise_name_is_registered_once(toy_check):
    with pytest.raises(ValueError, match="registered twice"):
        exercise("toy", notebook=1)(lambda answer: True)


def test_run_learner_catches_everything_but_interrupts():
    def noisy(x):
        print("learner output")
        return x + 1

    outcome = run_learner(noisy, 1)
    assert (outcome.status, outcome.value) == ("ok", 2)
    assert run_learner(stub).status == "todo"

    def broken():
        return [][1]

    outcome = run_learner(broken)
    assert outcome.status == "error"
    assert outcome.error.startswith("IndexError: list index out of range")
    assert "(raised at `return [][1]` in broken)" in outcome.error

    def interrupted():
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run_learner(interrupted)


def test_a_or_an_picks_the_article_of_a_type_name():
    from course_utils.checks.framework import a_or_an

    assert [a_or_an(w) for w in ("int", "list", "float", "ellipsis", "str")] == [
        "an int",
        "a list",
        "a float",
        "an ellipsis",
        "a str",
    ]


def _verdict(fn, *args, **kwargs) -> str:
    """What a check built on ``fn`` would print: the failure message, or '' if it passed."""
    with pytest.raises(framework._Problem) as caught:
        fn(*args, **kwargs)
    return str(caught.value)


def test_require_function_wants_a_function_with_the_exercise_names():
    args = {"a": 1, "b": 2}
    assert "not an int" in _verdict(framework.require_function, 3, ("a", "b"), "my_f", args)
    message = _verdict(framework.require_function, lambda a, c: 0, ("a", "b"), "my_f", args)
    assert (
        "calling fn(a=..., b=...) failed" in message and "Keep the parameter names a, b" in message
    )

    def f(a, b):
        return a + b

    assert framework.require_function(f, ("a", "b"), "my_f", args) is f


def test_call_on_copies_returns_the_value_and_guards_the_inputs():
    x = np.zeros(3)
    assert framework.call_on_copies(lambda x, k: x + k, {"x": x, "k": 1.0}, "case 1")[0] == 1.0

    def in_place(x, k):
        x += k
        return x

    message = _verdict(framework.call_on_copies, in_place, {"x": x, "k": 1.0}, "case 1")
    assert message == "(case 1) your function changed its input x in place; leave it as is."
    assert np.array_equal(x, np.zeros(3))  # the caller's array is untouched either way


def test_call_on_copies_names_the_case_and_hints_at_shapes():
    def bad(x):
        return np.ones((2, 3)) @ x

    message = _verdict(framework.call_on_copies, bad, {"x": np.ones(2)}, "case 2", hint="Hint: H.")
    assert message.startswith("(case 2) your function raised ValueError: matmul")
    assert message.endswith(" Hint: H.")

    def missing_key(x):
        return {}["k"]

    message = _verdict(framework.call_on_copies, missing_key, {"x": 1}, "case 3", hint="Hint: H.")
    assert "raised KeyError" in message and "Hint" not in message

    def todo(x):
        raise NotImplementedError("your code here")

    with pytest.raises(framework._NotDone):
        framework.call_on_copies(todo, {"x": 1}, "case 1")
