"""The command line of the teaching tools: ``python -m course_utils.teaching WHAT NB... --out DIR``.

``WHAT`` is ``student`` (copies for learners), ``slides`` (reveal.js decks) or ``site`` (the course
website); the Makefile's ``student``, ``slides`` and ``site`` targets call it. ``execute NB...``
(no ``--out``) re-runs the notebooks in place for ``make execute`` (``teaching.execute``).
"""

from __future__ import annotations

import argparse
import sys

from course_utils.teaching import build_site, build_slides, make_student_copies

__all__ = ["main"]


def main(argv: list[str] | None = None) -> int:
    """Command line: ``python -m course_utils.teaching {student,slides,site} NB... --out DIR``.

    Or ``python -m course_utils.teaching execute NB...``: re-run the notebooks in place.

    Args:
        argv: the arguments (default: ``sys.argv[1:]``).

    Returns:
        The exit status, 0.
    """
    parser = argparse.ArgumentParser(prog="python -m course_utils.teaching", description=__doc__)
    parser.add_argument("what", choices=["student", "slides", "site", "execute"])
    parser.add_argument("notebooks", nargs="+")
    parser.add_argument("--out", help="output folder (not for execute)")
    args = parser.parse_args(argv)
    if args.what == "execute":
        from course_utils.teaching.execute import execute_in_place

        if args.out is not None:
            parser.error("execute writes the notebooks in place: leave out --out")
        execute_in_place(args.notebooks)
        return 0
    if args.out is None:
        parser.error(f"{args.what} needs --out")
    build = {"student": make_student_copies, "slides": build_slides, "site": build_site}[args.what]
    for path in build(args.notebooks, args.out):
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
