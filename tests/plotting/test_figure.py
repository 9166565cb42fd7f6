"""plotting.show: a figure displayed once, with its text alternative (plotting.figure)."""

import base64

import matplotlib.pyplot as plt
import pytest

from course_utils import plotting


def test_show_displays_png_html_and_alt_text_once(monkeypatch):
    shown = []
    monkeypatch.setattr(
        "IPython.display.display", lambda *args, **kwargs: shown.append((args, kwargs))
    )
    fig, ax = plt.subplots()
    ax.plot([0, 1], [1, 0])
    plotting.show("A falling line from (0, 1) to (1, 0): the value halves each step", fig)
    assert len(shown) == 1
    (data,), kwargs = shown[0]
    assert kwargs["raw"] is True
    assert kwargs["metadata"] == {
        "image/png": {"alt": "A falling line from (0, 1) to (1, 0): the value halves each step"}
    }
    assert data["text/plain"].startswith("[figure] A falling line")
    assert data["text/html"].startswith('<img src="data:image/png;base64,' + data["image/png"][:20])
    assert 'alt="A falling line from (0, 1)' in data["text/html"]
    assert base64.b64decode(data["image/png"]).startswith(b"\x89PNG")
    assert not plt.fignum_exists(fig.number), "show closes the figure, so it is not shown twice"


def test_show_escapes_alt_text_in_html():
    fig, _ = plt.subplots()
    data, _ = plotting.figure_bundle(fig, 'Two "quoted" <lines> & more words, for the test')
    assert 'alt="Two &quot;quoted&quot; &lt;lines&gt; &amp; more words' in data["text/html"]


@pytest.mark.parametrize(
    ("alt", "error"), [(None, TypeError), (42, TypeError), ("a plot", ValueError), ("", ValueError)]
)
def test_show_rejects_missing_or_short_alt_text(alt, error):
    fig, _ = plt.subplots()
    with pytest.raises(error, match="alt"):
        plotting.figure_bundle(fig, alt)


def test_show_rejects_a_non_figure():
    with pytest.raises(TypeError, match="fig must be a matplotlib Figure"):
        plotting.show("A description that is long enough to pass", fig="not a figure")
