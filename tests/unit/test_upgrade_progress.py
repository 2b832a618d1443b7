"""Upgrading a journal from an older careerjournal shows its progress on stderr.

The migrations report each step and how far it has got to an ``UpgradeProgress``
handed down from ``Store.open(on_upgrade=...)``; careerjournal.upgrade_progress
draws it: one line redrawn in place on a terminal, a plain line before and after
in a log. These tests pin what is reported, what each kind of stderr receives,
that a failed upgrade leaves the old journal and one sentence, and that no
journal text ever appears in the progress.
"""

from __future__ import annotations

import io
import re
import sqlite3
from pathlib import Path

import pyte
import pytest

from careerjournal import cli, upgrade_progress
from careerjournal.db import migrations
from careerjournal.db.store import Store
from careerjournal.errors import CareerJournalError
from careerjournal.launch import Context
from careerjournal.upgrade_progress import UpgradeLine
from tests.unit.test_word_count import make_version_1_journal

SECRET = "Zanzibar"
ENTRIES = 40
HEADER = re.compile(r"careerjournal: updating .*old\.db for this version, once; a large journal takes a few seconds…")
DONE = re.compile(r"careerjournal: journal updated in \d+\.\d s\.")
FAILED = "careerjournal: The journal database reported a problem; try again, and restore from a backup if it persists."


class Recorder:
    """An UpgradeProgress that keeps every report, in order."""

    def __init__(self) -> None:
        self.events: list[tuple] = []

    def step_started(self, label: str, total: int | None) -> None:
        self.events.append(("step", label, total))

    def advanced(self, done: int) -> None:
        self.events.append(("advanced", done))

    def ended(self, committed: bool) -> None:
        self.events.append(("ended", committed))

    def steps(self) -> list[tuple[str, int | None, list[int]]]:
        """(label, total, every ``done`` reported) for each step."""
        found: list[tuple[str, int | None, list[int]]] = []
        for event in self.events:
            if event[0] == "step":
                found.append((event[1], event[2], []))
            elif event[0] == "advanced":
                found[-1][2].append(event[1])
        return found


class TerminalStream(io.StringIO):
    """stderr as a terminal would have it."""

    def isatty(self) -> bool:
        return True


def old_journal(path: Path, poison_at: int | None = None) -> Path:
    """A schema-1 journal whose every entry holds SECRET; ``poison_at`` marks one entry for failing()."""
    rows = [(f"{SECRET} title {n}", f"{SECRET} private body {n}") for n in range(ENTRIES)]
    if poison_at is not None:
        rows[poison_at] = (f"{SECRET} title", "poison")
    make_version_1_journal(path, rows)
    return path


def failing(title: str, body: str) -> int:
    """An entry_words that breaks on the poisoned entry, halfway through the upgrade."""
    if body == "poison":
        raise RuntimeError(f"counting failed on {title}")
    return len(title.split()) + len(body.split())


def schema_version(path: Path) -> int:
    """The journal's schema, checking that schema 1 really has no word counts."""
    conn = sqlite3.connect(path)
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        has_words = "words" in [row[1] for row in conn.execute("PRAGMA table_info(entries)")]
        assert has_words == (version > 1)
        return version
    finally:
        conn.close()


def screen(output: str, columns: int = 400) -> list[str]:
    """What a terminal shows after ``output`` (whose newlines a tty would turn into CR LF)."""
    terminal = pyte.Screen(columns, 10)
    pyte.Stream(terminal).feed(output.replace("\n", "\r\n"))
    return [line.rstrip() for line in terminal.display if line.strip()]


@pytest.fixture(autouse=True)
def frequent_reports(monkeypatch: pytest.MonkeyPatch) -> None:
    """Report and redraw at every chance, so a small journal shows as much as a large one."""
    monkeypatch.setattr(migrations, "ENTRIES_PER_REPORT", 7)
    monkeypatch.setattr(migrations, "STEPS_PER_TICK", 10)
    monkeypatch.setattr(upgrade_progress, "REDRAW_EVERY", 0)


def test_each_step_reports_growing_progress_and_the_upgrade_ends_committed(tmp_path: Path) -> None:
    path = old_journal(tmp_path / "old.db")
    heard = Recorder()
    with Store.open(path, on_upgrade=lambda: heard) as store:
        assert store.schema_version() == migrations.LATEST_VERSION
    (words_label, words_total, counted), (index_label, index_total, ticks), (plain_label, plain_total, checked) = (
        heard.steps())
    assert (words_label, words_total) == ("counting the words in each entry", ENTRIES)
    assert counted == [7, 14, 21, 28, 35, ENTRIES]  # every ENTRIES_PER_REPORT, then all of them
    assert (index_label, index_total) == ("rebuilding the search index", None)
    assert len(ticks) > 2 and ticks == sorted(set(ticks))  # signs of life, always growing
    assert (plain_label, plain_total) == ("checking each entry for Markdown", ENTRIES)
    assert checked == [7, 14, 21, 28, 35, ENTRIES]
    assert heard.events[-1] == ("ended", True) and heard.events.count(("ended", True)) == 1
    with Store.open(path, on_upgrade=lambda: heard):
        pass
    assert heard.events[-1] == ("ended", True) and heard.events.count(("ended", True)) == 1  # nothing to upgrade


def test_a_log_gets_the_line_before_and_one_plain_line_after(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = old_journal(tmp_path / "old.db")
    state = Context(str(path), demo=False)
    try:
        state.store()
    finally:
        state.close()
    err = capsys.readouterr().err
    assert "\r" not in err
    before, after = err.split("\n")[:-1]
    assert HEADER.fullmatch(before) and DONE.fullmatch(after)
    assert err.endswith("\n")


def test_a_terminal_sees_one_line_redrawn_in_place_that_ends_with_the_time_taken(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = old_journal(tmp_path / "old.db")
    err = TerminalStream()
    monkeypatch.setattr("sys.stderr", err)
    state = Context(str(path), demo=False)
    try:
        state.store()
    finally:
        state.close()
    output = err.getvalue()
    header, progress = output.split("\n", 1)
    assert HEADER.fullmatch(header)
    drawn = progress.split("\r")[1:]
    percents = [int(m) for m in re.findall(r"counting the words in each entry… (\d+)%", progress)]
    assert percents[0] == 0 and percents[-1] == 100 and percents == sorted(set(percents))
    seconds = [float(s) for s in re.findall(r"rebuilding the search index… (\d+\.\d) s", progress)]
    assert seconds and seconds == sorted(seconds)
    assert DONE.fullmatch(drawn[-1].rstrip(" \n")) and drawn[-1].endswith("\n")
    assert progress.count("\n") == 1  # one line, redrawn: the done sentence ends it
    assert [line for line in screen(output) if not HEADER.fullmatch(line)] == [drawn[-1].strip()]


def test_the_line_fits_the_terminal_and_covers_what_it_replaces() -> None:
    now = [100.0]
    out = io.StringIO()
    line = UpgradeLine(out, columns=24, clock=lambda: now[0])
    line.step_started("counting the words in each entry", 200)
    now[0] += 0.1
    line.advanced(50)
    line.step_started("short", None)
    now[0] += 2.5
    line.advanced(1)
    drawn = out.getvalue().split("\r")[1:]
    assert [text.rstrip() for text in drawn] == [
        "  counting the words in",
        "  short… 0.0 s",
        "  short… 2.5 s",
    ]  # 25% happened past the edge: the cut text was the same, so it was not redrawn
    assert all(len(text) <= 23 for text in drawn)
    assert screen(out.getvalue(), columns=24) == ["  short… 2.5 s"]  # nothing left of the longer line
    line.ended(committed=True)
    assert screen(out.getvalue(), columns=60) == ["careerjournal: journal updated in 2.6 s."]


def test_a_failure_in_the_last_step_undoes_the_earlier_ones_too(tmp_path: Path) -> None:
    """Every step is in one transaction: a failure while the search index is rebuilt
    (here the listener's own) leaves the journal without the word counts filled before it."""
    path = old_journal(tmp_path / "old.db")

    class BreaksDuringTheRebuild(Recorder):
        def advanced(self, done: int) -> None:
            super().advanced(done)
            if len(self.steps()) == 2:
                raise RuntimeError("the terminal went away")

    heard = BreaksDuringTheRebuild()
    with pytest.raises(CareerJournalError):
        Store.open(path, on_upgrade=lambda: heard)
    assert [step[2][-1] for step in heard.steps()] == [ENTRIES, 1]
    assert heard.events[-1] == ("ended", False)
    assert schema_version(path) == 1


@pytest.mark.parametrize("stream", ["log", "terminal"])
def test_a_failed_upgrade_leaves_the_old_journal_and_says_one_sentence(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], stream: str
) -> None:
    path = old_journal(tmp_path / "old.db", poison_at=ENTRIES // 2)
    monkeypatch.setattr("careerjournal.db.entries.entry_words", failing)
    heard = Recorder()
    with pytest.raises(CareerJournalError):
        Store.open(path, on_upgrade=lambda: heard)
    assert heard.steps()[0][2] == [7, 14]  # it failed part way through counting
    assert heard.events[-1] == ("ended", False) and ("ended", True) not in heard.events
    assert schema_version(path) == 1

    terminal = TerminalStream() if stream == "terminal" else None
    if terminal is not None:
        monkeypatch.setattr("sys.stderr", terminal)
    assert cli.main(["--db", str(path), "goals", "--json"]) == 1
    err = capsys.readouterr().err if terminal is None else terminal.getvalue()
    assert "Traceback" not in err
    shown = err.splitlines() if terminal is None else screen(err)
    assert len(shown) == 2 and HEADER.fullmatch(shown[0]) and shown[1] == FAILED
    if terminal is None:
        assert "\r" not in err
    assert schema_version(path) == 1
    monkeypatch.undo()
    with Store.open(path) as store:  # a later try succeeds
        assert store.schema_version() == migrations.LATEST_VERSION


@pytest.mark.parametrize("stream", ["log", "terminal"])
@pytest.mark.parametrize("fails", [False, True])
def test_no_journal_text_appears_in_the_progress(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], stream: str, fails: bool
) -> None:
    path = old_journal(tmp_path / "old.db", poison_at=ENTRIES // 2 if fails else None)
    if fails:
        monkeypatch.setattr("careerjournal.db.entries.entry_words", failing)  # its error quotes a title
    terminal = TerminalStream() if stream == "terminal" else None
    if terminal is not None:
        monkeypatch.setattr("sys.stderr", terminal)
    assert cli.main(["--db", str(path), "goals", "--json"]) == (1 if fails else 0)
    err = capsys.readouterr().err if terminal is None else terminal.getvalue()
    assert HEADER.match(err)
    assert SECRET not in err


@pytest.mark.parametrize("step", ["counting the words in each entry", "rebuilding the search index"])
def test_ctrl_c_during_a_step_stops_the_upgrade_as_ctrl_c(tmp_path: Path, step: str) -> None:
    """Pressed inside SQLite's statement, Ctrl-C is a KeyboardInterrupt, not "the database reported a problem"."""
    import os
    import signal

    path = old_journal(tmp_path / "old.db")

    class PressesCtrlC(Recorder):
        def advanced(self, done: int) -> None:
            super().advanced(done)
            if self.steps()[-1][0] == step and len(self.steps()[-1][2]) == 2:
                os.kill(os.getpid(), signal.SIGINT)

    heard = PressesCtrlC()
    with pytest.raises(KeyboardInterrupt):
        Store.open(path, on_upgrade=lambda: heard)
    assert heard.events[-1] == ("ended", False)
    assert schema_version(path) == 1
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler  # Python's own handler is back
    with Store.open(path) as store:  # and the next open upgrades it
        assert store.schema_version() == migrations.LATEST_VERSION
