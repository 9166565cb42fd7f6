"""Run a notebook top to bottom in a fresh kernel (nbclient), without its stalls on widget cells.

nbclient waits for a cell's reply with one long poll of the kernel's socket (up to the cell's
timeout). When the cell shows a widget, that poll now and then misses the reply's arrival and
returns only when the timeout runs out (jupyter/nbclient#312): measured here, a student copy of
notebook 1 that runs in 4 s took 303 s, with the kernel idle all that time. ``run_notebook``
polls again at least once a second instead, so a missed wake-up costs a second; the cell's
timeout still counts from the start of its wait. ``make execute``, the tests that run notebooks
and ``benchmarks/course.py`` use it.

A kernel can also die before it answers: two processes that start kernels at the same moment may
pick the same free TCP port, and the kernel that loses cannot bind it (seen twice in a day under
``make test``: nbval's two workers, and two learners on the hub). ``PromptClient`` and nbval (see
the repository's ``conftest.py``, through ``start_again_if_it_dies``) then start a new kernel, up
to ``START_ATTEMPTS`` times, and say so.
"""

from __future__ import annotations

import functools
import time
import warnings
from collections.abc import Awaitable, Callable, Iterable
from pathlib import Path
from queue import Empty
from typing import Any, TypeVar

import nbformat
from nbclient import NotebookClient
from nbclient.util import run_sync

from course_utils.teaching.sources import notebook_paths

__all__ = [
    "START_ATTEMPTS",
    "PromptClient",
    "execute_in_place",
    "run_notebook",
    "sliced",
    "start_again_if_it_dies",
]

#: The longest single poll of a kernel socket, in seconds.
SLICE_S = 1.0
#: How many kernels to start before giving up when each dies before answering.
START_ATTEMPTS = 3

GetMsg = Callable[..., Awaitable[dict[str, Any]]]
T = TypeVar("T")


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


def start_again_if_it_dies(start: Callable[..., T]) -> Callable[..., T]:
    """Wrap a kernel-starting function: when the kernel dies before answering, start another.

    Args:
        start: a function that starts a kernel and waits for its first answer, raising
            ``RuntimeError`` when the kernel died first (as jupyter_client's ``wait_for_ready``
            and nbval's ``start_new_kernel`` do), after cleaning up.

    Returns:
        The same function, which tries ``START_ATTEMPTS`` times and warns before each new try.
    """

    @functools.wraps(start)
    def start_with_retries(*args: Any, **kwargs: Any) -> T:
        for attempt in range(1, START_ATTEMPTS + 1):
            try:
                return start(*args, **kwargs)
            except RuntimeError as err:
                if attempt == START_ATTEMPTS:
                    raise
                warnings.warn(f"a kernel did not start ({err}); starting another", stacklevel=2)
        raise AssertionError("unreachable")  # for the type checker

    return start_with_retries


class PromptClient(NotebookClient):
    """``nbclient.NotebookClient`` whose waits on the shell and IOPub channels are ``sliced``."""

    async def async_start_new_kernel_client(self) -> Any:
        """Start the kernel's client as nbclient does, then slice its channels' polls.

        When the kernel dies before answering, nbclient shuts it down; another is started, up to
        ``START_ATTEMPTS`` kernels in all.

        Returns:
            The kernel client (``self.kc``).
        """
        for attempt in range(1, START_ATTEMPTS + 1):
            try:
                kc = await super().async_start_new_kernel_client()
                break
            except RuntimeError as err:
                # only when nbclient shut down a kernel of its own (not a caller's, and not after
                # an error of a hook, which runs once the kernel has answered)
                cleaned_up = self.owns_km and self.km is None and self.kc is None
                if attempt == START_ATTEMPTS or not cleaned_up:
                    raise
                warnings.warn(f"a kernel did not start ({err}); starting another", stacklevel=2)
                if self.km is None:
                    self.km = self.create_kernel_manager()
                await self.async_start_new_kernel()
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
