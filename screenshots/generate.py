"""Regenerate the README screenshots from the demo journal.

    python screenshots/generate.py

Writes one SVG per screen at 120x36 (Textual's ``save_screenshot``) and, when
``rsvg-convert`` is installed (Debian: librsvg2-bin), a PNG beside each. The
clock is frozen at 2026-11-22 21:00 UTC and the demo journal is filled from its
default seed, so the pictures only change when the app does. Everything runs
in a temporary home folder: no real journal, settings or export is touched.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).parent
NOW = dt.datetime(2026, 11, 22, 21, 0, tzinfo=dt.timezone.utc)
SIZE = (120, 36)
#: Shown as the export dialog's "Save to" folder (nothing is written there).
EXPORT_FOLDER = Path("/home/you/Documents")


def isolate(home: Path) -> None:
    """Point HOME and the XDG folders at ``home`` before anything reads them."""
    os.environ["HOME"] = str(home)
    for name, sub in (("XDG_DATA_HOME", "data"), ("XDG_CONFIG_HOME", "config"), ("XDG_STATE_HOME", "state"),
                      ("XDG_CACHE_HOME", "cache")):
        os.environ[name] = str(home / sub)
    os.environ.pop("CAREERJOURNAL_DB", None)
    os.environ["TZ"] = "UTC"
    time.tzset()


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
    """Let thread workers finish and their results reach the screen (several rounds)."""
    from careerjournal.ui.widgets.sidebar import GuidanceSidebar

    pilot.app.query_one(GuidanceSidebar).refresh_nudges()
    for _ in range(4):
        await pilot.pause(0.1)
        await workers_done(pilot.app)
    await pilot.pause()


async def journal(pilot: Any) -> None:
    """The list of entries with the newest one open in the reader."""


async def editor(pilot: Any) -> None:
    """A new entry half written (the draft has autosaved)."""
    from textual.widgets import Checkbox, Input, Select, TextArea

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
    await pilot.pause(1.3)  # past the autosave, so the status line is settled


async def search(pilot: Any) -> None:
    """Full-text search as you type, with the best match open."""
    await pilot.press("slash", *"priya")
    await settle(pilot)
    await pilot.press("enter", "home")  # into the list, onto the best match
    await settle(pilot)


async def goals(pilot: Any) -> None:
    await pilot.press("2")


async def ledger(pilot: Any) -> None:
    await pilot.press("3")


async def talk(pilot: Any) -> None:
    await pilot.press("4")


async def guidance(pilot: Any) -> None:
    """The sidebar (hidden by default below 140 columns) beside the Ledger.

    The sidebar is opened first and the Ledger shown after, so the Ledger is laid
    out at its narrower width from the start. Panes already on screen when ctrl+g
    is pressed don't always reflow yet (the journal list can keep its old width),
    which would cut text off and make the picture change from run to run.
    """
    await pilot.press("ctrl+g")
    await settle(pilot)
    await pilot.press("3")


async def export(pilot: Any) -> None:
    await pilot.press("x")
    await settle(pilot)
    await pilot.pause(0.5)  # the preview waits for the options to stop changing
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


async def shoot(folder: Path) -> list[Path]:
    import careerjournal.export
    from careerjournal.db.demo import fill_demo
    from careerjournal.db.store import Store
    from careerjournal.ui.app import CareerJournalApp

    careerjournal.export.default_export_folder = lambda: EXPORT_FOLDER  # type: ignore[assignment]
    written = []
    for name, scene in SCREENS.items():
        store = Store.open(folder / f"{name}.db", clock=lambda: NOW)  # a fresh journal for every picture
        fill_demo(store)
        app = CareerJournalApp(store=store, clock=lambda: NOW, demo=True)  # as `careerjournal --demo` shows it
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await scene(pilot)
            await settle(pilot)
            written.append(Path(app.save_screenshot(filename=f"{name}.svg", path=str(HERE))))
        store.close()
    return written


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="careerjournal-screenshots-") as folder:
        isolate(Path(folder) / "home")
        svgs = asyncio.run(shoot(Path(folder)))
    for old in sorted(HERE.glob("*.svg")) + sorted(HERE.glob("*.png")):
        if old.stem not in SCREENS:
            old.unlink()
            print(f"removed {old}")
    converter = shutil.which("rsvg-convert")
    for svg in svgs:
        print(svg)
        if converter:
            # Rich pads with no-break spaces, which librsvg drops at the start of a run unless
            # told to keep whitespace: without this, "title  short-term" renders as "titleshort-term".
            data = svg.read_bytes().replace(b"<svg ", b'<svg xml:space="preserve" ', 1)
            subprocess.run([converter, "-w", "1200", "-o", str(svg.with_suffix(".png"))], input=data, check=True)
    if not converter:
        print("rsvg-convert not found: wrote SVGs only (Debian: apt install librsvg2-bin)", file=sys.stderr)


if __name__ == "__main__":
    main()
