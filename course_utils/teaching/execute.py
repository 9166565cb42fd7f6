"""Run a notebook top to bottom in a fresh kernel (nbclient), without its stalls on widget cells.

nbclient waits for a cell's reply with one long poll of the kernel's socket (up to the cell's
timeout). When the cell shows a widget, that poll now and then misses the reply's arrival and
returns only when the timeout runs out (jupyter/nbclient#312): measured here, a student copy of
notebook 1 that runs in 4 s took 303 s, with the kernel idle all that time. ``run_notebook``
polls again at least once a second instead, so a missed wake-up costs a second; the cell's
timeout still counts from the start of its wait. ``make execute``, the tests that run notebooks
and ``benchmarks/course.py`` use it.
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable, Iterable
from pathlib import Path
from queue import Empty
from typing import Any

import nbformat
from nbclient import NotebookClient
from nbclient.util import run_sync

from course_utils.teaching.sources import notebook_paths

__all__ = ["PromptClient", "execute_in_place", "run_notebook", "sliced"]

#: The longest single poll of a kernel socket, in seconds.
SLICE_S = 1.0

GetMsg = Callable[..., Awaitable[dict[str, Any]]]


def sliced(get_msg: GetMsg, slice_s: float = SLICE_S) -> GetMsg:
    """Wrap a channel's ``get_msg`` so that no single poll lasts longer than ``slice_s``.

    Args:
        get_msg: an async ``get_msg(timeout=None)`` of a jupyter_client channel: returns the next
            message, or raises ``queue.Empty`` when none came within ``timeout`` seconds.
        slice_s: the longest single poll, in seconds (> 0).

    Returns:
        An async ``get_msg(timeout=None)`` with the same contract (``None``: wait for ever).

    Raises:
        ValueError: if ``slice_s`` is not positive.
    """
    if not slice_s > 0:
        raise ValueError(f"slice_s must be a positive number of seconds, got {slice_s!r}")

    async def get_msg_sliced(timeout: float | None = None) -> dict[str, Any]:
        deadline = None if timeout is None else time.monotonic() + timeout
        while True:
            left = slice_s if deadline is None else max(0.0, deadline - time.monotonic())
            try:
                return await get_msg(timeout=min(slice_s, left))
            except Empty:
                if deadline is not None and time.monotonic() >= deadline:
                    raise

    return get_msg_sliced


class PromptClient(NotebookClient):
    """``nbclient.NotebookClient`` whose waits on the shell and IOPub channels are ``sliced``."""

    async def async_start_new_kernel_client(self) -> Any:
        """Start the kernel's client as nbclient does, then slice its channels' polls.

        Returns:
            The kernel client (``self.kc``).
        """
        kc = await super().async_start_new_kernel_client()
        for channel in (kc.shell_channel, kc.iopub_channel):
            channel.get_msg = sliced(channel.get_msg)
        return kc

    # nbclient binds its blocking twin to its own coroutine, not to this override: bind it again,
    # so that ``with client.setup_kernel(): client.execute_cell(...)`` is sliced too.
    start_new_kernel_client = run_sync(async_start_new_kernel_client)


def run_notebook(
    nb: nbformat.NotebookNode,
    *,
    cwd: str | Path | None = None,
    timeout: int = 300,
    **options: Any,
) -> nbformat.NotebookNode:
    """Run every code cell of ``nb`` in a fresh ``python3`` kernel, outputs stored in ``nb``.

    Args:
        nb: the notebook (nbformat 4), changed in place.
        cwd: the folder the kernel starts in (the notebook's own, for its relative paths);
            ``None``: this process's current folder.
        timeout: the longest a cell may run, in seconds.
        **options: further ``nbclient.NotebookClient`` options (e.g. ``store_widget_state``).

    Returns:
        ``nb``, with its outputs.

    Raises:
        nbclient.exceptions.CellExecutionError: when a cell raises (unless allowed).
        nbclient.exceptions.CellTimeoutError: when a cell runs longer than ``timeout``.
    """
    client = PromptClient(
        nb,
        timeout=timeout,
        kernel_name="python3",
        resources={"metadata": {"path": str(cwd)}} if cwd is not None else {},
        **options,
    )
    client.execute()
    return nb


def execute_in_place(notebooks: Iterable[str | Path], timeout: int = 300) -> list[Path]:
    """Re-run each notebook top to bottom in its own folder and save it with its new outputs.

    Args:
        notebooks: paths of ``.ipynb`` files (at least one).
        timeout: the longest a cell may run, in seconds.

    Returns:
        The paths written, in order.

    Raises:
        TypeError: ``notebooks`` is one path instead of a list.
        ValueError: no notebook, or a path that is not an ``.ipynb`` file.
        FileNotFoundError: a notebook does not exist.
    """
    paths = notebook_paths(notebooks)
    for path in paths:
        start = time.perf_counter()
        nb = nbformat.read(path, as_version=4)
        run_notebook(nb, cwd=path.resolve().parent, timeout=timeout)
        nbformat.write(nb, path)
        print(f"ran {path} in {time.perf_counter() - start:.1f} s", flush=True)
    return paths
