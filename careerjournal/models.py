"""The shapes of careerjournal's data, shared by the store, the exports and the UI.

Frozen dataclasses so a row read on a worker thread can be handed to the UI
without anyone mutating it behind the other's back. Enum values are the exact
strings stored in the database, so a database file stays readable by hand.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


MOOD_RANGE = range(1, 6)


@dataclass(frozen=True, slots=True)
class Entry:
    """A journal entry. Private unless ``shared`` is exactly True."""

    id: int | None
    body: str
    title: str = ""
    mood: int | None = None
    shared: bool = False
    tags: tuple[str, ...] = ()
    day: dt.date | None = None
    created_at: dt.datetime | None = None
    updated_at: dt.datetime | None = None
    deleted_at: dt.datetime | None = None
    prompt_id: str | None = None
    revision: int = 1

    @property
    def display_title(self) -> str:
        """The title, or the body's first non-empty line when there is no title."""
        return self.title.strip() or first_line(self.body)


@dataclass(frozen=True, slots=True)
class EntrySummary:
    """What a list row needs: no body, so paging 100,000 rows stays cheap."""

    id: int
    created_at: dt.datetime
    day: dt.date
    title: str
    mood: int | None
    shared: bool
    tags: tuple[str, ...]
    snippet: str = ""


@dataclass(frozen=True, slots=True)
class EntryQuery:
    """Filters for listing entries; every field narrows, ``None`` means 'any'."""

    search: str | None = None
    tag: str | None = None
    mood: int | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    shared: bool | None = None
    deleted: bool = False
    #: "On this day": the same day of the month as this date, in earlier months.
    same_day_as: dt.date | None = None

    @property
    def is_filtered(self) -> bool:
        """True when anything beyond the plain newest-first list is asked for."""
        return any((self.search, self.tag, self.mood is not None, self.since, self.until,
                    self.shared is not None, self.same_day_as))


@dataclass(frozen=True, slots=True)
class Draft:
    """Unsaved editor content, keyed by what it edits ("new" or "entry:<id>")."""

    key: str
    body: str
    title: str = ""
    tags: tuple[str, ...] = ()
    mood: int | None = None
    shared: bool = False
    entry_id: int | None = None
    base_revision: int | None = None
    updated_at: dt.datetime | None = None


#: Goals, ledger and talk shapes live in :mod:`careerjournal.plan_models`; they
#: stay importable from here, but load only when first asked for, so opening
#: the journal doesn't build classes it won't use yet.
_PLAN_NAMES = frozenset({
    "Owner", "Horizon", "GoalStatus", "ResourceKind", "LedgerColumn", "LEDGER_COLUMN_LABELS", "LifeArea",
    "LedgerStatus", "ConcernReason", "SCORE_RANGE", "Step", "Resource", "Win", "Goal", "LedgerItem", "Concern",
    "CheckIn", "SelfCheckAnswer", "AgendaPoint", "Talk",
})


def __getattr__(name: str) -> object:
    if name in _PLAN_NAMES:
        from careerjournal import plan_models

        return getattr(plan_models, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def first_line(text: str, limit: int = 120) -> str:
    """The first non-blank line of ``text``, cut to ``limit`` characters."""
    for line in text.splitlines():
        stripped = line.strip()
        if stripped:
            return stripped[:limit]
    return ""
