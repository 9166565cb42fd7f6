"""deploy/: the one-server JupyterHub config and the Zero to JupyterHub values agree.

The hub itself is started and used by tests/hub; these tests read the files.
"""

import json
import re
import shutil
import subprocess
import tempfile
from pathlib import Path
from types import SimpleNamespace

import pytest
import yaml
from traitlets.config import Config

REPO = Path(__file__).resolve().parents[1]
DEPLOY = REPO / "deploy"
NOTEBOOKS = sorted((REPO / "notebooks").glob("[0-9][0-9]_*.ipynb"))


@pytest.fixture(scope="module")
def hub():
    """deploy/jupyterhub_config.py as JupyterHub loads it: the config and its names."""
    config = Config()
    names = {"get_config": lambda: config, "__file__": str(DEPLOY / "jupyterhub_config.py")}
    exec(
        compile((DEPLOY / "jupyterhub_config.py").read_text(), "jupyterhub_config.py", "exec"),
        names,
    )
    return config, names


@pytest.fixture(scope="module")
def values():
    return yaml.safe_load((DEPLOY / "z2jh-values.yaml").read_text())


def mib(quantity: str) -> float:
    """A Kubernetes (1Gi, 512Mi) or JupyterHub (2G = 2 GiB) memory size in MiB."""
    units = {"Gi": 1024, "Mi": 1, "G": 1024, "M": 1}
    for suffix, factor in units.items():
        if quantity.endswith(suffix):
            return float(quantity.removesuffix(suffix)) * factor
    raise ValueError(f"no unit in {quantity!r}")


def test_each_learner_opens_the_first_notebook_with_a_thread_limit(hub):
    c, names = hub
    assert c.Spawner.default_url == f"/lab/tree/{names['LEARNER_FOLDER']}/{NOTEBOOKS[0].name}"
    assert c.Spawner.environment == {"COURSE_THREADS": "1"}
    assert c.Spawner.cpu_limit == names["CPU_PER_LEARNER"] == 1.0
    assert Path(c.Spawner.cmd[0]).name == "jupyterhub-singleuser"
    settings = next(a for a in c.Spawner.args if a.startswith("--LabApp.app_settings_dir="))
    assert (Path(settings.split("=", 1)[1]) / "overrides.json").is_file()


def test_memory_figures_cover_the_measured_peak(hub, values):
    c, names = hub
    peak = names["MEASURED_PEAK_MIB"]
    assert 0 < peak <= mib(values["singleuser"]["memory"]["guarantee"])
    assert mib(c.Spawner.mem_limit) == mib(values["singleuser"]["memory"]["limit"]) > peak
    assert f"{peak} MiB" in (REPO / "README.md").read_text()  # the README gives the same figure


def test_cpu_and_culling_agree_with_the_one_server_config(hub, values):
    c, names = hub
    assert values["singleuser"]["cpu"]["limit"] == names["CPU_PER_LEARNER"]
    assert 0 < values["singleuser"]["cpu"]["guarantee"] <= values["singleuser"]["cpu"]["limit"]
    culler = c.JupyterHub.services[0]["command"]
    assert f"--timeout={values['cull']['timeout']}" in culler
    assert values["cull"]["enabled"] is True
    assert {"read:servers", "delete:servers"} <= set(c.JupyterHub.load_roles[0]["scopes"])


@pytest.fixture
def short_tmp():
    """A folder with a short path, as /home is (kernel socket paths must stay under 108 bytes)."""
    folder = Path(tempfile.mkdtemp(prefix="h"))
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def test_the_hook_copies_every_notebook_and_keeps_a_learners_edits(hub, short_tmp):
    _, names = hub
    tmp_path = short_tmp
    spawner = SimpleNamespace(home_dir=str(tmp_path / "alice"), user=SimpleNamespace(name="alice"))
    names["copy_course"](spawner)
    folder = tmp_path / "alice" / names["LEARNER_FOLDER"]
    assert sorted(p.name for p in folder.iterdir()) == [p.name for p in NOTEBOOKS]
    edited = folder / NOTEBOOKS[0].name
    edited.write_text("my work")
    (folder / NOTEBOOKS[-1].name).unlink()  # e.g. a notebook added to the course later
    names["copy_course"](spawner)
    assert edited.read_text() == "my work"
    assert (folder / NOTEBOOKS[-1].name).read_bytes() == NOTEBOOKS[-1].read_bytes()


def test_make_lab_and_the_hub_turn_off_jupyterlabs_news_popup(hub):
    c, _ = hub
    recipe = subprocess.run(
        ["make", "-n", "lab"], cwd=REPO, capture_output=True, text=True, check=True
    ).stdout
    assert "jupyter lab" in recipe
    folders = re.findall(r"--LabApp.app_settings_dir=(\S+)", recipe + " ".join(c.Spawner.args))
    assert len(folders) == 2 and Path(folders[0]) == Path(folders[1]) == DEPLOY / "lab-settings"
    overrides = json.loads((DEPLOY / "lab-settings" / "overrides.json").read_text())
    news = overrides["@jupyterlab/apputils-extension:notification"]
    assert news == {"fetchNews": "false", "checkForUpdates": False}  # "none" asks in a pop-up


@pytest.mark.parametrize("raw", ["0", "-1", "many", "", "nan", "inf"])
def test_a_bad_cpu_figure_is_a_clear_error(hub, raw):
    _, names = hub
    with pytest.raises(ValueError, match="COURSE_HUB_CPU must be a number of CPUs above 0"):
        names["cpus_from_env"](raw)
    assert names["cpus_from_env"]("0.5") == 0.5


def test_the_hook_refuses_a_home_too_long_for_kernel_sockets(hub, short_tmp):
    _, names = hub
    name = "a" * 60
    spawner = SimpleNamespace(home_dir=str(short_tmp / name), user=SimpleNamespace(name=name))
    with pytest.raises(ValueError, match="longer than 107 bytes"):
        names["copy_course"](spawner)
    twenty = "b" * 20  # the README's figure: under /home, user names of up to 20 characters
    assert len(f"/home/{twenty}/.local/share/jupyter/runtime/kernel-{'0' * 36}-ipc-9") <= 107
