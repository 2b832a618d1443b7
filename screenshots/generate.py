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
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))
from screens import EXPORT_FOLDER, NOW, SCREENS, SIZE, settle  # noqa: E402 - beside this script


def isolate(home: Path) -> None:
    """Point HOME and the XDG folders at ``home`` before anything reads them."""
    os.environ["HOME"] = str(home)
    for name, sub in (("XDG_DATA_HOME", "data"), ("XDG_CONFIG_HOME", "config"), ("XDG_STATE_HOME", "state"),
                      ("XDG_CACHE_HOME", "cache")):
        os.environ[name] = str(home / sub)
    os.environ.pop("CAREERJOURNAL_DB", None)
    os.environ["TZ"] = "UTC"
    time.tzset()


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
