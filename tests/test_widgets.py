import matplotlib.pyplot as plt
import numpy as np
import pytest

from course_utils.widgets import window_length_explorer, window_summary


def test_window_summary_states_shapes():
    assert window_summary(100, 10) == (
        "n_steps = 10: 90 samples; X has shape (90, 10, 1) = (samples, timesteps, features), "
        "y has shape (90,)"
    )


def test_moving_the_slider_redraws_with_the_new_window(monkeypatch):
    drawn = []
    monkeypatch.setattr(plt, "show", lambda: drawn.append(plt.gcf()))
    w = window_length_explorer(np.arange(50.0), value=10)
    assert "n_steps = 10: 40 samples" in w.summary.value
    assert len(drawn) == 1
    w.slider.value = 4
    assert "n_steps = 4: 46 samples" in w.summary.value
    assert len(drawn) == 2
    assert "first 4 values" in drawn[-1].axes[0].get_title()
    assert w.slider.max == 40


def test_slider_is_capped_by_the_sequence_length():
    w = window_length_explorer(np.arange(8.0), value=3)
    assert w.slider.max == 7


def test_bad_input():
    with pytest.raises(ValueError, match="value must be between 1 and 7"):
        window_length_explorer(np.arange(8.0), value=9)
    with pytest.raises(ValueError, match="sequence must be 1-D"):
        window_length_explorer(np.ones((3, 3)))
