"""Helpers for the hands-on RNN course, one module per concern.

Importing this package (or any module in it) has no side effects and does not import TensorFlow.
Modules lower in the list never import those higher up:

- ``setup``      the first cell of every notebook: seeds, determinism, quiet TensorFlow, style
- ``threads``    a kernel's fair share of a shared server's CPU threads (used by ``setup``)
- ``backend``    inline figures even when a server exports ``MPLBACKEND=Agg`` (used by ``setup``)
- ``teaching``   student copies, offline slides, the website (``make student/slides/site``; a
                 package: one module per tool and one for what slides and site share)
- ``widgets``    the ipywidgets explorers (user-interface code only)
- ``quiz``       the end-of-notebook quizzes (a package: the file format and judging, the form);
                 the questions live in ``quizzes/NN_*.json``
- ``checks``     exercise self-checks that explain mistakes and never crash (a package: one
                 verdict framework, one module per exercise group)
- ``training``   plumbing that makes tiny models train fast with the same optimizer steps
                 (re-exports ``early_stopping``)
- ``early_stopping`` losses measured at each epoch's end, and early stopping (notebook 7)
- ``plotting``   the course's figures and ``show`` (a figure with its text alternative)
- ``rnn``        the RNN cell in NumPy, in Keras' weight layout (re-exports ``gated``)
- ``gated``      the LSTM and GRU cells in NumPy, in Keras' weight layout
- ``forecast``   notebook 7 (a package): the sunspot series, its split and windows; the
                 forecasters (naive, linear, AR(p), recurrent) and their score
- ``data``       sequence generators and ``create_dataset`` (windowing)
- ``style``      the palette, the colours that mean something, the matplotlib styles
- ``validate``   argument checks: TypeError for a wrong type, ValueError for a wrong value
"""

__version__ = "0.1.0"
