"""The verdict framework of every exercise check: run learner code, word the verdict, never raise.

A *check* takes a learner's answer, prints one short verdict and returns ``True`` or ``False``:

- ``✅ what is right`` (:func:`passed`),
- ``❌ what is wrong, and a hint`` (:func:`fail`, which stops the check at the first problem),
- ``⏳ Not done yet ...`` (:func:`not_done`, for a placeholder: ``...``, ``None`` or a stub that
  raises ``NotImplementedError``).

Learner code runs only through :func:`run_learner`, which catches whatever it raises and turns
it into a message that quotes the learner's own line. The :func:`exercise` decorator registers a
check with its reference answer and guards it: whatever goes wrong inside the check itself also
becomes a ``❌`` verdict, never a traceback (``KeyboardInterrupt`` still stops it). Every guarded
check also takes ``quiet=True``: no output, only the verdict.
"""

from __future__ import annotations

import contextlib
import functools
import inspect
import io
import traceback
import warnings
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn, TypeVar

import numpy as np

__all__ = [
    "EXERCISES",
    "NOT_DONE",
    "OK",
    "TODO",
    "WRONG",
    "Exercise",
    "Outcome",
    "a_or_an",
    "call_on_copies",
    "exercise",
    "fail",
    "is_placeholder",
    "not_done",
    "passed",
    "require_function",
    "run_learner",
    "solution_or_reference",
]

OK = "✅"
WRONG = "❌"
TODO = "⏳"
NOT_DONE = f"{TODO} Not done yet: replace the placeholder with your code, run it, then this check."

_CHECKS_DIR = str(Path(__file__).parent)

Check = TypeVar("Check", bound=Callable[..., bool])


class _Problem(Exception):
    """Stops a check at the first problem found; its text is the verdict."""


class _NotDone(Exception):
    """Stops a check whose exercise has not been started."""


def fail(message: str) -> NoReturn:
    """Stop the check: print ``❌ message`` and make it return False.

    Args:
        message: what is wrong, for the learner, ideally with a hint at the fix.

    Raises:
        _Problem: always; the :func:`exercise` guard prints it.
    """
    raise _Problem(message)


def not_done() -> NoReturn:
    """Stop the check with the "not done yet" verdict (it returns False).

    Raises:
        _NotDone: always; the :func:`exercise` guard prints it.
    """
    raise _NotDone


def passed(message: str) -> bool:
    """Print ``✅ message`` and return True: the last line of a check that found nothing wrong.

    Args:
        message: what is right, in a short sentence.

    Returns:
        True.
    """
    print(f"{OK} {message}")
    return True


def a_or_an(word: str) -> str:
    """``word`` with its indefinite article, for messages: ``"an int"``, ``"a list"``.

    Args:
        word: a noun, e.g. a type's name.

    Returns:
        ``"an " + word`` before a vowel, ``"a " + word`` otherwise.
    """
    return f"{'an' if word[:1].lower() in 'aeiou' else 'a'} {word}"


def is_placeholder(value: object) -> bool:
    """True for the exercise placeholders ``...`` and ``None``.

    Args:
        value: a learner's answer.

    Returns:
        Whether it is still a placeholder.
    """
    return value is None or value is Ellipsis


@dataclass(frozen=True)
class Outcome:
    """What calling learner code gave: ``status`` is ``"ok"``, ``"todo"`` or ``"error"``.

    ``value`` is the return value (``"ok"``); ``error`` the message describing what was raised
    (``"error"``), e.g. ``IndexError: index 100 is out of bounds`` plus the learner's line.
    """

    status: str
    value: Any = None
    error: str = ""


def describe_error(err: BaseException, fn_name: str = "") -> str:
    """``ValueError: ...`` plus the learner's line that raised it, when it can be found.

    Args:
        err: the exception learner code raised.
        fn_name: the name of the learner's function, to prefer its frame.

    Returns:
        One or two lines of text.
    """
    text = f"{type(err).__name__}: {err}".strip()
    frames = traceback.extract_tb(err.__traceback__)
    theirs = [f for f in frames if not f.filename.startswith(_CHECKS_DIR)]  # not the checker's
    learner = [f for f in theirs if f.name == fn_name] or theirs[-1:]
    if learner and learner[-1].line:
        text += f"\n   (raised at `{learner[-1].line.strip()}` in {learner[-1].name})"
    return text


def run_learner(
    fn: Callable[..., Any], *args: Any, keep_warnings: bool = False, **kwargs: Any
) -> Outcome:
    """Call learner code ``fn(*args, **kwargs)``, catching whatever it raises.

    What ``fn`` prints is swallowed, so the verdict stays readable; so are the warnings it
    causes, unless ``keep_warnings`` (then an enclosing ``warnings.catch_warnings(record=True)``
    sees them). ``NotImplementedError`` (the exercise stubs raise it) means "not done yet".

    Args:
        fn: the learner's function.
        *args: its positional arguments.
        keep_warnings: let warnings through to the caller.
        **kwargs: its keyword arguments.

    Returns:
        An :class:`Outcome`: ``"ok"`` with the return value, ``"todo"``, or ``"error"`` with
        the description of what was raised.
    """
    try:
        with contextlib.redirect_stdout(io.StringIO()), warnings.catch_warnings():
            if not keep_warnings:
                warnings.simplefilter("ignore")
            return Outcome("ok", fn(*args, **kwargs))
    except NotImplementedError:
        return Outcome("todo")
    except Exception as err:  # the learner's code may raise anything
        return Outcome("error", error=describe_error(err, getattr(fn, "__name__", "")))


def require_function(
    fn: object, params: Sequence[str], example: str, args: Mapping[str, Any]
) -> Callable[..., Any]:
    """Fail unless ``fn`` is a function that can be called with ``params`` by name.

    Args:
        fn: what the learner passed.
        params: the exercise's parameter names, in order.
        example: a name to show, e.g. ``"my_rnn_step"``.
        args: one case's arguments, keyed by ``params``.

    Returns:
        ``fn``, as a callable.
    """
    if not callable(fn):
        fail(f"pass your function itself (e.g. {example}), not {a_or_an(type(fn).__name__)}.")
    try:  # can it be called with these names at all? (a TypeError from its body is different)
        inspect.signature(fn).bind(**args)
    except TypeError as err:
        fail(
            f"calling fn({', '.join(p + '=...' for p in params)}) failed ({err}). "
            f"Keep the parameter names {', '.join(params)}."
        )
    except ValueError:  # some callables (builtins) have no signature: just try them
        pass
    return fn


def call_on_copies(
    fn: Callable[..., Any],
    args: Mapping[str, Any],
    case: str,
    hint: str = "",
    hint_words: Sequence[str] = ("matmul", "align", "broadcast"),
) -> Any:
    """Call learner code on copies of one case's arguments; what it returned.

    Stops with "not done yet" on the placeholder, and with a verdict if it raises (adding
    ``hint`` when the error mentions one of ``hint_words``) or changes an input array in place.

    Args:
        fn: the learner's function.
        args: the case's keyword arguments (arrays are copied before the call).
        case: the case's name, shown in the verdict.
        hint: what to add when the error looks like a shape mismatch.
        hint_words: words of the error message that call for ``hint``.

    Returns:
        ``fn``'s return value.
    """
    copies: dict[str, Any] = {
        k: v.copy() if isinstance(v, np.ndarray) else v for k, v in args.items()
    }
    outcome = run_learner(fn, **copies)
    if outcome.status == "todo":
        not_done()
    if outcome.status == "error":
        extra = f" {hint}" if hint and any(w in outcome.error for w in hint_words) else ""
        fail(f"({case}) your function raised {outcome.error}.{extra}")
    for key, value in args.items():
        if isinstance(value, np.ndarray) and not np.array_equal(copies[key], value):
            fail(f"({case}) your function changed its input {key} in place; leave it as is.")
    return outcome.value


@dataclass(frozen=True)
class Exercise:
    """One registered exercise: its check, and how to make the course's reference answer."""

    name: str
    notebook: int
    check: Callable[..., bool]
    reference: Callable[[], Any] | None
    unpack: bool


#: Every registered exercise by name, filled by the :func:`exercise` decorator.
EXERCISES: dict[str, Exercise] = {}


def exercise(
    name: str,
    *,
    notebook: int,
    reference: Callable[[], Any] | None = None,
    unpack: bool = False,
) -> Callable[[Check], Check]:
    """Register a check under ``name`` with its reference answer, and guard it.

    The guarded check prints the verdict of :func:`fail` and :func:`not_done`, turns any other
    exception of its own into a ``❌`` verdict instead of a traceback, and takes ``quiet=True``
    to print nothing.

    Args:
        name: the exercise's name, as :func:`solution_or_reference` is called with it.
        notebook: the notebook the exercise is in.
        reference: a function returning the course's answer (a value, or the reference function
            itself, e.g. ``lambda: rnn.rnn_step``); None when there is nothing to fall back on.
        unpack: the answer is a tuple of the check's arguments, e.g. ``(X, y)``.

    Returns:
        The decorator.
    """

    def decorate(check: Check) -> Check:
        @functools.wraps(check)
        def guarded(*args: Any, quiet: bool = False, **kwargs: Any) -> bool:
            if quiet:
                with contextlib.redirect_stdout(io.StringIO()):
                    return guarded(*args, **kwargs)
            try:
                return bool(check(*args, **kwargs))
            except _NotDone:
                print(NOT_DONE)
            except _Problem as problem:
                print(f"{WRONG} {problem}")
            except Exception as err:  # never let the checker itself crash the notebook
                print(f"{WRONG} The check could not inspect your answer ({describe_error(err)}).")
            return False

        if name in EXERCISES:
            raise ValueError(f"exercise {name!r} is registered twice")
        EXERCISES[name] = Exercise(name, notebook, guarded, reference, unpack)
        return guarded  # type: ignore[return-value]

    return decorate


def solution_or_reference(name: str, yours: object) -> Any:
    """Return ``yours`` if it passes the check of exercise ``name``, else the course's reference.

    Prints one line saying which is used, so a learner who has not finished an exercise can
    still run the rest of the notebook. Introduced in notebook 2 (its RNN step), used in notebook 5.

    Args:
        name: a registered exercise with a reference, e.g. ``"create_dataset"``.
        yours: the learner's answer (for ``"training_data"`` the tuple ``(X, y)``).

    Returns:
        ``yours``, or the reference answer.

    Raises:
        ValueError: no exercise with a reference has that name.
    """
    known = sorted(n for n, ex in EXERCISES.items() if ex.reference is not None)
    ex = EXERCISES.get(name)
    if ex is None or ex.reference is None:
        raise ValueError(f"name must be one of {known}, got {name!r}")
    if ex.unpack:
        args = tuple(yours) if isinstance(yours, tuple | list) else (yours,)
    else:
        args = (yours,)
    if ex.check(*args, quiet=True):
        print(f"Using your {name}.")
        return yours
    print(
        f"{TODO} Using the course's reference {name} for now, so the next cells run. "
        "Come back to the exercise: its check above says what to fix."
    )
    return ex.reference()
