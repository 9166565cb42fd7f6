"""Static pages (course_utils.teaching.static): widgets as what they showed, alt texts."""

import nbformat
import pytest
from course_files import NOTEBOOK_DIR
from test_quiz import hidden_texts

from course_utils.teaching import WIDGET_VIEW_MIME, for_static_pages, widget_snapshot

PNG = "iVBORw0KGgo="  # the bytes do not matter here


def read(path):
    return nbformat.read(path, as_version=4)


def test_widget_snapshot_lists_controls_then_text_then_outputs():
    figure = {
        "output_type": "display_data",
        "data": {"image/png": PNG, "text/plain": "[figure] a wave"},
        "metadata": {"image/png": {"alt": "a wave"}},
    }
    state = {
        "box": {
            "model_name": "VBoxModel",
            "state": {"children": ["IPY_MODEL_s", "IPY_MODEL_h", "IPY_MODEL_o"]},
        },
        "s": {"model_name": "IntSliderModel", "state": {"description": "n_steps", "value": 10}},
        "h": {
            "model_name": "HTMLModel",
            "state": {"description": "", "value": "<code>X: (190, 10)</code>"},
        },
        "o": {"model_name": "OutputModel", "state": {"outputs": [figure]}},
    }
    note, text, out = widget_snapshot("box", state)
    assert "(n_steps = 10)" in note["data"]["text/plain"]
    assert "<code>X: (190, 10)</code>" in text["data"]["text/html"]
    assert out == figure and out is not figure  # a copy: the notebook's state stays as it was
    (only,) = widget_snapshot("missing", state)
    assert "run the notebook in JupyterLab" in only["data"]["text/plain"]
    with pytest.raises(TypeError, match="state must be the saved widget state"):
        widget_snapshot("box", [])


def test_static_pages_show_each_widget_as_its_saved_outputs():
    nb = read(NOTEBOOK_DIR / "01_sequence_data.ipynb")
    page = for_static_pages(nb)
    mimes = [set(o.get("data", {})) for c in page.cells for o in c.get("outputs", [])]
    assert not any(WIDGET_VIEW_MIME in m for m in mimes)
    assert "widgets" not in page.metadata and "widgets" in nb.metadata  # the original untouched
    pngs = sum("image/png" in m for m in mimes)
    stored = sum("image/png" in o.get("data", {}) for c in nb.cells for o in c.get("outputs", []))
    assert pngs == stored + 1  # the window explorer's figure, drawn when the notebook was saved


def test_static_pages_give_a_png_with_alt_metadata_an_img_alt():
    nb = nbformat.v4.new_notebook()
    out = nbformat.v4.new_output(
        "display_data", data={"image/png": PNG}, metadata={"image/png": {"alt": 'a "wave"'}}
    )
    nb.cells = [nbformat.v4.new_code_cell("show()", outputs=[out])]
    (shown,) = for_static_pages(nb).cells[0].outputs
    assert (
        shown.data["text/html"]
        == f'<img src="data:image/png;base64,{PNG}" alt="a &quot;wave&quot;"/>'
    )


def quiz_cell(name="01"):
    """A code cell showing ``quiz(name)`` with the output a saved notebook keeps: the widget's
    view and the text the quiz gives of itself."""
    from course_utils.quiz import quiz

    bundle = quiz(name)._repr_mimebundle_()
    out = nbformat.v4.new_output("display_data", data=bundle)
    return nbformat.v4.new_code_cell(f'quiz("{name}")', outputs=[out])


def test_static_pages_show_a_quiz_as_its_questions_never_its_answers():
    from course_utils.quiz import load_quiz, quiz_text

    spec = load_quiz("01")
    nb = nbformat.v4.new_notebook()
    nb.cells = [quiz_cell("01")]
    assert WIDGET_VIEW_MIME in nb.cells[0].outputs[0].data
    note, text = for_static_pages(nb).cells[0].outputs
    assert "Run the notebook in JupyterLab to use it" in note.data["text/plain"]
    assert 'class="course-widget-note"' in note.data["text/html"]
    assert dict(text.data) == {"text/plain": quiz_text(spec)}
    for question in spec.questions:
        assert question.prompt in text.data["text/plain"]
    shown = note.data["text/plain"] + text.data["text/plain"]
    assert [a for a in hidden_texts(spec) if a in shown] == []


def test_static_pages_tell_a_self_describing_widget_from_ipywidgets_repr():
    view = {WIDGET_VIEW_MIME: {"model_id": "m", "version_major": 2, "version_minor": 0}}
    plain = "Explorer(children=(IntSlider(value=10, description='n_steps'),))"
    own = ["Quiz 99: a title (5 questions).\n", "1. a question"]  # as lines, as nbformat stores
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_code_cell(
            "show()",
            outputs=[
                nbformat.v4.new_output("display_data", data={**view, "text/plain": plain}),
                nbformat.v4.new_output("display_data", data={**view, "text/plain": own}),
            ],
        )
    ]
    snapshot, note, text = for_static_pages(nb).cells[0].outputs
    assert "run the notebook in JupyterLab to use it" in snapshot.data["text/plain"]  # no state
    assert plain not in str(snapshot)
    assert "shown here as its text" in note.data["text/plain"]
    assert text.data["text/plain"] == "".join(own)
