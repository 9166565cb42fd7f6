"""Which notebooks a teaching tool reads: the argument check shared by every tool.

Student copies, slides and the website all take a list of existing ``.ipynb`` files, in course
order, and reject anything else with a clear error.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

__all__ = ["notebook_paths"]


def notebook_paths(notebooks: Iterable[str | Path]) -> list[Path]:
    """The notebooks as paths, checked.

    Args:
        notebooks: paths of ``.ipynb`` files (a list, not one path).

    Returns:
        The same paths as :class:`~pathlib.Path` objects, in the same order.

    Raises:
        TypeError: ``notebooks`` is one path instead of a list.
        ValueError: no notebook, or a path that is not an ``.ipynb`` file.
        FileNotFoundError: a notebook does not exist.
    """
    if isinstance(notebooks, str | Path):
        raise TypeError(f"notebooks must be a list of paths, got one path: [{str(notebooks)!r}]")
    paths = [Path(p) for p in notebooks]
    if not paths:
        raise ValueError("notebooks must name at least one .ipynb file")
    for p in paths:
        if p.suffix != ".ipynb":
            raise ValueError(f"notebooks must be .ipynb files, got {str(p)!r}")
        if not p.is_file():
            raise FileNotFoundError(f"notebook not found: {p}")
    return paths
