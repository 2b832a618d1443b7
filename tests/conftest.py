"""Shared fixtures: a temporary journal, a frozen clock, isolated user folders."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from careerjournal.db.store import Store

#: Every test runs on this date, 21:00 UTC (a Sunday evening, journal time).
FROZEN_NOW = dt.datetime(2026, 11, 22, 21, 0, tzinfo=dt.timezone.utc)


class FrozenClock:
    """A clock that moves only when a test moves it."""

    def __init__(self, now: dt.datetime = FROZEN_NOW) -> None:
        self.now = now

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += dt.timedelta(**delta)


@pytest.fixture(autouse=True)
def isolated_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Keep every test away from the real user's data folders and settings."""
    home = tmp_path_factory.mktemp("home")
    for name, sub in (("XDG_DATA_HOME", "data"), ("XDG_CONFIG_HOME", "config"), ("XDG_STATE_HOME", "state"),
                      ("XDG_CACHE_HOME", "cache")):
        monkeypatch.setenv(name, str(home / sub))
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("CAREERJOURNAL_DB", raising=False)
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    return home


@pytest.fixture
def clock() -> FrozenClock:
    return FrozenClock()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "journal.db"


@pytest.fixture
def store(db_path: Path, clock: FrozenClock) -> Iterator[Store]:
    opened = Store.open(db_path, clock=clock)
    try:
        yield opened
    finally:
        opened.close()
