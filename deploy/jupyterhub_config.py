"""JupyterHub for a whole class on one server: every learner gets the course in JupyterLab.

    make venv proxy       # once, in the course folder: JupyterHub (PyPI) and its proxy (npm)
    cd /srv/rnn-hub       # any folder: the hub keeps its database and cookie secret here
    sudo /opt/rnn-course/.venv/bin/jupyterhub -f /opt/rnn-course/deploy/jupyterhub_config.py

Install the course where every learner can read it (e.g. /opt/rnn-course, not /root). Learners
log in with their Unix accounts in the group ``learners`` (``sudo useradd -m -G learners
alice``); members of ``instructors`` are the hub's admins. README.md, "Teaching a class", says
what was measured and how to run the same class on Zero to JupyterHub or Binder instead.

Limits (figures from ``benchmarks/classroom.py``, see the README): what is *enforced* on one
server is the number of threads each learner's kernel uses (``COURSE_THREADS``, applied by
``setup_notebook`` to TensorFlow and the BLAS library), the culling of idle kernels and servers,
and nothing else. JupyterHub's local-process spawner does **not** enforce ``cpu_limit`` or
``mem_limit``: it only hands them to the learner's server as ``CPU_LIMIT`` and ``MEM_LIMIT``.
To enforce them, use a spawner that does: ``jupyterhub-systemdspawner`` (systemd cgroups,
not tested with this course) or Zero to JupyterHub on Kubernetes (``deploy/z2jh-values.yaml``).

Test overrides (``tests/hub``, ``benchmarks/classroom.py``) come on the command line: a dummy
authenticator, the ``simple`` spawner (no Unix accounts) and ports on 127.0.0.1.
"""

from __future__ import annotations

import math
import os
import pwd
import shutil
import sys
from pathlib import Path

c = get_config()  # noqa: F821 -- JupyterHub provides get_config() to its config file

COURSE = Path(__file__).resolve().parents[1]  # the course's folder (notebooks/, deploy/)
PREFIX = Path(sys.prefix)  # the course's virtualenv: JupyterHub, JupyterLab, the kernel
LEARNER_FOLDER = "rnn-course"  # each learner's copy of the notebooks, in their home


def cpus_from_env(raw: str) -> float:
    """COURSE_HUB_CPU as a number of CPUs above 0 (a clear error otherwise)."""
    try:
        cpus = float(raw)
    except ValueError:
        cpus = 0.0
    if not (math.isfinite(cpus) and cpus > 0):
        raise ValueError(f"COURSE_HUB_CPU must be a number of CPUs above 0, e.g. 1; got {raw!r}")
    return cpus


# --- per learner (measured with benchmarks/classroom.py: README, "Teaching a class") -------
#: CPUs for each learner; their kernel's TensorFlow and BLAS use this many threads. One per
#: learner lets 6 learners run every notebook at once on 2 cores (COURSE_HUB_CPU to change).
CPU_PER_LEARNER = cpus_from_env(os.environ.get("COURSE_HUB_CPU", "1"))
#: Peak memory of one learner, their server plus the kernel of the notebook they run
#: (6 learners running every notebook at once on 2 cores; the largest of all runs).
MEASURED_PEAK_MIB = 939
#: The limit leaves room for a second open notebook's kernel (one holds 0.6-0.7 GiB).
MEM_PER_LEARNER = "2G"
#: A kernel idle this long is shut down (its memory freed); the notebook stays open.
IDLE_KERNEL_SECONDS = 20 * 60
#: A learner's server with no activity this long is stopped; their files stay in their home.
IDLE_SERVER_SECONDS = 60 * 60

# --- the hub and its proxy ----------------------------------------------------------------
# Learners reach the hub on port 8000 of this server. Put it behind HTTPS for a real class
# (c.JupyterHub.ssl_cert / ssl_key, or a reverse proxy such as nginx or Caddy).
c.JupyterHub.bind_url = "http://:8000"


def proxy_command() -> str:
    """configurable-http-proxy from npm: the course's .venv/bin (``make proxy``), else PATH."""
    local = PREFIX / "bin" / "configurable-http-proxy"
    if local.exists():
        return str(local)
    return shutil.which("configurable-http-proxy") or "configurable-http-proxy"


c.ConfigurableHTTPProxy.command = [proxy_command()]

# --- who may log in -----------------------------------------------------------------------
c.JupyterHub.authenticator_class = "pam"  # Unix accounts on this server
c.LocalAuthenticator.allowed_groups = {"learners"}
c.PAMAuthenticator.admin_groups = {"instructors"}

# --- each learner's JupyterLab --------------------------------------------------------------
c.JupyterHub.spawner_class = "localprocess"  # one process per learner, as their own user
c.Spawner.cmd = [str(PREFIX / "bin" / "jupyterhub-singleuser")]
c.Spawner.notebook_dir = "~"
c.Spawner.default_url = f"/lab/tree/{LEARNER_FOLDER}/01_sequence_data.ipynb"
c.Spawner.args = [
    # no news pop-up or update checks (the same defaults as `make lab`)
    f"--LabApp.app_settings_dir={COURSE / 'deploy' / 'lab-settings'}",
    "--LabApp.news_url=None",
    # free an idle kernel's memory (a TensorFlow kernel holds several hundred MiB)
    f"--MappingKernelManager.cull_idle_timeout={IDLE_KERNEL_SECONDS}",
    "--MappingKernelManager.cull_interval=120",
    # kernels on Unix sockets in the learner's own runtime folder, not on TCP ports: with many
    # learners starting kernels at once, two servers can pick the same free port, and the
    # kernel that loses hangs without ever answering (seen with 2 learners in tests/hub).
    # A socket's path must stay under 108 bytes: /home/NAME/.local/share/jupyter/runtime/
    # kernel-<36-character id>-ipc-N leaves room for user names of up to 20 characters.
    "--KernelManager.transport=ipc",
]
c.Spawner.cpu_limit = CPU_PER_LEARNER  # advisory here (CPU_LIMIT), enforced by Kubernetes
c.Spawner.mem_limit = MEM_PER_LEARNER  # advisory here (MEM_LIMIT), enforced by Kubernetes
c.Spawner.environment = {"COURSE_THREADS": str(max(1, int(CPU_PER_LEARNER)))}
# Many servers starting at once on a small machine take longer than the 30 s default.
c.Spawner.start_timeout = 180
c.Spawner.http_timeout = 180


def _home(spawner) -> tuple[Path, int | None, int | None]:
    """The learner's home folder, and the uid/gid that must own their copy (None: the hub's)."""
    home_dir = getattr(spawner, "home_dir", None)  # the test-only "simple" spawner
    if home_dir:
        return Path(home_dir), None, None
    entry = pwd.getpwnam(spawner.user.name)
    return Path(entry.pw_dir), entry.pw_uid, entry.pw_gid


def copy_course(spawner) -> None:
    """Give the learner their own copy of every course notebook; never overwrite their work.

    A notebook added to the course later (e.g. notebook 07) is copied at their next start.
    """
    home, uid, gid = _home(spawner)
    # kernels listen on Unix sockets in the learner's runtime folder (transport ipc, above), and a
    # socket's path has at most 107 bytes: say so at spawn, not as a kernel that dies unexplained
    socket = home.resolve() / ".local/share/jupyter/runtime" / f"kernel-{'0' * 36}-ipc-9"
    if len(os.fsencode(socket)) > 107:
        raise ValueError(
            f"{spawner.user.name}'s home {home} makes kernel socket paths longer than 107 bytes "
            "(they live in ~/.local/share/jupyter/runtime): shorten the home path or the user "
            "name, or drop --KernelManager.transport=ipc from c.Spawner.args"
        )
    target = home / LEARNER_FOLDER
    target.mkdir(parents=True, exist_ok=True)
    owned = [target]
    for notebook in sorted((COURSE / "notebooks").glob("[0-9][0-9]_*.ipynb")):
        copy = target / notebook.name
        if not copy.exists():
            shutil.copyfile(notebook, copy)
            owned.append(copy)
    if uid is not None and os.geteuid() == 0:
        for path in owned:
            os.chown(path, uid, gid)


c.Spawner.pre_spawn_hook = copy_course

# --- idle culling ----------------------------------------------------------------------------
c.JupyterHub.services = [
    {
        "name": "idle-culler",
        "command": [
            sys.executable,
            "-m",
            "jupyterhub_idle_culler",
            f"--timeout={IDLE_SERVER_SECONDS}",
            "--cull-every=300",
        ],
    }
]
c.JupyterHub.load_roles = [
    {
        "name": "idle-culler",
        "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"],
        "services": ["idle-culler"],
    }
]
