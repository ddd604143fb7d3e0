"""The model stays plain data (no file-format or CLI library may be imported by it), and each output format keeps
to its own folder of renderers."""

import ast
import subprocess
import sys
from pathlib import Path

import boardpack.model

FORBIDDEN = {"openpyxl", "xlsxwriter", "reportlab", "typer", "pandas", "pypdf"}
PACKAGE = Path(boardpack.model.__file__).parent


def _modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def _imports(path: Path) -> set[str]:
    return {name.split(".")[0] for name in _modules(path)}


def test_model_imports_no_io_libraries():
    assert not _imports(PACKAGE / "model.py") & FORBIDDEN


def test_pure_stages_import_no_io_libraries():
    for module in ("rules.py", "normalise.py", "thresholds.py", "targets.py", "ranges.py", "values.py", "headers.py",
                   "arrange.py", "charting.py", "frequency.py", "revisions.py", "disclosure.py", "suppression.py",
                   "provisional.py", "window.py"):
        assert not _imports(PACKAGE / module) & FORBIDDEN, module


def test_model_depends_on_nothing_in_the_package():
    assert "boardpack" not in _imports(PACKAGE / "model.py")


FORMAT_FOLDERS = ("pdf", "xlsx", "html")


def test_each_format_folder_imports_no_other_formats_folder():
    for kind in FORMAT_FOLDERS:
        others = tuple(f"boardpack.render.{other}" for other in FORMAT_FOLDERS if other != kind)
        modules = sorted((PACKAGE / "render" / kind).glob("*.py"))
        assert len(modules) > 1, kind
        for path in modules:
            crossing = {name for name in _modules(path) if name.startswith(others)}
            assert not crossing, f"render/{kind}/{path.name} imports {crossing}"


def test_the_html_edition_loads_without_reportlab_or_xlsxwriter():
    # Checked in a fresh interpreter, so an import made by any module the HTML lane reaches counts.
    probe = ("import sys, boardpack.render.html, boardpack.pack_html; "
             "print(sorted({name.split('.')[0] for name in sys.modules} & {'reportlab', 'xlsxwriter'}))")
    loaded = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert loaded.strip() == "[]"
