"""pytest configuration shared by the unit tests and nbval.

TensorFlow writes C-level lines to the kernel's stderr that `nbconvert --execute` records in a
notebook but nbval's own run does not see, so stderr is not compared. The notebook hygiene test
(tests/test_notebooks.py) makes sure no stored output contains stderr text instead.

Figures are shown by `course_utils.plotting.show`, whose `text/html` is the PNG (as an `<img>`
with its alt text): like `image/png`, which nbval never compares, its pixels may differ between
CPUs. Its `text/plain` twin, the alt text, is compared.
"""

import os

import nbval.kernel

from course_utils.teaching.execute import start_again_if_it_dies

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

# A kernel that dies before answering (it lost a race for a TCP port with a process starting at
# the same moment: nbval's two workers) is started again, with a warning, before any cell runs.
nbval.kernel.start_new_kernel = start_again_if_it_dies(nbval.kernel.start_new_kernel)


def pytest_collectstart(collector):
    if collector.fspath and collector.fspath.ext == ".ipynb":
        collector.skip_compare += ("stderr", "text/html")
