"""pytest configuration shared by the unit tests and nbval.

TensorFlow writes C-level lines to the kernel's stderr that `nbconvert --execute` records in a
notebook but nbval's own run does not see, so stderr is not compared. The notebook hygiene test
(tests/test_notebooks.py) makes sure no stored output contains stderr text instead.

Figures are shown by `course_utils.plotting.show`, whose `text/html` is the PNG (as an `<img>`
with its alt text): like `image/png`, which nbval never compares, its pixels may differ between
CPUs. Its `text/plain` twin, the alt text, is compared.
"""

import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")


def pytest_collectstart(collector):
    if collector.fspath and collector.fspath.ext == ".ipynb":
        collector.skip_compare += ("stderr", "text/html")
