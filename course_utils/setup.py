"""The one call at the top of every notebook.

``setup_notebook()`` makes a notebook reproducible and readable:

- quiets TensorFlow's C++ log lines *before* TensorFlow is imported (they go to the
  process's stderr and differ between machines);
- seeds Python's ``random``, NumPy and (if used) TensorFlow through ``keras.utils.set_random_seed``;
- turns on TensorFlow's op determinism, so the same seed gives the same training run;
- sets a readable, colour-blind-safe matplotlib style;
- prints one line of library versions, so a learner can quote it when asking for help;
- optionally switches to classroom mode (large fonts and lines for a projector);
- on a shared server, limits TensorFlow's and the BLAS threads to the learner's CPU share
  (``course_utils.threads``) and keeps figures inline whatever ``MPLBACKEND`` says
  (``course_utils.backend``).
"""

from __future__ import annotations

import contextlib
import os
import platform
import random
import sys
from collections.abc import Iterator
from importlib import metadata
from types import ModuleType

import numpy as np

from course_utils.backend import keep_inline
from course_utils.threads import limit_threads

#: Okabe & Ito's colour-blind-safe palette (blue, orange, green, vermillion, purple, sky, yellow).
PALETTE: tuple[str, ...] = (
    "#0072B2",
    "#E69F00",
    "#009E73",
    "#D55E00",
    "#CC79A7",
    "#56B4E9",
    "#F0E442",
)

#: Default seed used by every notebook.
DEFAULT_SEED = 42

#: Set this environment variable to 1/true/yes/on to start every notebook in classroom mode.
CLASSROOM_ENV = "COURSE_CLASSROOM"

#: What classroom mode changes: larger and thicker, for a projector at the back of a room.
CLASSROOM_RC: dict[str, object] = {
    "figure.figsize": (11.0, 4.8),
    "figure.dpi": 110,
    "font.size": 17,
    "axes.titlesize": 19,
    "axes.labelsize": 17,
    "xtick.labelsize": 15,
    "ytick.labelsize": 15,
    "legend.fontsize": 15,
    "lines.linewidth": 3.2,
    "lines.markersize": 9,
    "axes.linewidth": 1.6,
    "grid.alpha": 0.45,
}


def _check_seed(seed: object) -> int:
    if isinstance(seed, bool) or not isinstance(seed, int | np.integer):
        raise TypeError(f"seed must be an int, got {type(seed).__name__}")
    if not 0 <= int(seed) < 2**32:
        raise ValueError(f"seed must be in [0, 2**32), got {seed}")
    return int(seed)


def quiet_tensorflow() -> None:
    """Silence TensorFlow's C++ INFO/WARNING lines; must run before ``import tensorflow``.

    Respects a value the user already set in the environment (e.g. ``TF_CPP_MIN_LOG_LEVEL=0``
    when debugging).
    """
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")


@contextlib.contextmanager
def _stderr_fd_silenced() -> Iterator[None]:
    """Send the process's file descriptor 2 to /dev/null for the duration of the block.

    TensorFlow 2.21 logs a few lines through absl *before* its logging is initialised (oneDNN
    and CUDA notices), and those ignore ``TF_CPP_MIN_LOG_LEVEL`` (tensorflow/tensorflow#100442).
    They go straight to the C-level stderr, where Jupyter shows them as a red box that differs
    between machines. Python's own ``sys.stderr`` is flushed first and works again afterwards.
    """
    try:
        fd = sys.__stderr__.fileno() if sys.__stderr__ is not None else 2
    except (AttributeError, OSError, ValueError):  # no real stderr (some embedded runtimes)
        yield
        return
    sys.stderr.flush()
    saved = os.dup(fd)
    try:
        with open(os.devnull, "w") as devnull:
            os.dup2(devnull.fileno(), fd)
        yield
    finally:
        os.dup2(saved, fd)
        os.close(saved)


def import_tensorflow_quietly() -> ModuleType:
    """Import TensorFlow with its start-up log lines silenced, and start its CPU runtime.

    Returns the ``tensorflow`` module. Running one tiny op here moves the runtime's one-time
    notices into the silenced block too, so no later cell prints them.
    """
    quiet_tensorflow()
    with _stderr_fd_silenced():
        import tensorflow as tf

        tf.add(tf.constant(1.0), 1.0).numpy()
    return tf


def plot_style() -> None:
    """Apply the course's matplotlib style: large enough to read, light grid, safe palette."""
    import matplotlib as mpl
    from cycler import cycler

    mpl.rcParams.update(
        {
            "figure.figsize": (8.0, 3.2),
            "figure.dpi": 100,
            "savefig.dpi": 100,
            "font.size": 11,
            "axes.titlesize": 12,
            "axes.labelsize": 11,
            "axes.grid": True,
            "grid.alpha": 0.3,
            "axes.spines.top": False,
            "axes.spines.right": False,
            "axes.prop_cycle": cycler(color=list(PALETTE)),
            "lines.linewidth": 1.8,
            "legend.frameon": False,
            "figure.constrained_layout.use": True,
        }
    )


def classroom_mode(on: bool = True) -> None:
    """Switch plots to projector sizes (``on=True``) or back to the normal course style.

    Affects figures drawn after the call. Notebooks turn it on with
    ``setup_notebook(classroom=True)`` or, for a whole session, with the environment variable
    ``COURSE_CLASSROOM=1`` (e.g. ``COURSE_CLASSROOM=1 make lab``).
    """
    if not isinstance(on, bool):
        raise TypeError(f"on must be True or False, got {on!r}")
    import matplotlib as mpl

    plot_style()
    if on:
        mpl.rcParams.update(CLASSROOM_RC)


def classroom_from_env() -> bool:
    """True when ``COURSE_CLASSROOM`` is set to 1, true, yes or on (any case)."""
    value = os.environ.get(CLASSROOM_ENV, "").strip().lower()
    if value in ("", "0", "false", "no", "off"):
        return False
    if value in ("1", "true", "yes", "on"):
        return True
    raise ValueError(
        f"{CLASSROOM_ENV} must be one of 1/0, true/false, yes/no, on/off; got {value!r}"
    )


def _version(dist: str) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "not installed"


def setup_notebook(
    seed: int = DEFAULT_SEED, *, tensorflow: bool = True, classroom: bool | None = None
) -> None:
    """Seed everything, make TensorFlow deterministic and quiet, style plots, print versions.

    Args:
        seed: seed for Python's ``random``, NumPy's global generator and TensorFlow.
        tensorflow: import and configure TensorFlow. Notebooks that never touch it pass
            ``False`` and start about three seconds faster.
        classroom: projector-sized plots (see :func:`classroom_mode`); ``None`` reads the
            ``COURSE_CLASSROOM`` environment variable, off when unset.
    """
    seed = _check_seed(seed)
    if not isinstance(tensorflow, bool):
        raise TypeError(f"tensorflow must be True or False, got {tensorflow!r}")
    if classroom is None:
        classroom = classroom_from_env()
    elif not isinstance(classroom, bool):
        raise TypeError(f"classroom must be True, False or None, got {classroom!r}")

    random.seed(seed)
    np.random.seed(seed)  # noqa: NPY002 -- seeds legacy np.random calls a learner might write
    # On a shared server (JupyterHub, Binder): this kernel's share of the CPUs, set before
    # TensorFlow starts, and inline figures even if the server exports MPLBACKEND=Agg.
    threads_note = limit_threads()
    keep_inline()
    classroom_mode(classroom)

    parts = [f"Python {platform.python_version()}", f"NumPy {np.__version__}"]
    if tensorflow:
        tf = import_tensorflow_quietly()
        import keras

        keras.utils.set_random_seed(seed)
        tf.config.experimental.enable_op_determinism()
        parts += [f"TensorFlow {tf.__version__}", f"Keras {keras.__version__}"]
    parts += [f"Matplotlib {_version('matplotlib')}", f"ipywidgets {_version('ipywidgets')}"]
    print(" | ".join(parts))
    print(f"Random seed {seed}" + ("; TensorFlow ops deterministic" if tensorflow else ""))
    if classroom:
        print("Classroom mode: large fonts and thick lines for the projector")
    if threads_note:  # only when a limit applies
        print(threads_note)
