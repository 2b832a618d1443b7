"""The nine screens of the README, each as the keys that lead to it from the opened app.

Shared by ``screenshots/generate.py`` (the pictures) and
``tests/snapshots/test_panes_snapshots.py`` (the snapshot tests), so the
pictures and the tests always show the same screens.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

NOW = dt.datetime(2026, 11, 22, 21, 0, tzinfo=dt.timezone.utc)
SIZE = (120, 36)
#: Shown as the export dialog's "Save to" folder (nothing is written there).
EXPORT_FOLDER = Path("/home/you/Documents")


async def workers_done(app: Any) -> None:
    """Wait for every worker; one replaced by a newer one (exclusive) just means wait again."""
    from textual.worker import WorkerCancelled

    for _ in range(20):
        try:
            await app.workers.wait_for_complete()
            return
        except WorkerCancelled:
            await asyncio.sleep(0.01)


async def settle(pilot: Any) -> None:
    """Wait until panes shown for the first time have loaded and drawn (several rounds:
    a pane starts its worker on Show, and its results trigger more drawing). Nudges
    are computed at once rather than on the sidebar's first poll."""
    from careerjournal.ui.widgets.sidebar import GuidanceSidebar

    pilot.app.query_one(GuidanceSidebar).refresh_nudges()
    for _ in range(4):
        await pilot.pause(0.1)
        await workers_done(pilot.app)
    await pilot.pause()


async def journal(pilot: Any) -> None:
    """The list of entries with the newest one open in the reader: the app as it opens."""


async def editor(pilot: Any) -> None:
    """A new entry half written (the draft has autosaved)."""
    from textual.widgets import Checkbox, Input, Select, TextArea

    from careerjournal.ui.widgets import entry_editor

    await pilot.press("n")
    await settle(pilot)
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
    await pilot.pause(entry_editor.AUTOSAVE_SECONDS + 0.15)  # past the autosave: the status line is settled


async def search(pilot: Any) -> None:
    """Full-text search as you type, with the best match open."""
    await pilot.press("slash", *"priya")
    await settle(pilot)
    await pilot.press("enter", "home")  # into the list, onto the best match


async def goals(pilot: Any) -> None:
    await pilot.press("2")


async def ledger(pilot: Any) -> None:
    await pilot.press("3")


async def talk(pilot: Any) -> None:
    await pilot.press("4")


async def guidance(pilot: Any) -> None:
    """The sidebar (hidden by default below 140 columns) beside the Ledger."""
    await pilot.press("ctrl+g")
    await settle(pilot)
    await pilot.press("3")


async def export(pilot: Any) -> None:
    from careerjournal.ui.screens import export as export_screen

    await pilot.press("x")
    await settle(pilot)
    await pilot.pause(export_screen.PREVIEW_DELAY + 0.1)  # the preview waits for the options to settle
    await settle(pilot)


async def keys(pilot: Any) -> None:
    await pilot.press("question_mark")


#: file name -> what to do after the journal has opened.
SCREENS: dict[str, Callable[[Any], Awaitable[None]]] = {
    "journal": journal,
    "editor": editor,
    "search": search,
    "goals": goals,
    "ledger": ledger,
    "talk": talk,
    "guidance": guidance,
    "export": export,
    "help": keys,
}
