"""The LSTM and GRU cell diagrams, gates filled by their values (plotting.gated_cells)."""

import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.colors import to_rgba
from matplotlib.patches import Circle, FancyBboxPatch

from course_utils import rnn
from course_utils.plotting import GATE_CMAP, plot_gru_cell, plot_lstm_cell


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def gate_boxes(ax):
    return {
        p.get_gid().split(" ", 1)[1]: p
        for p in ax.patches
        if isinstance(p, FancyBboxPatch) and (p.get_gid() or "").startswith("gate ")
    }


def texts_of(ax):
    return [t.get_text() for t in ax.texts]


def nodes(ax):
    return sorted(p.get_gid() for p in ax.patches if isinstance(p, Circle) and p.get_gid())


def test_lstm_gates_are_filled_by_their_values_and_printed():
    ax = plot_lstm_cell({"i": 0.97, "f": 0.5, "o": 0.02, "g": -0.83, "c": 1.5})
    boxes = gate_boxes(ax)
    assert set(boxes) == {"f", "i", "g", "o"}
    cmap = mpl.colormaps[GATE_CMAP]
    for name, value in {"i": 0.97, "f": 0.5, "o": 0.02}.items():
        assert boxes[name].get_facecolor() == pytest.approx(cmap(value))
    # the candidate is not a gate: a neutral fill, whatever its value
    assert to_rgba(boxes["g"].get_facecolor()) != cmap(0.0)
    texts = texts_of(ax)
    for shown in ("i = 0.97", "f = 0.50", "o = 0.02", r"$\tilde{c}$ = -0.83", "$c_t$ = +1.50"):
        assert shown in texts
    assert {"$c_{t-1}$", "$h_{t-1}$", "$x_t$", "$h_t$"} <= set(texts)
    assert "f = 1 keeps" in texts  # the forget gate's name is historical: say what 1 means
    # the cell state line: keep (x f), add (+), and the write (i x c~) and show (o x tanh c_t)
    assert nodes(ax) == ["add", "keep", "show", "write"]


def test_open_and_closed_gates_get_text_that_reads_on_their_fill():
    ax = plot_lstm_cell({"i": 1.0, "f": 0.0, "o": 0.5})
    colours = {t.get_text(): to_rgba(t.get_color()) for t in ax.texts}
    assert colours["i = 1.00"] == to_rgba("black")  # light yellow fill
    assert colours["f = 0.00"] == to_rgba("white")  # dark blue fill


def test_the_colour_bar_says_what_the_colours_mean():
    for ax in (plot_lstm_cell({"i": 0.1, "f": 0.9, "o": 0.5}), plot_gru_cell({"z": 0, "r": 1})):
        texts = texts_of(ax)
        assert {"gate value", "0 (closed)", "1 (open)"} <= set(texts)
        bar = [p for p in ax.patches if p.get_gid() == "colour bar"]
        cmap = mpl.colormaps[GATE_CMAP]
        assert bar[0].get_facecolor() == pytest.approx(cmap(0.0))
        assert bar[-1].get_facecolor() == pytest.approx(cmap(1.0))


def test_gru_shows_z_r_one_minus_z_and_the_reset_on_the_candidate_path():
    ax = plot_gru_cell({"z": 0.9, "r": 0.25, "g": 0.4})
    boxes = gate_boxes(ax)
    assert set(boxes) == {"z", "r", "g"}
    cmap = mpl.colormaps[GATE_CMAP]
    assert boxes["z"].get_facecolor() == pytest.approx(cmap(0.9))
    assert boxes["r"].get_facecolor() == pytest.approx(cmap(0.25))
    assert {"z = 0.90", "r = 0.25", r"$\tilde{h}$ = 0.40", "$h_t$"} <= set(texts_of(ax))
    assert nodes(ax) == ["add", "keep", "one minus", "reset", "write"]
    assert "$h_t$ = -0.30" in texts_of(plot_gru_cell({"z": 0.9, "r": 0.25, "h": -0.3}))
    # the reset node sits between the reset gate and the candidate
    reset = next(p for p in ax.patches if p.get_gid() == "reset")
    assert boxes["r"].get_x() < reset.center[0] < boxes["g"].get_x()


def test_optional_values_may_be_left_out_and_titles_set():
    ax = plot_lstm_cell({"i": 0.1, "f": 0.9, "o": 0.5}, title="10 steps after the cue")
    assert ax.get_title() == "10 steps after the cue"
    assert "$c_t$" in texts_of(ax) and r"$\tilde{c}$" in texts_of(ax)
    assert "filled by its value" in plot_gru_cell({"z": 0.5, "r": 0.5}).get_title()


def test_two_cells_side_by_side_on_given_axes():
    fig, (left, right) = plt.subplots(1, 2, figsize=(16, 5.5))
    assert plot_lstm_cell({"i": 0.95, "f": 0.97, "o": 0.5}, ax=left) is left
    assert plot_lstm_cell({"i": 0.02, "f": 0.99, "o": 0.5}, ax=right) is right
    assert len(fig.axes) == 2  # the colour bar is drawn inside each Axes, no extra Axes


def test_values_straight_from_lstm_gates_and_gru_gates():
    rng = np.random.default_rng(0)
    x = rng.normal(size=(1, 4, 2))
    lstm = rnn.lstm_gates(
        x, rng.normal(size=(2, 12)), rng.normal(size=(3, 12)), rng.normal(size=12)
    )
    gru = rnn.gru_gates(
        x, rng.normal(size=(2, 9)), rng.normal(size=(3, 9)), rng.normal(size=(2, 9))
    )
    plot_lstm_cell({key: lstm[key][0, 2, 1] for key in ("i", "f", "o", "g", "c")})
    plot_gru_cell({key: gru[key][0, 2, 1] for key in ("z", "r", "g")})


@pytest.mark.parametrize(
    ("plot", "gates", "error", "message"),
    [
        (plot_lstm_cell, [0.1, 0.2, 0.3], TypeError, r"gates must be a dict of \{gate name: value"),
        (plot_lstm_cell, {"i": 0.1, "f": 0.2}, ValueError, "missing: o"),
        (plot_gru_cell, {"z": 0.1}, ValueError, r"gates must hold a value for each of z, r"),
        (
            plot_lstm_cell,
            {"i": 0.1, "f": 0.2, "o": 0.3, "z": 0.5},
            ValueError,
            r"gates has unknown keys \['z'\]; the keys are i, f, o, g, c",
        ),
        (
            plot_lstm_cell,
            {"i": 1.2, "f": 0.2, "o": 0.3},
            ValueError,
            r"gates\['i'\] must be a finite number >= 0.0 and <= 1.0, got 1.2",
        ),
        (
            plot_gru_cell,
            {"z": float("nan"), "r": 0.2},
            ValueError,
            r"gates\['z'\] must be a finite number",
        ),
        (
            plot_lstm_cell,
            {"i": 0.1, "f": 0.2, "o": 0.3, "g": 1.5},
            ValueError,
            r"gates\['g'\] must be a finite number >= -1.0 and <= 1.0, got 1.5",
        ),
        (plot_gru_cell, {"z": "0.5", "r": 0.2}, TypeError, r"gates\['z'\] must be a finite number"),
        (
            plot_gru_cell,
            {"z": 0.5, "r": 0.2, "h": 1.5},
            ValueError,
            r"gates\['h'\] must be a finite number >= -1.0 and <= 1.0, got 1.5",
        ),
        (
            plot_lstm_cell,
            {"i": 0.1, "f": 0.2, "o": np.array([0.3, 0.4])},
            TypeError,
            r"gates\['o'\] must be a finite number",
        ),
    ],
)
def test_bad_gates_get_a_clear_error(plot, gates, error, message):
    with pytest.raises(error, match=message):
        plot(gates)


def test_bad_axes_get_a_clear_error():
    with pytest.raises(TypeError, match="ax must be a matplotlib Axes or None"):
        plot_gru_cell({"z": 0.5, "r": 0.5}, ax="left")
