"""The installed command upgrading an older journal in a real pseudo-terminal: a progress line
redrawn in place, then the time it took; or, when the upgrade fails or is killed, the old journal
(and for a failure, one sentence)."""

from __future__ import annotations

import re
import signal
import sqlite3
from pathlib import Path

import pexpect
import pyte

from tests.e2e.terminal import CLI, COLUMNS, LINES, NEEDS_PTY, TIMEOUT
from tests.unit.test_upgrade_progress import schema_version
from tests.unit.test_word_count import make_version_1_journal

pytestmark = NEEDS_PTY

SECRET = "Zanzibar"
DONE = re.compile(r"careerjournal: journal updated in \d+\.\d s\.")


def old_journal(path: Path, entries: int = 2000) -> Path:
    """A schema-1 journal of ``entries`` private entries (2,000 take about 0.1 s to upgrade)."""
    make_version_1_journal(path, [])
    conn = sqlite3.connect(path)
    moment = "2026-01-05T09:00:00+00:00"
    conn.executemany("INSERT INTO entries (title, body, day, created_at, updated_at) VALUES (?, ?, ?, ?, ?)",
                     ((f"{SECRET} {n}", f"{SECRET} private words about entry {n}. " * 8, moment[:10], moment, moment)
                      for n in range(entries)))
    conn.commit()
    conn.close()
    return path


def upgrade_in_a_terminal(env: dict[str, str], db: Path) -> tuple[bytes, list[str], int | None]:
    """Run a command that opens ``db`` and prints no entry: (all it wrote, the screen's lines, exit status)."""
    child = pexpect.spawn(str(CLI), ["--db", str(db), "goals", "--json"], env=env, dimensions=(LINES, COLUMNS),
                          timeout=TIMEOUT)
    try:
        written = child.read()  # to the end: the command exits by itself (pexpect.TIMEOUT if it hangs)
    finally:
        child.close(force=True)
    terminal = pyte.Screen(COLUMNS, LINES)
    pyte.ByteStream(terminal).feed(written)
    return written, [line.rstrip() for line in terminal.display if line.strip()], child.exitstatus


def test_the_upgrade_is_one_line_redrawn_in_place_then_the_time_it_took(pty_env: dict[str, str],
                                                                         tmp_path: Path) -> None:
    db = old_journal(tmp_path / "old.db")
    written, shown, status = upgrade_in_a_terminal(pty_env, db)
    assert status == 0, shown
    assert b"\r  counting the words in each entry\xe2\x80\xa6 0%" in written
    assert b"\r  rebuilding the search index\xe2\x80\xa6 " in written
    assert SECRET.encode() not in written
    text = "\n".join(shown)
    assert text.startswith("careerjournal: updating ") and text.endswith("[]")  # the goals, none
    done = [line for line in shown if DONE.fullmatch(line)]
    assert len(done) == 1 and shown[shown.index(done[0]) + 1] == "[]"  # the progress line became it
    assert "counting" not in text and "rebuilding" not in text
    assert schema_version(db) > 1


def test_a_failed_upgrade_shows_one_sentence_and_keeps_the_old_journal(pty_env: dict[str, str],
                                                                        tmp_path: Path) -> None:
    db = old_journal(tmp_path / "old.db")
    conn = sqlite3.connect(db)
    # The upgrade creates this index once every word is counted: here it fails, part way through.
    conn.execute("CREATE INDEX entries_words ON entries (day)")
    conn.close()
    written, shown, status = upgrade_in_a_terminal(pty_env, db)
    assert status == 1, shown
    assert b"\r  counting the words in each entry\xe2\x80\xa6 0%" in written  # the line was drawn...
    assert shown[-1] == ("careerjournal: The journal database reported a problem; try again, "
                         "and restore from a backup if it persists.")  # ...and its place taken by one sentence
    assert " ".join(shown[:-1]).startswith("careerjournal: updating ") and "a few seconds…" in shown[-2]
    assert "Traceback" not in "\n".join(shown) and SECRET.encode() not in written
    assert schema_version(db) == 1


def test_killing_the_upgrade_in_its_last_step_leaves_the_old_journal(pty_env: dict[str, str],
                                                                     tmp_path: Path) -> None:
    """kill -9 while the search index is rebuilt, after the word counts were written: none of it was committed."""
    db = old_journal(tmp_path / "old.db", entries=30_000)  # about a second to upgrade
    child = pexpect.spawn(str(CLI), ["--db", str(db), "goals", "--json"], env=pty_env,
                          dimensions=(LINES, COLUMNS), timeout=TIMEOUT)
    try:
        child.expect_exact("rebuilding the search index")
        child.kill(signal.SIGKILL)
        assert b"journal updated" not in child.before + child.read()  # killed mid-upgrade, not after it
    finally:
        child.close(force=True)
    assert child.signalstatus == signal.SIGKILL
    assert schema_version(db) == 1
    written, shown, status = upgrade_in_a_terminal(pty_env, db)  # and the next try upgrades it
    assert status == 0 and any(DONE.fullmatch(line) for line in shown), shown
    assert schema_version(db) > 1


def test_ctrl_c_during_the_upgrade_leaves_the_old_journal_and_no_alarm(pty_env: dict[str, str],
                                                                       tmp_path: Path) -> None:
    """Ctrl-C while the search index is rebuilt: the command line's "Stopped.", the old journal, no alarm."""
    db = old_journal(tmp_path / "old.db", entries=30_000)
    child = pexpect.spawn(str(CLI), ["--db", str(db), "goals", "--json"], env=pty_env,
                          dimensions=(LINES, COLUMNS), timeout=TIMEOUT)
    try:
        child.expect_exact("rebuilding the search index")
        child.sendintr()
        rest = child.read()
    finally:
        child.close(force=True)
    assert child.exitstatus == 1, rest
    assert rest.rstrip().endswith(b"\ncareerjournal: Stopped."), rest  # as for Ctrl-C in any command
    assert b"journal updated" not in rest and b"restore from a backup" not in rest and b"Traceback" not in rest
    assert schema_version(db) == 1
