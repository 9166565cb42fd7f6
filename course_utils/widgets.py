"""Interactive explorers built from ipywidgets' ``interactive_output``.

Each builder returns the widget to display; its controls are attributes, so tests (and curious
learners) can drive it from code: ``w = window_length_explorer(s); w.slider.value = 12``.
"""

from __future__ import annotations

import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np

from course_utils.data import create_dataset
from course_utils.plotting import plot_series, plot_windows

__all__ = ["window_length_explorer", "window_summary"]


def window_summary(length: int, n_steps: int) -> str:
    """One line saying what windowing a series of ``length`` values into ``n_steps`` gives."""
    samples = length - n_steps
    return (
        f"n_steps = {n_steps}: {samples} samples; "
        f"X has shape ({samples}, {n_steps}, 1) = (samples, timesteps, features), "
        f"y has shape ({samples},)"
    )


class WindowLengthExplorer(widgets.VBox):
    """A slider for the window length, a one-line shape summary and the picture of the windows."""

    def __init__(self, sequence: object, *, value: int = 10, max_steps: int = 40) -> None:
        seq = np.asarray(sequence)
        if seq.ndim != 1 or len(seq) < 3:
            raise ValueError(f"sequence must be 1-D with at least 3 values, got shape {seq.shape}")
        max_steps = int(min(max_steps, len(seq) - 1))
        if not 1 <= value <= max_steps:
            raise ValueError(f"value must be between 1 and {max_steps}, got {value}")
        self.sequence = seq
        self.slider = widgets.IntSlider(
            value=value,
            min=1,
            max=max_steps,
            description="n_steps",
            continuous_update=False,
            style={"description_width": "initial"},
        )
        self.summary = widgets.HTML()
        self.output = widgets.interactive_output(self._draw, {"n_steps": self.slider})
        super().__init__([self.slider, self.summary, self.output])

    def _draw(self, n_steps: int) -> None:
        X, _ = create_dataset(self.sequence, n_steps)
        self.summary.value = f"<code>{window_summary(len(self.sequence), n_steps)}</code>"
        _fig, (top, bottom) = plt.subplots(
            2, 1, figsize=(9, 5.2), gridspec_kw={"height_ratios": [1.2, 1]}
        )
        plot_series(
            self.sequence,
            ax=top,
            window=(0, n_steps),
            title=f"Sample 0: the first {n_steps} values (shaded) predict the next one",
        )
        plot_windows(self.sequence, n_steps, n_windows=4, ax=bottom, fmt="{:.2f}", title="")
        bottom.set_title(f"The first 4 of {len(X)} windows")
        plt.show()


def window_length_explorer(
    sequence: object, *, value: int = 10, max_steps: int = 40
) -> WindowLengthExplorer:
    """Slider over ``n_steps``: shows the first window on the series, the windows, and shapes.

    Args:
        sequence: 1-D series, shape ``(length,)``.
        value: initial window length.
        max_steps: largest window length offered (capped at ``length - 1``).
    """
    return WindowLengthExplorer(sequence, value=value, max_steps=max_steps)
