"""A lossless JSON backup of every table, and importing one back (restore or merge).

The backup is private: it holds everything, drafts and private entries included.
It is never a partner summary.

Import rules (all-or-nothing: the file is checked completely, then written in
one transaction that rolls back on any error):

* **Matching.** A row that is already in the journal is not added again. A row
  "is already there" when a row existing *before the import* has the same natural
  key (below; foreign keys compared after remapping). Each existing row absorbs
  at most one row of the file, so a file with two identical rows restores both.
  Existing rows always win: nothing in the journal is overwritten.
* **Ids.** A new row keeps its original id when that id is free, so importing
  into an empty journal restores it exactly; otherwise SQLite gives it a new id,
  and every reference to it (entry_tags, goal_steps/goal_resources.goal_id,
  wins.goal_id/step_id/entry_id, checkins.talk_id, drafts.entry_id and the
  ``entry:<id>`` draft key) is rewritten.
* **Tags of an entry** (entry_tags) come only with an entry that was added; an
  entry that was already there keeps its own tags.
* **Drafts, settings, dismissed nudges** are keyed by name; a name that is taken
  keeps the journal's value. A draft of an entry missing from the file is restored
  only when no other entry has that id.

Natural keys: entries (created_at, title, body); tags (name, ASCII case-blind like
the column); goals (created_at, title); goal_steps (goal, created_at, text);
goal_resources (goal, created_at, kind, title); wins (created_at, text);
ledger_items (created_at, column, text); concerns (created_at, reason, heard);
self_checks (answered_at, question, answer); talks (created_at, day); checkins
(created_at, day); drafts/settings/dismissed_nudges (key).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from careerjournal.dates import to_iso
from careerjournal.export.errors import ExportWriteError, ImportFormatError
from careerjournal.export.summary import join_and

if TYPE_CHECKING:
    from careerjournal.db.store import Store

FORMAT_NAME = "careerjournal-backup"
FORMAT_VERSION = 1
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class TableSpec:
    name: str
    key: tuple[str, ...]
    refs: tuple[tuple[str, str], ...] = ()  # (column, parent table)


#: Every table, parents before children (the order rows are written in).
TABLES: tuple[TableSpec, ...] = (
    TableSpec("entries", ("created_at", "title", "body")),
    TableSpec("tags", ("name",)),
    TableSpec("entry_tags", ("entry_id", "tag_id"), (("entry_id", "entries"), ("tag_id", "tags"))),
    TableSpec("goals", ("created_at", "title")),
    TableSpec("goal_steps", ("goal_id", "created_at", "text"), (("goal_id", "goals"),)),
    TableSpec("goal_resources", ("goal_id", "created_at", "kind", "title"), (("goal_id", "goals"),)),
    TableSpec("wins", ("created_at", "text"),
              (("goal_id", "goals"), ("step_id", "goal_steps"), ("entry_id", "entries"))),
    TableSpec("ledger_items", ("created_at", "column", "text")),
    TableSpec("concerns", ("created_at", "reason", "heard")),
    TableSpec("self_checks", ("answered_at", "question", "answer")),
    TableSpec("talks", ("created_at", "day")),
    TableSpec("checkins", ("created_at", "day"), (("talk_id", "talks"),)),
    TableSpec("drafts", ("key",), (("entry_id", "entries"),)),
    TableSpec("settings", ("key",)),
    TableSpec("dismissed_nudges", ("key",)),
)
SPECS = {spec.name: spec for spec in TABLES}
_TIMESTAMP_COLUMNS = {"created_at", "updated_at", "deleted_at", "done_at", "answered_at", "dismissed_at"}
_DATE_COLUMNS = {"day", "target_date", "revisit_on"}
_JSON_LIST_COLUMNS = {("entries", "tags"), ("drafts", "tags"), ("talks", "agenda")}
_JSON_COLUMNS = {("settings", "value")}
#: Columns the journal works out from others (an entry's word count, from its title
#: and body; whether its body needs Markdown escaping): never written to a backup,
#: and recomputed for every row imported.
DERIVED_COLUMNS = {"entries": frozenset({"words", "plain_md"})}


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # "INTEGER" or "TEXT"
    required: bool  # NOT NULL with no default
    nullable: bool
    pk: bool


@dataclass(frozen=True)
class ImportReport:
    """What an import did, per table: rows added and rows that were already there."""

    added: dict[str, int]
    skipped: dict[str, int]

    @property
    def total_added(self) -> int:
        return sum(self.added.values())

    @property
    def total_skipped(self) -> int:
        return sum(self.skipped.values())

    def sentence(self) -> str:
        """One line for the command line or a notification."""
        if not self.total_added:
            return "Nothing new to import: everything in this backup is already in your journal."
        parts, counted = [], 0
        for table, one, many in (("entries", "entry", "entries"), ("goals", "goal", "goals"),
                                 ("ledger_items", "ledger item", "ledger items")):
            count = self.added.get(table, 0)
            counted += count
            if count:
                parts.append(f"{count:,} {one if count == 1 else many}")
        rest = self.total_added - counted
        if rest:
            parts.append(f"{rest:,} other record{'' if rest == 1 else 's'}")
        kept = f"; {self.total_skipped:,} were already here" if self.total_skipped else ""
        return f"Imported {join_and(parts)}{kept}."


# -- export ---------------------------------------------------------------------------


def _columns(conn: sqlite3.Connection, table: str) -> list[Column]:
    """The columns a backup holds for ``table``: all but the derived ones."""
    result = []
    derived = DERIVED_COLUMNS.get(table, frozenset())
    for _, name, type_, notnull, default, pk in conn.execute(f'PRAGMA table_info("{table}")'):
        if name in derived:
            continue
        result.append(Column(name, type_.upper(), bool(notnull) and default is None and not pk,
                             not notnull and not pk, bool(pk)))
    return result


def _order(columns: list[Column]) -> str:
    keys = [c.name for c in columns if c.pk] or ["rowid"]
    return ", ".join(f'"{k}"' for k in keys)


def read_tables(store: Store) -> dict[str, list[dict[str, Any]]]:
    """Every row of every table, in primary-key order, read as one consistent snapshot."""

    def run(conn: sqlite3.Connection) -> dict[str, list[dict[str, Any]]]:
        own = not conn.in_transaction
        if own:
            conn.execute("BEGIN")
        try:
            tables = {}
            for spec in TABLES:
                columns = _columns(conn, spec.name)
                names = ", ".join(f'"{column.name}"' for column in columns)
                cursor = conn.execute(f'SELECT {names} FROM "{spec.name}" ORDER BY {_order(columns)}')
                names = [d[0] for d in cursor.description]
                tables[spec.name] = [dict(zip(names, row)) for row in cursor]
            return tables
        finally:
            if own:
                conn.execute("COMMIT")

    return store.read(run)


def to_json(store: Store, now: dt.datetime) -> str:
    """A full, private backup of the journal as stable, sorted JSON text."""
    document = {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "exported_at": to_iso(now),
        "tables": read_tables(store),
    }
    try:
        return json.dumps(document, ensure_ascii=False, allow_nan=False, sort_keys=True, indent=2) + "\n"
    except (TypeError, ValueError):
        raise ExportWriteError("The journal holds a value that cannot be written as JSON; nothing was exported.") from None


# -- validation -----------------------------------------------------------------------


def _refuse(message: str) -> ImportFormatError:
    return ImportFormatError(message)


def _reject_constant(name: str) -> Any:
    raise ValueError(name)


def parse_backup(text: str | bytes) -> dict[str, list[dict[str, Any]]]:
    """Check a backup completely and return its tables; raise one sentence if it is unusable."""
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise _refuse("This file is not a careerjournal backup: it is not UTF-8 text.") from None
    try:
        document = json.loads(text.lstrip("\ufeff"), parse_constant=_reject_constant)
    except (ValueError, RecursionError):
        raise _refuse("This file is not a careerjournal backup: it is not valid JSON (it may be cut short).") from None
    if not isinstance(document, dict) or document.get("format") != FORMAT_NAME:
        raise _refuse("This file is not a careerjournal backup; choose a file made by 'careerjournal export --format json'.")
    version = document.get("version")
    if type(version) is int and version > FORMAT_VERSION:
        raise _refuse(f"This backup was made by a newer careerjournal (format {version}, this one reads up to "
                      f"{FORMAT_VERSION}); upgrade careerjournal to import it.")
    if type(version) is not int or version != FORMAT_VERSION:
        raise _refuse("This backup has an unknown format version, so it cannot be imported.")
    tables = document.get("tables")
    if not isinstance(tables, dict):
        raise _refuse("This backup has no tables section, so there is nothing to import.")
    for name in tables:
        if name not in SPECS:
            raise _refuse(f"This backup has a table careerjournal does not know ({_short(name)}), "
                          "so it cannot be imported.")
    result: dict[str, list[dict[str, Any]]] = {}
    for spec in TABLES:
        rows = tables.get(spec.name, [])
        if not isinstance(rows, list):
            raise _refuse(f"The {spec.name} table in this backup is not a list of rows, so it cannot be imported.")
        result[spec.name] = rows
    return result


def _short(text: object) -> str:
    from careerjournal.textsafe import one_line

    return one_line(str(text))[:40]


def check_rows(conn: sqlite3.Connection, tables: dict[str, list[dict[str, Any]]]) -> None:
    """Check every row's columns, types and formats, and that references point inside the file."""
    ids: dict[str, set[int]] = {}
    for spec in TABLES:
        columns = {c.name: c for c in _columns(conn, spec.name)}
        for number, row in enumerate(tables[spec.name], start=1):
            where = f"{spec.name} row {number}"
            if not isinstance(row, dict):
                raise _refuse(f"In this backup, {where} is not a set of named values, so it cannot be imported.")
            for name, value in row.items():
                column = columns.get(name)
                if column is None:
                    raise _refuse(f"In this backup, {where} has a field careerjournal does not know "
                                  f"({_short(name)}), so it cannot be imported.")
                if not _value_ok(spec.name, column, value):
                    raise _refuse(f"In this backup, {where} has an unusable value for {name}, "
                                  "so nothing was imported.")
            for column in columns.values():
                if (column.required or column.pk) and column.name not in row:
                    raise _refuse(f"In this backup, {where} is missing {column.name}, so nothing was imported.")
        keys = [c.name for c in columns.values() if c.pk]
        seen = {tuple(row[k] for k in keys) for row in tables[spec.name]}
        if len(seen) != len(tables[spec.name]):
            raise _refuse(f"This backup lists the same {spec.name} row twice, so nothing was imported.")
        if "id" in columns:
            ids[spec.name] = {row["id"] for row in tables[spec.name]}
    for spec in TABLES:
        for column, parent in spec.refs:
            for number, row in enumerate(tables[spec.name], start=1):
                value = row.get(column)
                if value is not None and value not in ids[parent] and spec.name != "drafts":
                    raise _refuse(f"This backup is inconsistent ({spec.name} row {number} points to a missing "
                                  f"{parent} row), so nothing was imported.")


def _value_ok(table: str, column: Column, value: Any) -> bool:
    if value is None:
        return column.nullable
    if column.type == "INTEGER":
        return isinstance(value, int) and not isinstance(value, bool) and -(2**63) <= value < 2**63
    if not isinstance(value, str):
        return False
    try:
        value.encode("utf-8")
        if column.name in _TIMESTAMP_COLUMNS:
            dt.datetime.fromisoformat(value)
        elif column.name in _DATE_COLUMNS:
            dt.date.fromisoformat(value)
        elif (table, column.name) in _JSON_LIST_COLUMNS:
            return value == "" or isinstance(json.loads(value), list)
        elif (table, column.name) in _JSON_COLUMNS:
            json.loads(value)
    except (ValueError, UnicodeEncodeError):
        return False
    return True


# -- import ---------------------------------------------------------------------------


def import_json(store: Store, text: str | bytes, progress: Progress | None = None) -> ImportReport:
    """Restore or merge a JSON backup, all or nothing; see the module docstring for the rules."""
    tables = parse_backup(text)
    store.read(lambda conn: check_rows(conn, tables))
    from careerjournal.export.merge import Merger

    with store.transaction() as db:
        merger = Merger(db.conn, tables, progress)
        return merger.run()


def fingerprint(values: tuple[Any, ...]) -> tuple[Any, ...]:
    """A compact natural key: long text is hashed so big journals don't double in memory."""
    return tuple(hashlib.sha256(v.encode("utf-8", "surrogatepass")).digest() if isinstance(v, str) and len(v) > 64
                 else v for v in values)
