"""The end-of-notebook quizzes: every quiz file is valid, feedback is right, answers stay hidden."""

from __future__ import annotations

import dataclasses
import fnmatch
import functools
import json
import random
import re
from collections import Counter
from pathlib import Path

import ipywidgets as widgets
import nbformat
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from course_utils.quiz import (
    ChoiceSpec,
    NumberSpec,
    Quiz,
    judge_number,
    load_quiz,
    parse_quiz,
    quiz,
    quiz_files,
    quiz_text,
)
from course_utils.teaching.execute import run_notebook

REPO = Path(__file__).resolve().parents[1]
QUIZ_FILES = quiz_files()
QUIZ_NAMES = [f.name.removesuffix(".json") for f in QUIZ_FILES]


def read(name: str) -> dict:
    return json.loads(next(f for f in QUIZ_FILES if f.name == f"{name}.json").read_text("utf-8"))


def plain(text: str) -> str:
    return text.replace("`", "")


def hidden_texts(spec) -> list[str]:
    """Everything a learner must not see before checking: feedback and explanations."""
    texts = []
    for q in spec.questions:
        texts.append(q.explanation)
        if isinstance(q, ChoiceSpec):
            texts += [o.feedback for o in q.options]
        else:
            texts += [q.too_low, q.too_high, *(f for _v, f in q.wrong_values)]
    return [t for t in texts if t]


# --- the quiz files ------------------------------------------------------------------------------


def test_the_course_ships_quizzes():
    assert "01_sequence_data" in QUIZ_NAMES


@pytest.mark.parametrize("name", QUIZ_NAMES)
def test_every_quiz_file_validates(name):
    spec = parse_quiz(read(name))  # raises ValueError naming the rule a file breaks
    assert name.startswith(f"{spec.notebook}_"), "the file name starts with its notebook number"
    assert 5 <= len(spec.questions) <= 8
    assert len({q.id for q in spec.questions}) == len(spec.questions)
    for q in spec.questions:
        if isinstance(q, ChoiceSpec):
            assert sum(o.correct for o in q.options) == 1, q.id
            assert all(o.feedback.strip() for o in q.options if not o.correct), q.id
        else:
            assert q.tolerance > 0, q.id
    assert load_quiz(spec.notebook) == spec


def test_quiz_files_ship_in_the_wheel():
    # read with a pattern, not tomllib: the course supports Python 3.10, which has no tomllib
    text = (REPO / "pyproject.toml").read_text("utf-8")
    section = text.split("[tool.setuptools.package-data]", 1)[1].split("\n[", 1)[0]
    line = re.search(r"^course_utils\s*=\s*\[(.*)\]", section, flags=re.M)
    assert line, "pyproject.toml has no course_utils package-data"
    patterns = re.findall(r'"([^"]+)"', line.group(1))
    for name in QUIZ_NAMES:
        path = f"quizzes/{name}.json"
        assert any(fnmatch.fnmatch(path, p) for p in patterns), f"{path} not in package-data"


def crowded_positions(spec, name: str) -> list[str]:
    """A message for each option position that holds more than half of the right answers."""
    positions = {
        q.id: next(i for i, o in enumerate(q.options) if o.correct)
        for q in spec.questions
        if isinstance(q, ChoiceSpec)
    }
    messages = []
    for position, n in sorted(Counter(positions.values()).items()):
        if n > len(positions) / 2:
            at = ", ".join(sorted(q for q, p in positions.items() if p == position))
            messages.append(
                f"quizzes/{name}.json: option {position + 1} is the right one in {n} of "
                f"{len(positions)} choice questions ({at}): move the right option of some of "
                "them to another place"
            )
    return messages


@pytest.mark.parametrize("name", QUIZ_NAMES)
def test_the_right_option_is_not_mostly_in_one_place(name):
    # The widget shuffles the options, but the site, the slides and quiz_text list them in the
    # file's order: no single position may hold more than half of the right answers.
    assert crowded_positions(load_quiz(name), name) == []


def test_a_quiz_with_the_right_option_mostly_first_is_named():
    spec = load_quiz("03")
    first = tuple(
        dataclasses.replace(q, options=tuple(sorted(q.options, key=lambda o: not o.correct)))
        if isinstance(q, ChoiceSpec)
        else q
        for q in spec.questions
    )
    [message] = crowded_positions(dataclasses.replace(spec, questions=first), "03_unrolling")
    assert message.startswith("quizzes/03_unrolling.json: option 1 is the right one in 7 of 7")
    assert "clipnorm" in message


def valid_quiz() -> dict:
    choice = {
        "id": "c",
        "kind": "choice",
        "prompt": "Pick B.",
        "options": [{"text": "A", "feedback": "A is wrong."}, {"text": "B", "correct": True}],
    }
    number = {
        "id": "n",
        "kind": "number",
        "prompt": "Type 10.",
        "answer": 10,
        "tolerance": 0.5,
        "too_low": "Low.",
        "too_high": "High.",
        "wrong_values": [{"value": 20, "feedback": "Twice too much."}],
    }
    questions = [choice, number] + [{**choice, "id": f"c{i}"} for i in range(3)]
    return {"notebook": "99", "title": "Test", "questions": questions}


def broken(change) -> dict:
    data = valid_quiz()
    change(data)
    return data


def drop_feedback(data):
    del data["questions"][0]["options"][0]["feedback"]


def two_correct(data):
    data["questions"][0]["options"][0] = {"text": "A", "correct": True}


BROKEN = {
    "4 questions": (lambda d: d["questions"].pop(), "must hold 5 to 8"),
    "9 questions": (lambda d: d["questions"].extend(d["questions"][:4]), "must hold 5 to 8"),
    "duplicate ids": (lambda d: d["questions"][3].update(id="c0"), "ids must be unique"),
    "no feedback on a wrong option": (drop_feedback, r"options\[0\]\.feedback must be"),
    "blank feedback": (
        lambda d: d["questions"][0]["options"][0].update(feedback="  "),
        r"options\[0\]\.feedback must be",
    ),
    "two correct options": (two_correct, "exactly one correct option"),
    "no correct option": (
        lambda d: d["questions"][0]["options"][1].update(correct=False, feedback="No."),
        "exactly one correct option",
    ),
    "one option": (lambda d: d["questions"][0]["options"].pop(), "at least 2 options"),
    "same option twice": (
        lambda d: d["questions"][0]["options"][0].update(text="B"),
        "distinct texts",
    ),
    "feedback on the correct option": (
        lambda d: d["questions"][0]["options"][1].update(feedback="Yes."),
        "explanation",
    ),
    "zero tolerance": (lambda d: d["questions"][1].update(tolerance=0), "tolerance must be > 0"),
    "negative tolerance": (lambda d: d["questions"][1].update(tolerance=-1), "must be > 0"),
    "text answer": (lambda d: d["questions"][1].update(answer="10"), "answer must be a finite"),
    "wrong value = answer": (
        lambda d: d["questions"][1]["wrong_values"][0].update(value=10.2),
        "within the tolerance",
    ),
    "no too_high": (lambda d: d["questions"][1].pop("too_high"), "too_high must be"),
    "unknown kind": (lambda d: d["questions"][1].update(kind="essay"), "kind must be"),
    "a list as kind": (lambda d: d["questions"][1].update(kind=["choice"]), "kind must be"),
    "zero tolerance of a wrong value": (
        lambda d: d["questions"][1]["wrong_values"][0].update(tolerance=0),
        r"wrong_values\[0\]\.tolerance must be > 0",
    ),
    "text tolerance of a wrong value": (
        lambda d: d["questions"][1]["wrong_values"][0].update(tolerance="1"),
        r"wrong_values\[0\]\.tolerance must be a finite number",
    ),
    "a wrong value whose tolerance reaches the answer": (
        lambda d: d["questions"][1]["wrong_values"][0].update(tolerance=10),
        "within the tolerance",
    ),
    "wrong_values not a list": (
        lambda d: d["questions"][1].update(wrong_values=3),
        "wrong_values must be a list",
    ),
    "a question that is not an object": (
        lambda d: d["questions"].__setitem__(0, "Pick B."),
        r"questions\[0\] must be an object",
    ),
    "no prompt": (lambda d: d["questions"][2].pop("prompt"), r"questions\[2\]\.prompt"),
}


def test_the_valid_example_passes():
    assert len(parse_quiz(valid_quiz()).questions) == 5


@pytest.mark.parametrize("case", BROKEN)
def test_a_broken_quiz_file_is_refused_with_the_rule_it_breaks(case):
    change, message = BROKEN[case]
    with pytest.raises(ValueError, match=message):
        parse_quiz(broken(change))


JSON = st.recursive(
    st.none() | st.booleans() | st.floats() | st.integers() | st.text(max_size=5),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner),
    max_leaves=10,
)
KEYS = ["id", "kind", "prompt", "options", "answer", "tolerance", "too_low", "too_high"]
KEYS += ["wrong_values", "explanation"]


@settings(max_examples=300, deadline=None)
@given(
    question=st.integers(0, 4),
    key=st.sampled_from(KEYS),
    value=JSON,
    option_key=st.sampled_from(["text", "correct", "feedback", "value"]),
)
def test_a_damaged_quiz_file_gets_a_value_error_not_a_crash(question, key, value, option_key):
    data = valid_quiz()
    data["questions"][question][key] = value
    try:
        parse_quiz(data)
    except ValueError:
        pass  # a clear refusal; any other exception fails the test
    data = valid_quiz()
    q = data["questions"][question]
    items = q.get("options") or q["wrong_values"]
    items[0][option_key] = value
    try:
        parse_quiz(data)
    except ValueError:
        pass


@given(JSON)
def test_any_json_value_is_refused_with_a_value_error(data):
    with pytest.raises(ValueError):
        parse_quiz(data)


def test_unknown_quiz_names():
    with pytest.raises(ValueError, match=r"name must name one quiz .*01_sequence_data"):
        load_quiz("99")
    with pytest.raises(TypeError, match="name must be a string"):
        load_quiz(1)
    with pytest.raises(TypeError, match="spec must be a QuizSpec"):
        Quiz(valid_quiz())


# --- feedback ------------------------------------------------------------------------------------


def questions_of(name: str, kind: type) -> list:
    """The question widgets of quiz ``name`` whose spec is a ``kind`` (ChoiceSpec, NumberSpec)."""
    return [question for question in quiz(name).questions if isinstance(question.spec, kind)]


@pytest.mark.parametrize("name", QUIZ_NAMES)
def test_every_option_gets_its_own_feedback(name):
    for question in questions_of(name, ChoiceSpec):
        spec = question.spec
        assert question.check() is None and question.feedback.startswith("Not checked yet")
        for i, option in enumerate(spec.options):
            question.choose(option.text if i % 2 else i)  # by text and by index
            verdict = question.check()
            if option.correct:
                assert verdict is True
                assert question.feedback == plain(f"Correct. {spec.explanation}".strip())
            else:
                assert verdict is False
                assert question.feedback.startswith("Incorrect.")
                assert plain(option.feedback) in question.feedback
            assert 'role="status"' in question.feedback_line.value


@pytest.mark.parametrize("name", QUIZ_NAMES)
def test_every_typical_wrong_number_gets_its_own_feedback(name):
    for question in questions_of(name, NumberSpec):
        spec = question.spec
        question.enter(f"{spec.answer:g}")
        assert question.check() is True
        assert question.feedback == plain(f"Correct. {spec.explanation}".strip())
        for value, feedback in spec.wrong_values:
            question.enter(f"{value:g}")
            assert question.check() is False
            assert plain(feedback) in question.feedback
        far = abs(spec.answer) + max(abs(v) for v, _ in spec.wrong_values or [(0, "")]) + 1e6
        question.enter(str(spec.answer + far))
        assert question.check() is False and plain(spec.too_high) in question.feedback
        question.enter(str(spec.answer - far))
        assert question.check() is False and plain(spec.too_low) in question.feedback


def number_question(**kw) -> NumberSpec:
    spec = parse_quiz(valid_quiz()).questions[1]
    return dataclasses.replace(spec, **kw)


@pytest.mark.parametrize(
    ("text", "verdict", "says"),
    [
        ("10", True, "Correct."),
        (" 10.4 ", True, "Correct."),
        ("\u221210", False, "you entered -10. Low."),  # a typographic minus
        ("1,000", False, "you entered 1000. High."),
        ("20", False, "Twice too much."),
        ("", None, "the answer field is empty"),
        ("   ", None, "the answer field is empty"),
        ("ten", None, "'ten' is not a number"),
        ("0,5", None, "Use a dot for decimals"),
        ("0,545", None, "Use a dot for decimals"),  # a decimal comma, not 545 (learner 06, 9)
        ("-0,545", None, "Use a dot for decimals"),
        ("55%", None, "Leave out the % sign"),
        ("nan", None, "not a finite number"),
        ("1e999", None, "not a finite number"),
        ("<b>1</b>", None, "is not a number"),
        ("2**10", None, "Work it out first"),
        ("1/0.5^10", None, "Work it out first"),
    ],
)
def test_odd_numeric_input_is_explained(text, verdict, says):
    assert judge_number(number_question(), text)[0] is verdict
    assert says in judge_number(number_question(), text)[1]


def test_each_wrong_value_has_its_own_tolerance():
    data = valid_quiz()
    data["questions"][1]["tolerance"] = 2
    data["questions"][1]["wrong_values"] = [
        {"value": 20, "feedback": "Twice too much."},  # the answer's tolerance, 2
        {"value": 0.1, "tolerance": 0.01, "feedback": "A tenth of one."},
        {"value": 5, "tolerance": 0.5, "feedback": "Half of it."},
    ]
    spec = parse_quiz(data).questions[1]
    assert isinstance(spec, NumberSpec) and spec.wrong_tolerances == (2, 0.01, 0.5)
    for text, says in [
        ("21.5", "Twice too much."),
        ("0.105", "A tenth of one."),
        ("0.2", "Low."),  # outside 0.1's own tolerance, though within the answer's
        ("5.4", "Half of it."),
        ("6", "Low."),
        ("11.9", "Correct."),
    ]:
        assert says in judge_number(spec, text)[1], text


def test_quiz_03_linear_ratio_names_each_typical_mistake():
    spec = next(q for q in load_quiz("03").questions if q.id == "linear_ratio")
    assert judge_number(spec, "1024")[0] is True
    assert "fraction of the gradient that is left" in judge_number(spec, "0.0009765625")[1]
    assert "10 counts the steps" in judge_number(spec, "10")[1]
    assert judge_number(spec, "1000")[0] is False and "1/1024" in judge_number(spec, "1000")[1]
    assert "not 10 / 0.5" in judge_number(spec, "20")[1]


def test_learner_text_is_shown_as_text_not_html():
    q = Quiz(parse_quiz(valid_quiz()))
    q.questions[1].enter("<img src=x onerror=alert(1)>")
    assert q.questions[1].check() is None
    assert "<img" not in q.questions[1].feedback_line.value
    assert "&lt;img" in q.questions[1].feedback_line.value


def test_changing_the_answer_clears_the_old_feedback_and_the_score_counts_solved():
    q = Quiz(parse_quiz(valid_quiz()))
    assert q.score == "Score: 0 of 5 questions answered correctly so far."
    first = q.questions[0]
    first.choose("A")
    first.check()
    assert first.feedback.startswith("Incorrect.")
    first.choose("B")
    assert first.feedback == "" and first.feedback_line.value == ""
    assert first.check() is True
    assert q.score == "Score: 1 of 5 questions answered correctly so far."
    first.choose("A")
    first.check()  # trying a wrong option after solving it does not take the point back
    assert q.score.startswith("Score: 1 of 5")
    for question in q.questions[1:]:
        question.enter("10") if isinstance(question.spec, NumberSpec) else question.choose("B")
        question.check()
    assert q.score == "Score: 5 of 5 questions answered correctly. All done."


def test_driving_it_wrongly_from_code_is_a_clear_error():
    q = Quiz(parse_quiz(valid_quiz()))
    with pytest.raises(ValueError, match=r"option must be one of \['A', 'B'\], got 'C'"):
        q.questions[0].choose("C")
    with pytest.raises(TypeError, match="option must be an index or an option's text"):
        q.questions[0].choose(1.0)
    with pytest.raises(ValueError, match="option must be between 0 and 1"):
        q.questions[0].choose(2)
    with pytest.raises(TypeError, match="text must be a string"):
        q.questions[1].enter(10)


@functools.cache
def shared_quiz() -> Quiz:
    """One quiz for the property tests (building widgets for every example is slow)."""
    return Quiz(parse_quiz(valid_quiz()))


@settings(max_examples=300, deadline=None)
@given(text=st.one_of(st.text(), st.from_regex(r"\s*[-+\u2212]?[\d,._]*(e[-+]?\d*)?\s*")))
def test_a_number_question_never_raises(text):
    question = shared_quiz().questions[1]
    question.enter(text)
    verdict = question.check()  # must not raise, whatever was typed
    assert verdict in (True, False, None)
    assert question.feedback.split()[0] in ("Correct.", "Incorrect:", "Not")
    assert "<" not in re.sub(r"</?(div|code|b)\b[^>]*>", "", question.feedback_line.value)


@settings(max_examples=50, deadline=None)
@given(st.lists(st.one_of(st.none(), st.integers(0, 1)), max_size=6))
def test_a_choice_question_never_raises(picks):
    question = shared_quiz().questions[0]
    for pick in picks:
        question.control.index = pick  # what clicking (or un-setting) does
        assert question.check() in (True, False, None)
        assert question.feedback


# --- accessibility: names a screen reader announces, words not colours --------------------------


@pytest.mark.parametrize("name", QUIZ_NAMES)
def test_every_control_has_a_unique_name(name):
    q = quiz(name)
    buttons = [question.button.description for question in q.questions]
    assert len(set(buttons)) == len(buttons) and all(buttons)
    for question in q.questions:
        if isinstance(question.spec, NumberSpec):
            assert question.control.description  # the text field's <label>
        else:
            shown = [question.spec.options[i].text for i in question.order]
            assert list(question.control.options) == shown
            assert sorted(question.order) == list(range(len(question.spec.options)))


# --- the display order of the options gives nothing away ----------------------------------------


def test_options_are_shown_in_a_fresh_random_order_that_the_global_seed_does_not_fix():
    spec = load_quiz("03")
    orders = set()
    for _ in range(20):
        random.seed(42)  # what the notebook's setup cell does to the global generator
        before = random.getstate()
        q = Quiz(spec)
        assert random.getstate() == before, "the widget must not use the global generator"
        choices = [question for question in q.questions if isinstance(question.spec, ChoiceSpec)]
        orders.add(tuple(tuple(question.order) for question in choices))
    assert len(orders) > 1  # the chance of 20 equal draws of 7 shuffles of 4 is about 24**-133
    in_file = Quiz(spec, shuffle=False).questions
    assert all(q.order == [0, 1, 2, 3] for q in in_file if isinstance(q.spec, ChoiceSpec))


def test_choose_and_check_use_the_file_order_whatever_the_display_order():
    spec = parse_quiz(valid_quiz())
    for _ in range(10):
        question = Quiz(spec).questions[0]
        question.choose(1)  # "B", the right one, in the file
        assert question.control.value == "B" and question.check() is True
        question.control.index = question.order.index(0)  # a click on "A", wherever it is
        assert question.check() is False and "A is wrong." in question.feedback


# --- the answers are hidden: in the text/plain repr and in the widgets' state --------------------


def with_other_answers(spec):
    """The same quiz with every answer moved: another option correct, another number."""
    questions = []
    for q in spec.questions:
        if isinstance(q, ChoiceSpec):
            k = next(i for i, o in enumerate(q.options) if o.correct)
            options = [
                dataclasses.replace(o, correct=(i == (k + 1) % len(q.options)))
                for i, o in enumerate(q.options)
            ]
            questions.append(dataclasses.replace(q, options=tuple(options)))
        else:
            questions.append(dataclasses.replace(q, answer=q.answer + 12345.0))
    return dataclasses.replace(spec, questions=tuple(questions))


def widget_states(root: widgets.Widget) -> str:
    """Every synced state in the widget tree (what a saved notebook stores), ids masked."""
    states, todo, seen = [], [root], set()
    while todo:
        w = todo.pop()
        if w.model_id in seen:
            continue
        seen.add(w.model_id)
        states.append(w.get_state())
        for key in w.keys:
            value = getattr(w, key)
            for v in value if isinstance(value, tuple | list) else [value]:
                if isinstance(v, widgets.Widget):
                    todo.append(v)
    return re.sub(r"IPY_MODEL_\w+", "IPY_MODEL_", json.dumps(states, sort_keys=True, default=str))


@pytest.mark.parametrize("name", QUIZ_NAMES)
def test_text_repr_lists_questions_and_options_but_no_answer(name):
    spec = load_quiz(name)
    text = Quiz(spec)._repr_mimebundle_()["text/plain"]
    assert text == quiz_text(spec) == repr(Quiz(spec))
    for q in spec.questions:
        assert q.prompt in text
        if isinstance(q, ChoiceSpec):
            assert all(f"( ) {o.text}" in text for o in q.options)
    for hidden in hidden_texts(spec):
        assert hidden not in text
    # nothing in it depends on which answer is right
    assert quiz_text(with_other_answers(spec)) == text


@pytest.mark.parametrize("name", QUIZ_NAMES)
def test_widget_state_holds_no_answer_until_checked(name):
    spec = load_quiz(name)
    state = widget_states(Quiz(spec))
    for hidden in hidden_texts(spec):
        assert plain(hidden) not in state and hidden not in state
    in_file_order = widget_states(Quiz(spec, shuffle=False))
    assert widget_states(Quiz(with_other_answers(spec), shuffle=False)) == in_file_order


def test_with_other_answers_really_moves_them():
    spec = load_quiz("01")
    other = with_other_answers(spec)
    assert all(a != b for a, b in zip(spec.questions, other.questions, strict=True))
    assert quiz_text(other) == quiz_text(spec)


def test_an_executed_notebook_stores_no_answer(tmp_path):
    """A notebook that shows a quiz, run as `make execute` runs it (widget state stored)."""
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell('from course_utils.quiz import quiz\n\nquiz("01")')]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3"}
    run_notebook(nb, timeout=120, store_widget_state=True)
    saved = nbformat.writes(nb)
    spec = load_quiz("01")
    assert "application/vnd.jupyter.widget-state+json" in nb.metadata.get("widgets", {})
    assert nb.cells[0].outputs[0]["data"]["text/plain"] == quiz_text(spec)
    for hidden in hidden_texts(spec):
        assert plain(hidden) not in saved and json.dumps(hidden)[1:-1] not in saved
