"""binder/: what Binder (repo2docker) builds, checked with repo2docker itself (no Docker needed).

`jupyter-repo2docker --no-build` picks the configuration folder, the Python version and the
build steps exactly as Binder would, and prints the Dockerfile instead of building it. Building
the image needs a Docker engine, which these tests do not have: the packages' installation
itself is not tested here.
"""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
BINDER = REPO / "binder"
REPO2DOCKER = Path(sys.executable).parent / "jupyter-repo2docker"
#: In binder/ only: nbgitpuller serves the Zero to JupyterHub links, not a local install.
BINDER_ONLY = {"nbgitpuller"}
#: Binder installs the CPU-only build of TensorFlow.
BINDER_NAMES = {"tensorflow": "tensorflow-cpu"}


def requirements(lines: list[str]) -> dict[str, str]:
    """{name: version specifier} of a pip requirements list (comments dropped)."""
    found = {}
    for line in lines:
        spec = line.split("#")[0].strip()
        if spec:
            name, version = re.match(r"^([A-Za-z0-9_.\-]+)\s*(.*)$", spec).groups()
            found[name.lower().replace("_", "-")] = version.replace(" ", "")
    return found


def course_section() -> dict[str, str]:
    """The run-time packages: the "course itself" section of requirements.txt."""
    lines = (REPO / "requirements.txt").read_text().splitlines()
    start = lines.index("# --- the course itself ---") + 1
    end = next(i for i in range(start, len(lines)) if lines[i].startswith("# ---"))
    return requirements(lines[start:end])


@pytest.fixture(scope="module")
def dockerfile() -> tuple[str, str]:
    """The Dockerfile repo2docker would build for this repository, as mybinder.org runs it."""
    done = subprocess.run(
        [str(REPO2DOCKER), "--no-build", "--user-id", "1000", "--user-name", "jovyan", str(REPO)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout, done.stderr


def test_binder_folder_wins_over_the_root_files(dockerfile):
    text, _ = dockerfile
    assert 'pip install --no-cache-dir -r "binder/requirements.txt"' in text
    assert "environment.yml" not in text  # the root conda file (with the test tools) is unused
    assert not re.search(r'-r "requirements.txt"', text)


def test_python_version_is_the_one_in_runtime_txt_and_supported(dockerfile):
    text, log = dockerfile
    wanted = (BINDER / "runtime.txt").read_text().strip()
    assert re.fullmatch(r"python-3\.\d+", wanted)
    version = wanted.removeprefix("python-")
    assert (3, 10) <= tuple(map(int, version.split("."))) <= (3, 13)  # TensorFlow 2.21's range
    unescaped = text.replace("-2e", ".").replace("-2d", "-")  # how repo2docker names files
    assert f"environment.py-{version}-linux-64.lock" in unescaped  # that Python's base env
    assert f"Building conda environment for python={version}" in log


def test_post_build_runs_after_the_repository_is_copied_as_the_learner(dockerfile):
    text, _ = dockerfile
    copy = text.index("COPY --chown=1000:1000 src/ ${REPO_DIR}/")
    run = text.index("RUN ./binder/postBuild")
    assert copy < run
    assert text.rindex("USER ${NB_USER}", 0, run) > copy  # not as root


def test_binder_packages_are_in_step_with_requirements_txt():
    binder = requirements((BINDER / "requirements.txt").read_text().splitlines())
    course = {BINDER_NAMES.get(n, n): v for n, v in course_section().items()}
    assert "tensorflow-cpu" in binder and "tensorflow" not in binder
    assert {n: v for n, v in binder.items() if n not in BINDER_ONLY} == course
    assert all(v.startswith(">=") and ",<" in v for v in binder.values()), binder


@pytest.fixture
def fake_build(tmp_path):
    """A copy of what postBuild reads, and a `python` that records its arguments."""
    work = tmp_path / "repo"
    shutil.copytree(REPO / "deploy" / "lab-settings", work / "deploy" / "lab-settings")
    shims = tmp_path / "bin"
    shims.mkdir()
    log = tmp_path / "python.log"
    shim = shims / "python"
    shim.write_text(f'#!/bin/sh\necho "$*" >> "{log}"\ncase "$*" in *"$FAIL_ON"*) exit 3;; esac\n')
    shim.chmod(0o755)
    env = {
        "PATH": f"{shims}:{os.environ['PATH']}",
        "NB_PYTHON_PREFIX": str(tmp_path / "prefix"),
        "FAIL_ON": "nothing matches this",
    }
    return work, env, log


def run_post_build(work: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["bash", str(BINDER / "postBuild")], cwd=work, env=env, capture_output=True, text=True
    )


def test_post_build_installs_course_utils_and_turns_off_news(fake_build):
    work, env, log = fake_build
    done = run_post_build(work, env)
    assert done.returncode == 0, done.stderr
    calls = log.read_text().splitlines()
    assert calls[0] == "-m pip install --no-cache-dir --no-deps ."
    assert calls[-1].startswith("-c import course_utils.setup")
    settings = Path(env["NB_PYTHON_PREFIX"]) / "share/jupyter/lab/settings/overrides.json"
    assert settings.read_text() == (REPO / "deploy/lab-settings/overrides.json").read_text()


def test_post_build_fails_loudly_when_a_step_fails(fake_build):
    work, env, log = fake_build
    env["FAIL_ON"] = "pip install"
    done = run_post_build(work, env)
    assert done.returncode != 0
    assert len(log.read_text().splitlines()) == 1  # stopped at the failing step
    assert not (Path(env["NB_PYTHON_PREFIX"]) / "share").exists()
    del env["NB_PYTHON_PREFIX"]
    env["FAIL_ON"] = "nothing matches this"
    done = run_post_build(work, env)
    assert done.returncode != 0 and "repo2docker sets NB_PYTHON_PREFIX" in done.stderr
