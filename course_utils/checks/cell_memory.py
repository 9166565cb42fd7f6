"""Check for notebook 2's prediction: how much of a pulse a 1-unit RNN still holds 10 steps later.

The cell is ``h_t = tanh(w_xh x_t + w_hh h_{t-1} + b_h)`` with ``w_xh = 1``, ``w_hh = 0.95``,
``b_h = 0``, fed a pulse ``x_3 = x_4 = x_5 = 1``. The learner writes down, before running the cell
that shows it, the fraction ``h_15 / h_5`` that is left 10 silent steps after the pulse. The
classic guess is the linear estimate ``w_hh ** 10``; tanh's squashing near 1 leaves less, and the
verdict says why.

The true value (the reference answer) is computed by the package's own
:func:`course_utils.rnn.one_unit_rnn`.
"""

from __future__ import annotations

import math
import numbers

from course_utils import data, rnn
from course_utils.checks.framework import exercise, fail, is_placeholder, not_done, passed

__all__ = ["PULSE_SETTING", "check_pulse_prediction", "pulse_memory"]

#: The cell and pulse of the exercise: weights, the pulse's first and last step, steps after it.
PULSE_SETTING = {"w_xh": 1.0, "w_hh": 0.95, "b_h": 0.0, "start": 3, "end": 5, "later": 10}

#: A prediction this close to the true fraction counts as right.
RIGHT_WITHIN = 0.05
#: A prediction this close to a typical wrong value gets that value's explanation.
NEAR = 0.03


def pulse_memory() -> tuple[float, float, float]:
    """The exercise's numbers: ``h`` at the end of the pulse, 10 steps later, and their ratio.

    Introduced in notebook 2.

    Returns:
        ``(h_end, h_later, fraction)`` with ``fraction = h_later / h_end``.
    """
    s = PULSE_SETTING
    x = data.pulse_input(30, start=int(s["start"]), length=int(s["end"] - s["start"] + 1))
    h = rnn.one_unit_rnn(x, w_xh=s["w_xh"], w_hh=s["w_hh"], b_h=s["b_h"])
    end, later = int(s["end"]), int(s["end"] + s["later"])
    h_end, h_later = float(h[end - 1]), float(h[later - 1])
    return h_end, h_later, h_later / h_end


def _fraction() -> float:
    return pulse_memory()[2]


@exercise("pulse_prediction", notebook=2, reference=_fraction)
def check_pulse_prediction(prediction: object) -> bool:
    """Check a prediction of the fraction of ``h`` left 10 silent steps after the pulse.

    The setting is :data:`PULSE_SETTING` (``w_hh = 0.95``). Introduced in notebook 2.

    Args:
        prediction: the learner's fraction, a number between 0 and 1 (0.5 = half is left).

    Returns:
        True if it is within ``RIGHT_WITHIN`` of the true fraction; the verdict, which compares
        it with the linear estimate ``w_hh ** 10`` and explains the difference, is printed.
    """
    if is_placeholder(prediction):
        not_done()
    if isinstance(prediction, bool) or not isinstance(prediction, numbers.Real):
        fail(
            "write your prediction as a number, a fraction between 0 and 1 (0.5 means half of "
            f"h is left), got {type(prediction).__name__}."
        )
    p = float(prediction)
    if not math.isfinite(p):
        fail(f"write a finite number between 0 and 1, got {p}.")
    w = PULSE_SETTING["w_hh"]
    h_end, h_later, truth = pulse_memory()
    linear = w**10
    squash = math.tanh(w * h_end)  # what the first silent step makes of h_end
    tanh_note = (
        f"While h is near 1, tanh squashes: the first silent step gives tanh({w} · {h_end:.3f}) "
        f"= {squash:.2f}, not {w * h_end:.2f}"
    )
    if abs(p - truth) <= RIGHT_WITHIN:
        return passed(
            f"Good prediction: {truth:.0%} is left (h goes from {h_end:.3f} to {h_later:.3f}). "
            f"The linear estimate w_hh^10 = {w}^10 = {linear:.2f} is too high. {tanh_note}; "
            "once h is small, tanh(z) ≈ z and each step keeps about 95%."
        )
    if abs(p - linear) <= NEAR:
        fail(
            f"{p:g} is the linear estimate w_hh^10 = {w}^10 = {linear:.2f}, which holds while h "
            f"is small (tanh(z) ≈ z). But the pulse pushed h to {h_end:.3f}. {tanh_note}: each "
            "step near 1 keeps much less than 95%. Predict again, then run the next cell."
        )
    if abs(p - 10 * w) <= NEAR * 10:
        fail(
            f"{p:g} is w_hh · 10. Each silent step multiplies h by about w_hh, so 10 steps "
            f"multiply it by w_hh^10, a power, and the fraction left is below 1."
        )
    if 1 < p <= 100:
        fail(
            f"a fraction lies between 0 and 1; if you mean {p:g}%, write {p / 100:g}. "
            "(Then think about tanh's squashing near 1.)"
        )
    if p > 1:
        fail(
            f"{p:g} would mean h grew. With w_hh = {w} < 1 and no input, |h| can only shrink: "
            f"|tanh(z)| <= |z| and |w_hh h| < |h|."
        )
    if p < 0:
        fail(
            f"a negative fraction means h changed sign. With w_hh = {w} > 0 and no input, "
            "h keeps its sign and shrinks; a negative w_hh would flip it."
        )
    if p >= 1 - NEAR:
        fail(
            f"nothing lost? Each silent step multiplies h by at most w_hh = {w} (tanh only "
            "shrinks further), so after 10 steps clearly less than all of it is left."
        )
    if abs(p - w) <= NEAR:
        fail(
            f"{p:g} is what one silent step keeps (about w_hh = {w}, when h is small). "
            "The question asks for 10 steps, each multiplying h again."
        )
    if abs(p - (1 - 10 * (1 - w))) <= NEAR:
        fail(
            f"{p:g} = 1 - 10 · {1 - w:.2f} takes away 5% of the start at each step. The "
            "cell multiplies instead: each step keeps a share of what is left, so the losses "
            "compound (and tanh adds to them while h is near 1)."
        )
    if p <= 0.01:
        fail(
            f"almost nothing left is what w_hh = 0.5 gives (0.5^10 ≈ 0.001). With w_hh = {w} "
            "close to 1 each step keeps most of the state once h is small: more survives."
        )
    if p > truth:
        fail(
            f"too high: less than {p:.0%} of h_5 survives the 10 silent steps. {tanh_note}, "
            f"so the first steps lose more than 5% each, and less than the linear estimate "
            f"{w}^10 = {linear:.2f} is left. Predict again, then run the next cell."
        )
    fail(
        f"too low: more than {p:.0%} of h_5 survives the 10 silent steps. Once h is small, "
        f"tanh(z) ≈ z and each step keeps about {w:.0%}; only the first few steps near 1 lose "
        "more. Predict again, then run the next cell."
    )
