"""Figures inline in a Jupyter kernel, whatever ``MPLBACKEND`` the server exports.

A kernel inherits its server's environment. Servers often export ``MPLBACKEND=Agg`` (so that
scripts draw without a screen); ipykernel then leaves it alone, and every figure drawn with
``plt.show()`` (the widgets' plots among them) silently disappears. :func:`keep_inline`
switches such a kernel back to Jupyter's inline backend.
"""

from __future__ import annotations

from typing import Any

__all__ = ["keep_inline"]


def _kernel_shell() -> Any:
    """The running IPython kernel's shell, or None outside a Jupyter kernel."""
    try:
        from IPython import get_ipython
    except ImportError:
        return None
    shell = get_ipython()
    return shell if getattr(shell, "kernel", None) is not None else None


def keep_inline() -> bool:
    """In a Jupyter kernel whose backend cannot show figures (Agg, PDF, SVG, ...), use inline.

    Outside a kernel (scripts, tests) and with an interactive backend (inline, ipympl, a GUI) it
    changes nothing.

    Returns:
        True when it switched the backend to inline, else False.
    """
    shell = _kernel_shell()
    if shell is None:
        return False
    import matplotlib
    from matplotlib.backends import BackendFilter, backend_registry

    hidden = backend_registry.list_builtin(BackendFilter.NON_INTERACTIVE)
    if matplotlib.get_backend().lower() not in hidden:
        return False
    shell.run_line_magic("matplotlib", "inline")
    return True
