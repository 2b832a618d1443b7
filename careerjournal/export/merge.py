"""Writing a checked backup into the journal: match, keep ids when free, remap references.

Runs inside the caller's transaction (see :func:`careerjournal.export.backup.import_json`,
whose docstring states the rules); any exception rolls everything back.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from typing import Any

from careerjournal.db.entries import entry_words
from careerjournal.markdown_plain import plain_mark
from careerjournal.export.backup import DERIVED_COLUMNS, SPECS, TABLES, ImportReport, TableSpec, fingerprint
from careerjournal.export.errors import ImportFormatError

_ASCII_FOLD = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
PROGRESS_EVERY = 500


def _default(raw: str | None) -> Any:
    """The value SQLite would use for an omitted column (from ``PRAGMA table_info``)."""
    if raw is None or raw.upper() == "NULL":
        return None
    if raw.startswith("'") and raw.endswith("'"):
        return raw[1:-1].replace("''", "'")
    try:
        return int(raw)
    except ValueError:
        return raw


class Merger:
    """One import: maps of old id -> new id per table, and counts for the report."""

    def __init__(self, conn: sqlite3.Connection, tables: dict[str, list[dict[str, Any]]],
                 progress: Callable[[int, int], None] | None = None) -> None:
        self.conn = conn
        self.tables = tables
        self.progress = progress
        self.total = sum(len(rows) for rows in tables.values())
        self.done = 0
        self.maps: dict[str, dict[int, int]] = {spec.name: {} for spec in TABLES}
        self.new_entries: set[int] = set()  # ids (as in the file) of entries this import added
        self.added = {spec.name: 0 for spec in TABLES}
        self.skipped = {spec.name: 0 for spec in TABLES}
        self.defaults: dict[str, dict[str, Any]] = {
            spec.name: {name: _default(raw) for _, name, _, _, raw, _ in conn.execute(f'PRAGMA table_info("{spec.name}")')
                        if name not in DERIVED_COLUMNS.get(spec.name, ())}
            for spec in TABLES
        }

    def run(self) -> ImportReport:
        self._tick(force=True)
        for spec in TABLES:
            if spec.name == "entry_tags":
                self._entry_tags()
            elif spec.name in ("drafts", "settings", "dismissed_nudges"):
                self._keyed(spec)
            else:
                self._with_ids(spec)
        self._tick(force=True)
        return ImportReport(added=dict(self.added), skipped=dict(self.skipped))

    # -- helpers --------------------------------------------------------------------

    def _tick(self, force: bool = False) -> None:
        if self.progress and (force or self.done % PROGRESS_EVERY == 0):
            self.progress(self.done, self.total)

    def _complete(self, spec: TableSpec, row: dict[str, Any]) -> dict[str, Any]:
        """The row with omitted columns filled in as SQLite would, so keys compare fairly."""
        return {**self.defaults[spec.name], **row}

    def _key(self, spec: TableSpec, row: dict[str, Any]) -> tuple[Any, ...]:
        values = tuple(row.get(k) for k in spec.key)
        if spec.name == "tags":
            values = tuple(v.translate(_ASCII_FOLD) if isinstance(v, str) else v for v in values)
        return fingerprint(values)

    def _insert(self, spec: TableSpec, number: int, row: dict[str, Any]) -> int:
        names = list(row)
        columns = ", ".join(f'"{name}"' for name in names)  # names were checked against the schema
        sql = f'INSERT INTO "{spec.name}" ({columns}) VALUES ({", ".join("?" * len(names))})'
        try:
            cursor = self.conn.execute(sql, [row[n] for n in names])
        except sqlite3.IntegrityError:
            raise ImportFormatError(
                f"In this backup, {spec.name} row {number} breaks a rule of the journal (an unknown choice or a "
                "value out of range), so nothing was imported."
            ) from None
        return int(cursor.lastrowid or 0)

    def _remap(self, spec: TableSpec, row: dict[str, Any]) -> dict[str, Any]:
        mapped = dict(row)
        for column, parent in spec.refs:
            value = mapped.get(column)
            if value is not None and value in self.maps[parent]:
                mapped[column] = self.maps[parent][value]
        return mapped

    # -- tables with an integer id --------------------------------------------------------

    def _with_ids(self, spec: TableSpec) -> None:
        key_sql = ", ".join(f'"{k}"' for k in spec.key)
        index: dict[tuple[Any, ...], list[int]] = {}
        taken: set[int] = set()
        for row in self.conn.execute(f'SELECT id, {key_sql} FROM "{spec.name}" ORDER BY id'):
            taken.add(row[0])
            index.setdefault(self._key(spec, dict(zip(spec.key, row[1:]))), []).append(row[0])
        mapping = self.maps[spec.name]
        for number, raw in enumerate(self.tables[spec.name], start=1):
            row = self._remap(spec, self._complete(spec, raw))
            old_id = row["id"]
            matches = index.get(self._key(spec, row))
            if matches:
                mapping[old_id] = matches.pop(0)
                self.skipped[spec.name] += 1
            else:
                if old_id in taken:
                    del row["id"]
                if spec.name == "entries":  # the word count and mark are the journal's own, never the file's
                    row["words"] = entry_words(row["title"], row["body"])
                    row["plain_md"] = plain_mark(row["body"])
                new_id = self._insert(spec, number, row)
                taken.add(new_id)
                mapping[old_id] = new_id
                self.added[spec.name] += 1
                if spec.name == "entries":
                    self.new_entries.add(old_id)
            self.done += 1
            self._tick()

    # -- entry_tags: only with entries this import added ------------------------------------

    def _entry_tags(self) -> None:
        spec = SPECS["entry_tags"]
        for number, raw in enumerate(self.tables["entry_tags"], start=1):
            if raw["entry_id"] in self.new_entries:
                self._insert(spec, number, self._remap(spec, raw))
                self.added["entry_tags"] += 1
            else:
                self.skipped["entry_tags"] += 1
            self.done += 1
            self._tick()

    # -- tables keyed by name ------------------------------------------------------------

    def _keyed(self, spec: TableSpec) -> None:
        existing = {row[0] for row in self.conn.execute(f'SELECT key FROM "{spec.name}"')}
        for number, raw in enumerate(self.tables[spec.name], start=1):
            row = self._complete(spec, raw)
            keep = True
            if spec.name == "drafts" and row.get("entry_id") is not None:
                keep = self._draft_target(row)
            if keep and row["key"] not in existing:
                self._insert(spec, number, row)
                existing.add(row["key"])
                self.added[spec.name] += 1
            else:
                self.skipped[spec.name] += 1
            self.done += 1
            self._tick()

    def _draft_target(self, row: dict[str, Any]) -> bool:
        """Point a draft at its entry's new id; False when it would land on someone else's entry."""
        old = row["entry_id"]
        if old in self.maps["entries"]:
            new = self.maps["entries"][old]
            if row["key"] == f"entry:{old}":
                row["key"] = f"entry:{new}"
            row["entry_id"] = new
            return True
        # The draft's entry is not in the file (it was emptied from the trash): restore it as
        # it was unless that id now belongs to another entry.
        return self.conn.execute("SELECT 1 FROM entries WHERE id = ?", (old,)).fetchone() is None
