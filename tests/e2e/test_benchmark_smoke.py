"""Keep the benchmark command working: run it on 1,000 entries (no timing asserted)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
RUN = ROOT / "benchmarks" / "run.py"


@pytest.mark.slow
def test_benchmarks_run_on_a_small_journal(tmp_path: Path) -> None:
    careerjournal = Path(sys.executable).parent / "careerjournal"
    if not careerjournal.exists():
        pytest.skip("the careerjournal command is not installed next to this Python")
    output = tmp_path / "results.json"
    done = subprocess.run(
        [sys.executable, str(RUN), "--sizes", "1000", "--runs", "1", "--quick", "--no-jrnl",
         "--cache", str(tmp_path / "cache"), "--output", str(output)],
        capture_output=True, text=True, timeout=600,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    results = json.loads(output.read_text())["results"]
    names = {result["name"] for result in results}
    for expected in ("first frame (headless)", "first frame (pty)", "peak memory (pty)", "careerjournal --version",
                     "careerjournal add", "key down", "key end", "search 'rare word'", "open a 100 KB entry",
                     "export markdown", "export html", "import JSON into an empty journal"):
        assert expected in names, expected
    assert all(result["samples"] for result in results)
    # Start-up and the headless measurements never miss; a key in the pty may, under heavy load.
    for result in results:
        if result["name"].startswith(("first frame (headless)", "export", "import", "careerjournal")):
            assert all(value == value for value in result["samples"]), result["name"]
    assert "careerjournal benchmarks" in done.stdout
