"""The shape of course_utils itself: what each module holds, its size, documented public functions.

Importing any module must not import TensorFlow (a notebook without TensorFlow starts seconds
faster), every module says in its opening docstring what it holds, none is above 400 lines, and
every public function or method documents its arguments and what it returns.
"""

import ast
import importlib
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "course_utils"
MODULES = sorted(PACKAGE.rglob("*.py"))
MAX_LINES = 400


def module_name(path):
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


@pytest.mark.parametrize("path", MODULES, ids=module_name)
def test_module_says_what_it_holds_and_stays_small(path):
    module = importlib.import_module(module_name(path))
    assert module.__doc__ and len(module.__doc__.split()) >= 8, "a docstring saying what it holds"
    assert len(path.read_text().splitlines()) <= MAX_LINES


def public_functions(tree):
    """Module-level functions, and methods of module-level classes, whose names are public."""
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and not node.name.startswith("_"):
            yield node.name, node
        if isinstance(node, ast.ClassDef) and not node.name.startswith("_"):
            for item in node.body:
                if isinstance(item, ast.FunctionDef) and not item.name.startswith("_"):
                    yield f"{node.name}.{item.name}", item


@pytest.mark.parametrize("path", MODULES, ids=module_name)
def test_public_functions_document_args_and_returns(path):
    for name, node in public_functions(ast.parse(path.read_text())):
        doc = ast.get_docstring(node) or ""
        params = [a.arg for a in node.args.args + node.args.kwonlyargs if a.arg != "self"]
        returns = any(isinstance(n, ast.Return) and n.value is not None for n in ast.walk(node))
        if params:
            assert "Args:" in doc, f"{name} has no Args section"
            for param in params:
                assert f"{param}:" in doc, f"{name}'s docstring does not describe {param}"
        if returns:
            assert "Returns:" in doc, f"{name} has no Returns section"


@pytest.mark.slow  # a fresh interpreter importing every module
def test_importing_the_package_does_not_import_tensorflow():
    names = ", ".join(module_name(p) for p in MODULES)
    code = f"import sys, {names}; print('tensorflow' in sys.modules or 'keras' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
