"""Gathering what the nudges look at, and remembering dismissals."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from careerjournal.dates import to_iso
from careerjournal.guidance.nudges import Nudge, NudgeData, compute_nudges

if TYPE_CHECKING:
    from careerjournal.db.store import Store


class NudgeRepo:
    def __init__(self, store: Store) -> None:
        self.store = store

    def data(self) -> NudgeData:
        store = self.store
        last = store.query("SELECT max(day), count(*) FROM entries WHERE deleted_at IS NULL")[0]
        return NudgeData(
            ledger=tuple(store.ledger.list()),
            goals=tuple(store.goals.list()),
            wins=tuple(store.goals.wins()),
            talks=tuple(store.talk.talks()),
            checkins=tuple(store.talk.checkins()),
            self_check=store.talk.self_check(),
            last_entry_day=dt.date.fromisoformat(last[0]) if last[0] else None,
            entry_count=last[1],
        )

    def dismissed(self) -> set[str]:
        return {row[0] for row in self.store.query("SELECT key FROM dismissed_nudges")}

    def dismiss(self, key: str) -> None:
        with self.store.transaction() as db:
            db.execute("INSERT OR IGNORE INTO dismissed_nudges (key, dismissed_at) VALUES (?, ?)",
                       (key, to_iso(self.store.now())))

    def current(self, today: dt.date) -> list[Nudge]:
        return compute_nudges(self.data(), today, self.dismissed())
