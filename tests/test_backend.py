"""course_utils.backend: figures stay inline in a kernel even when the server exports MPLBACKEND."""

import nbformat

from course_utils.backend import keep_inline
from course_utils.teaching.execute import run_notebook

CELLS = [
    "import matplotlib, matplotlib.pyplot as plt\nprint(matplotlib.get_backend())",
    "plt.plot([1, 2, 3])\nplt.show()",  # what a widget's redraw does
    "from course_utils.setup import setup_notebook\nsetup_notebook(tensorflow=False)\n"
    "print(matplotlib.get_backend())",
    "plt.plot([1, 2, 3])\nplt.show()",
]


def test_outside_a_kernel_nothing_changes():
    import matplotlib

    before = matplotlib.get_backend()
    assert keep_inline() is False
    assert matplotlib.get_backend() == before


def test_a_kernel_started_with_mplbackend_agg_shows_figures_after_setup(monkeypatch, tmp_path):
    monkeypatch.setenv("MPLBACKEND", "Agg")  # as a server's environment often sets it
    monkeypatch.setenv("MPLCONFIGDIR", str(tmp_path))
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in CELLS])
    run_notebook(nb, timeout=120)
    outputs = [cell.outputs for cell in nb.cells]
    assert outputs[0][0]["text"].strip().lower() == "agg"
    assert not any(o["output_type"] == "display_data" for o in outputs[1])  # hidden under Agg
    backend = outputs[2][-1]["text"].splitlines()[-1]
    assert backend in ("inline", "module://matplotlib_inline.backend_inline")
    assert any("image/png" in o.get("data", {}) for o in outputs[3])  # shown again
