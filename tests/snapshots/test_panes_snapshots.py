"""What each screen looks like with the demo journal, a frozen clock and a fixed size.

The nine screens match the README screenshots (``screenshots/generate.py``), at
120x36, a common terminal size where the guidance sidebar starts hidden.

After a deliberate change to a screen: look at the report, then update with
``python -m pytest tests/snapshots --snapshot-update``.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
import textual.widgets._markdown  # noqa: F401 - the reader renders Markdown at once, as it does once warm

from careerjournal.db.demo import fill_demo
from careerjournal.ui.app import CareerJournalApp
from careerjournal.ui.widgets.sidebar import GuidanceSidebar

SIZE = (120, 36)


@pytest.fixture
def demo_app(store, clock, monkeypatch):  # type: ignore[no-untyped-def]
    fill_demo(store)
    # Short timers so the screens settle quickly; the export dialog suggests a fixed
    # folder rather than the per-test temporary home, so its "Save to" never changes.
    monkeypatch.setattr("careerjournal.ui.panes.journal.READER_DELAY", 0.01)
    monkeypatch.setattr("careerjournal.ui.widgets.entry_editor.AUTOSAVE_SECONDS", 0.05)
    monkeypatch.setattr("careerjournal.ui.screens.export.PREVIEW_DELAY", 0.05)
    monkeypatch.setattr("careerjournal.export.default_export_folder", lambda: Path("/home/you/Documents"))
    return CareerJournalApp(store=store, clock=clock)


async def _settle(pilot) -> None:  # type: ignore[no-untyped-def]
    """Wait until panes shown for the first time have loaded and drawn (several rounds:
    a pane starts its worker on Show, and its results trigger more drawing). Nudges
    are computed at once rather than on the sidebar's first poll."""
    pilot.app.query_one(GuidanceSidebar).refresh_nudges()
    for _ in range(4):
        await pilot.pause(0.1)
        await _workers_done(pilot.app)
    await pilot.pause()


async def _workers_done(app: Any) -> None:
    """Wait for every worker; one replaced by a newer one (exclusive) just means wait again."""
    from textual.worker import WorkerCancelled

    for _ in range(20):
        try:
            await app.workers.wait_for_complete()
            return
        except WorkerCancelled:
            await asyncio.sleep(0.01)


async def _journal(pilot: Any) -> None:
    """The list with the newest entry in the reader: the app as it opens."""


async def _editor(pilot: Any) -> None:
    from textual.widgets import Checkbox, Input, Select, TextArea

    await pilot.press("n")
    await _settle(pilot)
    app = pilot.app
    app.query_one("#editor-title", Input).value = "Telling Sam"
    app.query_one("#editor-body", TextArea).insert(
        "I told Sam about the offer before I'd even taken my coat off. No rehearsed speech this time.\n\n"
        "Sam was quiet, then asked the right question: *what would the first three months really look like?*\n\n"
        "- Leeds on Tuesdays and Wednesdays\n- home by six the other days\n- "
    )
    app.query_one("#editor-tags", Input).value = "offer, partner, talk"
    app.query_one("#editor-mood", Select).value = 4
    app.query_one("#editor-shared", Checkbox).value = True
    body = app.query_one("#editor-body", TextArea)
    body.cursor_blink = False  # a steady cursor: TextArea blinks even in headless runs
    body.focus()
    await pilot.pause(0.2)  # past the (shortened) autosave, so the status line says the draft is saved


async def _search(pilot: Any) -> None:
    await pilot.press("slash", *"priya")
    await _settle(pilot)
    await pilot.press("enter", "home")


async def _goals(pilot: Any) -> None:
    await pilot.press("2")


async def _ledger(pilot: Any) -> None:
    await pilot.press("3")


async def _talk(pilot: Any) -> None:
    await pilot.press("4")


async def _guidance(pilot: Any) -> None:
    """The sidebar (hidden by default below 140 columns) beside the Ledger.

    Opened before the Ledger is shown, so the Ledger is laid out at its final width:
    a pane already on screen when ctrl+g is pressed doesn't always reflow yet, so a
    snapshot taken that way would change from run to run.
    """
    await pilot.press("ctrl+g")
    await _settle(pilot)
    await pilot.press("3")


async def _export(pilot: Any) -> None:
    await pilot.press("x")
    await _settle(pilot)


async def _help(pilot: Any) -> None:
    await pilot.press("question_mark")


SCREENS: dict[str, Callable[[Any], Awaitable[None]]] = {
    "journal": _journal,
    "editor": _editor,
    "search": _search,
    "goals": _goals,
    "ledger": _ledger,
    "talk": _talk,
    "guidance": _guidance,
    "export": _export,
    "help": _help,
}


@pytest.mark.parametrize("name", list(SCREENS))
def test_screen(snap_compare, demo_app, name):  # type: ignore[no-untyped-def]
    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await _settle(pilot)
        await SCREENS[name](pilot)
        await _settle(pilot)

    assert snap_compare(demo_app, terminal_size=SIZE, run_before=run_before)

