"""Two learners on the course's JupyterHub run notebook 01 at the same time.

One hub for the whole module (about 30-50 s on 2 cores): started from
deploy/jupyterhub_config.py with test-only overrides (benchmarks/classroom.py), two learners log
in through the login form, start their servers, and run notebook 01 in kernels of their own.
"""

from __future__ import annotations

import time

import psutil
import pytest
from classroom import NOTEBOOKS, run_class

from course_utils.threads import available_cores

BUDGET_SECONDS = 90  # the budget for this suite
LEARNERS = 2


@pytest.fixture(scope="module")
def lesson(proxy, tmp_path_factory):
    """Run the class once; keep what the tests look at."""
    work = tmp_path_factory.mktemp("hub")
    seen: dict[str, object] = {}

    def look(hub, learners):
        seen["hub"] = hub
        seen["default_urls"] = [learner.default_url() for learner in learners]
        seen["notification"] = learners[0].lab_setting(
            "@jupyterlab/apputils-extension:notification"
        )
        seen["copies"] = sorted(
            p.name for p in (work / "homes" / "learner1" / "rnn-course").iterdir()
        )

    start = time.monotonic()
    result = run_class(LEARNERS, NOTEBOOKS[:1], work, on_ready=look)
    seen["seconds"] = time.monotonic() - start
    seen["result"] = result
    seen["log"] = (work / "jupyterhub.log").read_text(errors="replace")
    return seen


def test_every_learner_runs_notebook_01_without_an_error(lesson):
    result = lesson["result"]
    assert not result.failures, result.failures
    assert [(r.learner, r.notebook) for r in result.runs] == [
        (f"learner{i + 1}", NOTEBOOKS[0].name) for i in range(LEARNERS)
    ]
    assert all(not r.errors for r in result.runs), [r.errors for r in result.runs]
    assert result.completed
    assert "all notebooks completed: yes" in result.summary()


def test_within_the_budget(lesson):
    assert lesson["seconds"] < BUDGET_SECONDS, f"took {lesson['seconds']:.0f} s"


def test_each_kernel_gets_the_thread_limit_from_the_hub(lesson):
    """deploy/jupyterhub_config.py gives each learner 1 thread; setup_notebook says so."""
    for run in lesson["result"].runs:
        assert run.first_output.startswith("Python "), run.first_output
        limited = "CPU threads limited to 1 of" in run.first_output
        assert limited == (available_cores() > 1), run.first_output


def test_the_course_opens_for_each_learner(lesson):
    for i, url in enumerate(lesson["default_urls"]):
        assert url.startswith(f"/user/learner{i + 1}/lab/tree/rnn-course/01_sequence_data.ipynb")
    assert lesson["copies"] == [p.name for p in NOTEBOOKS]  # every course notebook, 07 too


def test_jupyterlab_shows_no_news_popup(lesson):
    properties = lesson["notification"]["schema"]["properties"]
    assert properties["fetchNews"]["default"] == "false"  # "none" would ask with a pop-up
    assert properties["checkForUpdates"]["default"] is False


def test_memory_is_measured_for_each_learner(lesson):
    peaks = lesson["result"].peak_mib
    assert sorted(peaks) == [f"learner{i + 1}" for i in range(LEARNERS)]
    assert all(50 < mib < 2048 for mib in peaks.values()), peaks


def test_kernels_talk_over_unix_sockets_not_tcp_ports(lesson):
    """Two servers starting kernels at once once picked the same TCP port; one kernel hung."""
    assert "--KernelManager.transport=ipc" in lesson["log"]  # on each server's command line
    assert "Kernel is running over TCP" not in lesson["log"]  # ipykernel's warning for TCP
    assert "Address already in use" not in lesson["log"]


def test_everything_the_hub_started_is_stopped(lesson):
    hub = lesson["hub"]
    assert hub.proc.poll() is not None
    assert len(hub.seen) >= 2 + 2 * LEARNERS  # proxy, culler, servers, kernels
    alive = []
    for pid, created in hub.seen.items():
        try:
            if psutil.Process(pid).create_time() == created:
                alive.append(pid)
        except psutil.NoSuchProcess:
            pass
    assert not alive, f"still running: {alive}"
