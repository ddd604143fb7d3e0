"""The model stays plain data: no file-format or CLI library may be imported by it."""

import ast
from pathlib import Path

import boardpack.model

FORBIDDEN = {"openpyxl", "xlsxwriter", "reportlab", "typer", "pandas", "pypdf"}
PACKAGE = Path(boardpack.model.__file__).parent


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module.split(".")[0])
    return names


def test_model_imports_no_io_libraries():
    assert not _imports(PACKAGE / "model.py") & FORBIDDEN


def test_pure_stages_import_no_io_libraries():
    for module in ("rules.py", "normalise.py", "thresholds.py", "targets.py", "ranges.py", "values.py", "headers.py",
                   "arrange.py", "charting.py", "frequency.py", "revisions.py", "disclosure.py", "suppression.py",
                   "provisional.py", "window.py"):
        assert not _imports(PACKAGE / module) & FORBIDDEN, module


def test_model_depends_on_nothing_in_the_package():
    assert "boardpack" not in _imports(PACKAGE / "model.py")
