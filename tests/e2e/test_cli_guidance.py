"""``careerjournal guidance [TOPIC]``, run as a user would run it.

Why: issue 6 is done when ``careerjournal guidance talk.do`` prints readable advice in a
terminal. The command is run as the installed console script in an isolated environment,
so what is checked is what a user sees: the text, the exit code, and stderr.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from careerjournal.guidance import SECTIONS, TOPICS, get_topic, related_topics


def _find_cli() -> Path | None:
    found = shutil.which("careerjournal")
    if found:
        return Path(found)
    candidate = Path(sys.executable).parent / "careerjournal"
    return candidate if candidate.exists() else None


CLI = _find_cli()
pytestmark = pytest.mark.skipif(
    CLI is None, reason="the careerjournal console script is not installed (pip install -e . first)"
)




def run(env: dict[str, str], *args: str, extra_env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([str(CLI), *args], capture_output=True, env={**env, **(extra_env or {})}, timeout=60,
                          text=True, encoding="utf-8")


def ok(result: subprocess.CompletedProcess) -> str:
    assert result.returncode == 0, f"exit {result.returncode}: {result.stderr}"
    assert "Traceback" not in result.stderr
    assert result.stderr == ""
    return result.stdout


def assert_user_error(result: subprocess.CompletedProcess) -> str:
    assert result.returncode == 1, f"exit {result.returncode}, stderr={result.stderr!r}"
    assert "Traceback" not in result.stderr and "Traceback" not in result.stdout
    lines = result.stderr.splitlines()
    assert len(lines) == 1, f"expected exactly one line on stderr, got {lines!r}"
    assert lines[0].startswith("careerjournal: "), lines[0]
    return lines[0]


def listed_keys(out: str) -> list[str]:
    return [line.split()[0] for line in out.splitlines() if line.startswith("  ") and line.split()[0] in TOPICS]


def test_guidance_lists_every_section_and_topic(env: dict[str, str], tmp_path: Path) -> None:
    out = ok(run(env, "guidance"))
    for title in SECTIONS.values():
        assert title in out
    assert listed_keys(out) == list(TOPICS)
    assert TOPICS["talk.do"].title in out
    assert "careerjournal guidance TOPIC" in out
    # Reading guidance never creates a journal.
    assert not any(path.suffix == ".db" for path in tmp_path.rglob("*"))


def test_guidance_topic_prints_title_and_body(env: dict[str, str]) -> None:
    out = ok(run(env, "guidance", "talk.do"))
    topic = get_topic("talk.do")
    lines = out.splitlines()
    assert lines[0] == topic.title
    assert topic.summary in out
    for paragraph in topic.body:
        assert paragraph in out
    assert "Related: " in out
    for other in related_topics("talk.do"):
        assert other.key in out
    assert "\x1b[" not in out  # not a terminal: no colour codes


def test_guidance_is_readable_at_80_columns(env: dict[str, str]) -> None:
    out = ok(run(env, "guidance", "talk.do", extra_env={"COLUMNS": "80"}))
    assert max(len(line) for line in out.splitlines()) <= 80
    # Wrapped, not cut: every word of the advice is still there.
    assert " ".join(out.split()).count("Listen to their worries") == 1


def test_guidance_section_lists_only_that_section(env: dict[str, str]) -> None:
    out = ok(run(env, "guidance", "talk"))
    assert SECTIONS["talk"] in out
    assert listed_keys(out) == [key for key in TOPICS if key.startswith("talk.")]
    assert not [title for section, title in SECTIONS.items() if section != "talk" and title in out]


@pytest.mark.parametrize("topic", ["talk.nope", "[red]x[/red]" + "y" * 200])
def test_unknown_topic_is_one_line_and_exit_1(env: dict[str, str], topic: str) -> None:
    result = run(env, "guidance", topic)
    line = assert_user_error(result)
    assert "careerjournal guidance" in line
    assert result.stdout == ""
    assert len(line) < 200
