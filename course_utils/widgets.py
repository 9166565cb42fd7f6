"""The course's interactive explorers (user-interface code only), built on ipywidgets.

Each explorer is a widget to display; its controls are attributes, so tests (and curious
learners) can drive it from code: ``w = window_length_explorer(s); w.slider.value = 12``. Every
redraw ends with ``plotting.show``, so the figure carries a text alternative that follows the
sliders. The computations live elsewhere: windows in ``data``, the cell in ``rnn``, the figures
in ``plotting``; the ``*_summary`` and ``step_readout`` functions word the readouts.
"""

from __future__ import annotations

import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np
from numpy.typing import ArrayLike

from course_utils.data import create_dataset, pulse_input
from course_utils.plotting import plot_memory, plot_series, plot_unrolled, plot_windows, show
from course_utils.rnn import one_unit_rnn, rnn_forward
from course_utils.validate import as_1d, check_int, check_number

__all__ = [
    "MemoryExplorer",
    "UnrollExplorer",
    "WindowLengthExplorer",
    "memory_explorer",
    "memory_summary",
    "step_readout",
    "unroll_explorer",
    "window_length_explorer",
    "window_summary",
]


def window_summary(length: int, n_steps: int) -> str:
    """One line saying what windowing a series of ``length`` values into ``n_steps`` gives.

    Introduced in notebook 1 (the window explorer's readout).

    Args:
        length: the series' length.
        n_steps: the window length.

    Returns:
        E.g. ``n_steps = 10: 90 samples; X has shape (90, 10, 1) = ...``.
    """
    samples = length - n_steps
    return (
        f"n_steps = {n_steps}: {samples} samples; "
        f"X has shape ({samples}, {n_steps}, 1) = (samples, timesteps, features), "
        f"y has shape ({samples},)"
    )


def _int_slider(description: str, value: int, low: int, high: int) -> widgets.IntSlider:
    """An integer slider that redraws on release (not while dragging), with a readable label."""
    return widgets.IntSlider(
        value=value,
        min=low,
        max=high,
        description=description,
        continuous_update=False,
        style={"description_width": "initial"},
    )


class WindowLengthExplorer(widgets.VBox):
    """Slider over ``n_steps``: shows the first window on the series, the windows, and shapes.

    Introduced in notebook 1 (as ``window_length_explorer``).

    Args:
        sequence: 1-D series of finite numbers, shape ``(length,)``, ``length >= 3``.
        value: initial window length, an int in ``[1, max_steps]``.
        max_steps: largest window length offered (capped at ``length - 1``).
    """

    def __init__(self, sequence: ArrayLike, *, value: int = 10, max_steps: int = 40) -> None:
        seq = as_1d("sequence", sequence, min_length=3, finite=True)
        max_steps = int(min(max_steps, len(seq) - 1))
        value = check_int("value", value, low=1, high=max_steps)
        self.sequence = seq
        self.slider = _int_slider("n_steps", value, 1, max_steps)
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
        shown = min(4, len(X))
        bottom.set_title(
            f"The first {shown} of {len(X)} windows" if len(X) > shown else "All windows"
        )
        show(
            f"Window explorer at n_steps = {n_steps}. Top: the series of {len(self.sequence)} "
            f"values with its first {n_steps} values shaded and the value after them marked as "
            f"the target. Bottom: the first {shown} of {len(X)} windows, each {n_steps} input "
            "values followed by its target, one row per sample, shifted by one step per row."
        )


window_length_explorer = WindowLengthExplorer  # the name notebooks call


def _percent(ratio: float) -> str:
    """A ratio as a percentage that never reads as 0 % unless it is 0: 28%, 2.5%, 0.1%, <0.1%."""
    if ratio == 0 or ratio >= 0.1:
        return f"{ratio:.0%}"
    if ratio >= 0.0005:
        return f"{ratio:.1%}"
    return "<0.1%"


def memory_summary(h: ArrayLike, pulse_end: int, later: int = 10) -> str:
    """Say what is left of the state ``later`` steps after the pulse ends.

    Introduced in notebook 2 (the memory explorer's readout).

    Args:
        h: hidden states ``h_1 .. h_T``, shape ``(T,)``.
        pulse_end: last time step of the pulse (1-based), with ``pulse_end + later <= T``.
        later: how many steps after the pulse to look.

    Returns:
        One line: ``h`` at both steps, the share left, and whether ``h`` saturated.
    """
    h = as_1d("h", h).astype(float)
    pulse_end = check_int("pulse_end", pulse_end, low=1, high=len(h))
    later = check_int("later", later, low=1, high=len(h) - pulse_end)
    a, b = h[pulse_end - 1], h[pulse_end - 1 + later]
    text = (
        f"end of pulse (t = {pulse_end}): h = {a:+.3f};  "
        f"{later} steps later (t = {pulse_end + later}): h = {b:+.3f}"
    )
    if abs(a) >= 0.005:
        text += f"  ({_percent(abs(b) / abs(a))} of its size left"
        text += ", sign flipped)" if a * b < 0 else ")"
    if abs(a) > 0.99:
        text += ";  saturated: |h| is at tanh's limit 1"
    return text


class MemoryExplorer(widgets.VBox):
    """Sliders for a 1-unit RNN: watch ``h_t`` remember (or forget) an input pulse.

    Sliders: ``w_xh`` in [-6, 6], ``w_hh`` in [-1.5, 1.5], ``b_h`` in [-2, 2], pulse length.
    The readout gives ``h`` at the end of the pulse and ``later`` steps after it (the dotted
    line). Drive it from code with ``w = memory_explorer(); w.w_hh.value = 0.95``. Introduced in
    notebook 2 (as ``memory_explorer``).

    Args:
        w_xh: the input weight's first value, in [-6, 6].
        w_hh: the recurrent weight's first value, in [-1.5, 1.5].
        b_h: the bias's first value, in [-2, 2].
        pulse_length: the pulse's first length, an int in [1, 10].
        n_steps: steps shown.
        pulse_start: the pulse's first step.
        later: steps after the pulse that the readout (and the dotted line) looks at.
    """

    def __init__(
        self,
        *,
        w_xh: float = 1.0,
        w_hh: float = 0.5,
        b_h: float = 0.0,
        pulse_length: int = 3,
        n_steps: int = 30,
        pulse_start: int = 3,
        later: int = 10,
    ) -> None:
        self.n_steps, self.pulse_start, self.later = n_steps, pulse_start, later
        max_length = min(n_steps - pulse_start + 1 - later, 10)
        pulse_length = check_int("pulse_length", pulse_length, low=1, high=max_length)

        def slider(
            name: str, value: float, low: float, high: float, step: float
        ) -> widgets.FloatSlider:
            return widgets.FloatSlider(
                value=check_number(name, value, low=low, high=high),
                min=low,
                max=high,
                step=step,
                description=name,
                continuous_update=False,
                readout_format=".2f",
            )

        self.w_xh = slider("w_xh", w_xh, -6.0, 6.0, 0.1)
        self.w_hh = slider("w_hh", w_hh, -1.5, 1.5, 0.05)
        self.b_h = slider("b_h", b_h, -2.0, 2.0, 0.05)
        self.pulse_length = _int_slider("pulse length", pulse_length, 1, max_length)
        self.summary = widgets.HTML()
        controls = {
            "w_xh": self.w_xh,
            "w_hh": self.w_hh,
            "b_h": self.b_h,
            "pulse_length": self.pulse_length,
        }
        self.output = widgets.interactive_output(self._draw, controls)
        super().__init__(
            [
                widgets.HBox([self.w_xh, self.w_hh]),
                widgets.HBox([self.b_h, self.pulse_length]),
                self.summary,
                self.output,
            ]
        )

    def state(self) -> tuple[np.ndarray, np.ndarray]:
        """The current input and hidden states.

        Returns:
            ``(x, h)``, each of shape ``(n_steps,)``.
        """
        x = pulse_input(self.n_steps, start=self.pulse_start, length=self.pulse_length.value)
        return x, one_unit_rnn(x, self.w_xh.value, self.w_hh.value, self.b_h.value)

    def _draw(self, w_xh: float, w_hh: float, b_h: float, pulse_length: int) -> None:
        x = pulse_input(self.n_steps, start=self.pulse_start, length=pulse_length)
        h = one_unit_rnn(x, w_xh, w_hh, b_h)
        end = self.pulse_start + pulse_length - 1
        summary = memory_summary(h, end, self.later)
        self.summary.value = f"<code>{summary}</code>"
        ax = plot_memory(
            x,
            h,
            title=(
                rf"$h_t = \tanh({w_xh:.2f}\,x_t + ({w_hh:.2f})\,h_{{t-1}} + ({b_h:.2f}))$"
                f"   (dotted: {self.later} steps after the pulse)"
            ),
        )
        ax.axvline(end + self.later, color="0.3", linestyle=":", linewidth=1.2)
        show(
            f"Memory explorer: an input pulse of {pulse_length} steps from t = "
            f"{self.pulse_start} (bars) and the state h_t of a 1-unit RNN with w_xh = "
            f"{w_xh:.2f}, w_hh = {w_hh:.2f}, b_h = {b_h:.2f} (line) over {self.n_steps} steps; "
            f"{summary}."
        )


memory_explorer = MemoryExplorer  # the name notebooks call


def step_readout(x: ArrayLike, h: ArrayLike, t: int) -> str:
    """Text listing ``x_1 .. x_t`` and ``h_1 .. h_t`` (rounded), one line per step.

    The unroll explorer's readout (notebook 3).

    Args:
        x: inputs, shape ``(T,)`` or ``(T, features)``.
        h: hidden states, shape ``(T,)`` or ``(T, units)``.
        t: the current step, ``1 <= t <= T``.

    Returns:
        ``t`` lines, ``t = s:  x_s = ...   ->   h_s = ...``.
    """
    x = np.asarray(x, dtype=float)
    h = np.asarray(h, dtype=float)

    def fmt(v: np.ndarray) -> str:
        if v.ndim == 0:
            return f"{v:+.3f}"
        return "[" + ", ".join(f"{e:+.2f}" for e in v) + "]"

    lines = [
        f"t = {s}:  x_{s} = {fmt(x[s - 1])}   ->   h_{s} = {fmt(h[s - 1])}" for s in range(1, t + 1)
    ]
    return "\n".join(lines)


class UnrollExplorer(widgets.VBox):
    """Step through an RNN over the sequence ``x``, one time step at a time.

    The diagram highlights step ``t`` and (for 1 unit) writes ``h_1 .. h_t`` on it; the text
    below lists them. Drive it from code with ``w = unroll_explorer(...); w.step.value = 3``.
    Introduced in notebook 3 (as ``unroll_explorer``).

    Args:
        x: the input sequence, shape ``(T,)`` (one feature) or ``(T, features)``.
        W_xh: input weights (Keras ``kernel``), shape ``(features, units)``.
        W_hh: recurrent weights (Keras ``recurrent_kernel``), shape ``(units, units)``.
        b_h: bias, shape ``(units,)``.
        value: the step shown first, an int in ``[1, T]``.
        show_outputs: draw the outputs ``y_t`` too.
    """

    def __init__(
        self,
        x: ArrayLike,
        W_xh: ArrayLike,
        W_hh: ArrayLike,
        b_h: ArrayLike,
        *,
        value: int = 1,
        show_outputs: bool = False,
    ) -> None:
        x = np.asarray(x, dtype=float)
        if x.ndim not in (1, 2) or len(x) < 1:
            raise ValueError(f"x must have shape (T,) or (T, features), got shape {x.shape}")
        x3 = x.reshape(1, len(x), -1)
        self.x = x
        self.h = rnn_forward(x3, W_xh, W_hh, b_h)[0]  # (T, units)
        if self.h.shape[1] == 1:
            self.h = self.h[:, 0]
        self.n_steps = len(x)
        value = check_int("value", value, low=1, high=self.n_steps)
        self.show_outputs = show_outputs
        self.step = widgets.IntSlider(
            value=value, min=1, max=self.n_steps, description="step t", continuous_update=True
        )
        self.play = widgets.Play(value=value, min=1, max=self.n_steps, interval=1500)
        widgets.jslink((self.play, "value"), (self.step, "value"))
        self.readout = widgets.HTML()
        self.output = widgets.interactive_output(self._draw, {"t": self.step})
        super().__init__([widgets.HBox([self.play, self.step]), self.output, self.readout])

    def _draw(self, t: int) -> None:
        self.readout.value = f"<pre>{step_readout(self.x, self.h, t)}</pre>"
        plot_unrolled(
            self.n_steps,
            highlight=t,
            h_values=self.h if self.h.ndim == 1 else None,
            show_outputs=self.show_outputs,
            title=(
                f"Step t = {t}: the cell reads $x_{{{t}}}$ and $h_{{{t - 1}}}$, "
                f"and writes $h_{{{t}}}$"
            ),
        )
        done = "no step done yet" if t == 1 else f"steps 1 to {t - 1} done"
        states = ""
        if self.h.ndim == 1:
            values = ", ".join(f"{v:+.2f}" for v in self.h[:t])
            states = f"; the states written so far, h_1 to h_{t}: {values}"
        show(
            f"Unroll explorer at step {t} of {self.n_steps}: a chain of {self.n_steps} copies of "
            f"one RNN cell, {done}, step {t} highlighted as it reads x_{t} and h_{t - 1} and "
            f"writes h_{t}, later steps greyed{states}."
        )


unroll_explorer = UnrollExplorer  # the name notebooks call
