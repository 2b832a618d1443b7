"""Each entry's stored word count (``entries.words``): one definition, kept right on every write.

A summary's opening line says how many words it holds; at 100,000 entries
counting them costs more than writing them, so the store keeps each entry's
count (:func:`entry_words`) and a summary sums them in SQL. These tests pin the
definition (``str.split``), check that every way an entry is written keeps the
count right (add, update, the JSON import, the demo), that migrating an older
journal fills it for every existing entry inside one transaction without
re-indexing the full-text search, and that rows written by raw SQL (no count)
are still counted.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from careerjournal.db import migrations
from careerjournal.db.connection import APPLICATION_ID
from careerjournal.db.demo import fill_demo
from careerjournal.db.entries import entry_words
from careerjournal.db.store import Store
from careerjournal.errors import CareerJournalError
from careerjournal.export import ImportFormatError, SummaryOptions, collect, import_json, render, to_json
from careerjournal.export.summary import WIDE_SPACES, TextBatch
from careerjournal.models import EntryQuery

#: Texts where "a word" is easy to get wrong: every kind of space str.split knows
#: (the ASCII separators \x1c-\x1f included), emoji, right-to-left text, controls,
#: markup, nothing at all.
TRICKY = (
    "", " ", "\n\n\t ", "one", "two words", "  leading and trailing  ", "🌱 growing together 💞", "🌱💞",
    "שלום עולם مرحبا بالعالم", "\u202eevil override\u202c here", "zero\u200bwidth joins", "nbsp\u00a0splits",
    "line\u2028separator\u2029paragraph", "ideographic\u3000space", "next\x85line", "file\x1cgroup\x1drecord\x1eunit\x1fsep",
    "vertical\x0btab\x0cfeed", "bell\x07 esc\x1b[31mred\x1b[0m nul\x00 del\x7f", "crlf\r\nline\rcr",
    "# heading\n- item\n> quote *bold* _em_ [link](http://x) <b>tag</b> `code` | a | b |", "x" * 5000,
    ("A long day. " * 40 + "\n") * 30, "word\u2000en\u2001em\u2002spaces\u200a",
)


def raw_words(store: Store) -> dict[int, int | None]:
    return dict(store.conn.execute("SELECT id, words FROM entries").fetchall())


def assert_counts_right(store: Store) -> None:
    rows = store.conn.execute("SELECT id, title, body, words FROM entries").fetchall()
    assert rows
    for entry_id, title, body, words in rows:
        assert words == entry_words(title, body) == len(title.split()) + len(body.split()), entry_id


# -- the definition ------------------------------------------------------------------------------


def test_a_word_is_what_str_split_finds_in_the_title_and_the_body() -> None:
    assert entry_words("", "") == 0
    assert entry_words("Two words", "and three more") == 5
    assert entry_words("🌱", "🌱💞 שלום") == 3
    assert entry_words("", "file\x1cgroup\x1drecord\x1eunit\x1fsep") == 5  # str.split's ASCII separators
    assert entry_words("", "nbsp\u00a0splits ideographic\u3000too") == 4
    assert entry_words("", "zero\u200bwidth does not split") == 4  # not a space to str.split
    for text in TRICKY:
        assert entry_words(text, text) == 2 * len(text.split()), repr(text)


def test_the_batch_counter_agrees_with_the_definition() -> None:
    # Summaries built in memory (not from the journal) still count with TextBatch.
    texts = list(TRICKY) + ["".join(sorted(WIDE_SPACES)).join(["a", "b", "c"])]
    assert TextBatch(texts).word_count == sum(entry_words("", text) for text in texts)


# -- every write keeps it -------------------------------------------------------------------------


def test_add_stores_the_count_of_tricky_text(store: Store) -> None:
    for number, body in enumerate(TRICKY):
        title = TRICKY[(number + 5) % len(TRICKY)][:200]
        entry = store.entries.add(body or "x", title=title, tags=["t"])
        assert raw_words(store)[entry.id] == entry_words(title, body or "x")
    assert_counts_right(store)


def test_update_recounts_only_when_the_text_changes(store: Store) -> None:
    entry = store.entries.add("one two three", title="A title")
    assert raw_words(store)[entry.id] == 5
    store.entries.update(entry.id, body="🌱 שלום\u3000עולם")
    assert raw_words(store)[entry.id] == 2 + 3
    store.entries.update(entry.id, title="")
    assert raw_words(store)[entry.id] == 3
    store.entries.update(entry.id, title="x\x1cy", body="")
    assert raw_words(store)[entry.id] == 2
    before = store.conn.execute("SELECT words, revision FROM entries WHERE id = ?", (entry.id,)).fetchone()
    store.entries.update(entry.id, tags=["new", "tags"], mood=3, shared=True)
    after = store.conn.execute("SELECT words, revision FROM entries WHERE id = ?", (entry.id,)).fetchone()
    assert after[0] == before[0] == 2 and after[1] == before[1] + 1
    for text in TRICKY:
        store.entries.update(entry.id, body=text)
        assert raw_words(store)[entry.id] == entry_words(store.entries.get(entry.id).title, text), repr(text)


def test_trash_and_restore_keep_the_count(store: Store) -> None:
    entry = store.entries.add("four words in here", title="Two more")
    store.entries.delete(entry.id)
    store.entries.restore(entry.id)
    assert raw_words(store)[entry.id] == 6


def test_the_demo_journal_is_counted(store: Store) -> None:
    fill_demo(store)
    assert_counts_right(store)


def test_import_counts_every_entry_it_adds_and_backups_leave_the_count_out(store: Store, tmp_path: Path,
                                                                            clock) -> None:  # type: ignore[no-untyped-def]
    for number, body in enumerate(TRICKY):
        store.entries.add(body or "-", title=f"Entry {number}", shared=number % 2 == 0)
    backup = to_json(store, store.now())
    document = json.loads(backup)
    assert all("words" not in row for row in document["tables"]["entries"])  # derived, never in a backup
    with Store.open(tmp_path / "restored.db", clock=clock) as restored:
        import_json(restored, backup)
        assert_counts_right(restored)
        assert to_json(restored, restored.now()) == backup  # still a lossless round trip
    # Merging into a journal that already holds some of them adds the rest, counted.
    with Store.open(tmp_path / "merged.db", clock=clock) as merged:
        merged.entries.add("already here", title="Mine")
        import_json(merged, backup)
        assert_counts_right(merged)


def test_a_backup_cannot_bring_its_own_word_count(store: Store) -> None:
    store.entries.add("real words here", title="t")
    document = json.loads(to_json(store, store.now()))
    document["tables"]["entries"][0]["words"] = 999_999
    with pytest.raises(ImportFormatError) as info:
        import_json(store, json.dumps(document))
    assert "does not know (words)" in str(info.value)


# -- rows written without a count -----------------------------------------------------------------


def test_rows_written_by_raw_sql_are_still_counted(store: Store) -> None:
    store.entries.add("counted by the store", title="One", shared=True)
    with store.transaction() as db:  # as another program might: no words column given
        db.execute("INSERT INTO entries (title, body, tags, shared, day, created_at, updated_at) VALUES "
                   "('Raw  title', 'raw body 🌱 with\u3000six words', '[]', 1, '2026-11-20', "
                   "'2026-11-20T10:00:00+00:00', '2026-11-20T10:00:00+00:00')")
    assert None in raw_words(store).values()
    expected = entry_words("One", "counted by the store") + entry_words("Raw  title", "raw body 🌱 with\u3000six words")
    assert store.entries.export_totals(EntryQuery(shared=True)) == (2, expected)
    assert collect(store, SummaryOptions(), store.now()).word_count == expected
    text = render(store, "markdown", SummaryOptions(sections=frozenset({"entries"})), store.now())
    assert f"There are 2 journal entries in it ({expected} words)." in text


def test_totals_follow_the_filters(store: Store, clock) -> None:  # type: ignore[no-untyped-def]
    import datetime as dt

    today = clock.now.date()
    store.entries.add("old shared words", shared=True, day=today - dt.timedelta(days=10))
    store.entries.add("new shared", shared=True, day=today)
    store.entries.add("new private text here", shared=False, day=today)
    trashed = store.entries.add("in the trash", shared=True, day=today)
    store.entries.delete(trashed.id)
    assert store.entries.export_totals(EntryQuery()) == (3, 3 + 2 + 4)
    assert store.entries.export_totals(EntryQuery(shared=True)) == (2, 5)
    assert store.entries.export_totals(EntryQuery(since=today)) == (2, 6)
    assert store.entries.export_totals(EntryQuery(until=today - dt.timedelta(days=1), shared=True)) == (1, 3)


# -- migrating an older journal -------------------------------------------------------------------


def make_version_1_journal(path: Path, rows: list[tuple[str, str]]) -> None:
    """A journal as careerjournal's first schema wrote it (no word counts), with these (title, body) entries."""
    import sqlite_utils

    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    migrations.MIGRATIONS[0](sqlite_utils.Database(conn))
    conn.execute("PRAGMA user_version = 1")
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    for number, (title, body) in enumerate(rows):
        moment = f"2026-01-{number % 28 + 1:02d}T09:00:00+00:00"
        conn.execute("INSERT INTO entries (title, body, tags, shared, day, created_at, updated_at) "
                     "VALUES (?, ?, '[\"old\"]', 1, ?, ?, ?)", (title, body, moment[:10], moment, moment))
    conn.close()


def schema_of(path: Path) -> dict[str, str]:
    conn = sqlite3.connect(path)
    try:
        return dict(conn.execute("SELECT name, sql FROM sqlite_master WHERE type IN ('trigger', 'index')").fetchall())
    finally:
        conn.close()


def test_the_upgrade_counts_every_existing_entry_without_reindexing(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    rows = [(TRICKY[(n + 3) % len(TRICKY)][:100], TRICKY[n % len(TRICKY)] + f" marker{n}") for n in range(60)]
    make_version_1_journal(path, rows)
    triggers_before = schema_of(path)
    import sqlite_utils

    raw = sqlite3.connect(path, isolation_level=None)
    fts_before = raw.execute("SELECT count(*), sum(length(block)) FROM entries_fts_data").fetchone()
    raw.execute("BEGIN IMMEDIATE")
    migrations.MIGRATIONS[1](sqlite_utils.Database(raw))  # schema 2 alone
    # The full-text index was not rebuilt: its segments are as they were.
    assert raw.execute("SELECT count(*), sum(length(block)) FROM entries_fts_data").fetchone() == fts_before
    raw.execute("PRAGMA user_version = 2")
    raw.execute("COMMIT")
    raw.close()
    with Store.open(path) as store:  # and on to the latest
        assert store.schema_version() == migrations.LATEST_VERSION
        assert_counts_right(store)
        assert [e.body for e in store.entries.list(EntryQuery(search="marker7"))] == [rows[7][1]]
        entry = store.entries.list(EntryQuery(search="marker8"))[0]
        store.entries.update(entry.id, body="rewritten giraffe")
        assert store.entries.list(EntryQuery(search="marker8")) == []
        assert [e.id for e in store.entries.list(EntryQuery(search="giraffe"))] == [entry.id]
        assert raw_words(store)[entry.id] == entry_words(entry.title, "rewritten giraffe")
        text = render(store, "markdown", SummaryOptions(sections=frozenset({"entries"})), store.now())
        total = sum(entry_words(title, body) for title, body in store.conn.execute("SELECT title, body FROM entries"))
        assert f"There are 60 journal entries in it ({total:,} words)." in text
    after = schema_of(path)
    assert after.pop("entries_words").startswith("CREATE INDEX entries_words ON entries (words,")  # for the sums
    # Schema 4 narrows the full-text update trigger to the indexed columns, and adds plain_md's.
    assert after.pop("entries_au") == migrations.FTS_UPDATE_TRIGGER.strip()
    assert after.pop("entries_plain_md_reset") == migrations.PLAIN_MD_RESET.strip()
    del triggers_before["entries_au"]
    assert after == triggers_before  # and the other full-text triggers are back exactly as they were


def test_a_failed_upgrade_leaves_the_old_journal_as_it_was(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "old.db"
    make_version_1_journal(path, [("t", f"body {n}") for n in range(20)] + [("t", "poison")])
    schema_before = schema_of(path)

    def failing(title: str, body: str) -> int:
        if body == "poison":
            raise RuntimeError("counting failed")
        return len(title.split()) + len(body.split())

    monkeypatch.setattr("careerjournal.db.entries.entry_words", failing)
    with pytest.raises(CareerJournalError):
        Store.open(path)
    raw = sqlite3.connect(path)
    try:
        assert raw.execute("PRAGMA user_version").fetchone()[0] == 1
        assert "words" not in [row[1] for row in raw.execute("PRAGMA table_info(entries)")]
        assert raw.execute("SELECT count(*) FROM entries").fetchone()[0] == 21
    finally:
        raw.close()
    assert schema_of(path) == schema_before
    monkeypatch.undo()
    with Store.open(path) as store:  # and a later try succeeds
        assert_counts_right(store)
