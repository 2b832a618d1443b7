"""What each screen looks like with the demo journal, a frozen clock and a fixed size.

The nine screens match the README screenshots (``screenshots/generate.py``), at
120x36, a common terminal size where the guidance sidebar starts hidden.

After a deliberate change to a screen: look at the report, then update with
``python -m pytest tests/snapshots --snapshot-update``.
"""

from __future__ import annotations

import pytest
import textual.widgets._markdown  # noqa: F401 - the reader renders Markdown at once, as it does once warm

from careerjournal.db.demo import fill_demo
from careerjournal.ui.app import CareerJournalApp
from screenshots.screens import EXPORT_FOLDER, SCREENS, SIZE, settle


@pytest.fixture
def demo_app(store, clock, monkeypatch):  # type: ignore[no-untyped-def]
    fill_demo(store)
    # Short timers so the screens settle quickly; the export dialog suggests a fixed
    # folder rather than the per-test temporary home, so its "Save to" never changes.
    monkeypatch.setattr("careerjournal.ui.panes.journal.READER_DELAY", 0.01)
    monkeypatch.setattr("careerjournal.ui.widgets.entry_editor.AUTOSAVE_SECONDS", 0.05)
    monkeypatch.setattr("careerjournal.ui.screens.export.PREVIEW_DELAY", 0.05)
    monkeypatch.setattr("careerjournal.export.default_export_folder", lambda: EXPORT_FOLDER)
    return CareerJournalApp(store=store, clock=clock)


@pytest.mark.parametrize("name", list(SCREENS))
def test_screen(snap_compare, demo_app, name):  # type: ignore[no-untyped-def]
    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await settle(pilot)
        await SCREENS[name](pilot)
        await settle(pilot)

    assert snap_compare(demo_app, terminal_size=SIZE, run_before=run_before)

