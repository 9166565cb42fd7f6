import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import pytest


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def pytest_collection_modifyitems(config, items):
    """Keep each test file on one xdist worker, except the claims file, split by notebook.

    ``make slow`` runs on two workers with ``--dist loadgroup``: a file's module-scoped fixtures
    (a built site, a deck) are built once, and the sections of ``tests/test_claims.py``
    (``test_nb03_*``, ``test_nb05_*``, ...) run side by side. Without xdist the marks do nothing.
    """
    for item in items:
        group = item.nodeid.split("::")[0]
        if item.path.name == "test_claims.py" and item.name[:9].startswith("test_nb"):
            group = f"claims-{item.name[5:9]}"
        item.add_marker(pytest.mark.xdist_group(group))
