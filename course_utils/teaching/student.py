"""Copies of the notebooks for learners (``make student``): solution cells and outputs removed."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from course_utils.teaching.sources import notebook_paths

__all__ = ["SOLUTION_TAG", "make_student_copies"]

#: Cells carrying this tag are removed from student copies.
SOLUTION_TAG = "solution"


def make_student_copies(notebooks: Iterable[str | Path], out_dir: str | Path) -> list[Path]:
    """Write a copy of each notebook without ``solution`` cells and without outputs.

    Exercise cells stay. ``out_dir`` may not be a notebook's own folder (the copies would
    replace the originals). Used by ``make student``.

    Args:
        notebooks: paths of ``.ipynb`` files.
        out_dir: the folder to write the copies to (created if needed).

    Returns:
        The paths written, ``out_dir/<same name>``.

    Raises:
        TypeError: ``notebooks`` is one path instead of a list.
        ValueError: no notebook, not an ``.ipynb`` file, or ``out_dir`` is a notebook's folder.
        FileNotFoundError: a notebook does not exist.
    """
    from nbconvert import NotebookExporter
    from nbconvert.preprocessors import ClearOutputPreprocessor, TagRemovePreprocessor
    from traitlets.config import Config

    paths = notebook_paths(notebooks)
    out = Path(out_dir)
    if any(out.resolve() == p.parent.resolve() for p in paths):
        raise ValueError(f"out_dir must not be the notebooks' own folder ({out}): pick e.g. build/")
    out.mkdir(parents=True, exist_ok=True)
    config = Config()
    config.TagRemovePreprocessor.remove_cell_tags = {SOLUTION_TAG}
    config.TagRemovePreprocessor.enabled = True
    config.ClearOutputPreprocessor.enabled = True
    exporter = NotebookExporter(config=config)
    exporter.register_preprocessor(TagRemovePreprocessor(config=config), enabled=True)
    exporter.register_preprocessor(ClearOutputPreprocessor(config=config), enabled=True)
    written = []
    for src in paths:
        body, _ = exporter.from_filename(str(src))
        target = out / src.name
        target.write_text(body, encoding="utf-8")
        written.append(target)
    return written
