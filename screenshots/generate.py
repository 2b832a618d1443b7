"""Regenerate the README screenshots from the demo journal.

    python screenshots/generate.py

Writes one SVG per pane (Textual's ``save_screenshot``) and, when
``rsvg-convert`` is installed (Debian: librsvg2-bin), a PNG beside each.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import shutil
import subprocess
import tempfile
from pathlib import Path

from careerjournal.db.demo import fill_demo
from careerjournal.db.store import Store
from careerjournal.ui.app import CareerJournalApp

HERE = Path(__file__).parent
NOW = dt.datetime(2026, 11, 22, 21, 0, tzinfo=dt.timezone.utc)
SHOTS = {"journal": "1", "goals": "2", "ledger": "3", "talk": "4"}


async def shoot(store: Store) -> list[Path]:
    written = []
    for name, key in SHOTS.items():
        app = CareerJournalApp(store=store, clock=lambda: NOW)
        async with app.run_test(size=(140, 40)) as pilot:
            for _ in range(3):
                await app.workers.wait_for_complete()
                await pilot.pause()
            await pilot.press(key)
            for _ in range(3):
                await app.workers.wait_for_complete()
                await pilot.pause()
            written.append(Path(app.save_screenshot(filename=f"{name}.svg", path=str(HERE))))
    return written


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        store = Store.open(Path(folder) / "demo.db", clock=lambda: NOW)
        fill_demo(store)
        svgs = asyncio.run(shoot(store))
        store.close()
    converter = shutil.which("rsvg-convert")
    for svg in svgs:
        print(svg)
        if converter:
            subprocess.run([converter, "-w", "1400", str(svg), "-o", str(svg.with_suffix(".png"))], check=True)


if __name__ == "__main__":
    main()
