"""Interactive explorers built from ipywidgets' ``interactive_output``.

Each builder returns the widget to display; its controls are attributes, so tests (and curious
learners) can drive it from code: ``w = window_length_explorer(s); w.slider.value = 12``.
"""

from __future__ import annotations

import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np

from course_utils.data import create_dataset
from course_utils.plotting import plot_memory, plot_series, plot_unrolled, plot_windows
from course_utils.rnn import rnn_forward

__all__ = [
    "memory_explorer",
    "memory_summary",
    "one_unit_rnn",
    "pulse_input",
    "step_readout",
    "unroll_explorer",
    "window_length_explorer",
    "window_summary",
]


def window_summary(length: int, n_steps: int) -> str:
    """One line saying what windowing a series of ``length`` values into ``n_steps`` gives."""
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

    Args:
        sequence: 1-D series of finite numbers, shape ``(length,)``.
        value: initial window length.
        max_steps: largest window length offered (capped at ``length - 1``).
    """

    def __init__(self, sequence: object, *, value: int = 10, max_steps: int = 40) -> None:
        seq = np.asarray(sequence)
        if seq.ndim != 1 or len(seq) < 3:
            raise ValueError(f"sequence must be 1-D with at least 3 values, got shape {seq.shape}")
        if seq.dtype.kind not in "biuf" or not np.all(np.isfinite(seq)):
            raise TypeError(f"sequence must hold finite numbers, got dtype {seq.dtype}")
        max_steps = int(min(max_steps, len(seq) - 1))
        if not 1 <= value <= max_steps:
            raise ValueError(f"value must be between 1 and {max_steps}, got {value}")
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
        plt.show()


window_length_explorer = WindowLengthExplorer  # the name notebooks call


# --- Notebook 2: the hidden state as memory ---------------------------------------------------


def _check_int(name: str, value: object, low: int, high: int | None = None) -> int:
    if isinstance(value, bool) or not isinstance(value, int | np.integer):
        raise TypeError(f"{name} must be an int, got {type(value).__name__} {value!r}")
    if value < low or (high is not None and value > high):
        upper = "" if high is None else f" and <= {high}"
        raise ValueError(f"{name} must be >= {low}{upper}, got {value}")
    return int(value)


def _check_number(name: str, value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float | np.integer | np.floating):
        raise TypeError(f"{name} must be a number, got {type(value).__name__} {value!r}")
    if not np.isfinite(value):
        raise ValueError(f"{name} must be finite, got {value}")
    return float(value)


def pulse_input(
    n_steps: int = 30, *, start: int = 3, length: int = 3, height: float = 1.0
) -> np.ndarray:
    """A rectangular input pulse: ``x_t = height`` for ``start <= t < start + length``, else 0.

    Time steps are numbered from 1 as in the equations, so ``x[t - 1]`` is ``x_t``.

    Returns:
        ``x``, shape ``(n_steps,)``, float64.
    """
    n_steps = _check_int("n_steps", n_steps, 1)
    start = _check_int("start", start, 1, n_steps)
    length = _check_int("length", length, 1, n_steps - start + 1)
    height = _check_number("height", height)
    x = np.zeros(n_steps)
    x[start - 1 : start - 1 + length] = height
    return x


def one_unit_rnn(x: object, w_xh: float, w_hh: float, b_h: float, *, h0: float = 0.0) -> np.ndarray:
    """Hidden states of a 1-unit RNN, ``h_t = tanh(w_xh * x_t + w_hh * h_{t-1} + b_h)``.

    The same cell as :func:`course_utils.rnn.rnn_forward` with 1x1 weight matrices.

    Args:
        x: inputs ``x_1 .. x_T``, shape ``(T,)``.
        w_xh, w_hh, b_h: the three scalar weights.
        h0: the initial state ``h_0``.

    Returns:
        ``h_1 .. h_T``, shape ``(T,)``, float64.
    """
    x = np.asarray(x, dtype=float)
    if x.ndim != 1 or x.size == 0:
        raise ValueError(f"x must have shape (T,) with T >= 1, got shape {x.shape}")
    w_xh, w_hh, b_h, h0 = (
        _check_number(name, v)
        for name, v in (("w_xh", w_xh), ("w_hh", w_hh), ("b_h", b_h), ("h0", h0))
    )
    h = rnn_forward(x.reshape(1, -1, 1), [[w_xh]], [[w_hh]], [b_h], h0=[[h0]])
    return h[0, :, 0]


def _percent(ratio: float) -> str:
    """A ratio as a percentage that never reads as 0 % unless it is 0: 28%, 2.5%, 0.1%, <0.1%."""
    if ratio == 0 or ratio >= 0.1:
        return f"{ratio:.0%}"
    if ratio >= 0.0005:
        return f"{ratio:.1%}"
    return "<0.1%"


def memory_summary(h: object, pulse_end: int, later: int = 10) -> str:
    """Say what is left of the state ``later`` steps after the pulse ends.

    Args:
        h: hidden states ``h_1 .. h_T``, shape ``(T,)``.
        pulse_end: last time step of the pulse (1-based), with ``pulse_end + later <= T``.
        later: how many steps after the pulse to look.
    """
    h = np.asarray(h, dtype=float)
    if h.ndim != 1:
        raise ValueError(f"h must have shape (T,), got shape {h.shape}")
    pulse_end = _check_int("pulse_end", pulse_end, 1, len(h))
    later = _check_int("later", later, 1, len(h) - pulse_end)
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
    line). Drive it from code with ``w = memory_explorer(); w.w_hh.value = 0.95``.
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
        n_steps = _check_int("n_steps", n_steps, 2)
        self.pulse_start = _check_int("pulse_start", pulse_start, 1, n_steps)
        self.later = _check_int("later", later, 1)
        self.n_steps = n_steps
        max_length = n_steps - self.pulse_start + 1 - self.later
        if max_length < 1:
            raise ValueError(
                f"n_steps ({n_steps}) is too short for a pulse starting at {self.pulse_start} "
                f"followed by {self.later} steps"
            )
        max_length = min(max_length, 10)
        pulse_length = _check_int("pulse_length", pulse_length, 1, max_length)

        def slider(name: str, value: float, low: float, high: float, step: float) -> object:
            value = _check_number(name, value)
            if not low <= value <= high:
                raise ValueError(f"{name} must be between {low} and {high}, got {value}")
            return widgets.FloatSlider(
                value=value,
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
        """The current input and hidden states ``(x, h)``, each shape ``(n_steps,)``."""
        x = pulse_input(self.n_steps, start=self.pulse_start, length=self.pulse_length.value)
        return x, one_unit_rnn(x, self.w_xh.value, self.w_hh.value, self.b_h.value)

    def _draw(self, w_xh: float, w_hh: float, b_h: float, pulse_length: int) -> None:
        x = pulse_input(self.n_steps, start=self.pulse_start, length=pulse_length)
        h = one_unit_rnn(x, w_xh, w_hh, b_h)
        end = self.pulse_start + pulse_length - 1
        self.summary.value = f"<code>{memory_summary(h, end, self.later)}</code>"
        ax = plot_memory(
            x,
            h,
            title=(
                rf"$h_t = \tanh({w_xh:.2f}\,x_t + ({w_hh:.2f})\,h_{{t-1}} + ({b_h:.2f}))$"
                f"   (dotted: {self.later} steps after the pulse)"
            ),
        )
        ax.axvline(end + self.later, color="0.3", linestyle=":", linewidth=1.2)
        plt.show()


memory_explorer = MemoryExplorer  # the name notebooks call


# --- Notebook 3: stepping through the unrolled RNN ---------------------------------------------


def step_readout(x: object, h: object, t: int) -> str:
    """Text listing ``x_1 .. x_t`` and ``h_1 .. h_t`` (rounded), one line per step.

    Args:
        x: inputs, shape ``(T,)`` or ``(T, features)``.
        h: hidden states, shape ``(T,)`` or ``(T, units)``.
        t: the current step, ``1 <= t <= T``.
    """
    x = np.asarray(x, dtype=float)
    h = np.asarray(h, dtype=float)
    if x.ndim not in (1, 2) or h.ndim not in (1, 2) or len(x) != len(h):
        raise ValueError(
            f"x and h must have shapes (T,) or (T, n) with the same T, got {x.shape} and {h.shape}"
        )
    t = _check_int("t", t, 1, len(h))

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

    Args:
        x: the input sequence, shape ``(T,)`` (one feature) or ``(T, features)``.
        W_xh, W_hh, b_h: weights in Keras' layout, shapes ``(features, units)``,
            ``(units, units)`` and ``(units,)``.
        value: the step shown first.

    The diagram highlights step ``t`` and (for 1 unit) writes ``h_1 .. h_t`` on it; the text
    below lists them. Drive it from code with ``w = unroll_explorer(...); w.step.value = 3``.
    """

    def __init__(
        self,
        x: object,
        W_xh: object,
        W_hh: object,
        b_h: object,
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
        value = _check_int("value", value, 1, self.n_steps)
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
        plt.show()


unroll_explorer = UnrollExplorer  # the name notebooks call
