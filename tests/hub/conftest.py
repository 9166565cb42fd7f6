"""A real JupyterHub from deploy/jupyterhub_config.py, as benchmarks/classroom.py starts it.

The hub needs its proxy, configurable-http-proxy, from npm (`make proxy`, which `make test`
runs when npm is there). Without it the suite skips with an install hint, except under CI
(CI=true), where it fails: CI installs npm and must run these tests.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "benchmarks"))

import classroom  # noqa: E402 -- benchmarks/ is not a package

INSTALL_HINT = (
    "JupyterHub's proxy, configurable-http-proxy, is needed for the hub tests: run `make proxy` "
    "(it needs Node.js and npm; on Debian/Ubuntu `sudo apt-get install npm`)."
)


@pytest.fixture(scope="session")
def proxy() -> None:
    if not classroom.proxy_found():
        if os.environ.get("CI"):
            pytest.fail(f"CI is set but the hub cannot start. {INSTALL_HINT}")
        pytest.skip(INSTALL_HINT)
