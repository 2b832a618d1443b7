"""Goals, the compromise ledger, partner concerns and check-ins: reading.

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
    Goal,
    GoalStatus,
    Horizon,
    LedgerColumn,
    LedgerItem,
    LedgerStatus,
    LifeArea,
    Owner,
    Resource,
    ResourceKind,
    Step,
)

if TYPE_CHECKING:
    from careerjournal.db.store import Store


def _goal(row: Any, steps: tuple[Step, ...], resources: tuple[Resource, ...]) -> Goal:
    return Goal(
        id=row["id"], title=row["title"], why=row["why"], owner=Owner(row["owner"]), horizon=Horizon(row["horizon"]),
        status=GoalStatus(row["status"]), target_date=date_or_none(row["target_date"]),
        created_at=from_iso(row["created_at"]), updated_at=from_iso(row["updated_at"]), steps=steps,
        resources=resources,
    )


class GoalRepo:
    def __init__(self, store: Store) -> None:
        self.store = store

    def list(self, owner: Owner | None = None) -> list[Goal]:
        """Live goals with their steps and resources, in the user's order."""
        where, params = "deleted_at IS NULL", []
        if owner is not None:
            where += " AND owner = ?"
            params.append(owner.value)
        goals = self.store.query(f"SELECT * FROM goals WHERE {where} ORDER BY position, id", params)
        steps: dict[int, list[Step]] = {}
        for row in self.store.query("SELECT * FROM goal_steps ORDER BY goal_id, position, id"):
            steps.setdefault(row["goal_id"], []).append(Step(
                id=row["id"], goal_id=row["goal_id"], text=row["text"], position=row["position"],
                done=bool(row["done"]), done_at=from_iso(row["done_at"]),
            ))
        resources: dict[int, list[Resource]] = {}
        for row in self.store.query("SELECT * FROM goal_resources ORDER BY goal_id, id"):
            resources.setdefault(row["goal_id"], []).append(Resource(
                id=row["id"], goal_id=row["goal_id"], kind=ResourceKind(row["kind"]), title=row["title"],
                link=row["link"], notes=row["notes"],
            ))
        return [_goal(row, tuple(steps.get(row["id"], ())), tuple(resources.get(row["id"], ()))) for row in goals]


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
