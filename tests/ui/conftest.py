"""Fixtures for driving the app with Textual's Pilot."""

from __future__ import annotations

import pytest

from careerjournal.db.store import Store
from careerjournal.ui.app import CareerJournalApp


@pytest.fixture(autouse=True)
def quick_reader(monkeypatch: pytest.MonkeyPatch) -> None:
    """The reader waits for the keys to pause before loading; in tests, barely."""
    monkeypatch.setattr("careerjournal.ui.panes.journal.READER_DELAY", 0.01)


@pytest.fixture
def make_app(store: Store, clock):  # type: ignore[no-untyped-def]
    def factory(**kwargs) -> CareerJournalApp:  # type: ignore[no-untyped-def]
        return CareerJournalApp(store=store, clock=clock, **kwargs)

    return factory


async def settle(pilot) -> None:  # type: ignore[no-untyped-def]
    """Let thread workers finish and their results reach the screen."""
    for _ in range(3):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
