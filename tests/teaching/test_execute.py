"""course_utils.teaching.execute: notebooks run by nbclient, whose socket polls are sliced."""

import asyncio
from queue import Empty

import nbformat
import pytest

from course_utils.teaching.__main__ import main
from course_utils.teaching.execute import PromptClient, sliced

MESSAGE = {"msg_type": "execute_reply", "parent_header": {"msg_id": "1"}}


class MissesOneWakeUp:
    """A channel's get_msg whose first poll misses a message that has come (nbclient#312)."""

    def __init__(self, misses: int = 1) -> None:
        self.timeouts: list[float | None] = []
        self.misses = misses

    async def get_msg(self, timeout=None):
        self.timeouts.append(timeout)
        if len(self.timeouts) <= self.misses:
            await asyncio.sleep(0)
            raise Empty
        return MESSAGE


def test_a_missed_wake_up_is_caught_by_the_next_short_poll():
    channel = MissesOneWakeUp()
    assert asyncio.run(sliced(channel.get_msg, slice_s=0.5)(timeout=300)) == MESSAGE
    assert len(channel.timeouts) == 2
    assert all(t is not None and t <= 0.5 for t in channel.timeouts), channel.timeouts


def test_waiting_for_ever_still_polls_in_slices():
    channel = MissesOneWakeUp(misses=3)
    assert asyncio.run(sliced(channel.get_msg, slice_s=0.5)()) == MESSAGE
    assert channel.timeouts == [0.5, 0.5, 0.5, 0.5]


def test_the_timeout_still_holds():
    async def never(timeout=None):
        await asyncio.sleep(timeout)
        raise Empty

    calls = []

    async def counted(timeout=None):
        calls.append(timeout)
        return await never(timeout)

    with pytest.raises(Empty):
        asyncio.run(sliced(counted, slice_s=0.03)(timeout=0.05))
    assert len(calls) >= 2 and all(t <= 0.03 for t in calls), calls
    assert sum(calls) <= 0.05 + 0.002, calls  # the last poll asks only for the time left


@pytest.mark.parametrize("slice_s", [0, -1.0, float("nan")])
def test_a_slice_must_be_positive(slice_s):
    with pytest.raises(ValueError, match="slice_s must be a positive number"):
        sliced(MissesOneWakeUp().get_msg, slice_s=slice_s)


def test_execute_takes_no_out_folder_and_the_builders_need_one(tmp_path, capsys):
    nb = tmp_path / "01_demo.ipynb"
    nbformat.write(nbformat.v4.new_notebook(), nb)
    with pytest.raises(SystemExit):
        main(["execute", str(nb), "--out", str(tmp_path / "out")])
    assert "leave out --out" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["student", str(nb)])
    assert "student needs --out" in capsys.readouterr().err


@pytest.mark.slow
def test_execute_reruns_a_notebook_in_place_in_its_own_folder(tmp_path, capsys):
    (tmp_path / "data.txt").write_text("42")
    nb = nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_code_cell("print(open('data.txt').read())"),
            nbformat.v4.new_code_cell("import ipywidgets\nipywidgets.IntSlider(3)"),
        ]
    )
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3"}
    path = tmp_path / "01_demo.ipynb"
    nbformat.write(nb, path)
    assert main(["execute", str(path)]) == 0
    ran = nbformat.read(path, as_version=4)
    assert ran.cells[0].outputs[0]["text"] == "42\n"
    assert "application/vnd.jupyter.widget-view+json" in ran.cells[1].outputs[0]["data"]
    assert f"ran {path}" in capsys.readouterr().out


@pytest.mark.slow
@pytest.mark.parametrize("how", ["execute", "setup_kernel"])
def test_both_ways_of_running_cells_poll_in_slices(how):
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("print(6 * 7)")])
    client = PromptClient(nb, timeout=60, kernel_name="python3")
    seen = []

    def record(cell, cell_index, **kwargs):
        seen.append(
            [c.get_msg.__name__ for c in (client.kc.shell_channel, client.kc.iopub_channel)]
        )

    client.on_cell_executed = record
    if how == "execute":
        client.execute()
    else:
        with client.setup_kernel():
            client.execute_cell(nb.cells[0], 0)
    assert nb.cells[0].outputs[0]["text"] == "42\n"
    assert seen == [["get_msg_sliced", "get_msg_sliced"]]


def test_a_start_that_fails_is_tried_again_with_a_warning():
    from course_utils.teaching.execute import START_ATTEMPTS, start_again_if_it_dies

    tries = []

    def start(name):
        tries.append(name)
        if len(tries) < START_ATTEMPTS:
            raise RuntimeError("Kernel died before replying to kernel_info")
        return f"kernel {name}"

    with pytest.warns(UserWarning, match="a kernel did not start"):
        assert start_again_if_it_dies(start)("python3") == "kernel python3"
    assert tries == ["python3"] * START_ATTEMPTS

    def never(name):
        raise RuntimeError("Kernel died before replying to kernel_info")

    with pytest.warns(UserWarning), pytest.raises(RuntimeError, match="Kernel died"):
        start_again_if_it_dies(never)("python3")


@pytest.mark.slow
def test_a_kernel_that_dies_before_answering_is_replaced(monkeypatch):
    from nbclient import NotebookClient

    original = NotebookClient.async_start_new_kernel_client
    killed = []

    async def first_kernel_dies(self):
        if not killed:  # as a kernel that cannot bind its port: it exits before answering
            killed.append(self.km.provisioner.process.pid)
            self.km.provisioner.process.kill()
            self.km.provisioner.process.wait()
        return await original(self)

    monkeypatch.setattr(NotebookClient, "async_start_new_kernel_client", first_kernel_dies)
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("import os\nos.getpid()")])
    with pytest.warns(UserWarning, match="a kernel did not start"):
        PromptClient(nb, timeout=60, kernel_name="python3").execute()
    assert killed and nb.cells[0].outputs[0]["data"]["text/plain"] != str(killed[0])


def test_nbval_starts_its_kernels_through_the_retry():
    import nbval.kernel

    from course_utils.teaching.execute import start_again_if_it_dies

    start = nbval.kernel.start_new_kernel  # wrapped by the repository's conftest.py
    assert start.__code__ is start_again_if_it_dies(lambda: 0).__code__
    assert start.__wrapped__.__module__ == "nbval.kernel"
