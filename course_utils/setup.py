"""The one call at the top of every notebook.

``setup_notebook()`` makes a notebook reproducible and readable:

- quiets TensorFlow's C++ log lines *before* TensorFlow is imported (they go to the
  process's stderr and differ between machines);
- seeds Python's ``random``, NumPy and (if used) TensorFlow through ``keras.utils.set_random_seed``;
- turns on TensorFlow's op determinism, so the same seed gives the same training run;
- sets the course's readable, colour-blind-safe matplotlib style (``course_utils.style``);
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
from course_utils.style import CLASSROOM_RC, PALETTE, apply_style
from course_utils.threads import limit_threads
from course_utils.validate import check_bool, check_int

__all__ = [
    "CLASSROOM_ENV",
    "CLASSROOM_RC",
    "DEFAULT_SEED",
    "PALETTE",
    "classroom_from_env",
    "classroom_mode",
    "import_tensorflow_quietly",
    "quiet_tensorflow",
    "setup_notebook",
]

#: Default seed used by every notebook.
DEFAULT_SEED = 42

#: Set this environment variable to 1/true/yes/on to start every notebook in classroom mode.
CLASSROOM_ENV = "COURSE_CLASSROOM"


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

    Running one tiny op here moves the runtime's one-time notices into the silenced block too,
    so no later cell prints them.

    Returns:
        The ``tensorflow`` module.
    """
    quiet_tensorflow()
    with _stderr_fd_silenced():
        import tensorflow as tf

        tf.add(tf.constant(1.0), 1.0).numpy()
    return tf


def classroom_mode(on: bool = True) -> None:
    """Switch plots to projector sizes (``on=True``) or back to the normal course style.

    Affects figures drawn after the call. Notebooks turn it on with
    ``setup_notebook(classroom=True)`` or, for a whole session, with the environment variable
    ``COURSE_CLASSROOM=1`` (e.g. ``COURSE_CLASSROOM=1 make lab``). The styles live in
    :mod:`course_utils.style`.

    Args:
        on: classroom sizes (True) or the normal style (False).

    Raises:
        TypeError: ``on`` is not a bool.
    """
    apply_style(classroom=check_bool("on", on))


def classroom_from_env() -> bool:
    """Whether the ``COURSE_CLASSROOM`` environment variable turns classroom mode on.

    Returns:
        True for 1, true, yes or on (any case); False when unset, empty, 0, false, no or off.

    Raises:
        ValueError: the variable holds anything else.
    """
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

    The first code cell of every notebook (introduced in notebook 1).

    Args:
        seed: seed for Python's ``random``, NumPy's global generator and TensorFlow.
        tensorflow: import and configure TensorFlow. Notebooks that never touch it pass
            ``False`` and start about three seconds faster.
        classroom: projector-sized plots (see :func:`classroom_mode`); ``None`` reads the
            ``COURSE_CLASSROOM`` environment variable, off when unset.

    Raises:
        TypeError: an argument has the wrong type.
        ValueError: ``seed`` is outside ``[0, 2**32)``.
    """
    seed = check_int("seed", seed, low=0, high=2**32 - 1)
    tensorflow = check_bool("tensorflow", tensorflow)
    classroom = classroom_from_env() if classroom is None else check_bool("classroom", classroom)

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
