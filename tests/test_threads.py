"""course_utils.threads: a kernel's share of the CPUs, from COURSE_THREADS, cgroups or all cores."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from course_utils import threads
from course_utils.threads import (
    THREADS_ENV,
    CpuShare,
    available_cores,
    cgroup_cpu_quota,
    cpu_share,
    limit_threads,
    threads_from_env,
)

REPO = Path(__file__).resolve().parents[1]


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)


@pytest.fixture
def cgroup_v2(tmp_path):
    """A cgroup v2 tree whose process lives in /class/learner1 (as under systemd or a pod)."""
    root = tmp_path / "cgroup"
    self_cgroup = tmp_path / "self_cgroup"
    write(self_cgroup, "0::/class/learner1\n")
    write(root / "cpu.max", "max 100000\n")  # the root: no quota
    return root, self_cgroup


@pytest.mark.parametrize(
    ("value", "expected"), [(None, None), ("", None), (" ", None), ("1", 1), (" 3 ", 3)]
)
def test_threads_from_env(value, expected):
    environ = {} if value is None else {THREADS_ENV: value}
    assert threads_from_env(environ) == expected


@pytest.mark.parametrize("value", ["0", "-2", "1.5", "two", "1e3"])
def test_threads_from_env_rejects_what_is_not_a_count(value):
    with pytest.raises(ValueError, match=r"COURSE_THREADS must be a whole number of threads, 1 or"):
        threads_from_env({THREADS_ENV: value})


def test_cgroup_v2_quota_of_the_process_own_group(cgroup_v2):
    root, self_cgroup = cgroup_v2
    write(root / "class" / "learner1" / "cpu.max", "50000 100000\n")
    assert cgroup_cpu_quota(root, self_cgroup) == (0.5, "cgroup cpu.max 50000 100000")


def test_cgroup_v2_the_smallest_quota_up_the_tree_wins(cgroup_v2):
    root, self_cgroup = cgroup_v2
    write(root / "class" / "cpu.max", "150000 100000\n")
    write(root / "class" / "learner1" / "cpu.max", "max 100000\n")
    assert cgroup_cpu_quota(root, self_cgroup) == (1.5, "cgroup cpu.max 150000 100000")
    write(root / "class" / "learner1" / "cpu.max", "100000 100000\n")
    assert cgroup_cpu_quota(root, self_cgroup)[0] == 1.0


def test_cgroup_v2_no_quota_anywhere(cgroup_v2):
    root, self_cgroup = cgroup_v2
    write(root / "class" / "learner1" / "cpu.max", "max 100000\n")
    assert cgroup_cpu_quota(root, self_cgroup) is None


def test_cgroup_v2_in_a_container_sees_its_own_group_as_the_root(tmp_path):
    """With a cgroup namespace (Docker, Kubernetes) the process is in "/": the mount point."""
    write(tmp_path / "self", "0::/\n")
    write(tmp_path / "cgroup" / "cpu.max", "200000 100000\n")
    assert cgroup_cpu_quota(tmp_path / "cgroup", tmp_path / "self")[0] == 2.0


def test_cgroup_v1_quota(tmp_path):
    write(tmp_path / "self", "5:cpuacct,cpu:/docker/abc\n4:memory:/docker/abc\n")
    group = tmp_path / "cgroup" / "cpu,cpuacct" / "docker" / "abc"
    write(group / "cpu.cfs_quota_us", "75000\n")
    write(group / "cpu.cfs_period_us", "100000\n")
    quota = cgroup_cpu_quota(tmp_path / "cgroup", tmp_path / "self")
    assert quota == (0.75, "cgroup cpu.cfs_quota_us 75000")
    write(group / "cpu.cfs_quota_us", "-1\n")  # no quota
    assert cgroup_cpu_quota(tmp_path / "cgroup", tmp_path / "self") is None


def test_no_cgroup_file_system(tmp_path):
    assert cgroup_cpu_quota(tmp_path / "none", tmp_path / "missing") is None
    write(tmp_path / "garbled", "not a cgroup line\n")
    assert cgroup_cpu_quota(tmp_path / "none", tmp_path / "garbled") is None


def test_cpu_share_order_env_then_cgroup_then_all_cores(cgroup_v2, monkeypatch):
    root, self_cgroup = cgroup_v2
    monkeypatch.setattr(threads, "available_cores", lambda: 4)
    write(root / "class" / "learner1" / "cpu.max", "50000 100000\n")
    assert cpu_share({THREADS_ENV: "2"}, root, self_cgroup) == CpuShare(2, 4, "COURSE_THREADS=2")
    by_quota = cpu_share({}, root, self_cgroup)  # 0.5 CPU: one thread
    assert by_quota == CpuShare(1, 4, "cgroup cpu.max 50000 100000") and by_quota.limited
    write(root / "class" / "learner1" / "cpu.max", "250000 100000\n")  # 2.5 CPUs: rounded up
    assert cpu_share({}, root, self_cgroup).threads == 3
    write(root / "class" / "learner1" / "cpu.max", "max 100000\n")
    all_cores = cpu_share({}, root, self_cgroup)
    assert all_cores == CpuShare(4, 4, "all cores") and not all_cores.limited


def test_never_more_threads_than_cores(monkeypatch, tmp_path):
    monkeypatch.setattr(threads, "available_cores", lambda: 2)
    share = cpu_share({THREADS_ENV: "8"}, tmp_path, tmp_path / "none")
    assert share == CpuShare(2, 2, "COURSE_THREADS=8") and not share.limited


def test_available_cores_is_the_affinity():
    assert 1 <= available_cores() <= (os.cpu_count() or 1)


def test_no_limit_changes_nothing_and_says_nothing(monkeypatch):
    for name in threads.TF_THREAD_ENVS + threads.BLAS_THREAD_ENVS:
        monkeypatch.delenv(name, raising=False)
    assert limit_threads(CpuShare(2, 2, "all cores")) is None
    assert not any(name in os.environ for name in threads.TF_THREAD_ENVS + threads.BLAS_THREAD_ENVS)
    with pytest.raises(TypeError, match="share must be a CpuShare or None, got int"):
        limit_threads(1)


def test_bad_course_threads_is_a_clear_error_in_setup(monkeypatch):
    from course_utils.setup import setup_notebook

    monkeypatch.setenv(THREADS_ENV, "lots")
    with pytest.raises(ValueError, match="COURSE_THREADS must be a whole number"):
        setup_notebook(tensorflow=False)


# One fresh Python per case: TensorFlow sizes its thread pools once, when its runtime starts.
PROBE = """
import json, os, threading, time
from course_utils.setup import setup_notebook
setup_notebook()
import numpy as np, tensorflow as tf
from threadpoolctl import threadpool_info
a = tf.random.uniform((400, 400))
for _ in range(20):
    (a @ a).numpy()
np.ones((300, 300)) @ np.ones((300, 300))
blas = [p["num_threads"] for p in threadpool_info() if p["user_api"] == "blas"]
print(json.dumps({"os_threads": len(os.listdir("/proc/self/task")), "blas": blas}))
"""


def start_probe(course_threads: str | None) -> subprocess.Popen:
    names = (THREADS_ENV, *threads.TF_THREAD_ENVS, *threads.BLAS_THREAD_ENVS)
    env = {k: v for k, v in os.environ.items() if k not in names}
    if course_threads is not None:
        env[THREADS_ENV] = course_threads
    return subprocess.Popen(
        [sys.executable, "-c", PROBE], stdout=subprocess.PIPE, text=True, env=env
    )


def finish_probe(proc: subprocess.Popen) -> tuple[dict, str]:
    out, _ = proc.communicate(timeout=300)
    assert proc.returncode == 0, out
    lines = out.strip().splitlines()
    return json.loads(lines[-1]), "\n".join(lines[:-1])


@pytest.mark.skipif(available_cores() < 2, reason="a limit needs at least 2 cores to show")
def test_setup_limits_tensorflow_and_blas_threads_and_says_so():
    runs = [start_probe("1"), start_probe(None)]  # side by side: half the wait
    (limited, printed), (unlimited, printed_without) = [finish_probe(p) for p in runs]
    cores = available_cores()
    assert f"CPU threads limited to 1 of {cores} cores (COURSE_THREADS=1)" in printed
    assert "CPU threads" not in printed_without  # nothing new unless a limit applies
    assert limited["blas"] and all(n == 1 for n in limited["blas"]), limited
    assert all(n == cores for n in unlimited["blas"]), unlimited
    # TensorFlow's intra-op and inter-op pools: one thread each instead of one per core
    assert unlimited["os_threads"] - limited["os_threads"] >= 2 * (cores - 1), (limited, unlimited)
