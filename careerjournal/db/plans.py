"""The compromise ledger, the partner's concerns, the self-check, talks and check-ins.

Ledger items and concerns go to a trash (``deleted_at``) so deletes can be
undone. Every write is one ``BEGIN IMMEDIATE`` transaction; everything returns
the dataclasses of ``models``.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import TYPE_CHECKING, Any

from careerjournal.dates import date_or_none, from_iso, to_iso
from careerjournal.errors import NotFoundError, UsageError
from careerjournal.models import (
    SCORE_RANGE,
    AgendaPoint,
    CheckIn,
    Concern,
    ConcernReason,
    LedgerColumn,
    LedgerItem,
    LedgerStatus,
    LifeArea,
    SelfCheckAnswer,
    Talk,
)

if TYPE_CHECKING:
    from careerjournal.db.store import Store

MAX_TEXT = 2000


def _clean(text: str, what: str) -> str:
    value = " ".join((text or "").split())
    if not value:
        raise UsageError(f"{what} needs some text.")
    if len(value) > MAX_TEXT:
        raise UsageError(f"{what} is too long; keep it to {MAX_TEXT} characters or fewer.")
    return value


def _item(row: Any) -> LedgerItem:
    return LedgerItem(
        id=row["id"], text=row["text"], column=LedgerColumn(row["column"]), area=LifeArea(row["area"]),
        status=LedgerStatus(row["status"]), revisit_on=date_or_none(row["revisit_on"]), notes=row["notes"],
        position=row["position"], created_at=from_iso(row["created_at"]), updated_at=from_iso(row["updated_at"]),
    )


def _concern(row: Any) -> Concern:
    return Concern(
        id=row["id"], reason=ConcernReason(row["reason"]), heard=row["heard"], addressed=bool(row["addressed"]),
        created_at=from_iso(row["created_at"]), updated_at=from_iso(row["updated_at"]),
    )


class LedgerRepo:
    def __init__(self, store: Store) -> None:
        self.store = store

    def list(self, *, deleted: bool = False) -> list[LedgerItem]:
        where = "deleted_at IS NOT NULL" if deleted else "deleted_at IS NULL"
        rows = self.store.query(f'SELECT * FROM ledger_items WHERE {where} ORDER BY "column", position, id')
        return [_item(row) for row in rows]

    def get(self, item_id: int) -> LedgerItem:
        rows = self.store.query("SELECT * FROM ledger_items WHERE id = ?", (item_id,))
        if not rows:
            raise NotFoundError(f"There is no ledger item number {item_id}.")
        return _item(rows[0])

    def add(
        self,
        text: str,
        column: LedgerColumn,
        *,
        area: LifeArea = LifeArea.OTHER,
        status: LedgerStatus = LedgerStatus.IDEA,
        revisit_on: dt.date | None = None,
        notes: str = "",
    ) -> LedgerItem:
        text = _clean(text, "A ledger item")
        column = LedgerColumn(column)
        stamp = to_iso(self.store.now())
        with self.store.transaction() as db:
            position = db.execute('SELECT coalesce(max(position), -1) + 1 FROM ledger_items WHERE "column" = ?',
                                  (column.value,)).fetchone()[0]
            cursor = db.execute(
                'INSERT INTO ledger_items (text, "column", area, status, revisit_on, notes, position, created_at,'
                " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (text, column.value, LifeArea(area).value, LedgerStatus(status).value,
                 revisit_on.isoformat() if revisit_on else None, notes, position, stamp, stamp),
            )
            item_id = cursor.lastrowid
        return self.get(item_id)

    def update(self, item_id: int, **fields: Any) -> LedgerItem:
        """Change any of text, column, area, status, revisit_on, notes."""
        converters = {
            "text": lambda v: _clean(v, "A ledger item"),
            "column": lambda v: LedgerColumn(v).value,
            "area": lambda v: LifeArea(v).value,
            "status": lambda v: LedgerStatus(v).value,
            "revisit_on": lambda v: v.isoformat() if v else None,
            "notes": lambda v: v or "",
        }
        unknown = set(fields) - set(converters)
        if unknown:
            raise UsageError(f"Ledger items have no field called {sorted(unknown)[0]}.")
        values = {key: converters[key](value) for key, value in fields.items()}
        with self.store.transaction() as db:
            current = self.get(item_id)
            if "column" in values and values["column"] != current.column.value:
                values["position"] = db.execute(
                    'SELECT coalesce(max(position), -1) + 1 FROM ledger_items WHERE "column" = ?', (values["column"],)
                ).fetchone()[0]
            if values:
                values["updated_at"] = to_iso(self.store.now())
                assignments = ", ".join(f'"{key}" = ?' for key in values)
                db.execute(f"UPDATE ledger_items SET {assignments} WHERE id = ?", (*values.values(), item_id))
        return self.get(item_id)

    def move(self, item_id: int, column: LedgerColumn) -> LedgerItem:
        return self.update(item_id, column=column)

    def advance_status(self, item_id: int) -> LedgerItem:
        """idea -> discussed -> agreed -> idea."""
        with self.store.transaction():
            item = self.get(item_id)
            return self.update(item_id, status=item.status.next())

    def delete(self, item_id: int) -> LedgerItem:
        with self.store.transaction() as db:
            self.get(item_id)
            db.execute("UPDATE ledger_items SET deleted_at = ? WHERE id = ?", (to_iso(self.store.now()), item_id))
        return self.get(item_id)

    def restore(self, item_id: int) -> LedgerItem:
        with self.store.transaction() as db:
            self.get(item_id)
            db.execute("UPDATE ledger_items SET deleted_at = NULL WHERE id = ?", (item_id,))
        return self.get(item_id)

    def due_for_revisit(self, today: dt.date) -> list[LedgerItem]:
        return [item for item in self.list() if item.revisit_on is not None and item.revisit_on <= today]


class TalkRepo:
    """Concerns, the self-check, conversation records and balance check-ins."""

    def __init__(self, store: Store) -> None:
        self.store = store

    # -- concerns -------------------------------------------------------------------

    def concerns(self, *, deleted: bool = False) -> list[Concern]:
        where = "deleted_at IS NOT NULL" if deleted else "deleted_at IS NULL"
        return [_concern(row) for row in
                self.store.query(f"SELECT * FROM concerns WHERE {where} ORDER BY addressed, id DESC")]

    def get_concern(self, concern_id: int) -> Concern:
        rows = self.store.query("SELECT * FROM concerns WHERE id = ?", (concern_id,))
        if not rows:
            raise NotFoundError(f"There is no concern number {concern_id}.")
        return _concern(rows[0])

    def add_concern(self, reason: ConcernReason, heard: str) -> Concern:
        heard = _clean(heard, "A concern")
        stamp = to_iso(self.store.now())
        with self.store.transaction() as db:
            cursor = db.execute(
                "INSERT INTO concerns (reason, heard, created_at, updated_at) VALUES (?, ?, ?, ?)",
                (ConcernReason(reason).value, heard, stamp, stamp),
            )
            concern_id = cursor.lastrowid
        return self.get_concern(concern_id)

    def update_concern(self, concern_id: int, *, reason: ConcernReason | None = None, heard: str | None = None,
                       addressed: bool | None = None) -> Concern:
        values: dict[str, Any] = {}
        if reason is not None:
            values["reason"] = ConcernReason(reason).value
        if heard is not None:
            values["heard"] = _clean(heard, "A concern")
        if addressed is not None:
            values["addressed"] = int(bool(addressed))
        with self.store.transaction() as db:
            self.get_concern(concern_id)
            if values:
                values["updated_at"] = to_iso(self.store.now())
                assignments = ", ".join(f"{key} = ?" for key in values)
                db.execute(f"UPDATE concerns SET {assignments} WHERE id = ?", (*values.values(), concern_id))
        return self.get_concern(concern_id)

    def delete_concern(self, concern_id: int) -> Concern:
        with self.store.transaction() as db:
            self.get_concern(concern_id)
            db.execute("UPDATE concerns SET deleted_at = ? WHERE id = ?", (to_iso(self.store.now()), concern_id))
        return self.get_concern(concern_id)

    def restore_concern(self, concern_id: int) -> Concern:
        with self.store.transaction() as db:
            self.get_concern(concern_id)
            db.execute("UPDATE concerns SET deleted_at = NULL WHERE id = ?", (concern_id,))
        return self.get_concern(concern_id)

    # -- self-check -------------------------------------------------------------------

    def answer_self_check(self, question: str, answer: bool) -> SelfCheckAnswer:
        from careerjournal.guidance import SELF_CHECK_QUESTIONS

        if question not in {key for key, _ in SELF_CHECK_QUESTIONS}:
            raise UsageError(f"There is no self-check question called {question}.")
        stamp = self.store.now()
        with self.store.transaction() as db:
            db.execute("INSERT INTO self_checks (question, answer, answered_at) VALUES (?, ?, ?)",
                       (question, int(bool(answer)), to_iso(stamp)))
        return SelfCheckAnswer(question=question, answer=bool(answer), answered_at=stamp)

    def self_check(self) -> dict[str, SelfCheckAnswer]:
        """The latest answer to each question (history stays in the table)."""
        rows = self.store.query("SELECT question, answer, answered_at FROM self_checks ORDER BY answered_at, id")
        latest: dict[str, SelfCheckAnswer] = {}
        for row in rows:
            latest[row[0]] = SelfCheckAnswer(question=row[0], answer=bool(row[1]), answered_at=from_iso(row[2]))
        return latest

    # -- the agenda and talks ---------------------------------------------------------

    AGENDA_KEY = "talk.agenda"

    def agenda(self) -> list[AgendaPoint]:
        """The agenda being prepared (kept in settings until a talk is started)."""
        raw = self.store.settings.get(self.AGENDA_KEY, [])
        points = []
        for value in raw if isinstance(raw, list) else []:
            if isinstance(value, dict) and isinstance(value.get("text"), str):
                points.append(AgendaPoint(text=value["text"], source=str(value.get("source", "mine")),
                                          done=bool(value.get("done", False))))
        return points

    def save_agenda(self, points: list[AgendaPoint]) -> None:
        self.store.settings.set(self.AGENDA_KEY, [
            {"text": point.text, "source": point.source, "done": point.done} for point in points
        ])

    def start_talk(self, day: dt.date, points: list[AgendaPoint], notes: str = "") -> Talk:
        """Record a conversation with its agenda; the prepared agenda is cleared."""
        stamp = to_iso(self.store.now())
        agenda = json.dumps([{"text": p.text, "source": p.source, "done": p.done} for p in points],
                            ensure_ascii=False)
        with self.store.transaction() as db:
            cursor = db.execute("INSERT INTO talks (day, agenda, notes, created_at) VALUES (?, ?, ?, ?)",
                                (day.isoformat(), agenda, notes, stamp))
            talk_id = cursor.lastrowid
            db.execute("DELETE FROM settings WHERE key = ?", (self.AGENDA_KEY,))
        return self._talk(talk_id)

    def _talk(self, talk_id: int) -> Talk:
        for talk in self.talks():
            if talk.id == talk_id:
                return talk
        raise NotFoundError(f"There is no talk number {talk_id}.")

    def talks(self) -> list[Talk]:
        result = []
        for row in self.store.query("SELECT * FROM talks ORDER BY day DESC, id DESC"):
            try:
                raw = json.loads(row["agenda"])
            except ValueError:
                raw = []
            points = [AgendaPoint(text=p.get("text", ""), source=p.get("source", "mine"), done=bool(p.get("done")))
                      for p in raw if isinstance(p, dict)]
            result.append(Talk(id=row["id"], day=dt.date.fromisoformat(row["day"]), agenda=tuple(points),
                               notes=row["notes"], created_at=from_iso(row["created_at"])))
        return result

    # -- check-ins --------------------------------------------------------------------

    def add_checkin(self, day: dt.date, *, heard: int, part_of_plan: int, no_winner: int, respected: int,
                    note: str = "", talk_id: int | None = None) -> CheckIn:
        scores = {"heard": heard, "part_of_plan": part_of_plan, "no_winner": no_winner, "respected": respected}
        for name, score in scores.items():
            if isinstance(score, bool) or not isinstance(score, int) or score not in SCORE_RANGE:
                raise UsageError("Each check-in score is a whole number from 1 to 5.")
        with self.store.transaction() as db:
            cursor = db.execute(
                "INSERT INTO checkins (talk_id, day, heard, part_of_plan, no_winner, respected, note, created_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (talk_id, day.isoformat(), heard, part_of_plan, no_winner, respected, note,
                 to_iso(self.store.now())),
            )
            checkin_id = cursor.lastrowid
        return next(c for c in self.checkins() if c.id == checkin_id)

    def checkins(self) -> list[CheckIn]:
        rows = self.store.query("SELECT * FROM checkins ORDER BY day, id")
        return [
            CheckIn(
                id=row["id"], day=dt.date.fromisoformat(row["day"]), heard=row["heard"],
                part_of_plan=row["part_of_plan"], no_winner=row["no_winner"], respected=row["respected"],
                note=row["note"], talk_id=row["talk_id"], created_at=from_iso(row["created_at"]),
            )
            for row in rows
        ]
