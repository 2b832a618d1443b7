"""Journal entries: create, read, edit, trash, search.

Lists are two steps so 100,000 entries stay instant: :meth:`EntryRepo.ids`
returns the ordered ids that match (a compact ``array``), and
:meth:`EntryRepo.summaries` loads just the rows on screen, by key. Bodies are
only read by :meth:`EntryRepo.get`.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sqlite3
from array import array
from dataclasses import replace
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from careerjournal.dates import date_or_none, from_iso, to_iso
from careerjournal.db.search import build_fts_query
from careerjournal.errors import ConflictError, NotFoundError, UsageError
from careerjournal.models import MOOD_RANGE, Entry, EntryQuery, EntrySummary, first_line

if TYPE_CHECKING:
    from careerjournal.db.store import Store

_SUMMARY_COLUMNS = "id, created_at, day, title, substr(body, 1, 400) AS head, mood, shared, tags"
_ENTRY_COLUMNS = "id, title, body, tags, mood, shared, day, created_at, updated_at, deleted_at, prompt_id, revision"
MAX_TAG_LENGTH = 64
#: Newest first, grouped by the day an entry belongs to (matches the entries_newest index).
_NEWEST = "e.day DESC, e.created_at DESC, e.id DESC"


def entry_words(title: str, body: str) -> int:
    """An entry's word count: the one definition of a word (``str.split``'s runs of
    non-whitespace), over the title and the body.

    Stored with every entry (the ``words`` column) and totalled in a summary's
    opening line ("... (9,144,931 words)"); the migration that added the column
    filled it with this function too.
    """
    return len(title.split()) + len(body.split())


def normalise_tags(tags: Iterable[str]) -> tuple[str, ...]:
    """Trim, drop a leading '#', collapse spaces, and de-duplicate ignoring case."""
    seen: set[str] = set()
    result: list[str] = []
    for raw in tags:
        tag = " ".join(str(raw).split()).lstrip("#").strip()[:MAX_TAG_LENGTH]
        if tag and tag.casefold() not in seen:
            seen.add(tag.casefold())
            result.append(tag)
    return tuple(result)


def check_mood(mood: int | None) -> int | None:
    if mood is None:
        return None
    if isinstance(mood, bool) or not isinstance(mood, int) or mood not in MOOD_RANGE:
        raise UsageError("Mood must be a whole number from 1 to 5.")
    return mood


def _tags_from_column(text: str) -> tuple[str, ...]:
    if not text:
        return ()
    try:
        value = json.loads(text)
    except ValueError:
        return ()
    return tuple(str(tag) for tag in value) if isinstance(value, list) else ()


def _entry(row: Sequence[Any]) -> Entry:
    return Entry(
        id=row[0],
        title=row[1],
        body=row[2],
        tags=_tags_from_column(row[3]),
        mood=row[4],
        shared=bool(row[5]),
        day=date_or_none(row[6]),
        created_at=from_iso(row[7]),
        updated_at=from_iso(row[8]),
        deleted_at=from_iso(row[9]),
        prompt_id=row[10],
        revision=row[11],
    )


def _summary(row: Sequence[Any]) -> EntrySummary:
    return EntrySummary(
        id=row[0],
        created_at=from_iso(row[1]),  # type: ignore[arg-type]
        day=dt.date.fromisoformat(row[2]),
        title=row[3],
        snippet=first_line(row[4] or ""),
        mood=row[5],
        shared=bool(row[6]),
        tags=_tags_from_column(row[7]),
    )


def _filters(query: EntryQuery) -> tuple[list[str], list[Any]]:
    """SQL conditions (on ``e``) and parameters for everything but the search text."""
    where = ["e.deleted_at IS NOT NULL" if query.deleted else "e.deleted_at IS NULL"]
    params: list[Any] = []
    if query.tag:
        where.append(
            "e.id IN (SELECT entry_id FROM entry_tags JOIN tags ON tags.id = entry_tags.tag_id WHERE tags.name = ?)"
        )
        params.append(query.tag.lstrip("#").strip())
    if query.mood is not None:
        where.append("e.mood = ?")
        params.append(query.mood)
    if query.since is not None:
        where.append("e.day >= ?")
        params.append(query.since.isoformat())
    if query.until is not None:
        where.append("e.day <= ?")
        params.append(query.until.isoformat())
    if query.shared is not None:
        where.append("e.shared = ?")
        params.append(int(query.shared))
    if query.same_day_as is not None:
        where.append("substr(e.day, 9, 2) = ? AND e.day < ?")
        params.extend((f"{query.same_day_as.day:02d}", query.same_day_as.replace(day=1).isoformat()))
    return where, params


def _scrub(conn: sqlite3.Connection) -> None:
    """After a purge, leave no trace of the words: drop orphan tags and rewrite the
    full-text index (FTS5 keeps deleted terms in its segments until they merge)."""
    conn.execute("DELETE FROM tags WHERE id NOT IN (SELECT tag_id FROM entry_tags)")
    conn.execute("INSERT INTO entries_fts (entries_fts) VALUES ('optimize')")


def _blank_to_none(query: EntryQuery) -> EntryQuery:
    """A search of only spaces means no search, everywhere."""
    if query.search is not None and not query.search.strip():
        return replace(query, search=None)
    return query


class EntryRepo:
    """Journal entries in the store."""

    def __init__(self, store: Store) -> None:
        self.store = store

    # -- writing ----------------------------------------------------------------

    def add(
        self,
        body: str,
        *,
        title: str = "",
        tags: Iterable[str] = (),
        mood: int | None = None,
        shared: bool = False,
        day: dt.date | None = None,
        created_at: dt.datetime | None = None,
        prompt_id: str | None = None,
        discard_draft: str | None = None,
    ) -> Entry:
        """Save a new entry; ``day`` defaults to the local date it was written.

        ``discard_draft`` names the draft this save replaces; it is deleted in the
        same transaction, so a crash can never leave both (or neither).
        """
        from careerjournal.markdown_plain import plain_mark  # not before the app's first frame

        mood = check_mood(mood)
        clean_tags = normalise_tags(tags)
        now = created_at or self.store.now()
        local_day = day or now.astimezone().date()
        with self.store.transaction() as db:
            cursor = db.execute(
                "INSERT INTO entries (title, body, tags, mood, shared, day, created_at, updated_at, prompt_id, words,"
                " plain_md) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (title, body, json.dumps(clean_tags, ensure_ascii=False), mood, int(bool(shared)),
                 local_day.isoformat(), to_iso(now), to_iso(now), prompt_id, entry_words(title, body),
                 plain_mark(body)),
            )
            entry_id = cursor.lastrowid
            self._link_tags(db.conn, entry_id, clean_tags)
            if discard_draft:
                db.execute("DELETE FROM drafts WHERE key = ?", (discard_draft,))
            return self._get(db.conn, entry_id)

    def update(
        self,
        entry_id: int,
        *,
        title: str | None = None,
        body: str | None = None,
        tags: Iterable[str] | None = None,
        mood: int | None | type[...] = ...,
        shared: bool | None = None,
        expected_revision: int | None = None,
        discard_draft: str | None = None,
    ) -> Entry:
        """Change the fields given; a call that changes nothing writes nothing.

        With ``expected_revision``, refuse (ConflictError) when someone else
        saved the entry since it was opened, instead of overwriting their words.
        """
        with self.store.transaction() as db:
            current = self._get(db.conn, entry_id)
            if expected_revision is not None and current.revision != expected_revision:
                raise ConflictError("This entry was changed elsewhere since you opened it; your version was kept separately.")
            changes: dict[str, Any] = {}
            if title is not None and title != current.title:
                changes["title"] = title
            if body is not None and body != current.body:
                changes["body"] = body
            new_tags = normalise_tags(tags) if tags is not None else current.tags
            if new_tags != current.tags:
                changes["tags"] = json.dumps(new_tags, ensure_ascii=False)
            if mood is not ... and check_mood(mood) != current.mood:  # type: ignore[arg-type]
                changes["mood"] = mood
            if shared is not None and bool(shared) != current.shared:
                changes["shared"] = int(bool(shared))
            if discard_draft:
                db.execute("DELETE FROM drafts WHERE key = ?", (discard_draft,))
            if not changes:
                return current
            if "title" in changes or "body" in changes:
                changes["words"] = entry_words(changes.get("title", current.title), changes.get("body", current.body))
            changes["updated_at"] = to_iso(self.store.now())
            assignments = ", ".join(f"{column} = ?" for column in changes)
            db.execute(
                f"UPDATE entries SET {assignments}, revision = revision + 1 WHERE id = ?",
                (*changes.values(), entry_id),
            )
            if "body" in changes:  # after the UPDATE, whose trigger forgets the old mark
                from careerjournal.markdown_plain import plain_mark

                db.execute("UPDATE entries SET plain_md = ? WHERE id = ?", (plain_mark(changes["body"]), entry_id))
            if "tags" in changes:
                db.execute("DELETE FROM entry_tags WHERE entry_id = ?", (entry_id,))
                self._link_tags(db.conn, entry_id, new_tags)
            return self._get(db.conn, entry_id)

    def set_shared(self, entry_id: int, shared: bool) -> Entry:
        return self.update(entry_id, shared=shared)

    def delete(self, entry_id: int) -> Entry:
        """Move an entry to the trash (undoable with :meth:`restore`)."""
        with self.store.transaction() as db:
            self._get(db.conn, entry_id)
            db.execute(
                "UPDATE entries SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL",
                (to_iso(self.store.now()), entry_id),
            )
            return self._get(db.conn, entry_id)

    def restore(self, entry_id: int) -> Entry:
        with self.store.transaction() as db:
            self._get(db.conn, entry_id)
            db.execute("UPDATE entries SET deleted_at = NULL WHERE id = ?", (entry_id,))
            return self._get(db.conn, entry_id)

    def purge(self, entry_id: int) -> None:
        """Delete a trashed entry for good; ``secure_delete`` wipes its text from the file."""
        with self.store.transaction() as db:
            entry = self._get(db.conn, entry_id)
            if entry.deleted_at is None:
                raise UsageError("Only entries in the trash can be deleted for good.")
            db.execute("DELETE FROM entries WHERE id = ?", (entry_id,))
            db.execute("DELETE FROM drafts WHERE entry_id = ?", (entry_id,))
            _scrub(db.conn)

    def empty_trash(self) -> int:
        with self.store.transaction() as db:
            cursor = db.execute("DELETE FROM entries WHERE deleted_at IS NOT NULL")
            _scrub(db.conn)
            return cursor.rowcount

    @staticmethod
    def _link_tags(conn: sqlite3.Connection, entry_id: int, tags: Sequence[str]) -> None:
        for tag in tags:
            conn.execute("INSERT OR IGNORE INTO tags (name) VALUES (?)", (tag,))
            conn.execute(
                "INSERT OR IGNORE INTO entry_tags (entry_id, tag_id) SELECT ?, id FROM tags WHERE name = ?",
                (entry_id, tag),
            )

    # -- reading ----------------------------------------------------------------

    @staticmethod
    def _get(conn: sqlite3.Connection, entry_id: int) -> Entry:
        row = conn.execute(f"SELECT {_ENTRY_COLUMNS} FROM entries WHERE id = ?", (entry_id,)).fetchone()
        if row is None:
            raise NotFoundError(f"There is no entry number {entry_id}.")
        return _entry(row)

    def get(self, entry_id: int) -> Entry:
        return self.store.read(lambda conn: self._get(conn, entry_id))

    def ids(
        self,
        query: EntryQuery = EntryQuery(),
        *,
        ranked: bool = False,
        limit: int | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> array:
        """Ids of matching entries, newest first (or best match first when ``ranked``).

        ``limit`` returns just the first ones (a quick first page while the rest
        loads); ``cancelled`` is polled between chunks so a search the user has
        already typed past stops early and frees the connection.
        """
        query = _blank_to_none(query)
        where, params = _filters(query)
        fts = build_fts_query(query.search)
        if query.search is not None and fts is None:
            return array("q")
        if fts is not None and limit is not None and not ranked:
            head = self._newest_matches(fts, where, params, limit)
            if head is not None:
                return head
        if fts is None:
            order = "e.deleted_at DESC, e.id DESC" if query.deleted else _NEWEST
            sql = f"SELECT e.id FROM entries e WHERE {' AND '.join(where)} ORDER BY {order}"
        elif ranked:
            sql = (
                "SELECT e.id FROM entries_fts f JOIN entries e ON e.id = f.rowid "
                f"WHERE entries_fts MATCH ? AND {' AND '.join(where)} ORDER BY f.rank, {_NEWEST}"
            )
            params.insert(0, fts)
        else:
            where.append("e.id IN (SELECT rowid FROM entries_fts WHERE entries_fts MATCH ?)")
            params.append(fts)
            sql = f"SELECT e.id FROM entries e WHERE {' AND '.join(where)} ORDER BY {_NEWEST}"

        if limit is not None:
            sql += f" LIMIT {int(limit)}"

        def run(conn: sqlite3.Connection) -> array:
            result = array("q")
            cursor = conn.execute(sql, params)
            while rows := cursor.fetchmany(5000):
                result.extend(row[0] for row in rows)
                if cancelled is not None and cancelled():
                    cursor.close()
                    break
            return result

        return self.store.search_read(run)

    def _newest_matches(self, fts: str, where: list[str], params: list[Any], limit: int) -> array | None:
        """The newest ``limit`` matches without collecting every match, or None if unsure.

        Listing all matches newest-first means sorting them all: ~200 ms for a
        word in most of 100,000 entries. FTS5 hands back its newest *rowids*
        almost instantly, though, and entries are nearly always written in date
        order, so the newest matches are among the highest rowids. This takes a
        few times ``limit`` of those, sorts them properly, and then proves the
        answer: no older-rowid entry may sort above the last one kept. When an
        entry was back-dated or imported out of order the proof fails and the
        caller does the full sort, so the answer is exact either way.
        """
        pool = limit * 4
        conditions = " AND ".join(where)

        def run(conn: sqlite3.Connection) -> array | None:
            rowids = [row[0] for row in conn.execute(
                "SELECT rowid FROM entries_fts WHERE entries_fts MATCH ? ORDER BY rowid DESC LIMIT ?", (fts, pool))]
            if not rowids:
                return array("q")
            marks = ",".join("?" * len(rowids))
            rows = conn.execute(
                f"SELECT e.id, e.day, e.created_at FROM entries e WHERE e.id IN ({marks}) AND {conditions} "
                f"ORDER BY {_NEWEST} LIMIT ?", [*rowids, *params, limit]).fetchall()
            if len(rowids) < pool:
                return array("q", (row[0] for row in rows))  # every match was in the pool
            if len(rows) < limit:
                return None  # the filters left too few: let the full query decide
            last_id, last_day, last_created = rows[-1]
            newer_elsewhere = conn.execute(
                f"SELECT 1 FROM entries e WHERE +e.id < ? AND {conditions} AND e.day >= ? "
                "AND (e.day > ? OR e.created_at > ? OR (e.created_at = ? AND e.id > ?)) LIMIT 1",
                [min(rowids), *params, last_day, last_day, last_created, last_created, last_id]).fetchone()
            return None if newer_elsewhere else array("q", (row[0] for row in rows))

        return self.store.search_read(run)

    def summaries(self, ids: Sequence[int]) -> list[EntrySummary]:
        """List rows for ``ids`` (in the same order), fetched by primary key."""
        wanted = list(ids)
        if not wanted:
            return []

        def run(conn: sqlite3.Connection) -> list[EntrySummary]:
            found: dict[int, EntrySummary] = {}
            for start in range(0, len(wanted), 500):
                chunk = wanted[start : start + 500]
                marks = ",".join("?" * len(chunk))
                for row in conn.execute(f"SELECT {_SUMMARY_COLUMNS} FROM entries WHERE id IN ({marks})", chunk):
                    found[row[0]] = _summary(row)
            return [found[entry_id] for entry_id in wanted if entry_id in found]

        return self.store.read(run)

    def list(self, query: EntryQuery = EntryQuery(), limit: int | None = None) -> list[Entry]:
        """Whole entries, newest first: for the command line and exports."""
        plain = _blank_to_none(query)
        if plain.search is None:
            # No search: one ordered scan, no ids to collect and look up again.
            where, params = _filters(plain)
            order = "e.deleted_at DESC, e.id DESC" if plain.deleted else _NEWEST
            sql = f"SELECT {_ENTRY_COLUMNS} FROM entries e WHERE {' AND '.join(where)} ORDER BY {order}"
            if limit is not None:
                sql += f" LIMIT {int(limit)}"
            return self.store.read(lambda conn: [_entry(row) for row in conn.execute(sql, params)])
        ids = self.ids(query, limit=limit)

        def run(conn: sqlite3.Connection) -> list[Entry]:
            result: list[Entry] = []
            for start in range(0, len(ids), 500):
                chunk = list(ids[start : start + 500])
                marks = ",".join("?" * len(chunk))
                rows = {
                    row[0]: _entry(row)
                    for row in conn.execute(f"SELECT {_ENTRY_COLUMNS} FROM entries WHERE id IN ({marks})", chunk)
                }
                result.extend(rows[i] for i in chunk if i in rows)
            return result

        return self.store.read(run)

    def count(self, query: EntryQuery = EntryQuery()) -> int:
        query = _blank_to_none(query)
        where, params = _filters(query)
        if query.search:
            fts = build_fts_query(query.search)
            if fts is None:
                return 0
            if not query.deleted and not replace(query, search=None).is_filtered:
                quick = self._count_live_matches(fts)
                if quick is not None:
                    return quick
            where.append("e.id IN (SELECT rowid FROM entries_fts WHERE entries_fts MATCH ?)")
            params.append(fts)
        source = "entries e"
        if not (query.search or query.deleted or query.tag or query.mood is not None or query.shared is not None):
            # Every condition is on the columns of the newest-first index, so
            # counting its entries answers it (~7 ms at 100,000 entries). Left to
            # itself the planner guesses table rows are small and reads the whole
            # table (~30 ms). INDEXED BY makes dropping that index an error here,
            # not a silent slowdown.
            source = "entries e INDEXED BY entries_newest"
        sql = f"SELECT count(*) FROM {source} WHERE {' AND '.join(where)}"
        return self.store.read(lambda conn: conn.execute(sql, params).fetchone()[0])

    def _count_live_matches(self, fts: str, trash_limit: int = 200) -> int | None:
        """Matches outside the trash, counted by the index alone (None if the trash is big).

        Joining every match to its entry to leave out trashed ones takes ~40 ms
        for a common word at 100,000 entries; FTS5 counts its own matches in
        ~3 ms, and the trash is usually a handful of entries to subtract.
        """

        def run(conn: sqlite3.Connection) -> int | None:
            trash = [row[0] for row in conn.execute(
                "SELECT id FROM entries WHERE deleted_at IS NOT NULL LIMIT ?", (trash_limit + 1,))]
            if len(trash) > trash_limit:
                return None
            total = conn.execute("SELECT count(*) FROM entries_fts WHERE entries_fts MATCH ?", (fts,)).fetchone()[0]
            for entry_id in trash:
                if conn.execute("SELECT 1 FROM entries_fts WHERE entries_fts MATCH ? AND rowid = ?",
                                (fts, entry_id)).fetchone():
                    total -= 1
            return int(total)

        return self.store.read(run)

    def tag_names(self) -> list[str]:
        """Tags in use on live entries, most used first: for completion and filters."""
        sql = (
            "SELECT t.name FROM tags t JOIN entry_tags et ON et.tag_id = t.id "
            "JOIN entries e ON e.id = et.entry_id WHERE e.deleted_at IS NULL "
            "GROUP BY t.id ORDER BY count(*) DESC, t.name COLLATE NOCASE"
        )
        return self.store.read(lambda conn: [row[0] for row in conn.execute(sql)])

    def days_written(self, since: dt.date) -> set[dt.date]:
        """The days on or after ``since`` with at least one entry (for the streak)."""
        sql = "SELECT DISTINCT day FROM entries WHERE deleted_at IS NULL AND day >= ?"
        return self.store.read(
            lambda conn: {dt.date.fromisoformat(row[0]) for row in conn.execute(sql, (since.isoformat(),))}
        )

    def on_this_day(self, today: dt.date) -> list[EntrySummary]:
        """Entries from the same day of the month in earlier months and years."""
        return self.summaries(self.ids(EntryQuery(same_day_as=today))[:50])

    def export_columns(
        self, query: EntryQuery = EntryQuery()
    ) -> tuple[Sequence[str], Sequence[str], Sequence[tuple[str, ...]], Sequence[str], Sequence[int]]:
        """Day (ISO text), title, tags, body and shared flag of the matching entries, oldest first.

        For exports of the whole journal, which read every entry: building an
        :class:`Entry` per row (three timestamps parsed, tags decoded) costs
        several times more than reading the text, so this returns five plain
        columns instead. The shared flags are read only when the query filters
        on them, so a caller can double-check that filter (otherwise that column
        is empty). Rows with the same tags text share one tuple (see
        :func:`decode_tag_texts`). Searching is not supported here.
        """
        from operator import itemgetter

        sql, params = _export_sql(query, "e.day, e.title, e.tags, e.body")
        rows = self.store.read(lambda conn: conn.execute(sql, params).fetchall())
        if not rows:
            return (), (), (), (), ()
        # Columns by C-level maps: a Python loop over the rows (or zip(*rows)) costs more.
        days, titles, tag_texts, bodies = (tuple(map(itemgetter(i), rows)) for i in range(4))
        shared = tuple(map(itemgetter(4), rows)) if query.shared is not None else ()
        del rows
        decoded = decode_tag_texts(dict.fromkeys(tag_texts))
        return days, titles, tuple(map(decoded.__getitem__, tag_texts)), bodies, shared

    def export_totals(self, query: EntryQuery = EntryQuery()) -> tuple[int, int]:
        """How many entries match and their words (:func:`entry_words`), as :meth:`export_rows` reads them.

        The words are the stored counts, summed by SQLite; a row whose count is
        missing (written by raw SQL, not through this repository) is counted here.
        Call it in the same read transaction as :meth:`export_rows` (see
        :meth:`Store.snapshot`) so the two agree.
        """
        plain = _export_query(query)
        where, params = _filters(plain)
        condition = " AND ".join(where)
        # The sum reads the small covering index, not the table; INDEXED BY makes
        # dropping that index an error here, not a silent slowdown.
        source = "entries e" if plain.deleted else "entries e INDEXED BY entries_words"

        def run(conn: sqlite3.Connection) -> tuple[int, int]:
            count, words, counted = conn.execute(
                f"SELECT count(*), ifnull(sum(e.words), 0), count(e.words) FROM {source} WHERE {condition}",
                params).fetchone()
            if counted < count:
                words += sum(entry_words(title, body) for title, body in conn.execute(
                    f"SELECT e.title, e.body FROM entries e WHERE {condition} AND e.words IS NULL", params))
            return count, words

        return self.store.read(run)

    def export_rows(self, query: EntryQuery = EntryQuery(), size: int = 5000) -> Iterator[ExportRows]:
        """The matching entries, oldest first, ``size`` rows at a time, for a summary written as it is read.

        Each chunk is five lists: day (ISO text), title, tags (JSON text, see
        :func:`decode_tag_texts`), body as UTF-8 *bytes* (a summary writes
        bytes, and most bodies go out unchanged, so decoding them only to encode
        them again would be wasted work) and whether the body is known to need
        no Markdown escaping (``plain_md``, see :mod:`careerjournal.markdown_plain`). With a ``shared`` filter the flag is
        read too and any row without it is dropped (the query already asks for
        it). The store stays locked between chunks only if the caller holds
        :meth:`Store.snapshot`, which it should, so the rows agree with
        :meth:`export_totals`.
        """
        from operator import itemgetter

        from careerjournal.markdown_plain import PLAIN_RULES

        # The mark is read as a yes or no: plain under the rules this version escapes by.
        sql, params = _export_sql(query, "e.day, e.title, e.tags, CAST(e.body AS BLOB), e.plain_md IS ?",
                                  [PLAIN_RULES])
        cursor = self.store.read(lambda conn: conn.execute(sql, params))
        try:
            while rows := self.store.read(lambda conn: cursor.fetchmany(size)):
                if query.shared is not None:
                    flags = list(map(itemgetter(5), rows))
                    if flags.count(int(query.shared)) != len(flags):  # belt and braces: the query filtered them
                        rows = [row for row, flag in zip(rows, flags) if flag == int(query.shared)]
                        if not rows:
                            continue
                yield ExportRows(*(list(map(itemgetter(i), rows)) for i in range(5)))
        finally:
            cursor.close()


class ExportRows(NamedTuple):
    """One chunk of :meth:`EntryRepo.export_rows`: a list per column, one item per entry."""

    days: list[str]
    titles: list[str]
    tags: list[str]
    bodies: list[bytes]
    #: Whether each body is known to need no Markdown escaping (its stored ``plain_md``).
    plain: list[int]


def _export_query(query: EntryQuery) -> EntryQuery:
    plain = _blank_to_none(query)
    if plain.search is not None:
        raise ValueError("exports do not search; use list() for that.")
    return plain


def _export_sql(query: EntryQuery, columns: str, column_params: Sequence[Any] = ()) -> tuple[str, list[Any]]:
    """The rows an export reads, oldest first (with the shared flag last when the query filters on it)."""
    plain = _export_query(query)
    where, params = _filters(plain)
    if plain.shared is not None:
        columns += ", e.shared"
    sql = f"SELECT {columns} FROM entries e WHERE {' AND '.join(where)} ORDER BY e.day, e.created_at, e.id"
    return sql, [*column_params, *params]


_STRING_LIST = re.compile(r'\[(?:"[^"\\]*"(?:, "[^"\\]*")*)?\]').fullmatch


def decode_tag_texts(texts: Iterable[str]) -> dict[str, tuple[str, ...]]:
    """Each distinct tags text (the JSON of the ``tags`` column) decoded exactly as :meth:`EntryRepo.get` does.

    The plain ones (each first checked to be a list of simple strings, so the
    joined array can't split differently) are decoded with a single
    ``json.loads``; any other text is decoded on its own.
    """
    distinct = list(dict.fromkeys(texts))
    simple = [text for text in distinct if _STRING_LIST(text)]
    decoded: dict[str, tuple[str, ...]] = {}
    if simple:
        try:
            decoded = dict(zip(simple, map(tuple, json.loads("[" + ",".join(simple) + "]"))))
        except ValueError:  # a bad escape or a raw control character: decode one by one below
            pass
    for text in distinct:
        if text not in decoded:
            decoded[text] = _tags_from_column(text)
    return decoded
