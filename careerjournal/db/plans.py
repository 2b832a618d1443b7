"""The compromise ledger, partner concerns and check-ins: reading.

These tables are created by the first migration; the panes that edit them
build on these readers. Everything returns the dataclasses of ``models``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from careerjournal.dates import date_or_none, from_iso
from careerjournal.models import (
    CheckIn,
    Concern,
    ConcernReason,
    LedgerColumn,
    LedgerItem,
    LedgerStatus,
    LifeArea,
)

if TYPE_CHECKING:
    from careerjournal.db.store import Store


class LedgerRepo:
    def __init__(self, store: Store) -> None:
        self.store = store

    def list(self) -> list[LedgerItem]:
        rows = self.store.query('SELECT * FROM ledger_items WHERE deleted_at IS NULL ORDER BY "column", position, id')
        return [
            LedgerItem(
                id=row["id"], text=row["text"], column=LedgerColumn(row["column"]), area=LifeArea(row["area"]),
                status=LedgerStatus(row["status"]), revisit_on=date_or_none(row["revisit_on"]), notes=row["notes"],
                position=row["position"], created_at=from_iso(row["created_at"]), updated_at=from_iso(row["updated_at"]),
            )
            for row in rows
        ]


class TalkRepo:
    def __init__(self, store: Store) -> None:
        self.store = store

    def concerns(self) -> list[Concern]:
        rows = self.store.query("SELECT * FROM concerns WHERE deleted_at IS NULL ORDER BY addressed, id DESC")
        return [
            Concern(
                id=row["id"], reason=ConcernReason(row["reason"]), heard=row["heard"], addressed=bool(row["addressed"]),
                created_at=from_iso(row["created_at"]), updated_at=from_iso(row["updated_at"]),
            )
            for row in rows
        ]

    def checkins(self) -> list[CheckIn]:
        rows = self.store.query("SELECT * FROM checkins ORDER BY day, id")
        return [
            CheckIn(
                id=row["id"], day=date_or_none(row["day"]), heard=row["heard"],  # type: ignore[arg-type]
                part_of_plan=row["part_of_plan"], no_winner=row["no_winner"], respected=row["respected"],
                note=row["note"], talk_id=row["talk_id"], created_at=from_iso(row["created_at"]),
            )
            for row in rows
        ]
