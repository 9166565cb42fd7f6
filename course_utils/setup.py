"""The one call at the top of every notebook.

``setup_notebook()`` makes a notebook reproducible and readable:

- quiets TensorFlow's C++ log lines *before* TensorFlow is imported (they go to the
  process's stderr and differ between machines);
- seeds Python's ``random``, NumPy and (if used) TensorFlow through ``keras.utils.set_random_seed``;
- turns on TensorFlow's op determinism, so the same seed gives the same training run;
- sets a readable, colour-blind-safe matplotlib style;
- prints one line of library versions, so a learner can quote it when asking for help.
"""

from __future__ import annotations

import os
import platform
import random
from importlib import metadata

import numpy as np

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


def _version(dist: str) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "not installed"


def setup_notebook(seed: int = DEFAULT_SEED, *, tensorflow: bool = True) -> None:
    """Seed everything, make TensorFlow deterministic and quiet, style plots, print versions.

    Args:
        seed: seed for Python's ``random``, NumPy's global generator and TensorFlow.
        tensorflow: import and configure TensorFlow. Notebooks that never touch it pass
            ``False`` and start about three seconds faster.
    """
    seed = _check_seed(seed)
    if not isinstance(tensorflow, bool):
        raise TypeError(f"tensorflow must be True or False, got {tensorflow!r}")

    random.seed(seed)
    np.random.seed(seed)  # noqa: NPY002 -- seeds legacy np.random calls a learner might write
    plot_style()

    parts = [f"Python {platform.python_version()}", f"NumPy {np.__version__}"]
    if tensorflow:
        quiet_tensorflow()
        import keras
        import tensorflow as tf

        keras.utils.set_random_seed(seed)
        tf.config.experimental.enable_op_determinism()
        parts += [f"TensorFlow {tf.__version__}", f"Keras {keras.__version__}"]
    parts += [f"Matplotlib {_version('matplotlib')}", f"ipywidgets {_version('ipywidgets')}"]
    print(" | ".join(parts))
    print(f"Random seed {seed}" + ("; TensorFlow ops deterministic" if tensorflow else ""))
