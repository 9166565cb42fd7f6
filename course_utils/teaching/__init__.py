"""Teaching tools: student copies, offline reveal.js slides and a static course website.

Run from the command line (the Makefile does)::

    python -m course_utils.teaching student NOTEBOOK... --out build/student
    python -m course_utils.teaching slides  NOTEBOOK... --out build/slides
    python -m course_utils.teaching site    NOTEBOOK... --out build/site

All use nbconvert's own exporters and preprocessors, imported inside the functions, so importing
this package costs nothing. One module per tool:

- ``sources``   which notebooks a tool reads (the argument check all three share)
- ``student``   copies for learners: no solutions, no outputs (``make student``)
- ``static``    what slides and site share: offline reveal.js and MathJax, widgets as their saved
                snapshot, ``<img alt>`` for a PNG whose alt text is only in its metadata
- ``slides``    one reveal.js deck per notebook (``make slides``)
- ``website``   the course website: an index and one page per notebook (``make site``)

Slides and site load nothing from another host: reveal.js and MathJax are copied next to the pages
from Python packages, and a widget is shown as what it displayed when the notebook was saved, not
by widget JavaScript.
"""

from course_utils.teaching.slides import build_slides
from course_utils.teaching.sources import notebook_paths
from course_utils.teaching.static import (
    WIDGET_STATE_MIME,
    WIDGET_VIEW_MIME,
    for_static_pages,
    offline_assets,
    text_snapshot,
    widget_snapshot,
)
from course_utils.teaching.student import SOLUTION_TAG, make_student_copies
from course_utils.teaching.website import SITE_INDEX, build_site

__all__ = [
    "SITE_INDEX",
    "SOLUTION_TAG",
    "WIDGET_STATE_MIME",
    "WIDGET_VIEW_MIME",
    "build_site",
    "build_slides",
    "for_static_pages",
    "make_student_copies",
    "notebook_paths",
    "offline_assets",
    "text_snapshot",
    "widget_snapshot",
]
