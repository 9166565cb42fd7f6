"""requirements.txt (pip, make) and environment.yml (conda) must install the same packages."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def names(lines):
    found = set()
    for line in lines:
        line = line.split("#")[0].strip().lstrip("- ").strip()
        match = re.match(r"^([A-Za-z0-9_.\-]+)\s*(?:[<>=!~]|$)", line)
        if match:
            found.add(match.group(1).lower().replace("_", "-"))
    return found


def test_pip_and_conda_lists_match():
    pip = names((ROOT / "requirements.txt").read_text().splitlines())
    env_lines = (ROOT / "environment.yml").read_text().splitlines()
    deps = env_lines[env_lines.index("dependencies:") + 1 :]
    conda = names(deps) - {"python", "pip"}
    assert "tensorflow" in pip and "nbval" in pip
    assert pip == conda, f"only pip: {sorted(pip - conda)}; only conda: {sorted(conda - pip)}"


def test_every_requirement_has_bounds_and_a_reason():
    for line in (ROOT / "requirements.txt").read_text().splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        spec, _, reason = line.partition("#")
        assert ">=" in spec and "<" in spec.split(">=")[1], f"needs lower and upper bounds: {line}"
        assert reason.strip(), f"say what it is for: {line}"
