"""Teaching tools: student copies of the notebooks and offline reveal.js slides.

Run from the command line (the Makefile does)::

    python -m course_utils.teaching student NOTEBOOK... --out build/student
    python -m course_utils.teaching slides  NOTEBOOK... --out build/slides

Both use nbconvert's own exporters and preprocessors. nbconvert is imported inside the functions,
so importing this module costs nothing.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from collections.abc import Iterable
from importlib import resources
from pathlib import Path

__all__ = ["SOLUTION_TAG", "build_slides", "make_student_copies", "offline_assets"]

#: Cells carrying this tag are removed from student copies.
SOLUTION_TAG = "solution"
_TEMPLATE_DIR = Path(__file__).parent / "templates"
_REVEAL_DIR = "reveal.js"
_MATHJAX_DIR = "mathjax"


def _notebook_paths(notebooks: Iterable[str | Path]) -> list[Path]:
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

    paths = _notebook_paths(notebooks)
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


def offline_assets() -> dict[str, Path]:
    """Where the installed reveal.js and MathJax copies live (from PyPI packages).

    Returns:
        ``{"reveal.js": folder, "mathjax": folder}``.

    Raises:
        RuntimeError: a package is missing or incomplete.
    """
    try:
        reveal = Path(str(resources.files("sphinx_revealjs") / "_static" / "revealjs"))
        mathjax = Path(str(resources.files("jupyter_server_mathjax") / "static"))
    except ModuleNotFoundError as err:
        raise RuntimeError(
            f"{err.name} is not installed; run `make slides` (it installs requirements.txt)"
        ) from None
    for name, path in (("reveal.js", reveal / "dist" / "reveal.js"), ("MathJax", mathjax)):
        if not path.exists():
            raise RuntimeError(f"{name} not found at {path}; reinstall requirements.txt")
    return {_REVEAL_DIR: reveal, _MATHJAX_DIR: mathjax}


def build_slides(notebooks: Iterable[str | Path], out_dir: str | Path) -> list[Path]:
    """Export each notebook as a reveal.js deck ``out_dir/<name>.slides.html`` that works offline.

    reveal.js and MathJax are copied into ``out_dir`` once and referenced by relative paths.
    Used by ``make slides``.

    Args:
        notebooks: paths of ``.ipynb`` files.
        out_dir: the folder to write the decks to (created if needed).

    Returns:
        The paths written, ``out_dir/<name>.slides.html``.
    """
    from nbconvert import SlidesExporter
    from traitlets.config import Config

    paths = _notebook_paths(notebooks)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    for name, src in offline_assets().items():
        if not (out / name).exists():
            shutil.copytree(src, out / name)
    config = Config()
    config.SlidesExporter.reveal_url_prefix = _REVEAL_DIR
    config.SlidesExporter.reveal_theme = (
        "white"  # its fonts ship with reveal.js (simple.css loads Google Fonts)
    )
    config.SlidesExporter.reveal_scroll = True
    config.SlidesExporter.mathjax_url = (
        f"{_MATHJAX_DIR}/MathJax.js?config=TeX-AMS-MML_HTMLorMML-full,Safe"  # configs it ships
    )
    exporter = SlidesExporter(
        config=config,
        template_name="course_slides",
        extra_template_basedirs=[str(_TEMPLATE_DIR)],
    )
    written = []
    for src in paths:
        body, _ = exporter.from_filename(str(src))
        target = out / f"{src.stem}.slides.html"
        target.write_text(body, encoding="utf-8")
        written.append(target)
    return written


def main(argv: list[str] | None = None) -> int:
    """Command line: ``python -m course_utils.teaching {student,slides} NOTEBOOK... --out DIR``.

    Args:
        argv: the arguments (default: ``sys.argv[1:]``).

    Returns:
        The exit status, 0.
    """
    parser = argparse.ArgumentParser(prog="python -m course_utils.teaching", description=__doc__)
    parser.add_argument("what", choices=["student", "slides"])
    parser.add_argument("notebooks", nargs="+")
    parser.add_argument("--out", required=True, help="output folder")
    args = parser.parse_args(argv)
    build = make_student_copies if args.what == "student" else build_slides
    for path in build(args.notebooks, args.out):
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
