"""Helpers for the hands-on RNN course.

One module per concern; importing this package (or any module in it) has no side effects
and does not import TensorFlow:

- ``course_utils.setup``    -- the first cell of every notebook (seeds, determinism, plot style)
- ``course_utils.data``     -- sequence generators and ``create_dataset`` (windowing)
- ``course_utils.rnn``      -- the basic RNN cell in NumPy, in Keras' weight layout
- ``course_utils.plotting`` -- figures used across notebooks (each returns its Axes)
- ``course_utils.widgets``  -- ipywidgets explorers
- ``course_utils.checks``   -- exercise self-checks that explain mistakes and never crash
- ``course_utils.teaching`` -- student copies, offline slides, the website (``make site``)
"""

__all__ = ["checks", "data", "plotting", "rnn", "setup", "teaching", "widgets"]
__version__ = "0.1.0"
