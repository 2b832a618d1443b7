"""Textual stays inside careerjournal/ui; the command line starts without it."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import careerjournal

PACKAGE = Path(careerjournal.__file__).resolve().parent

CORE_MODULES = [
    "careerjournal.cli",
    "careerjournal.launch",
    "careerjournal.db",
    "careerjournal.db.store",
    "careerjournal.db.demo",
    "careerjournal.models",
    "careerjournal.dates",
    "careerjournal.paths",
    "careerjournal.errors",
    "careerjournal.guidance",
    "careerjournal.cli_output",
    "careerjournal.textsafe",
]

_TEXTUAL_IMPORT = re.compile(r"^\s*(import\s+textual\b|from\s+textual\b)", re.MULTILINE)


def run_python(code: str) -> dict:
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, cwd=str(PACKAGE.parent)
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_core_modules_do_not_import_textual() -> None:
    code = f"""
import importlib, importlib.util, json, sys
names = {CORE_MODULES!r}
if importlib.util.find_spec("careerjournal.export") is not None:
    names.append("careerjournal.export")
for name in names:
    importlib.import_module(name)
print(json.dumps({{"imported": names, "textual": sorted(m for m in sys.modules if m.split(".")[0] == "textual")}}))
"""
    seen = run_python(code)
    assert set(CORE_MODULES) <= set(seen["imported"])
    assert seen["textual"] == [], f"textual was imported by the core: {seen['textual'][:5]}"


def test_the_probe_would_notice_textual() -> None:
    # Guard against a probe that can never fail: the UI package does pull textual in.
    seen = run_python(
        "import json, sys, careerjournal.ui.app\n"
        "print(json.dumps({'textual': 'textual' in sys.modules}))"
    )
    assert seen["textual"] is True


def test_no_textual_import_lines_outside_ui() -> None:
    offenders = []
    checked = 0
    for source in sorted(PACKAGE.rglob("*.py")):
        relative = source.relative_to(PACKAGE)
        if relative.parts[0] == "ui":
            continue
        checked += 1
        for match in _TEXTUAL_IMPORT.finditer(source.read_text(encoding="utf-8")):
            offenders.append(f"{relative}: {match.group(0).strip()}")
    assert checked >= 10
    assert not offenders, offenders


def test_static_pattern_matches_real_imports() -> None:
    assert _TEXTUAL_IMPORT.search("from textual.app import App")
    assert _TEXTUAL_IMPORT.search("    import textual")
    assert not _TEXTUAL_IMPORT.search("# textual is imported lazily")
    assert not _TEXTUAL_IMPORT.search("import textualize_other")


def test_version_imports_neither_textual_nor_sqlite_utils() -> None:
    code = """
import contextlib, io, json, sys
from careerjournal.cli import main
out = io.StringIO()
with contextlib.redirect_stdout(out):
    code = main(["--version"])
heavy = sorted(m for m in sys.modules if m.split(".")[0] in ("textual", "sqlite_utils", "rich"))
print(json.dumps({"code": code, "out": out.getvalue(), "heavy": heavy}))
"""
    seen = run_python(code)
    assert seen["code"] == 0
    assert seen["out"].strip() == f"careerjournal {careerjournal.__version__}"
    assert not [m for m in seen["heavy"] if m.startswith(("textual", "sqlite_utils"))], seen["heavy"]


def test_python_dash_m_version_importtime() -> None:
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "careerjournal", "--version"],
        capture_output=True, text=True, timeout=60, cwd=str(PACKAGE.parent),
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"careerjournal {careerjournal.__version__}"
    imported = {line.rsplit("|", 1)[-1].strip() for line in result.stderr.splitlines() if line.startswith("import time:")}
    assert "careerjournal.cli" in imported  # the probe sees our modules...
    assert not {m for m in imported if m.split(".")[0] in ("textual", "sqlite_utils")}  # ...and not these


def test_opening_the_app_does_not_load_click() -> None:
    seen = run_python(
        "import json, sys, careerjournal.launch, careerjournal.db.first_page\n"
        "print(json.dumps({'click': 'click' in sys.modules}))"
    )
    assert seen["click"] is False
