"""Goals with their steps, resources and wins.

Goals go to a trash (``deleted_at``) like entries. Steps and resources are
small, so deleting one returns the removed row and ``restore_step`` /
``restore_resource`` put it back with the same id and position (the undo).
Every write is one ``BEGIN IMMEDIATE`` transaction.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from typing import TYPE_CHECKING, Any

from careerjournal.dates import date_or_none, from_iso, to_iso
from careerjournal.errors import NotFoundError, UsageError
from careerjournal.models import Entry, Goal, GoalStatus, Horizon, Owner, Resource, ResourceKind, Step, Win

if TYPE_CHECKING:
    from careerjournal.db.store import Store

MAX_TITLE = 500


def _clean_title(text: str, what: str) -> str:
    title = " ".join((text or "").split())
    if not title:
        raise UsageError(f"{what} needs a title.")
    if len(title) > MAX_TITLE:
        raise UsageError(f"{what} title is too long; keep it to {MAX_TITLE} characters or fewer.")
    return title


def _step(row: Any) -> Step:
    return Step(id=row["id"], goal_id=row["goal_id"], text=row["text"], position=row["position"],
                done=bool(row["done"]), done_at=from_iso(row["done_at"]))


def _resource(row: Any) -> Resource:
    return Resource(id=row["id"], goal_id=row["goal_id"], kind=ResourceKind(row["kind"]), title=row["title"],
                    link=row["link"], notes=row["notes"])


def _win(row: Any) -> Win:
    return Win(id=row["id"], text=row["text"], goal_id=row["goal_id"], step_id=row["step_id"],
               celebrated=bool(row["celebrated"]), entry_id=row["entry_id"], created_at=from_iso(row["created_at"]))


def _goal(row: Any, steps: tuple[Step, ...] = (), resources: tuple[Resource, ...] = ()) -> Goal:
    return Goal(
        id=row["id"], title=row["title"], why=row["why"], owner=Owner(row["owner"]), horizon=Horizon(row["horizon"]),
        status=GoalStatus(row["status"]), target_date=date_or_none(row["target_date"]),
        created_at=from_iso(row["created_at"]), updated_at=from_iso(row["updated_at"]), steps=steps,
        resources=resources,
    )


def _rows(conn: sqlite3.Connection, sql: str, params: Any = ()) -> list[sqlite3.Row]:
    cursor = conn.execute(sql, params)
    cursor.row_factory = sqlite3.Row
    return cursor.fetchall()


class GoalRepo:
    def __init__(self, store: Store) -> None:
        self.store = store

    # -- reading -------------------------------------------------------------------

    def list(self, owner: Owner | None = None, *, deleted: bool = False) -> list[Goal]:
        """Goals with their steps and resources, in the user's order."""
        where = "deleted_at IS NOT NULL" if deleted else "deleted_at IS NULL"
        params: list[Any] = []
        if owner is not None:
            where += " AND owner = ?"
            params.append(Owner(owner).value)

        def run(conn: sqlite3.Connection) -> list[Goal]:
            goals = _rows(conn, f"SELECT * FROM goals WHERE {where} ORDER BY position, id", params)
            steps: dict[int, list[Step]] = {}
            for row in _rows(conn, "SELECT * FROM goal_steps ORDER BY goal_id, position, id"):
                steps.setdefault(row["goal_id"], []).append(_step(row))
            resources: dict[int, list[Resource]] = {}
            for row in _rows(conn, "SELECT * FROM goal_resources ORDER BY goal_id, id"):
                resources.setdefault(row["goal_id"], []).append(_resource(row))
            return [_goal(row, tuple(steps.get(row["id"], ())), tuple(resources.get(row["id"], ()))) for row in goals]

        return self.store.read(run)

    def get(self, goal_id: int) -> Goal:
        for goal in self.list() + self.list(deleted=True):
            if goal.id == goal_id:
                return goal
        raise NotFoundError(f"There is no goal number {goal_id}.")

    def wins(self) -> list[Win]:
        return self.store.read(lambda conn: [_win(r) for r in _rows(conn, "SELECT * FROM wins ORDER BY created_at DESC, id DESC")])

    # -- goals --------------------------------------------------------------------

    def add(
        self,
        title: str,
        *,
        why: str = "",
        owner: Owner = Owner.ME,
        horizon: Horizon = Horizon.SHORT,
        status: GoalStatus = GoalStatus.ACTIVE,
        target_date: dt.date | None = None,
    ) -> Goal:
        title = _clean_title(title, "A goal")
        stamp = to_iso(self.store.now())
        with self.store.transaction() as db:
            position = db.execute("SELECT coalesce(max(position), -1) + 1 FROM goals").fetchone()[0]
            cursor = db.execute(
                "INSERT INTO goals (title, why, owner, horizon, status, target_date, position, created_at, updated_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (title, why, Owner(owner).value, Horizon(horizon).value, GoalStatus(status).value,
                 target_date.isoformat() if target_date else None, position, stamp, stamp),
            )
            return _goal(_rows(db.conn, "SELECT * FROM goals WHERE id = ?", (cursor.lastrowid,))[0])

    def update(self, goal_id: int, **fields: Any) -> Goal:
        """Change any of title, why, owner, horizon, status, target_date."""
        allowed = {"title", "why", "owner", "horizon", "status", "target_date"}
        unknown = set(fields) - allowed
        if unknown:
            raise UsageError(f"Goals have no field called {sorted(unknown)[0]}.")
        values: dict[str, Any] = {}
        for key, value in fields.items():
            if key == "title":
                value = _clean_title(value, "A goal")
            elif key == "owner":
                value = Owner(value).value
            elif key == "horizon":
                value = Horizon(value).value
            elif key == "status":
                value = GoalStatus(value).value
            elif key == "target_date":
                value = value.isoformat() if value else None
            values[key] = value
        with self.store.transaction() as db:
            self._require(db.conn, goal_id)
            if values:
                values["updated_at"] = to_iso(self.store.now())
                assignments = ", ".join(f"{column} = ?" for column in values)
                db.execute(f"UPDATE goals SET {assignments} WHERE id = ?", (*values.values(), goal_id))
        return self.get(goal_id)

    def delete(self, goal_id: int) -> Goal:
        with self.store.transaction() as db:
            self._require(db.conn, goal_id)
            db.execute("UPDATE goals SET deleted_at = ? WHERE id = ?", (to_iso(self.store.now()), goal_id))
        return self.get(goal_id)

    def restore(self, goal_id: int) -> Goal:
        with self.store.transaction() as db:
            self._require(db.conn, goal_id)
            db.execute("UPDATE goals SET deleted_at = NULL WHERE id = ?", (goal_id,))
        return self.get(goal_id)

    @staticmethod
    def _require(conn: sqlite3.Connection, goal_id: int) -> None:
        if conn.execute("SELECT 1 FROM goals WHERE id = ?", (goal_id,)).fetchone() is None:
            raise NotFoundError(f"There is no goal number {goal_id}.")

    # -- steps ----------------------------------------------------------------------

    def add_step(self, goal_id: int, text: str) -> Step:
        text = _clean_title(text, "A step")
        with self.store.transaction() as db:
            self._require(db.conn, goal_id)
            position = db.execute(
                "SELECT coalesce(max(position), -1) + 1 FROM goal_steps WHERE goal_id = ?", (goal_id,)
            ).fetchone()[0]
            cursor = db.execute(
                "INSERT INTO goal_steps (goal_id, position, text, created_at) VALUES (?, ?, ?, ?)",
                (goal_id, position, text, to_iso(self.store.now())),
            )
            return _step(_rows(db.conn, "SELECT * FROM goal_steps WHERE id = ?", (cursor.lastrowid,))[0])

    def _get_step(self, conn: sqlite3.Connection, step_id: int) -> Step:
        rows = _rows(conn, "SELECT * FROM goal_steps WHERE id = ?", (step_id,))
        if not rows:
            raise NotFoundError(f"There is no step number {step_id}.")
        return _step(rows[0])

    def update_step(self, step_id: int, text: str) -> Step:
        text = _clean_title(text, "A step")
        with self.store.transaction() as db:
            self._get_step(db.conn, step_id)
            db.execute("UPDATE goal_steps SET text = ? WHERE id = ?", (text, step_id))
            return self._get_step(db.conn, step_id)

    def set_step_done(self, step_id: int, done: bool) -> Step:
        """Tick or untick a step; ticking records when."""
        with self.store.transaction() as db:
            self._get_step(db.conn, step_id)
            db.execute(
                "UPDATE goal_steps SET done = ?, done_at = ? WHERE id = ?",
                (int(done), to_iso(self.store.now()) if done else None, step_id),
            )
            return self._get_step(db.conn, step_id)

    def move_step(self, step_id: int, delta: int) -> Step:
        """Move a step up (-1) or down (+1) among its goal's steps."""
        with self.store.transaction() as db:
            step = self._get_step(db.conn, step_id)
            ids = [row[0] for row in db.execute(
                "SELECT id FROM goal_steps WHERE goal_id = ? ORDER BY position, id", (step.goal_id,))]
            index = ids.index(step_id)
            target = max(0, min(len(ids) - 1, index + delta))
            ids.insert(target, ids.pop(index))
            for position, other in enumerate(ids):
                db.execute("UPDATE goal_steps SET position = ? WHERE id = ?", (position, other))
            return self._get_step(db.conn, step_id)

    def delete_step(self, step_id: int) -> Step:
        """Remove a step and return it, so :meth:`restore_step` can undo."""
        with self.store.transaction() as db:
            step = self._get_step(db.conn, step_id)
            db.execute("DELETE FROM goal_steps WHERE id = ?", (step_id,))
            # Close the gap so positions stay 0..n-1 and an undo lands exactly.
            db.execute("UPDATE goal_steps SET position = position - 1 WHERE goal_id = ? AND position > ?",
                       (step.goal_id, step.position))
            return step

    def restore_step(self, step: Step) -> Step:
        with self.store.transaction() as db:
            self._require(db.conn, step.goal_id)
            db.execute("UPDATE goal_steps SET position = position + 1 WHERE goal_id = ? AND position >= ?",
                       (step.goal_id, step.position))
            db.execute(
                "INSERT INTO goal_steps (id, goal_id, position, text, done, done_at, created_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                (step.id, step.goal_id, step.position, step.text, int(step.done),
                 to_iso(step.done_at) if step.done_at else None, to_iso(self.store.now())),
            )
            return self._get_step(db.conn, step.id)  # type: ignore[arg-type]

    # -- resources ------------------------------------------------------------------

    def add_resource(self, goal_id: int, kind: ResourceKind, title: str, *, link: str = "", notes: str = "") -> Resource:
        title = _clean_title(title, "A resource")
        with self.store.transaction() as db:
            self._require(db.conn, goal_id)
            cursor = db.execute(
                "INSERT INTO goal_resources (goal_id, kind, title, link, notes, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                (goal_id, ResourceKind(kind).value, title, link.strip(), notes, to_iso(self.store.now())),
            )
            return _resource(_rows(db.conn, "SELECT * FROM goal_resources WHERE id = ?", (cursor.lastrowid,))[0])

    def update_resource(self, resource_id: int, *, kind: ResourceKind, title: str, link: str = "",
                        notes: str = "") -> Resource:
        title = _clean_title(title, "A resource")
        with self.store.transaction() as db:
            db.execute("UPDATE goal_resources SET kind = ?, title = ?, link = ?, notes = ? WHERE id = ?",
                       (ResourceKind(kind).value, title, link.strip(), notes, resource_id))
            rows = _rows(db.conn, "SELECT * FROM goal_resources WHERE id = ?", (resource_id,))
            if not rows:
                raise NotFoundError(f"There is no resource number {resource_id}.")
            return _resource(rows[0])

    def delete_resource(self, resource_id: int) -> Resource:
        with self.store.transaction() as db:
            rows = _rows(db.conn, "SELECT * FROM goal_resources WHERE id = ?", (resource_id,))
            if not rows:
                raise NotFoundError(f"There is no resource number {resource_id}.")
            db.execute("DELETE FROM goal_resources WHERE id = ?", (resource_id,))
            return _resource(rows[0])

    def restore_resource(self, resource: Resource) -> Resource:
        with self.store.transaction() as db:
            self._require(db.conn, resource.goal_id)
            db.execute(
                "INSERT INTO goal_resources (id, goal_id, kind, title, link, notes, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (resource.id, resource.goal_id, resource.kind.value, resource.title, resource.link, resource.notes,
                 to_iso(self.store.now())),
            )
        return resource

    # -- wins ----------------------------------------------------------------------

    def add_win(self, text: str, *, goal_id: int | None = None, step_id: int | None = None) -> Win:
        text = _clean_title(text, "A win")
        with self.store.transaction() as db:
            cursor = db.execute(
                "INSERT INTO wins (text, goal_id, step_id, created_at) VALUES (?, ?, ?, ?)",
                (text, goal_id, step_id, to_iso(self.store.now())),
            )
            return _win(_rows(db.conn, "SELECT * FROM wins WHERE id = ?", (cursor.lastrowid,))[0])

    def set_celebrated(self, win_id: int, celebrated: bool = True) -> Win:
        with self.store.transaction() as db:
            db.execute("UPDATE wins SET celebrated = ? WHERE id = ?", (int(celebrated), win_id))
            rows = _rows(db.conn, "SELECT * FROM wins WHERE id = ?", (win_id,))
            if not rows:
                raise NotFoundError(f"There is no win number {win_id}.")
            return _win(rows[0])

    def win_to_entry(self, win_id: int) -> Entry:
        """Turn a win into a journal entry (private, tagged 'win'), linked both ways."""
        rows = self.store.query("SELECT * FROM wins WHERE id = ?", (win_id,))
        if not rows:
            raise NotFoundError(f"There is no win number {win_id}.")
        win = _win(rows[0])
        if win.entry_id is not None:
            try:
                return self.store.entries.get(win.entry_id)
            except NotFoundError:
                pass
        goal_title = ""
        if win.goal_id is not None:
            found = self.store.query("SELECT title FROM goals WHERE id = ?", (win.goal_id,))
            goal_title = found[0][0] if found else ""
        body = win.text + (f"\n\nA step towards: {goal_title}" if goal_title else "")
        with self.store.transaction() as db:
            entry = self.store.entries.add(body, title=f"Win: {win.text}"[:MAX_TITLE], tags=("win",))
            db.execute("UPDATE wins SET entry_id = ? WHERE id = ?", (entry.id, win_id))
        return entry
