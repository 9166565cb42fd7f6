"""A fair share of a shared server's CPUs for each learner's kernel.

On a JupyterHub many kernels share one machine. TensorFlow and the BLAS library behind NumPy
each start one worker thread per core they can see, whatever share of the machine a learner
was given, so a few busy kernels on one server keep swapping each other off the cores.
:func:`limit_threads` caps both at the number of CPUs this kernel is given:

1. ``COURSE_THREADS``, when set (``deploy/jupyterhub_config.py`` sets it for every learner);
2. else the CPU quota of the container or service the kernel runs in (cgroup v2 ``cpu.max``,
   or cgroup v1 ``cpu.cfs_quota_us`` / ``cpu.cfs_period_us``), rounded up to whole CPUs;
3. else every core the process may run on, and then nothing is limited.

Fewer threads change how long a computation takes, not what it computes: the course prints
the same results either way (checked by running every notebook with ``COURSE_THREADS=1``).
"""

from __future__ import annotations

import math
import os
import sys
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "THREADS_ENV",
    "CpuShare",
    "available_cores",
    "cgroup_cpu_quota",
    "cpu_share",
    "limit_threads",
    "threads_from_env",
]

#: The environment variable that sets the number of threads for a learner's kernel.
THREADS_ENV = "COURSE_THREADS"

#: Read by TensorFlow when its runtime starts (intra-op and inter-op thread pools).
TF_THREAD_ENVS = ("TF_NUM_INTRAOP_THREADS", "TF_NUM_INTEROP_THREADS")
#: Read by OpenMP, OpenBLAS and MKL when they load (e.g. in a process the kernel starts).
BLAS_THREAD_ENVS = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")

CGROUP_ROOT = Path("/sys/fs/cgroup")
PROC_SELF_CGROUP = Path("/proc/self/cgroup")


@dataclass(frozen=True)
class CpuShare:
    """How many threads a kernel should use, out of how many cores, and who said so."""

    threads: int  #: worker threads for each pool (TensorFlow intra-op, inter-op, BLAS)
    cores: int  #: cores this process may run on
    source: str  #: e.g. "COURSE_THREADS=1", "cgroup cpu.max 50000 100000", "all cores"

    @property
    def limited(self) -> bool:
        """Whether a limit applies.

        Returns:
            True when the share is smaller than the cores the process can see.
        """
        return self.threads < self.cores


def available_cores() -> int:
    """Cores this process may run on.

    Returns:
        The size of its CPU affinity set; all cores where that is unknown.
    """
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def threads_from_env(environ: dict[str, str] | None = None) -> int | None:
    """The whole number of threads in ``COURSE_THREADS``.

    Args:
        environ: the environment to read; by default the process's.

    Returns:
        The number, or None when the variable is unset or empty.

    Raises:
        ValueError: the value is not a whole number of at least 1.
    """
    raw = (os.environ if environ is None else environ).get(THREADS_ENV, "").strip()
    if not raw:
        return None
    try:
        threads = int(raw)
    except ValueError:
        threads = 0
    if threads < 1:
        raise ValueError(f"{THREADS_ENV} must be a whole number of threads, 1 or more; got {raw!r}")
    return threads


def _cgroup_paths(self_cgroup: Path) -> dict[str, str]:
    """Map "v2" and "cpu" (v1) to this process's cgroup path, from /proc/self/cgroup."""
    paths: dict[str, str] = {}
    try:
        lines = self_cgroup.read_text().splitlines()
    except OSError:
        return paths
    for line in lines:
        parts = line.split(":", 2)
        if len(parts) != 3:
            continue
        _, controllers, path = parts
        if controllers == "":
            paths["v2"] = path
        elif "cpu" in controllers.split(","):
            paths["cpu"] = path
    return paths


def _this_and_parents(mount: Path, path: str) -> list[Path]:
    """The cgroup folder of ``path`` under ``mount`` and each parent up to the mount point.

    Inside a container the process's path is often "/" (its own cgroup is the mount point)
    or a host path that does not exist under the container's mount; both end at ``mount``.

    Returns:
        The folders, from the process's own up to ``mount``.
    """
    folders = [mount]
    current = mount
    for part in [p for p in path.split("/") if p]:
        current = current / part
        folders.append(current)
    return [f for f in reversed(folders) if f.is_dir()]


def _read(path: Path) -> str | None:
    try:
        return path.read_text().strip()
    except OSError:
        return None


def cgroup_cpu_quota(
    root: Path = CGROUP_ROOT, self_cgroup: Path = PROC_SELF_CGROUP
) -> tuple[float, str] | None:
    """CPUs allowed by this process's cgroup CPU quota, and the file that says so.

    Looks at the process's own cgroup and every parent (the smallest quota wins), in cgroup v2
    (``cpu.max``: "max 100000" or "50000 100000", quota and period in microseconds) and in
    cgroup v1 (``cpu.cfs_quota_us``, -1 for none, and ``cpu.cfs_period_us``).

    Args:
        root: the cgroup file system's mount point.
        self_cgroup: the file that names this process's cgroups.

    Returns:
        ``(cpus, file)``, or None when no quota is set or the files cannot be read (not Linux,
        no cgroup file system).
    """
    paths = _cgroup_paths(self_cgroup)
    found: list[tuple[float, str]] = []
    v2_mounts = [root, root / "unified"]
    for mount in v2_mounts if "v2" in paths else []:
        for folder in _this_and_parents(mount, paths["v2"]):
            fields = (_read(folder / "cpu.max") or "").split()
            if len(fields) == 2 and fields[0] != "max":
                quota, period = float(fields[0]), float(fields[1])
                if quota > 0 and period > 0:
                    found.append((quota / period, f"cgroup cpu.max {fields[0]} {fields[1]}"))
    v1_mounts = [root / "cpu", root / "cpu,cpuacct", root / "cpuacct,cpu"]
    for mount in v1_mounts if "cpu" in paths else []:
        for folder in _this_and_parents(mount, paths["cpu"]):
            quota_text = _read(folder / "cpu.cfs_quota_us")
            period_text = _read(folder / "cpu.cfs_period_us")
            if quota_text is None or period_text is None:
                continue
            quota, period = float(quota_text), float(period_text)
            if quota > 0 and period > 0:
                found.append((quota / period, f"cgroup cpu.cfs_quota_us {quota_text}"))
    return min(found) if found else None


def cpu_share(
    environ: dict[str, str] | None = None,
    root: Path = CGROUP_ROOT,
    self_cgroup: Path = PROC_SELF_CGROUP,
) -> CpuShare:
    """The CPUs this kernel is given: ``COURSE_THREADS``, else the cgroup quota, else all cores.

    A quota of 0.5 CPU gives 1 thread, 1.5 CPUs 2 threads (rounded up, as joblib and the JVM
    do). Never more threads than cores: ``COURSE_THREADS=8`` on 2 cores means no limit.

    Args:
        environ: the environment to read; by default the process's.
        root: the cgroup file system's mount point.
        self_cgroup: the file that names this process's cgroups.

    Returns:
        The share: how many threads, of how many cores, and what decided it.

    Raises:
        ValueError: ``COURSE_THREADS`` is set but not a whole number of at least 1.
    """
    cores = available_cores()
    threads = threads_from_env(environ)
    if threads is not None:
        return CpuShare(min(threads, cores), cores, f"{THREADS_ENV}={threads}")
    quota = cgroup_cpu_quota(root, self_cgroup)
    if quota is not None:
        cpus, source = quota
        return CpuShare(min(max(1, math.ceil(cpus)), cores), cores, source)
    return CpuShare(cores, cores, "all cores")


def _limit_running_tensorflow(threads: int) -> bool:
    """Set TensorFlow's thread pools if it is imported but has not started; False if too late."""
    tf = sys.modules.get("tensorflow")
    if tf is None:
        return True  # it will read TF_NUM_INTRAOP_THREADS / TF_NUM_INTEROP_THREADS at start
    try:
        tf.config.threading.set_intra_op_parallelism_threads(threads)
        tf.config.threading.set_inter_op_parallelism_threads(threads)
    except RuntimeError:  # its runtime already started with its own pools
        return False
    return True


def limit_threads(share: CpuShare | None = None) -> str | None:
    """Cap TensorFlow's and the BLAS libraries' threads at this kernel's CPU share.

    Call it before TensorFlow runs its first operation (``setup_notebook`` does).

    Args:
        share: the CPU share to apply; by default :func:`cpu_share` decides.

    Returns:
        A one-line note for the learner when a limit applies; None (and nothing changed)
        otherwise.
    """
    if share is None:
        share = cpu_share()
    elif not isinstance(share, CpuShare):
        raise TypeError(f"share must be a CpuShare or None, got {type(share).__name__}")
    if not share.limited:
        return None
    from threadpoolctl import threadpool_limits  # type: ignore[import-untyped]

    n = share.threads
    for name in TF_THREAD_ENVS + BLAS_THREAD_ENVS:
        os.environ[name] = str(n)
    threadpool_limits(limits=n)  # BLAS/OpenMP libraries already loaded, e.g. NumPy's OpenBLAS
    note = f"CPU threads limited to {n} of {share.cores} cores ({share.source})"
    if not _limit_running_tensorflow(n):
        note += "; TensorFlow was already running: restart the kernel to limit it too"
    return note
