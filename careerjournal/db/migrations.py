"""The schema, as numbered migrations tracked in ``PRAGMA user_version``.

Migration N brings a database from version N-1 to N. They run inside one
``BEGIN IMMEDIATE`` transaction, so two programs opening a new journal at the
same moment cannot both create it, and a failed upgrade leaves nothing half-done.
Never edit a released migration: add a new one.

Upgrading a large journal takes seconds, so a migration tells an
:class:`UpgradeProgress` what it is doing and how far it has got; the caller
decides how (or whether) to show it. Nothing here draws anything.
"""

from __future__ import annotations

import itertools
import sqlite3
from collections.abc import Callable
from typing import Protocol

import sqlite_utils

from careerjournal.db import schema
from careerjournal.db.connection import APPLICATION_ID


class UpgradeProgress(Protocol):
    """Hears how an upgrade goes, so whoever opened the journal can show it while it runs."""

    def step_started(self, label: str, total: int | None) -> None:
        """A step begins. ``label`` says what it does, in a few plain words; ``total``
        is how many units of work it has, or None when that can't be known."""

    def advanced(self, done: int) -> None:
        """The current step has finished ``done`` of its ``total`` units; with no total,
        ``done`` only counts signs of life. Called often: keep it cheap."""

    def ended(self, committed: bool) -> None:
        """The upgrade is over: committed, or rolled back with the journal left as it was."""


class _NoProgress:
    """The listener when nobody listens (a new journal, or a caller that shows nothing)."""

    def step_started(self, label: str, total: int | None) -> None:
        pass

    def advanced(self, done: int) -> None:
        pass

    def ended(self, committed: bool) -> None:
        pass


NO_PROGRESS: UpgradeProgress = _NoProgress()

Migration = Callable[[sqlite_utils.Database, UpgradeProgress], None]

#: Word counts filled between two reports of progress (see _migration_2).
ENTRIES_PER_REPORT = 1000
#: SQLite virtual-machine steps between two signs of life while the full-text
#: index is rebuilt (see _migration_3): about a millisecond apart, and a
#: report costs about a microsecond.
STEPS_PER_TICK = 1000

_SCHEMA_1 = """
CREATE TABLE entries (
    id INTEGER PRIMARY KEY,
    title TEXT NOT NULL DEFAULT '',
    body TEXT NOT NULL DEFAULT '',
    tags TEXT NOT NULL DEFAULT '',
    mood INTEGER CHECK (mood BETWEEN 1 AND 5),
    shared INTEGER NOT NULL DEFAULT 0 CHECK (shared IN (0, 1)),
    day TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT,
    prompt_id TEXT,
    revision INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX entries_newest ON entries (day DESC, created_at DESC, id DESC) WHERE deleted_at IS NULL;
CREATE INDEX entries_trash ON entries (deleted_at) WHERE deleted_at IS NOT NULL;

CREATE TABLE tags (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE
);
CREATE TABLE entry_tags (
    entry_id INTEGER NOT NULL REFERENCES entries (id) ON DELETE CASCADE,
    tag_id INTEGER NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
    PRIMARY KEY (entry_id, tag_id)
) WITHOUT ROWID;
CREATE INDEX entry_tags_tag ON entry_tags (tag_id, entry_id);

CREATE TABLE goals (
    id INTEGER PRIMARY KEY,
    title TEXT NOT NULL,
    why TEXT NOT NULL DEFAULT '',
    owner TEXT NOT NULL DEFAULT 'me' CHECK (owner IN ('me', 'partner', 'shared')),
    horizon TEXT NOT NULL DEFAULT 'short' CHECK (horizon IN ('short', 'long')),
    status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'paused', 'done', 'dropped')),
    target_date TEXT,
    position INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT
);
CREATE TABLE goal_steps (
    id INTEGER PRIMARY KEY,
    goal_id INTEGER NOT NULL REFERENCES goals (id) ON DELETE CASCADE,
    position INTEGER NOT NULL DEFAULT 0,
    text TEXT NOT NULL,
    done INTEGER NOT NULL DEFAULT 0 CHECK (done IN (0, 1)),
    done_at TEXT,
    created_at TEXT NOT NULL
);
CREATE INDEX goal_steps_goal ON goal_steps (goal_id, position);
CREATE TABLE goal_resources (
    id INTEGER PRIMARY KEY,
    goal_id INTEGER NOT NULL REFERENCES goals (id) ON DELETE CASCADE,
    kind TEXT NOT NULL DEFAULT 'other' CHECK (kind IN
        ('course', 'workshop', 'networking', 'mentor', 'coach', 'book', 'hands_on', 'other')),
    title TEXT NOT NULL,
    link TEXT NOT NULL DEFAULT '',
    notes TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
);
CREATE INDEX goal_resources_goal ON goal_resources (goal_id);
CREATE TABLE wins (
    id INTEGER PRIMARY KEY,
    text TEXT NOT NULL,
    goal_id INTEGER REFERENCES goals (id) ON DELETE SET NULL,
    step_id INTEGER REFERENCES goal_steps (id) ON DELETE SET NULL,
    celebrated INTEGER NOT NULL DEFAULT 0 CHECK (celebrated IN (0, 1)),
    entry_id INTEGER REFERENCES entries (id) ON DELETE SET NULL,
    created_at TEXT NOT NULL
);

CREATE TABLE ledger_items (
    id INTEGER PRIMARY KEY,
    text TEXT NOT NULL,
    "column" TEXT NOT NULL CHECK ("column" IN ('give_up', 'keep', 'compromise')),
    area TEXT NOT NULL DEFAULT 'other' CHECK (area IN ('time_together', 'travel', 'evenings',
        'relocation', 'household', 'childcare', 'money', 'career_step', 'other')),
    status TEXT NOT NULL DEFAULT 'idea' CHECK (status IN ('idea', 'discussed', 'agreed')),
    revisit_on TEXT,
    notes TEXT NOT NULL DEFAULT '',
    position INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT
);

CREATE TABLE concerns (
    id INTEGER PRIMARY KEY,
    reason TEXT NOT NULL CHECK (reason IN ('why.threatened', 'why.inconvenienced', 'why.jealous',
        'why.safety', 'why.dismissive')),
    heard TEXT NOT NULL,
    addressed INTEGER NOT NULL DEFAULT 0 CHECK (addressed IN (0, 1)),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT
);
CREATE TABLE self_checks (
    id INTEGER PRIMARY KEY,
    question TEXT NOT NULL,
    answer INTEGER NOT NULL CHECK (answer IN (0, 1)),
    answered_at TEXT NOT NULL
);
CREATE TABLE talks (
    id INTEGER PRIMARY KEY,
    day TEXT NOT NULL,
    agenda TEXT NOT NULL DEFAULT '[]',
    notes TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
);
CREATE TABLE checkins (
    id INTEGER PRIMARY KEY,
    talk_id INTEGER REFERENCES talks (id) ON DELETE SET NULL,
    day TEXT NOT NULL,
    heard INTEGER NOT NULL CHECK (heard BETWEEN 1 AND 5),
    part_of_plan INTEGER NOT NULL CHECK (part_of_plan BETWEEN 1 AND 5),
    no_winner INTEGER NOT NULL CHECK (no_winner BETWEEN 1 AND 5),
    respected INTEGER NOT NULL CHECK (respected BETWEEN 1 AND 5),
    note TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
);

CREATE TABLE drafts (
    key TEXT PRIMARY KEY,
    entry_id INTEGER,
    base_revision INTEGER,
    title TEXT NOT NULL DEFAULT '',
    body TEXT NOT NULL DEFAULT '',
    tags TEXT NOT NULL DEFAULT '[]',
    mood INTEGER,
    shared INTEGER NOT NULL DEFAULT 0,
    updated_at TEXT NOT NULL
);
CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE dismissed_nudges (
    key TEXT PRIMARY KEY,
    dismissed_at TEXT NOT NULL
);
"""


def _fill_entries(conn: sqlite3.Connection, progress: UpgradeProgress, label: str, column: str,
                  compute: Callable[..., object], arguments: tuple[str, ...]) -> None:
    """Set ``column`` of every entry to ``compute`` of its ``arguments`` columns, in one UPDATE.

    ``compute`` runs inside SQLite, once per entry, and reports progress every
    ENTRIES_PER_REPORT entries (then once more, with all of them).
    """
    total = conn.execute("SELECT count(*) FROM entries").fetchone()[0]
    progress.step_started(label, total)
    done = 0

    def each(*values: object) -> object:
        nonlocal done
        result = compute(*values)
        done += 1
        if done % ENTRIES_PER_REPORT == 0:
            progress.advanced(done)
        return result

    function = f"careerjournal_{column}"
    conn.create_function(function, len(arguments), each, deterministic=True)
    try:
        conn.execute(f"UPDATE entries SET {column} = {function}({', '.join(arguments)})")
    finally:
        conn.create_function(function, len(arguments), None)
    progress.advanced(done)


def _migration_1(db: sqlite_utils.Database, progress: UpgradeProgress = NO_PROGRESS) -> None:
    """The whole product's first schema, plus a full-text index kept in sync by triggers.

    Only a new journal runs it, in a moment: there is no progress to report.
    """
    db.executescript(_SCHEMA_1)
    # sqlite-utils writes the FTS5 table and its insert/update/delete triggers;
    # "porter" lets "raise" find "raises". Trashed entries stay indexed and are
    # filtered out by the query, so restoring one needs no re-index.
    db["entries"].enable_fts(["title", "body", "tags"], create_triggers=True, tokenize="porter unicode61")


def _migration_2(db: sqlite_utils.Database, progress: UpgradeProgress = NO_PROGRESS) -> None:
    """Each entry's word count (``words``), kept by the store, so a summary's total is one SQL sum.

    Filled here for every existing entry with the same function the store uses
    (:func:`careerjournal.db.entries.entry_words`). The full-text index's triggers
    fire on any UPDATE of an entry and would re-index every entry for a column
    they don't index, so they are set aside while the counts are written and put
    back exactly as they were (all inside the upgrade's transaction).

    ``entries_words`` lets the sum read a small index instead of every row of
    the table (~6 ms instead of ~35 ms at 100,000 entries). ``words`` leads it, so
    no list or search query has a reason to use it; ``deleted_at`` (always NULL
    in it) is there so SQLite counts it as covering a query that filters on it.

    The counts are written by one UPDATE (about 1 s at 100,000 entries); the
    function it calls for each entry reports progress every ENTRIES_PER_REPORT.
    """
    from careerjournal.db.entries import entry_words

    conn = db.conn
    conn.execute("ALTER TABLE entries ADD COLUMN words INTEGER")
    triggers = conn.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'entries' ORDER BY name").fetchall()
    for name, _ in triggers:
        conn.execute(f'DROP TRIGGER "{name}"')
    _fill_entries(conn, progress, "counting the words in each entry", "words", entry_words, ("title", "body"))
    for _, sql in triggers:
        conn.execute(sql)
    conn.execute("CREATE INDEX entries_words ON entries (words, shared, day, deleted_at) WHERE deleted_at IS NULL")


#: Prefix lengths FTS5 indexes as terms of their own (see _migration_3).
FTS_PREFIXES = "3 4"


def _migration_3(db: sqlite_utils.Database, progress: UpgradeProgress = NO_PROGRESS) -> None:
    """Prefix indexes in the full-text index, for searching as you type.

    A search is run for every letter typed, its last word as a prefix
    ("wor" finds work, world, worry...). Without a prefix index FTS5 merges
    the entries of every word that starts so: 9-13 ms for "wor" or "work" at
    100,000 entries, against 0.2 ms with one. Prefixes of three and four
    characters cover the short ones that match many words; longer prefixes
    match few words and were already quick (~2-3 ms). The index grows by
    about twice the size of the plain one (~58 MB at 100,000 entries of 150
    words), and writing an entry indexes each word three times instead of once.

    The table is rebuilt from the entries (about 5 s at 100,000 entries, 0.2 s
    at 3,000), with the same columns, tokenizer and external content, so the
    triggers that keep it in step with ``entries`` stay as they are.

    The rebuild is one statement that can't say how far it has got, so SQLite's
    progress handler reports signs of life while it runs.
    """
    conn = db.conn
    progress.step_started("rebuilding the search index", None)
    ticks = itertools.count(1)

    def tick() -> None:  # anything but 0 or None returned here would abort the statement
        progress.advanced(next(ticks))

    conn.set_progress_handler(tick, STEPS_PER_TICK)
    try:
        conn.execute("DROP TABLE entries_fts")
        conn.execute(
            'CREATE VIRTUAL TABLE "entries_fts" USING FTS5 ("title", "body", "tags", '
            f"tokenize='porter unicode61', content=\"entries\", prefix='{FTS_PREFIXES}')"
        )
        conn.execute("INSERT INTO entries_fts (entries_fts) VALUES ('rebuild')")
    finally:
        conn.set_progress_handler(None, 0)


#: The full-text index follows an entry's indexed columns only. sqlite-utils' trigger
#: re-indexed the entry on any UPDATE: marking it shared, or writing its plain_md.
FTS_UPDATE_TRIGGER = """
CREATE TRIGGER "entries_au" AFTER UPDATE OF "title", "body", "tags" ON "entries" BEGIN
  INSERT INTO "entries_fts" ("entries_fts", rowid, "title", "body", "tags") VALUES('delete', old.rowid, old."title", old."body", old."tags");
  INSERT INTO "entries_fts" (rowid, "title", "body", "tags") VALUES (new.rowid, new."title", new."body", new."tags");
END
"""
#: Forgets an entry's plain_md when its body changes and nobody says what it is now
#: (raw SQL, another program): a body is trusted to need no escaping only by a mark
#: written on its own, after the body. The store's own edits write the new mark so.
PLAIN_MD_RESET = """
CREATE TRIGGER "entries_plain_md_reset" AFTER UPDATE OF "body" ON "entries"
WHEN new."body" IS NOT old."body" AND new."plain_md" IS NOT NULL
BEGIN
  UPDATE "entries" SET "plain_md" = NULL WHERE id = new.id;
END
"""


def _migration_4(db: sqlite_utils.Database, progress: UpgradeProgress = NO_PROGRESS) -> None:
    """Whether each entry's body needs any Markdown escaping (``plain_md``), kept by the store.

    Finding the few bodies that need escaping was most of the work of exporting
    a large journal; the answer is now worked out once, when a body is written
    (:func:`careerjournal.markdown_plain.plain_mark`), and the export checks
    only the bodies without it. It holds the rules' number
    (:data:`~careerjournal.markdown_plain.PLAIN_RULES`) for a plain body, 0 for
    one that needs escaping, NULL when unknown; a mark under other rules isn't
    trusted. :data:`PLAIN_MD_RESET` forgets the mark of a body changed by
    anything but the store, and the full-text index's update trigger now fires
    only for the columns it indexes (:data:`FTS_UPDATE_TRIGGER`), so writing a
    mark never re-indexes an entry.

    Filled here for every entry by one UPDATE (about 0.5 s at 100,000 entries),
    reporting progress every ENTRIES_PER_REPORT.
    """
    from careerjournal.markdown_plain import plain_mark

    conn = db.conn
    conn.execute("ALTER TABLE entries ADD COLUMN plain_md INTEGER")
    conn.execute('DROP TRIGGER "entries_au"')
    conn.execute(FTS_UPDATE_TRIGGER)
    _fill_entries(conn, progress, "checking each entry for Markdown", "plain_md", plain_mark, ("body",))
    conn.execute(PLAIN_MD_RESET)


MIGRATIONS: tuple[Migration, ...] = (_migration_1, _migration_2, _migration_3, _migration_4)
LATEST_VERSION = len(MIGRATIONS)
assert LATEST_VERSION == schema.LATEST_VERSION, "update careerjournal/db/schema.py with the new migration"


def migrate(db: sqlite_utils.Database, current: int, progress: UpgradeProgress = NO_PROGRESS) -> int:
    """Apply every migration after ``current`` (the caller holds BEGIN IMMEDIATE),
    telling ``progress`` how each goes (the caller tells it how the upgrade ends)."""
    for number, migration in enumerate(MIGRATIONS[current:], start=current + 1):
        migration(db, progress)
        db.execute(f"PRAGMA user_version = {number}")
    if current == 0:
        db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    return LATEST_VERSION
