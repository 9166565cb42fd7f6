"""A real JupyterLab server and a real (headless) Chromium, for the browser tests.

The server runs on 127.0.0.1 with a random token, with every Jupyter/IPython/matplotlib/Chromium
directory inside a temporary folder, on a copy of the notebooks (so nothing in the repository is
touched), and is shut down through its API and then by signal, whatever happens.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
NOTEBOOK_DIR = REPO / "notebooks"
FIXTURE_DIR = Path(__file__).resolve().parent / "fixtures"  # small notebooks made for the tests
SCREENSHOT_DIR = REPO / "build" / "screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
INSTALL_HINT = (
    "Chromium is needed for the browser tests. On Debian/Ubuntu: "
    "`sudo apt-get install chromium` (it provides /usr/bin/chromium); elsewhere set "
    "COURSE_CHROMIUM=/path/to/chromium. Playwright's own browser download is not used."
)


#: The test files that use JupyterLab (the ``lab`` fixture): with pytest-xdist they all run in
#: one worker, so one server serves them all (see ``pytest_xdist_make_scheduler``).
LAB_FILES = ("test_jupyterlab.py", "test_quiz_browser.py")


def pytest_xdist_make_scheduler(config, log):
    """With ``-n 2``: every JupyterLab test in one worker, the site and slides in the other.

    One JupyterLab server instead of one per worker, and the site and the slides built once.
    (xdist's own ``--dist loadgroup`` would do this with marks, but with pytest 9.2 it silently
    groups nothing: it renames each test through ``item._nodeid``, which pytest no longer reads.)
    """
    from xdist.scheduler import LoadScopeScheduling

    class OneServer(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return "lab" if nodeid.split("::")[0].endswith(LAB_FILES) else "static pages"

    return OneServer(config, log)


def find_chromium() -> str | None:
    candidates = [os.environ.get("COURSE_CHROMIUM"), "/usr/bin/chromium"]
    candidates += [shutil.which(n) for n in ("chromium", "chromium-browser")]
    return next((c for c in candidates if c and os.access(c, os.X_OK)), None)


@pytest.fixture(scope="session")
def chromium_path() -> str:
    path = find_chromium()
    if path is None:
        if os.environ.get("CI"):
            pytest.fail(f"CI is set but no Chromium was found. {INSTALL_HINT}")
        pytest.skip(INSTALL_HINT)
    return path


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _write_settings(settings_dir: Path) -> None:
    """Autosave off (it writes into notebooks), no news/update checks (network), all cells drawn."""
    settings = {
        "@jupyterlab/docmanager-extension/plugin.jupyterlab-settings": {"autosave": False},
        # render every cell (the default windowing leaves off-screen cells as empty shells)
        "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
        "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {
            "fetchNews": "false",
            "checkForUpdates": False,
        },
    }
    for rel, value in settings.items():
        path = settings_dir / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(value), encoding="utf-8")


class LabServer:
    def __init__(self, root: Path, work: Path) -> None:
        self.root = root
        self.port = _free_port()
        self.token = secrets.token_hex(16)
        self.log_path = work / "jupyterlab.log"
        env = dict(os.environ)
        for name in ("JUPYTER_CONFIG_DIR", "JUPYTER_RUNTIME_DIR", "IPYTHONDIR", "MPLCONFIGDIR"):
            env[name] = str(work / name.lower())
        env["HOME"] = str(work / "home")
        env["PYTHONUNBUFFERED"] = "1"
        settings = work / "user-settings"
        _write_settings(settings)
        cmd = [
            str(Path(sys.executable).parent / "jupyter-lab"),
            "--no-browser",
            "--ServerApp.ip=127.0.0.1",
            f"--ServerApp.port={self.port}",
            "--ServerApp.port_retries=0",
            f"--IdentityProvider.token={self.token}",
            f"--ServerApp.root_dir={root}",
            f"--LabApp.user_settings_dir={settings}",
            f"--LabApp.workspaces_dir={work / 'workspaces'}",
            "--LabApp.news_url=",
            "--LabApp.expose_app_in_browser=True",  # window.jupyterapp, to read cell states
        ]
        if os.geteuid() == 0:
            cmd.append("--allow-root")
        self._log = open(self.log_path, "w")
        self.proc = subprocess.Popen(
            cmd, env=env, stdout=self._log, stderr=subprocess.STDOUT, start_new_session=True
        )

    def url(self, path: str) -> str:
        sep = "&" if "?" in path else "?"
        return f"http://127.0.0.1:{self.port}{path}{sep}token={self.token}"

    def wait_ready(self, timeout: float = 90) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"JupyterLab exited early:\n{self.log_path.read_text()}")
            try:
                with urllib.request.urlopen(self.url("/api/status"), timeout=2) as r:
                    if r.status == 200:
                        return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            time.sleep(0.5)
        raise TimeoutError(f"JupyterLab not ready in {timeout} s:\n{self.log_path.read_text()}")

    def stop(self) -> None:
        try:
            request = urllib.request.Request(self.url("/api/shutdown"), method="POST")
            urllib.request.urlopen(request, timeout=5).close()  # also stops its kernels
            self.proc.wait(timeout=20)
        except Exception:
            pass
        for sig in (signal.SIGTERM, signal.SIGKILL):
            if self.proc.poll() is not None:
                break
            try:
                os.killpg(self.proc.pid, sig)
                self.proc.wait(timeout=10)
            except (ProcessLookupError, subprocess.TimeoutExpired):
                pass
        self._log.close()


@pytest.fixture(scope="session")
def lab(chromium_path, tmp_path_factory):
    work = tmp_path_factory.mktemp("lab")
    root = work / "course"
    shutil.copytree(NOTEBOOK_DIR, root / "notebooks", ignore=shutil.ignore_patterns(".*"))
    shutil.copytree(FIXTURE_DIR, root / "fixtures", ignore=shutil.ignore_patterns(".*"))
    server = LabServer(root, work)
    try:
        server.wait_ready()
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def browser(chromium_path):
    try:
        import playwright.sync_api as playwright_api
    except ImportError:
        if os.environ.get("CI"):
            pytest.fail("CI is set but Python Playwright is not installed (requirements.txt).")
        pytest.skip("Python Playwright is not installed: run `make test`, which installs it.")
    with playwright_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        try:
            yield b
        finally:
            b.close()


@pytest.fixture
def blocked_requests() -> list[str]:
    """The URLs that the test's page tried to load from another host (all aborted)."""
    return []


@pytest.fixture
def page(browser, blocked_requests):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})

    def offline(route):
        url = route.request.url
        if url.startswith(("http://127.0.0.1", "ws://127.0.0.1", "data:", "blob:")):
            route.continue_()
        else:
            blocked_requests.append(url)
            route.abort()

    context.route("**/*", offline)
    pg = context.new_page()
    pg.set_default_timeout(60_000)
    try:
        yield pg
    finally:
        context.close()
