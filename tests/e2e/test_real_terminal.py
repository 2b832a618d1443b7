"""The installed ``careerjournal`` app in a real pseudo-terminal, driven with keys as a user would.

pexpect runs the app in a pty and pyte, a terminal emulator, turns what it writes
into a screen of text. Every step waits for what the screen shows (never for a
fixed time), then the journal file is checked through ``careerjournal list --json``.

1. Write an entry with the keys, save it with ctrl+s, quit with ctrl+q.
2. Start again, type into a new entry, then close the terminal (SIGHUP).
3. Start again: the app brings the draft back on screen, and it can be saved.
"""

from __future__ import annotations

import datetime as dt
import signal
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from careerjournal.db.store import Store
from tests.e2e.terminal import CTRL_Q, CTRL_S, NEEDS_PTY, TIMEOUT, Terminal, list_json


pytestmark = NEEDS_PTY

#: Markup-like text: it must be stored and shown literally, never interpreted.
SAVED_TEXT = "hello [bold]world[/] from the pty"
DRAFT_TEXT = "draft [i]kept[/] after the café closed"


def drafts(db: Path) -> list[tuple[str, str]]:
    with Store.open(db) as store:
        return [(draft.key, draft.body) for draft in store.drafts.all()]


def open_new_entry(app: Terminal) -> None:
    app.send("n")
    app.wait_for(lambda text: "Write freely" in text and "^s Save" in text, "the empty editor")


def test_write_save_quit_then_sighup_keeps_the_draft(start: Callable[[Path], Terminal], env: dict[str, str],
                                                     tmp_path: Path) -> None:
    db = tmp_path / "journal.db"

    # 1. Write and save an entry with the keys, then quit with ctrl+q.
    app = start(db)
    app.wait_for("Press n to write your first entry", "the empty journal")
    open_new_entry(app)
    app.send(SAVED_TEXT)
    app.wait_for(SAVED_TEXT, "the typed text in the editor")
    app.send(CTRL_S)
    app.wait_for(lambda text: "Saved." in text and "1 entry" in text, "the saved entry in the list")
    app.send(CTRL_Q)
    assert app.wait_exit() == (0, None)

    entries = list_json(env, db)
    assert [(e["title"], e["body"]) for e in entries] == [("", SAVED_TEXT)]
    assert drafts(db) == []

    # 2. Type into a new entry, then the terminal goes away: SIGHUP at once, normally before the
    #    editor's one-second autosave, so the signal handler's own save is what keeps the text.
    app = start(db)
    app.wait_for(lambda text: "1 entry" in text and SAVED_TEXT in text, "the journal with one entry")
    open_new_entry(app)
    app.send(DRAFT_TEXT)
    app.wait_for(DRAFT_TEXT, "the typed draft in the editor")
    app.child.kill(signal.SIGHUP)
    # Exit status 0, not death by the signal: the app's own handler ran (and saved the draft).
    assert app.wait_exit() == (0, None)

    assert drafts(db) == [("new", DRAFT_TEXT)]
    assert [e["body"] for e in list_json(env, db)] == [SAVED_TEXT]

    # 3. The next start brings the draft back into the editor, and says so.
    app = start(db)
    app.wait_for(lambda text: "Recovered your unsaved draft" in text and DRAFT_TEXT in text and "^s Save" in text,
                 "the recovered draft, open in the editor")
    app.send(CTRL_S)
    app.wait_for(lambda text: "Saved." in text and "2 entries" in text, "the saved draft in the list")
    app.send(CTRL_Q)
    assert app.wait_exit() == (0, None)

    entries = list_json(env, db)
    assert sorted(e["body"] for e in entries) == sorted([SAVED_TEXT, DRAFT_TEXT])
    assert drafts(db) == []


def highlighted_rows(app: Terminal, prefix: str) -> list[str]:
    """The list rows (lines showing ``prefix``) drawn in a background colour unlike the other rows'."""
    rows = [(y, line) for y, line in enumerate(app.screen.display) if prefix in line]
    backgrounds = {y: app.screen.buffer[y][1].bg for y, _ in rows}
    counts: dict[str, int] = {}
    for colour in backgrounds.values():
        counts[colour] = counts.get(colour, 0) + 1
    usual = max(counts, key=lambda colour: counts[colour]) if counts else None
    return [line.split("·")[0].strip() for y, line in rows if backgrounds[y] != usual]


def test_the_cursor_row_is_redrawn_after_the_list_has_scrolled(start: Callable[[Path], Terminal],
                                                                  tmp_path: Path) -> None:
    """Moving within the visible rows of a scrolled list repaints the rows that lost and gained the cursor."""
    db = tmp_path / "journal.db"
    base = dt.datetime(2026, 1, 1, 9, tzinfo=dt.timezone.utc)
    with Store.open(db) as store:
        for number in range(60):
            store.entries.add("words", title=f"Row {number:02d}", created_at=base + dt.timedelta(days=number))
    app = start(db)
    app.wait_for("60 entries", "the list of 60 entries")
    app.send("j" * 40)  # the cursor goes below the first screenful, so the list scrolls
    app.wait_for(lambda text: "Row 19" in text and "Row 59" not in text, "the scrolled list")
    app.send("k" * 3)  # then moves up inside what is on screen: no scrolling now
    # Newest first: the cursor's row 37 shows "Row 22"; only that row may look highlighted.
    deadline = time.monotonic() + TIMEOUT
    while True:
        app._read(0.05)
        found = highlighted_rows(app, "Row ")
        if any(row.endswith("Row 22") for row in found) and len(found) == 1:
            break
        if time.monotonic() > deadline:
            pytest.fail(f"expected only the row of 'Row 22' highlighted, found {found}:\n{app.text()}")
    app.send(CTRL_Q)
    assert app.wait_exit() == (0, None)


def test_letters_typed_straight_after_slash_all_reach_the_search(start: Callable[[Path], Terminal],
                                                                    tmp_path: Path) -> None:
    """'/' and the word arriving together (a fast typist, or pasted) lose no letter to the list."""
    db = tmp_path / "journal.db"
    with Store.open(db) as store:
        store.entries.add("A long day at work.", title="Tuesday")
        store.entries.add("Quiet evening at home.", title="Wednesday")
    app = start(db)
    app.wait_for("2 entries", "the list of two entries")
    for attempt, word in enumerate(("work", "quiet", "work")):
        app.send("/" + word)  # one write: the app reads the keys together
        app.wait_for(f"1 entry matching “{word}”", f"the search for {word!r} (attempt {attempt + 1})")
        app.send("\x1b")
        app.wait_for("2 entries", "the whole list again")
    app.send(CTRL_Q)
    assert app.wait_exit() == (0, None)


def test_words_typed_straight_after_n_go_into_the_new_entry(start: Callable[[Path], Terminal], env: dict[str, str],
                                                           tmp_path: Path) -> None:
    """'n' and the first words arriving together: the words are written, never run as list keys (d deletes)."""
    db = tmp_path / "journal.db"
    with Store.open(db) as store:
        store.entries.add("keep me", title="Precious")
    app = start(db)
    app.wait_for("1 entry", "the list of one entry")
    app.send("ndear diary, today")  # one write: d, e, a, r... must not reach the list
    app.wait_for(lambda text: "dear diary, today" in text and "^s Save" in text, "the words in the new entry")
    app.send(CTRL_S)
    app.wait_for(lambda text: "Saved." in text and "2 entries" in text, "the saved entry in the list")
    app.send(CTRL_Q)
    assert app.wait_exit() == (0, None)
    assert sorted(e["body"] for e in list_json(env, db)) == ["dear diary, today", "keep me"]
