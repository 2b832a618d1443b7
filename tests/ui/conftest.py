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
    """Let thread workers finish and their results reach the screen.

    A worker cancelled meanwhile (a newer search replaces an older one's
    loading, by design) is finished too: waiting for it raises, so wait again.
    """
    from textual.worker import WorkerCancelled

    for _ in range(3):
        for _attempt in range(10):
            try:
                await pilot.app.workers.wait_for_complete()
                break
            except WorkerCancelled:
                continue
        await pilot.pause()
