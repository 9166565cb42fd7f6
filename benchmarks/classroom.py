"""A whole class on one JupyterHub: N learners run every course notebook at the same time.

    make bench     (or: .venv/bin/python benchmarks/classroom.py [--learners N] [--no-thread-limit])

Starts a real JupyterHub on 127.0.0.1 from ``deploy/jupyterhub_config.py``, with test-only
overrides on its command line (a shared-password login, the ``simple`` spawner that needs no
Unix accounts, free ports, and every learner's home in a temporary folder). Then each learner,
in a thread of their own: logs in through the hub's login form, asks for an API token, starts
their server, and runs every course notebook (``notebooks/[0-9][0-9]_*.ipynb``) top to bottom
in a new kernel of their own server, through the proxy, as JupyterLab would (a session per
notebook, its cells sent over the kernel's websocket), shutting each kernel down when its
notebook is done. All learners start together.

A notebook's wall time runs from asking for its kernel to the last cell's reply. A learner's
memory is the resident memory of their server and its kernels added up, sampled every 0.25 s;
the peak is the largest sum seen. Every process the run started is stopped by its process id.

``--no-thread-limit`` gives each learner every core (``COURSE_HUB_CPU`` = all cores), so no
kernel limits its threads: the comparison for the thread limits. Last line:
``classroom: N learners on one JupyterHub, all notebooks completed: yes|no; notebook wall
median M s, p95 P s; peak memory per learner K MiB``.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CONFIG = REPO / "deploy" / "jupyterhub_config.py"
NOTEBOOKS = sorted((REPO / "notebooks").glob("[0-9][0-9]_*.ipynb"))
LEARNER_FOLDER = "rnn-course"  # as in deploy/jupyterhub_config.py
BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def proxy_found() -> bool:
    """True when JupyterHub's proxy (configurable-http-proxy, from npm) can be started."""
    import shutil

    return (BIN / "configurable-http-proxy").exists() or bool(
        shutil.which("configurable-http-proxy")
    )


@dataclass
class NotebookRun:
    learner: str
    notebook: str
    seconds: float
    errors: list[str]
    first_output: str = ""  # the first code cell's printed text (setup_notebook's lines)
    reconnects: int = 0  # times the kernel's websocket dropped and was opened again


@dataclass
class ClassResult:
    learners: int
    runs: list[NotebookRun]
    peak_mib: dict[str, float]
    failures: list[str] = field(default_factory=list)  # learners who could not get that far

    @property
    def completed(self) -> bool:
        expected = self.learners * len({r.notebook for r in self.runs})
        return (
            not self.failures
            and len(self.runs) == expected
            and all(not r.errors for r in self.runs)
        )

    def summary(self) -> str:
        walls = sorted(r.seconds for r in self.runs) or [float("nan")]
        p95 = (
            statistics.quantiles(walls, n=20, method="inclusive")[-1]
            if len(walls) > 1
            else walls[0]
        )
        peak = max(self.peak_mib.values(), default=float("nan"))
        return (
            f"classroom: {self.learners} learners on one JupyterHub, all notebooks completed: "
            f"{'yes' if self.completed else 'no'}; notebook wall median "
            f"{statistics.median(walls):.1f} s, p95 {p95:.1f} s; "
            f"peak memory per learner {peak:.0f} MiB"
        )


class Hub:
    """A JupyterHub from deploy/jupyterhub_config.py on 127.0.0.1, stopped by process id."""

    def __init__(self, work: Path, cpu_per_learner: float | None = None) -> None:
        import psutil

        self.work = work
        self.port = free_port()
        self.password = secrets.token_hex(16)
        self.url = f"http://127.0.0.1:{self.port}"
        # Each kernel talks to its server over Unix sockets in the learner's runtime folder
        # (transport ipc, deploy/jupyterhub_config.py), and a socket's path must stay under 108
        # bytes: the homes live in a short folder, which work/homes links to.
        homes = work / "homes"
        self.homes = Path(tempfile.mkdtemp(prefix="h"))
        try:
            homes.symlink_to(self.homes, target_is_directory=True)
        except OSError:
            shutil.rmtree(self.homes, ignore_errors=True)
            raise
        cmd = [
            str(BIN / "jupyterhub"),
            "-f",
            str(CONFIG),
            # test-only overrides: loopback ports, no Unix accounts, one shared password
            f"--JupyterHub.bind_url={self.url}",
            f"--JupyterHub.hub_bind_url=http://127.0.0.1:{free_port()}",
            f"--ConfigurableHTTPProxy.api_url=http://127.0.0.1:{free_port()}",
            "--JupyterHub.authenticator_class=shared-password",
            f"--SharedPasswordAuthenticator.user_password={self.password}",
            "--Authenticator.allow_all=True",
            "--JupyterHub.spawner_class=simple",
            f"--SimpleLocalProcessSpawner.home_dir_template={homes}/{{username}}",
        ]
        env = {k: v for k, v in os.environ.items() if k != "COURSE_HUB_CPU"}
        if cpu_per_learner is not None:  # else the config's own figure
            env["COURSE_HUB_CPU"] = str(cpu_per_learner)
        self.log_path = work / "jupyterhub.log"
        self._log = open(self.log_path, "w")
        self.proc = subprocess.Popen(
            cmd,
            cwd=work,  # its database, cookie secret and proxy pid file
            env=env,
            stdout=self._log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            # a hub started from a background shell would pass on an ignored SIGINT, and
            # then its services and servers could not be interrupted when it stops them
            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
        )
        self.process = psutil.Process(self.proc.pid)
        self.seen: dict[int, float] = {}  # every descendant: pid -> create time

    def make_home(self, name: str) -> None:
        """Create a learner's home before their first start (as an instructor's useradd would).

        The ``simple`` spawner runs every server as the hub's own user; when that is root (CI
        containers), Jupyter refuses to start unless the learner's own config allows it.
        """
        home = self.work / "homes" / name
        (home / ".jupyter").mkdir(parents=True, exist_ok=True)
        if os.geteuid() == 0:
            config = {"ServerApp": {"allow_root": True}}
            (home / ".jupyter" / "jupyter_server_config.json").write_text(json.dumps(config))

    def log_tail(self, lines: int = 40) -> str:
        self._log.flush()
        return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])

    def wait_ready(self, timeout: float = 60) -> None:
        import requests

        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"JupyterHub exited early:\n{self.log_tail()}")
            try:
                if requests.get(f"{self.url}/hub/api/", timeout=2).status_code == 200:
                    return
            except requests.RequestException:
                pass
            time.sleep(0.25)
        raise TimeoutError(f"JupyterHub not ready in {timeout:.0f} s:\n{self.log_tail()}")

    def descendants(self) -> list:
        """The hub's processes (proxy, services, learners' servers and kernels), remembered."""
        import psutil

        try:
            children = self.process.children(recursive=True)
        except psutil.NoSuchProcess:
            return []
        for child in children:
            try:
                self.seen.setdefault(child.pid, child.create_time())
            except psutil.NoSuchProcess:
                pass
        return children

    def stop(self) -> None:
        """Stop the hub (which stops its proxy, services and servers), then any straggler."""
        import psutil

        self.descendants()
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)
        for pid, created in self.seen.items():
            try:
                leftover = psutil.Process(pid)
                if leftover.create_time() == created:  # the same process, not a reused pid
                    leftover.terminate()
                    try:
                        leftover.wait(timeout=5)
                    except psutil.TimeoutExpired:
                        leftover.kill()
            except psutil.NoSuchProcess:
                pass
        self._log.close()
        shutil.rmtree(self.homes, ignore_errors=True)


class MemorySampler(threading.Thread):
    """Peak resident memory of each learner's server and kernels, summed, every 0.25 s."""

    def __init__(self, hub: Hub) -> None:
        super().__init__(daemon=True)
        self.hub = hub
        self.peak_mib: dict[str, float] = {}
        self._done = threading.Event()

    def run(self) -> None:
        import psutil

        owners: dict[int, str | None] = {}
        while not self._done.wait(0.25):
            totals: dict[str, float] = {}
            for proc in self.hub.descendants():
                try:
                    if proc.pid not in owners:
                        owners[proc.pid] = proc.environ().get("JUPYTERHUB_USER")
                    user = owners[proc.pid]
                    if user:
                        totals[user] = totals.get(user, 0.0) + proc.memory_info().rss / 2**20
                except (psutil.NoSuchProcess, psutil.AccessDenied):
                    pass
            for user, mib in totals.items():
                self.peak_mib[user] = max(self.peak_mib.get(user, 0.0), mib)

    def stop(self) -> None:
        self._done.set()
        if self.is_alive():
            self.join(timeout=5)


class KernelChannel:
    """A kernel's websocket that, like JupyterLab, reconnects when the connection drops.

    Reconnecting with the same session id makes the server replay what the kernel said in
    between, so no reply is lost.
    """

    def __init__(self, url: str, token: str, timeout: float, retries: int = 3) -> None:
        self.url, self.token, self.timeout, self.retries = url, token, timeout, retries
        self.reconnects = 0
        self.ws = self._connect()

    def _connect(self):
        import websocket

        return websocket.create_connection(
            self.url, header=[f"Authorization: token {self.token}"], timeout=self.timeout
        )

    def send(self, text: str) -> None:
        self.ws.send(text)

    def recv(self) -> str | bytes:
        import websocket

        while True:
            try:
                return self.ws.recv()
            except (websocket.WebSocketConnectionClosedException, ConnectionError):
                if self.reconnects >= self.retries:
                    raise
                self.reconnects += 1
                time.sleep(1)
                self.ws = self._connect()

    def close(self) -> None:
        self.ws.close()


class Learner:
    """One learner: logs in, starts their server, runs notebooks in their own kernels."""

    def __init__(self, hub: Hub, name: str, cell_timeout: float = 300) -> None:
        import requests

        self.hub = hub
        self.name = name
        self.cell_timeout = cell_timeout
        self.http = requests.Session()
        self.token = ""

    def _api(self, method: str, path: str, **kwargs):
        headers = {"Authorization": f"token {self.token}"} if self.token else {}
        response = self.http.request(
            method, f"{self.hub.url}{path}", headers=headers, timeout=60, **kwargs
        )
        response.raise_for_status()
        return response

    def log_in(self) -> None:
        """The hub's login form, as in a browser; then an API token for this learner."""
        self.hub.make_home(self.name)
        self.http.get(f"{self.hub.url}/hub/login", timeout=60).raise_for_status()
        xsrf = self.http.cookies.get("_xsrf", "")
        page = self.http.post(
            f"{self.hub.url}/hub/login",
            data={"username": self.name, "password": self.hub.password, "_xsrf": xsrf},
            allow_redirects=False,
            timeout=60,
        )
        if page.status_code != 302:
            raise RuntimeError(f"{self.name}: login refused ({page.status_code})")
        answer = self.http.post(
            f"{self.hub.url}/hub/api/users/{self.name}/tokens",
            json={"note": "classroom benchmark"},
            headers={"X-XSRFToken": self.http.cookies.get("_xsrf", xsrf)},
            timeout=60,
        )
        answer.raise_for_status()
        self.token = answer.json()["token"]

    def start_server(self, timeout: float = 300) -> None:
        self._api("POST", f"/hub/api/users/{self.name}/server")
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            server = self._api("GET", f"/hub/api/users/{self.name}").json()["servers"].get("")
            if server and server.get("ready"):
                return
            time.sleep(0.5)
        raise TimeoutError(f"{self.name}: server not ready in {timeout:.0f} s")

    def leave(self) -> None:
        """Stop this learner's server, if they got one (the hub's shut-down would, too)."""
        if not self.token:
            return
        try:
            self._api("DELETE", f"/hub/api/users/{self.name}/server")
        except Exception as error:
            print(f"{self.name}: could not stop their server: {error}", file=sys.stderr)

    def default_url(self) -> str:
        """Where the hub sends this learner after login (the notebook it opens)."""
        response = self.http.get(
            f"{self.hub.url}/user/{self.name}/", allow_redirects=False, timeout=60
        )
        return response.headers.get("Location", "")

    def lab_setting(self, plugin: str) -> dict:
        """The schema JupyterLab's front end gets for ``plugin``, admin defaults applied."""
        return self._api("GET", f"/user/{self.name}/lab/api/settings/{plugin}").json()

    def run_notebook(self, name: str) -> NotebookRun:
        """Open ``name`` in a new kernel, run every code cell in order, shut the kernel down."""
        from jupyter_client.jsonutil import json_default
        from jupyter_client.session import Session

        path = f"{LEARNER_FOLDER}/{name}"
        nb = self._api("GET", f"/user/{self.name}/api/contents/{path}?content=1").json()
        cells = [c for c in nb["content"]["cells"] if c["cell_type"] == "code"]
        start = time.perf_counter()
        session = self._api(
            "POST",
            f"/user/{self.name}/api/sessions",
            json={"path": path, "name": name, "type": "notebook", "kernel": {"name": "python3"}},
        ).json()
        messages = Session(username=self.name, key=b"")
        ws = KernelChannel(
            f"{self.hub.url.replace('http', 'ws', 1)}/user/{self.name}/api/kernels/"
            f"{session['kernel']['id']}/channels?session_id={uuid.uuid4()}",
            self.token,
            self.cell_timeout,
        )
        errors: list[str] = []
        first_output = ""
        try:
            for index, cell in enumerate(cells):
                source = "".join(cell["source"])  # a str, or a list of lines
                request = messages.msg(
                    "execute_request",
                    content={
                        "code": source,
                        "silent": False,
                        "store_history": True,
                        "user_expressions": {},
                        "allow_stdin": False,
                        "stop_on_error": True,
                    },
                )
                request["channel"] = "shell"
                ws.send(json.dumps(request, default=json_default))
                text = self._wait_for_reply(ws, request["header"]["msg_id"], errors, index)
                if index == 0:
                    first_output = text
                if errors:
                    break
        finally:
            ws.close()
            seconds = time.perf_counter() - start
            self._api("DELETE", f"/user/{self.name}/api/sessions/{session['id']}")
        return NotebookRun(self.name, name, seconds, errors, first_output, ws.reconnects)

    def _wait_for_reply(self, ws, msg_id: str, errors: list[str], index: int) -> str:
        """Read the kernel's messages until the cell's reply and idle status; return its text."""
        replied = idle = False
        text: list[str] = []
        while not (replied and idle):
            frame = ws.recv()
            if isinstance(frame, bytes):  # messages with binary buffers (widgets): not ours
                continue
            msg = json.loads(frame)
            if msg.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            kind, content = msg["msg_type"], msg["content"]
            if kind == "execute_reply":
                replied = True
                if content.get("status") != "ok" and not errors:
                    errors.append(f"cell {index}: {content.get('ename', content.get('status'))}")
            elif kind == "status" and content.get("execution_state") == "idle":
                idle = True
            elif kind == "error":
                errors.append(f"cell {index}: {content['ename']}: {content['evalue']}")
            elif kind == "stream" and content.get("name") == "stdout":
                text.append(content["text"])
        return "".join(text)


def run_class(
    learners: int,
    notebooks: list[Path],
    work: Path,
    cpu_per_learner: float | None = None,
    on_ready=None,
) -> ClassResult:
    """Start the hub, let ``learners`` learners run ``notebooks`` at once, stop everything.

    Every learner first logs in and starts their server; once all servers are up,
    ``on_ready(hub, learners)`` is called if given (tests look at the servers there), and all
    learners start their notebooks together, each in a thread of their own.
    """
    from concurrent.futures import ThreadPoolExecutor

    hub = Hub(work, cpu_per_learner)
    sampler = MemorySampler(hub)
    people = [Learner(hub, f"learner{i + 1}") for i in range(learners)]
    runs: list[NotebookRun] = []
    failures: list[str] = []

    def arrive(learner: Learner) -> None:
        learner.log_in()
        learner.start_server()

    def attend(learner: Learner) -> list[NotebookRun]:
        done = []
        for path in notebooks:
            try:
                done.append(learner.run_notebook(path.name))
            except Exception as error:  # reported as that notebook's error
                done.append(NotebookRun(learner.name, path.name, float("nan"), [repr(error)]))
        return done

    try:
        hub.wait_ready()
        sampler.start()
        with ThreadPoolExecutor(max_workers=learners) as pool:
            arrivals = [(p, pool.submit(arrive, p)) for p in people]
            for learner, future in arrivals:
                error = future.exception()
                if error is not None:
                    failures.append(f"{learner.name}: {type(error).__name__}: {error}")
            if not failures:
                if on_ready is not None:
                    on_ready(hub, people)
                for future in [pool.submit(attend, p) for p in people]:
                    runs.extend(future.result())
    finally:
        try:
            sampler.stop()
            with ThreadPoolExecutor(max_workers=learners) as pool:
                list(pool.map(Learner.leave, people))
        finally:
            hub.stop()
    runs.sort(key=lambda r: (r.learner, r.notebook))
    return ClassResult(learners, runs, dict(sampler.peak_mib), failures)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--learners", type=int, default=6, help="learners at once (default 6)")
    parser.add_argument(
        "--no-thread-limit",
        action="store_true",
        help="give every learner all cores, so no kernel limits its threads (the comparison)",
    )
    args = parser.parse_args()
    if args.learners < 1:
        parser.error("--learners must be at least 1")
    if not proxy_found():
        parser.error("configurable-http-proxy not found: run `make proxy` (needs npm)")
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    cpu = float(cores) if args.no_thread_limit else None
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(
        f"{args.learners} learners, {len(NOTEBOOKS)} notebooks each, {cores} cores, "
        f"thread limit: {'none' if args.no_thread_limit else 'from deploy/jupyterhub_config.py'}; "
        f"load average before: {load:.1f}",
        flush=True,
    )
    with tempfile.TemporaryDirectory(prefix="classroom-") as tmp:
        result = run_class(args.learners, NOTEBOOKS, Path(tmp), cpu_per_learner=cpu)
        if not result.completed:  # keep the hub's log (servers and kernels log there too)
            kept = REPO / "build" / "classroom-jupyterhub.log"
            kept.parent.mkdir(exist_ok=True)
            kept.write_bytes((Path(tmp) / "jupyterhub.log").read_bytes())
            print(f"the hub's log: {kept}")
    for failure in result.failures:
        print(f"FAILED {failure}")
    print(f"\n{'notebook':<34} {'wall median s':>13} {'max s':>7}  errors")
    for path in NOTEBOOKS:
        rows = [r for r in result.runs if r.notebook == path.name]
        walls = [r.seconds for r in rows] or [float("nan")]
        errs = "; ".join(f"{r.learner} {e}" for r in rows for e in r.errors) or "none"
        print(f"{path.name:<34} {statistics.median(walls):>13.1f} {max(walls):>7.1f}  {errs}")
    reconnects = sum(r.reconnects for r in result.runs)
    print(f"kernel websockets that dropped and reconnected (as JupyterLab does): {reconnects}")
    peaks = ", ".join(f"{u} {m:.0f}" for u, m in sorted(result.peak_mib.items()))
    print(f"peak MiB per learner (server + kernels): {peaks}")
    if hasattr(os, "getloadavg"):
        print(f"load average after: {os.getloadavg()[0]:.1f}")
    print(result.summary())
    return 0 if result.completed else 1


if __name__ == "__main__":
    sys.exit(main())
