import random

import matplotlib as mpl
import numpy as np
import pytest

from course_utils import setup
from course_utils.setup import CLASSROOM_RC, classroom_from_env, classroom_mode, setup_notebook


@pytest.fixture(autouse=True)
def _restore_rc():
    saved = mpl.rcParams.copy()
    yield
    mpl.rcParams.update(saved)


def test_setup_seeds_python_and_numpy(capsys, monkeypatch):
    monkeypatch.delenv(setup.CLASSROOM_ENV, raising=False)
    setup_notebook(7, tensorflow=False)
    first = (random.random(), np.random.rand())  # noqa: NPY002 -- the legacy generator is seeded
    setup_notebook(7, tensorflow=False)
    assert (random.random(), np.random.rand()) == first  # noqa: NPY002
    out = capsys.readouterr().out
    assert "Python " in out and "NumPy " in out and "Random seed 7" in out
    assert "Classroom" not in out and "TensorFlow" not in out


def test_setup_with_tensorflow_seeds_tf_and_enables_determinism(capsys, monkeypatch):
    monkeypatch.delenv(setup.CLASSROOM_ENV, raising=False)
    setup_notebook(3)
    import tensorflow as tf

    a = tf.random.uniform((3,)).numpy()
    setup_notebook(3)
    b = tf.random.uniform((3,)).numpy()
    np.testing.assert_array_equal(a, b)
    from tensorflow.python.framework import config as tf_config  # the public API has no getter

    assert tf_config.is_op_determinism_enabled()
    assert "TensorFlow ops deterministic" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"seed": 1.5}, TypeError, "seed must be an int >= 0 and <= 4294967295, got float"),
        ({"seed": -1}, ValueError, "seed must be an int >= 0 and <= 4294967295, got -1"),
        ({"seed": 2**32}, ValueError, "seed must be an int >= 0 and <= 4294967295"),
        ({"tensorflow": "no"}, TypeError, "tensorflow must be True or False"),
        ({"classroom": 1}, TypeError, "classroom must be True or False"),
    ],
)
def test_setup_bad_input(kwargs, error, message):
    kwargs.setdefault("tensorflow", False)
    with pytest.raises(error) as info:
        setup_notebook(**kwargs)
    assert message in str(info.value)


def test_classroom_mode_is_off_by_default_and_switches_both_ways(monkeypatch, capsys):
    monkeypatch.delenv(setup.CLASSROOM_ENV, raising=False)
    setup_notebook(tensorflow=False)
    normal = mpl.rcParams["font.size"]
    assert normal < CLASSROOM_RC["font.size"]
    classroom_mode(True)
    assert mpl.rcParams["font.size"] == CLASSROOM_RC["font.size"]
    assert mpl.rcParams["lines.linewidth"] == CLASSROOM_RC["lines.linewidth"]
    classroom_mode(False)
    assert mpl.rcParams["font.size"] == normal
    with pytest.raises(TypeError, match="on must be True or False"):
        classroom_mode("yes")


@pytest.mark.parametrize(
    ("value", "expected"),
    [("", False), ("0", False), ("off", False), ("1", True), ("TRUE", True), (" yes ", True)],
)
def test_classroom_env_values(monkeypatch, value, expected):
    monkeypatch.setenv(setup.CLASSROOM_ENV, value)
    assert classroom_from_env() is expected


def test_classroom_env_turns_it_on_in_setup(monkeypatch, capsys):
    monkeypatch.setenv(setup.CLASSROOM_ENV, "1")
    setup_notebook(tensorflow=False)
    assert mpl.rcParams["font.size"] == CLASSROOM_RC["font.size"]
    assert "Classroom mode" in capsys.readouterr().out
    setup_notebook(tensorflow=False, classroom=False)  # an explicit argument wins
    assert mpl.rcParams["font.size"] != CLASSROOM_RC["font.size"]


def test_classroom_env_typo_is_an_error(monkeypatch):
    monkeypatch.setenv(setup.CLASSROOM_ENV, "sure")
    with pytest.raises(ValueError, match="COURSE_CLASSROOM must be one of"):
        classroom_from_env()


@pytest.mark.slow
def test_tensorflow_start_up_lines_do_not_reach_stderr():
    # A learner's first cell must not show TensorFlow's machine-dependent start-up notices
    # (oneDNN, CUDA), which TF_CPP_MIN_LOG_LEVEL no longer silences in TF 2.21.
    import subprocess
    import sys

    code = (
        "from course_utils.setup import setup_notebook\n"
        "setup_notebook()\n"
        "import keras, numpy as np\n"
        "layer = keras.layers.SimpleRNN(3)\n"
        "print(layer(np.zeros((1, 4, 1), dtype='float32')).shape)\n"
        "import sys; print('python stderr still works', file=sys.stderr)\n"
    )
    env = {k: v for k, v in __import__("os").environ.items() if k != "TF_CPP_MIN_LOG_LEVEL"}
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert "(1, 3)" in done.stdout
    assert done.stderr == "python stderr still works\n"
