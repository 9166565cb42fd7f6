"""Hypothesis strategies for the checks' property tests: whatever a learner's code may return.

Every check must give a verdict, never an exception, whatever the learner's function returns:
``ODD_VALUES`` draws single odd values (None, numbers, NaN, complex, text, lists, dicts, arrays
of odd dtypes and shapes), ``ODD_RETURNS`` also tuples and lists of them (a step that returns
two states, or one too many).
"""

from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

ODD_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.complex_numbers(),
    st.text(max_size=5),
    st.lists(st.floats(allow_nan=True), max_size=4),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
    hnp.arrays(
        dtype=st.sampled_from(["int64", "float64", "U3", "bool", "complex128", "timedelta64[s]"]),
        shape=hnp.array_shapes(min_dims=0, max_dims=3, min_side=0, max_side=4),
    ),
)

ODD_RETURNS = st.one_of(
    ODD_VALUES, st.tuples(ODD_VALUES, ODD_VALUES), st.lists(ODD_VALUES, max_size=3)
)
