"""Check for notebook 4's prediction: parameter counts of models the learner has not seen yet.

The learner reads the code of a few Keras models (other units and features, two stacked
``SimpleRNN`` layers, an ``LSTM``, a ``GRU``) and writes each model's parameter count before
running ``count_params()``. The check compares with ``count_params()`` and, for a wrong count,
names the term that is missing or wrong: the recurrent ``U·U`` weights, a bias, the features of a
stacked layer (the units of the layer below), the LSTM's 4 and the GRU's 3 weight blocks (their
gates and the candidate, each a SimpleRNN-sized set of weights), the GRU's
second bias row (Keras' ``reset_after=True``), ...

The hints come from the models themselves: the check reads each layer's kind, units and input
features, counts the parameters with the formula (and makes sure that agrees with Keras), then
recounts with each classic mistake to recognise the learner's number. No TensorFlow import here:
the models are passed in.
"""

from __future__ import annotations

import dataclasses
import itertools
import math
import numbers
from collections.abc import Mapping
from typing import Any

from course_utils.checks.framework import (
    TODO,
    WRONG,
    exercise,
    fail,
    is_placeholder,
    not_done,
    passed,
)

__all__ = ["check_param_counts", "count_by_formula", "describe_layers"]

#: Weight blocks per recurrent layer kind: each block (a gate, or the candidate) is one
#: SimpleRNN-sized set of weights.
BLOCKS = {"SimpleRNN": 1, "LSTM": 4, "GRU": 3}


@dataclasses.dataclass(frozen=True)
class Layer:
    """What a layer's parameter count depends on (a recurrent layer, or ``Dense``).

    ``features`` is the size of one input step; ``bias_rows`` is 0 without a bias, 2 for Keras'
    GRU with ``reset_after=True``. The other fields let the classic mistakes be recounted.
    """

    kind: str
    units: int
    features: int
    blocks: int = 1
    bias_rows: int = 1
    bias_blocks: int | None = None  # None: one bias per weight block
    recurrent: bool = True  # has the units x units recurrent weights
    times: int = 1  # a mistaken multiplier (the number of time steps)

    def count(self) -> int:
        """The parameters of this layer under its (possibly mistaken) assumptions.

        Returns:
            The count.
        """
        if self.kind == "Dense":
            return self.features * self.units + self.bias_rows * self.units
        weights = self.blocks * (self.features + (self.units if self.recurrent else 0))
        bias_blocks = self.blocks if self.bias_blocks is None else self.bias_blocks
        return self.times * (weights * self.units + self.bias_rows * bias_blocks * self.units)


def describe_layers(model: Any) -> tuple[list[Layer], int | None]:
    """The layers of a Keras model as :class:`Layer` records, and its number of time steps.

    Introduced in notebook 4 (through :func:`check_param_counts`).

    Args:
        model: a built Keras model of ``SimpleRNN``, ``LSTM``, ``GRU`` and ``Dense`` layers.

    Returns:
        ``(layers, timesteps)``; timesteps is None when the input does not fix it.

    Raises:
        ValueError: a layer of another kind (the formula does not cover it).
    """
    layers = []
    for layer in model.layers:
        kind = type(layer).__name__
        if kind not in (*BLOCKS, "Dense"):
            raise ValueError(f"model holds a {kind} layer; only {[*BLOCKS, 'Dense']} are counted")
        features = int(layer.weights[0].shape[0])  # the kernel: (features, blocks * units)
        bias_rows = 1 if getattr(layer, "use_bias", True) else 0
        if kind == "GRU" and bias_rows and getattr(layer, "reset_after", False):
            bias_rows = 2
        layers.append(
            Layer(kind, int(layer.units), features, BLOCKS.get(kind, 1), bias_rows=bias_rows)
        )
    shape = getattr(model, "input_shape", None)
    timesteps = shape[1] if isinstance(shape, tuple) and len(shape) == 3 else None
    return layers, timesteps


def count_by_formula(layers: list[Layer]) -> int:
    """The total parameter count of ``layers``.

    Introduced in notebook 4 (through :func:`check_param_counts`).

    Args:
        layers: as :func:`describe_layers` returns them.

    Returns:
        The sum of the layers' counts.
    """
    return sum(layer.count() for layer in layers)


def _changed(layers: list[Layer], where: list[int], **changes: Any) -> list[Layer] | None:
    """``layers`` with ``changes`` applied to the layers at indices ``where``; None if none."""
    if not where:
        return None
    return [dataclasses.replace(la, **changes) if i in where else la for i, la in enumerate(layers)]


def _mistakes(layers: list[Layer], timesteps: int | None) -> list[tuple[int, str]]:
    """Counts a learner gets by a classic mistake, each with the hint that names it."""
    rnn = [i for i, la in enumerate(layers) if la.kind in BLOCKS]
    dense = [i for i, la in enumerate(layers) if la.kind == "Dense"]
    variants: list[tuple[list[Layer] | None, str]] = []

    def add(changed: list[Layer] | None, hint: str) -> None:
        variants.append((changed, hint))

    two_rows = any(layers[i].bias_rows == 2 for i in rnn)
    add(
        _changed(layers, rnn, recurrent=False),
        "the recurrent weights are missing: besides the input weights (features · units), "
        "each recurrent layer has W_hh, units · units per weight block, which carries the "
        "state from one step to the next",
    )
    add(
        _changed(layers, rnn, bias_rows=0),
        "the recurrent layer's bias is missing: units numbers per weight block"
        + (" (two rows of them in Keras' GRU)" if two_rows else ""),
    )
    add(
        [la for la in layers if la.kind != "Dense"] if rnn and dense else None,
        "count the Dense layer on top too: units of the layer below · outputs, plus a bias",
    )
    add(_changed(layers, dense, bias_rows=0), "the Dense layer has a bias too: one per output")
    add(
        _changed(layers, list(range(len(layers))), bias_rows=0),
        "the biases are missing: every layer adds one bias per unit (per weight block)",
    )
    if rnn and timesteps:
        first = layers[rnn[0]]
        add(
            _changed(layers, rnn[:1], features=timesteps),
            f"you used the number of time steps ({timesteps}) as the input features. One input "
            f"step holds {first.features} value(s): the last number of the input shape",
        )
        add(
            _changed(layers, rnn, times=timesteps),
            f"the count does not grow with the {timesteps} time steps: the same weights are used "
            "at every step",
        )
    if rnn and layers[rnn[0]].features != 1:
        add(
            _changed(layers, rnn[:1], features=1),
            f"the input has {layers[rnn[0]].features} features per step, not 1: the input "
            "weights are features · units",
        )
    for below, above in itertools.pairwise(rnn):
        units, features = layers[below].units, layers[rnn[0]].features
        add(
            _changed(layers, [above], features=features),
            "the second recurrent layer reads the first one's output: at each step its "
            f"features are the {units} units of the layer below, not the {features} input "
            "feature(s)",
        )
        if features != 1 and units != 1:
            add(
                _changed(layers, [above], features=1),
                "the second recurrent layer reads the first one's output: at each step its "
                f"features are the {units} units of the layer below, not 1",
            )
        if timesteps:
            add(
                _changed(layers, [above], features=timesteps * units),
                f"return_sequences=True hands the next layer {timesteps} steps of {units} "
                "features, and it reads them one step at a time with the same weights: its "
                f"features are {units}, not {timesteps} · {units}",
            )
    for kind, blocks, other, names in (
        ("LSTM", 4, 3, "the input, forget and output gates and the candidate"),
        ("GRU", 3, 4, "the update and reset gates and the candidate"),
    ):
        where = [i for i, la in enumerate(layers) if la.kind == kind]
        article = "An" if kind == "LSTM" else "A"
        add(
            _changed(layers, where, blocks=1, bias_rows=1),
            f"that counts the {kind} like a SimpleRNN. {article} {kind} has {blocks} weight blocks "
            f"({names}), each with its own input weights, recurrent weights and bias",
        )
        add(
            _changed(layers, where, blocks=other, bias_rows=1),
            f"{other} weight blocks is the {'GRU' if kind == 'LSTM' else 'LSTM'}; the {kind} "
            f"has {blocks} ({names})",
        )
        add(
            _changed(layers, where, bias_blocks=1),
            f"each of the {kind}'s {blocks} weight blocks has its own bias, not one bias for all",
        )
    add(
        _changed(layers, [i for i in rnn if layers[i].bias_rows == 2], bias_rows=1),
        "Keras' GRU keeps two bias rows (its default reset_after=True): one added to the input "
        "part and one to the recurrent part of each weight block, 2 · 3 · units biases",
    )
    found: dict[int, str] = {}
    right = count_by_formula(layers)
    for changed, hint in variants:
        if changed is None:
            continue
        count = count_by_formula(changed)
        if count != right and count not in found:
            found[count] = hint
    return list(found.items())


def _as_count(value: object) -> int | str:
    """The learner's number as an int, or the text of what is wrong with it."""
    if isinstance(value, str):
        return "write the count as a number without quotes (e.g. 1185 or 1_185)"
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        return f"write the count as a whole number, got {type(value).__name__}"
    number = float(value)
    if not math.isfinite(number) or number != int(number):
        return f"a parameter count is a whole number, got {value!r}"
    if number < 0:
        return "a parameter count cannot be negative"
    return int(number)


@exercise("param_counts", notebook=4)
def check_param_counts(counts: object, models: object) -> bool:
    """Check predicted parameter counts against each model's ``count_params()``.

    For a wrong count, the line says which term is missing or wrong (recognised by recounting
    with each classic mistake: no recurrent weights, no bias, the stacked layer's features, the
    weight blocks, the GRU's two bias rows, ...). Introduced in notebook 4.

    Args:
        counts: ``{name: predicted count}``, e.g. ``{"A": 1185, "B": ...}``; ``...`` for one not
            predicted yet.
        models: ``{name: built Keras model}`` with the same names.

    Returns:
        True if every count is right; one line per model and a verdict are printed.
    """
    if not isinstance(models, Mapping) or not models:
        fail(
            "models should be the dict of models, {'A': model, ...}, "
            f"got {type(models).__name__}."
        )
    if is_placeholder(counts):
        counts = {name: ... for name in models}
    if not isinstance(counts, Mapping):
        fail(f"counts should be a dict like {{'A': 1185, 'B': ...}}, got {type(counts).__name__}.")
    missing = [name for name in models if name not in counts]
    extra = [name for name in counts if name not in models]
    if missing or extra:
        fail(
            f"counts should have one entry per model, {sorted(map(str, models))}; "
            f"missing {missing}, unknown {sorted(map(str, extra))}."
        )
    if all(is_placeholder(counts[name]) for name in models):
        not_done()
    lines, n_right = [], 0
    for name, model in models.items():
        if is_placeholder(counts[name]):
            lines.append(f"{name}: {TODO} not predicted yet")
            continue
        got = _as_count(counts[name])
        if isinstance(got, str):
            lines.append(f"{name}: {WRONG} {got}")
            continue
        right = int(model.count_params())
        if got == right:
            lines.append(f"{name}: ✅ {got:,} is right")
            n_right += 1
            continue
        hint = ""
        try:
            layers, timesteps = describe_layers(model)
        except (AttributeError, IndexError, TypeError, ValueError):
            layers, timesteps = [], None
        if layers and count_by_formula(layers) == right:  # the formula covers this model
            hint = dict(_mistakes(layers, timesteps)).get(got, "")
        if not hint and got == 2 * right:
            hint = (
                "that is exactly twice the right count: each weight counts once, so count every "
                "layer once (the same W_xh, W_hh and bias serve every step)"
            )
        if got == 2651:
            hint = "2,651 is the course's model, SimpleRNN(50) on 1 feature plus Dense(1)"
        if not hint:
            hint = (
                f"too {'high' if got > right else 'low'}. Count layer by layer: a recurrent "
                "layer has blocks · (features · units + units · units + units), Dense has "
                "features · outputs + outputs"
            )
        lines.append(f"{name}: {WRONG} {got:,} is not it: {hint}.")
    for line in lines:
        print(line)
    total = len(models)
    if n_right == total:
        return passed(f"All {total} counts are right. Run the next cell to see Keras agree.")
    fail(f"{n_right} of {total} right so far; the hints above say which term to look at.")
