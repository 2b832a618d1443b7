"""What each pane looks like with the demo journal, a frozen clock and a fixed size.

After a deliberate change to a screen: look at the report, then update with
``python -m pytest tests/snapshots --snapshot-update``.
"""

from __future__ import annotations

import pytest
import textual.widgets._markdown  # noqa: F401 - the reader renders Markdown at once, as it does once warm

from careerjournal.db.demo import fill_demo
from careerjournal.ui.app import CareerJournalApp
from careerjournal.ui.widgets.sidebar import GuidanceSidebar

SIZE = (140, 40)


@pytest.fixture
def demo_app(store, clock):  # type: ignore[no-untyped-def]
    fill_demo(store)
    return CareerJournalApp(store=store, clock=clock)


async def _settle(pilot) -> None:  # type: ignore[no-untyped-def]
    """Wait until panes shown for the first time have loaded and drawn (several rounds:
    a pane starts its worker on Show, and its results trigger more drawing). Nudges
    are computed at once rather than on the sidebar's first poll."""
    pilot.app.query_one(GuidanceSidebar).refresh_nudges()
    for _ in range(4):
        await pilot.pause(0.1)
        await pilot.app.workers.wait_for_complete()
    await pilot.pause()


@pytest.mark.parametrize("key", ["1", "2", "3", "4"], ids=["journal", "goals", "ledger", "talk"])
def test_pane(snap_compare, demo_app, key):  # type: ignore[no-untyped-def]
    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await _settle(pilot)
        await pilot.press(key)
        await _settle(pilot)

    assert snap_compare(demo_app, terminal_size=SIZE, run_before=run_before)


def test_help_screen(snap_compare, demo_app):  # type: ignore[no-untyped-def]
    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await _settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()

    assert snap_compare(demo_app, terminal_size=SIZE, run_before=run_before)
