"""The Store: schema, pragmas, entries, search, drafts, settings, backups and file privacy."""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
import stat
from pathlib import Path

import pytest

from careerjournal.cli_output import entries_json
from careerjournal.db import migrations
from careerjournal.db.connection import APPLICATION_ID
from careerjournal.db.search import build_fts_query
from careerjournal.db.store import Store
from careerjournal.errors import CareerJournalError, ConflictError, DatabaseError, NotFoundError, UsageError
from careerjournal.models import Draft, EntryQuery
from careerjournal.paths import resolve_db_path

SCHEMA_TABLES = {
    "entries", "tags", "entry_tags", "goals", "goal_steps", "goal_resources", "wins", "ledger_items",
    "concerns", "self_checks", "talks", "checkins", "drafts", "settings", "dismissed_nudges", "entries_fts",
}

HOSTILE = [
    "[/]",
    "[bold]x[/bold]",
    "[x] asked for a raise",
    "[@click=app.quit]x[/]",
    "<script>alert(1)</script>",
    "🎉👩‍💻",
    "仕事と家庭",
    "שלום عالم",
    "a\x00b\x1b[31mc\x07",
]


def mode(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def ids_for(store: Store, **query: object) -> list[int]:
    return list(store.entries.ids(EntryQuery(**query)))  # type: ignore[arg-type]


# -- schema and pragmas ---------------------------------------------------------------------


def test_new_journal_is_fully_migrated(store: Store) -> None:
    assert store.schema_version() == migrations.LATEST_VERSION >= 1
    assert store.conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    names = {row[0] for row in store.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    missing = SCHEMA_TABLES - names
    assert not missing, f"tables missing from a new journal: {sorted(missing)}"
    triggers = {row[0] for row in store.conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
    assert len(triggers) >= 3, "the FTS index needs insert/update/delete triggers"


def test_connection_pragmas(store: Store) -> None:
    def pragma(name: str) -> object:
        return store.conn.execute(f"PRAGMA {name}").fetchone()[0]

    assert str(pragma("journal_mode")).lower() == "wal"
    assert pragma("foreign_keys") == 1
    assert pragma("secure_delete") == 1
    assert pragma("synchronous") == 2  # FULL
    assert store.writable is True


def test_reopening_does_not_migrate_again(db_path: Path, clock, monkeypatch: pytest.MonkeyPatch) -> None:
    with Store.open(db_path, clock=clock) as first:
        first.entries.add("kept across reopen")
        schema_before = sorted(first.conn.execute("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'").fetchall(), key=str)

    def boom(*args: object, **kwargs: object) -> None:
        raise AssertionError("migrate() must not run on an up-to-date journal")

    monkeypatch.setattr(migrations, "migrate", boom)
    with Store.open(db_path, clock=clock) as again:
        assert again.schema_version() == migrations.LATEST_VERSION
        assert [e.body for e in again.entries.list()] == ["kept across reopen"]
        schema_after = sorted(again.conn.execute("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'").fetchall(), key=str)
    assert schema_after == schema_before


# -- entries: add / get / update -----------------------------------------------------------------


def test_add_and_get_round_trip(store: Store, clock) -> None:
    entry = store.entries.add("body text", title="A title", tags=["career"], mood=4, shared=True)
    assert entry.id is not None
    got = store.entries.get(entry.id)
    assert got == entry
    assert (got.title, got.body, got.tags, got.mood, got.shared) == ("A title", "body text", ("career",), 4, True)
    assert got.created_at == got.updated_at == clock.now
    assert got.day == dt.date(2026, 11, 22)
    assert got.revision == 1
    assert got.deleted_at is None


def test_entries_are_private_by_default(store: Store) -> None:
    assert store.entries.add("secret").shared is False


def test_get_missing_entry_raises_not_found(store: Store) -> None:
    with pytest.raises(NotFoundError):
        store.entries.get(12345)


def test_no_op_update_does_not_bump_revision_or_updated_at(store: Store, clock) -> None:
    entry = store.entries.add("same", title="T", tags=["Work"], mood=3, shared=False)
    clock.advance(days=1)
    again = store.entries.update(entry.id, title="T", body="same", tags=["#Work", "work"], mood=3, shared=False)
    assert again.revision == 1
    assert again.updated_at == entry.updated_at
    assert store.entries.get(entry.id) == entry


def test_real_edit_bumps_revision_and_updated_at(store: Store, clock) -> None:
    entry = store.entries.add("before", title="T")
    clock.advance(days=1)
    edited = store.entries.update(entry.id, body="after")
    assert edited.body == "after"
    assert edited.title == "T"
    assert edited.revision == 2
    assert edited.updated_at == clock.now != entry.updated_at
    assert edited.created_at == entry.created_at
    clock.advance(days=1)
    assert store.entries.update(entry.id, mood=None, shared=True).revision == 3


def test_conflicting_revision_is_refused_and_changes_nothing(store: Store, clock) -> None:
    entry = store.entries.add("v1")
    store.entries.update(entry.id, body="v2", expected_revision=1)
    clock.advance(days=1)
    with pytest.raises(ConflictError) as info:
        store.entries.update(entry.id, body="stale edit", title="stale", expected_revision=1)
    assert "\n" not in str(info.value)
    current = store.entries.get(entry.id)
    assert current.body == "v2"
    assert current.title == ""
    assert current.revision == 2
    assert not ids_for(store, search="stale")


def test_tags_are_normalised(store: Store) -> None:
    entry = store.entries.add("x", tags=["#Career", "career", "  two   words ", "#", "", "CAREER", "##deep"])
    assert entry.tags == ("Career", "two words", "deep")
    rows = store.conn.execute(
        "SELECT t.name FROM entry_tags et JOIN tags t ON t.id = et.tag_id WHERE et.entry_id = ? ORDER BY t.name",
        (entry.id,),
    ).fetchall()
    assert [row[0] for row in rows] == ["Career", "deep", "two words"]


def test_tag_filter_ignores_case_and_hash(store: Store) -> None:
    a = store.entries.add("a", tags=["Work"])
    store.entries.add("b", tags=["home"])
    c = store.entries.add("c", tags=["work", "home"])
    assert ids_for(store, tag="work") == [c.id, a.id]
    assert ids_for(store, tag="#WORK") == [c.id, a.id]
    assert ids_for(store, tag="nothing") == []


def test_retagging_moves_entry_between_tag_filters(store: Store) -> None:
    entry = store.entries.add("x", tags=["old"])
    store.entries.update(entry.id, tags=["new"])
    assert ids_for(store, tag="old") == []
    assert ids_for(store, tag="new") == [entry.id]
    assert store.entries.tag_names() == ["new"]


@pytest.mark.parametrize("bad", [0, 6, -1, True, False, "3", 2.5])
def test_mood_out_of_range_is_rejected(store: Store, bad: object) -> None:
    with pytest.raises(UsageError):
        store.entries.add("x", mood=bad)  # type: ignore[arg-type]
    assert store.entries.count() == 0


def test_mood_bounds_are_accepted_and_bad_update_changes_nothing(store: Store) -> None:
    low = store.entries.add("low", mood=1)
    assert store.entries.add("high", mood=5).mood == 5
    with pytest.raises(UsageError):
        store.entries.update(low.id, mood=True, body="changed")  # type: ignore[arg-type]
    assert store.entries.get(low.id).body == "low"
    assert store.entries.get(low.id).mood == 1
    assert ids_for(store, mood=5) != ids_for(store, mood=1)


def test_since_and_until_filter_on_day(store: Store) -> None:
    days = [dt.date(2026, 1, 1), dt.date(2026, 1, 15), dt.date(2026, 2, 1), dt.date(2026, 3, 1)]
    made = {day: store.entries.add(f"on {day}", day=day).id for day in days}
    assert set(ids_for(store, since=dt.date(2026, 1, 15))) == {made[d] for d in days[1:]}
    assert set(ids_for(store, until=dt.date(2026, 1, 15))) == {made[d] for d in days[:2]}
    assert ids_for(store, since=dt.date(2026, 1, 15), until=dt.date(2026, 1, 15)) == [made[days[1]]]
    assert ids_for(store, since=dt.date(2026, 4, 1)) == []
    assert store.entries.count(EntryQuery(since=dt.date(2026, 2, 1))) == 2


def test_shared_filter(store: Store) -> None:
    private = store.entries.add("private one")
    shared = store.entries.add("shared one", shared=True)
    assert ids_for(store, shared=True) == [shared.id]
    assert ids_for(store, shared=False) == [private.id]
    assert ids_for(store) == [shared.id, private.id]


# -- full-text index stays in sync ----------------------------------------------------------------


def fts_rowids(store: Store, word: str) -> list[int]:
    return [row[0] for row in store.conn.execute(
        "SELECT rowid FROM entries_fts WHERE entries_fts MATCH ?", (build_fts_query(word),))]


def test_search_follows_edit_delete_restore_and_purge(store: Store) -> None:
    entry = store.entries.add("an apricot tart", title="baking", tags=["kitchen"])
    other = store.entries.add("nothing to see")
    assert ids_for(store, search="apricot") == [entry.id]
    assert ids_for(store, search="kitchen") == [entry.id]

    store.entries.update(entry.id, body="a blueberry muffin")
    assert ids_for(store, search="apricot") == []
    assert ids_for(store, search="blueberry") == [entry.id]
    assert ids_for(store, search="baking") == [entry.id]

    store.entries.delete(entry.id)
    assert ids_for(store, search="blueberry") == []
    assert ids_for(store, search="blueberry", deleted=True) == [entry.id]
    assert ids_for(store) == [other.id]

    store.entries.restore(entry.id)
    assert ids_for(store, search="blueberry") == [entry.id]

    with pytest.raises(UsageError):
        store.entries.purge(entry.id)  # not in the trash
    store.entries.delete(entry.id)
    store.entries.purge(entry.id)
    assert fts_rowids(store, "blueberry") == []
    assert ids_for(store, search="blueberry", deleted=True) == []
    assert store.conn.execute("SELECT count(*) FROM entry_tags WHERE entry_id = ?", (entry.id,)).fetchone()[0] == 0
    assert store.conn.execute("SELECT count(*) FROM entries WHERE id = ?", (entry.id,)).fetchone()[0] == 0
    assert "kitchen" not in store.entries.tag_names()
    with pytest.raises(NotFoundError):
        store.entries.get(entry.id)
    assert ids_for(store, search="nothing") == [other.id]


def test_purge_also_removes_its_draft(store: Store) -> None:
    entry = store.entries.add("to purge")
    store.drafts.save(Draft(key=f"entry:{entry.id}", body="half edit", entry_id=entry.id, base_revision=1))
    store.entries.delete(entry.id)
    store.entries.purge(entry.id)
    assert store.drafts.get(f"entry:{entry.id}") is None


def test_purge_leaves_no_trace_of_the_words_in_the_file(store: Store, db_path: Path) -> None:
    for n in range(5):
        store.entries.add(f"ordinary words {n}")
    entry = store.entries.add("zanzibarquux plans", title="confidential", tags=["hushtagword"])
    store.entries.delete(entry.id)
    store.entries.purge(entry.id)
    store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    assert store.conn.execute("SELECT count(*) FROM tags WHERE name = 'hushtagword'").fetchone()[0] == 0
    data = db_path.read_bytes()
    for word in (b"zanzibarquux", b"hushtagword"):
        assert word not in data


def test_empty_trash(store: Store) -> None:
    keep = store.entries.add("keep")
    for n in range(3):
        store.entries.delete(store.entries.add(f"bin {n}").id)
    assert store.entries.empty_trash() == 3
    assert ids_for(store, deleted=True) == []
    assert ids_for(store) == [keep.id]


# -- listing ------------------------------------------------------------------------------------


def test_ids_newest_first_with_id_tiebreak(store: Store, clock) -> None:
    first = store.entries.add("one")
    second = store.entries.add("two")  # same timestamp: the frozen clock did not move
    third = store.entries.add("three")
    clock.advance(days=1)
    newest = store.entries.add("four")
    old = store.entries.add("back-dated", created_at=clock.now - dt.timedelta(days=30))
    assert ids_for(store) == [newest.id, third.id, second.id, first.id, old.id]
    assert ids_for(store, search="four") == [newest.id]


def test_ranked_search_puts_the_best_match_first(store: Store, clock) -> None:
    strong = store.entries.add("raise raise raise: asked for a raise")
    clock.advance(days=1)
    weak = store.entries.add("a long evening about many things, dinner, the canal, and once a raise, then sleep")
    clock.advance(days=1)
    store.entries.add("unrelated")
    assert list(store.entries.ids(EntryQuery(search="raise"))) == [weak.id, strong.id]
    assert list(store.entries.ids(EntryQuery(search="raise"), ranked=True)) == [strong.id, weak.id]
    # porter stemming: "raises" finds "raise"
    assert set(store.entries.ids(EntryQuery(search="raises"))) == {strong.id, weak.id}


def test_search_combines_with_filters_and_words_are_anded(store: Store) -> None:
    a = store.entries.add("talk about relocation", tags=["us"], shared=True)
    b = store.entries.add("relocation and money", tags=["money"])
    assert ids_for(store, search="relocation") == [b.id, a.id]
    assert ids_for(store, search="relocation money") == [b.id]
    assert ids_for(store, search="relocation", tag="us") == [a.id]
    assert ids_for(store, search="relocation", shared=False) == [b.id]
    assert ids_for(store, search='"and money"') == [b.id]
    assert ids_for(store, search="relo") == [b.id, a.id]  # last word is a prefix
    assert ids_for(store, search="relo ") == []  # ...unless followed by a space


def test_summaries_keep_requested_order_and_skip_missing(store: Store) -> None:
    a = store.entries.add("alpha body\nsecond line", title="A")
    b = store.entries.add("beta body")
    c = store.entries.add("gamma body")
    summaries = store.entries.summaries([b.id, 9999, a.id, c.id])
    assert [s.id for s in summaries] == [b.id, a.id, c.id]
    assert summaries[1].title == "A"
    assert summaries[1].snippet == "alpha body"
    assert store.entries.summaries([]) == []
    many = [store.entries.add(f"n{i}").id for i in range(520)]  # crosses the 500-id chunk
    wanted = list(reversed(many))
    assert [s.id for s in store.entries.summaries(wanted)] == wanted


def test_list_limit_and_count(store: Store) -> None:
    made = [store.entries.add(f"entry {i}", mood=(i % 5) + 1).id for i in range(7)]
    assert [e.id for e in store.entries.list()] == list(reversed(made))
    assert [e.id for e in store.entries.list(limit=2)] == list(reversed(made))[:2]
    assert store.entries.list(limit=0) == []
    assert store.entries.count() == 7
    assert store.entries.count(EntryQuery(mood=1)) == 2
    assert store.entries.count(EntryQuery(search="entry")) == 7
    store.entries.delete(made[0])
    assert store.entries.count() == 6
    assert store.entries.count(EntryQuery(deleted=True)) == 1


def test_empty_search_is_consistent_between_ids_and_count(store: Store) -> None:
    store.entries.add("one")
    store.entries.add("two")
    query = EntryQuery(search="")
    assert len(store.entries.ids(query)) == store.entries.count(query)


def test_tag_names_most_used_first_then_by_name(store: Store) -> None:
    store.entries.add("1", tags=["beta", "alpha", "Zeta"])
    store.entries.add("2", tags=["beta", "alpha"])
    store.entries.add("3", tags=["Zeta", "gamma"])
    store.entries.add("4", tags=["Zeta"])
    gone = store.entries.add("5", tags=["gamma", "trashed-only"])
    store.entries.delete(gone.id)
    assert store.entries.tag_names() == ["Zeta", "alpha", "beta", "gamma"]


def test_days_written(store: Store) -> None:
    for day in (dt.date(2026, 11, 1), dt.date(2026, 11, 20), dt.date(2026, 11, 20), dt.date(2026, 11, 22)):
        store.entries.add("x", day=day)
    trashed = store.entries.add("y", day=dt.date(2026, 11, 21))
    store.entries.delete(trashed.id)
    assert store.entries.days_written(dt.date(2026, 11, 15)) == {dt.date(2026, 11, 20), dt.date(2026, 11, 22)}
    assert len(store.entries.days_written(dt.date(2000, 1, 1))) == 3


def test_on_this_day(store: Store) -> None:
    today = dt.date(2026, 11, 22)
    wanted = {
        "last month": dt.date(2026, 10, 22),
        "last year": dt.date(2025, 11, 22),
        "long ago": dt.date(2024, 2, 22),
    }
    unwanted = {
        "today": today,
        "this month": dt.date(2026, 11, 15),
        "next day": dt.date(2026, 10, 23),
        "day before": dt.date(2026, 10, 21),
    }
    ids = {label: store.entries.add(label, day=day).id for label, day in {**wanted, **unwanted}.items()}
    trashed = store.entries.add("trashed", day=dt.date(2026, 9, 22))
    store.entries.delete(trashed.id)
    found = store.entries.on_this_day(today)
    assert [s.id for s in found] == [ids["last month"], ids["last year"], ids["long ago"]]


# -- drafts and settings --------------------------------------------------------------------------


def test_drafts_save_get_all_discard_and_upsert(store: Store, clock) -> None:
    assert store.drafts.get("new") is None
    saved = store.drafts.save(Draft(key="new", body="first words", title="t", tags=("#a", "A", "b"), mood=2))
    assert saved.tags == ("a", "b")
    got = store.drafts.get("new")
    assert got is not None
    assert (got.body, got.title, got.tags, got.mood, got.shared) == ("first words", "t", ("a", "b"), 2, False)
    assert got.updated_at == clock.now

    clock.advance(days=1)
    entry = store.entries.add("saved")
    store.drafts.save(Draft(key=f"entry:{entry.id}", body="edit in progress", entry_id=entry.id, base_revision=1))
    clock.advance(days=1)
    store.drafts.save(Draft(key="new", body="first words, more", shared=True))  # upsert, newest now
    drafts = store.drafts.all()
    assert [d.key for d in drafts] == ["new", f"entry:{entry.id}"]
    assert drafts[0].body == "first words, more"
    assert drafts[0].shared is True
    assert drafts[0].mood is None
    assert drafts[1].entry_id == entry.id and drafts[1].base_revision == 1

    store.drafts.discard("new")
    assert store.drafts.get("new") is None
    assert [d.key for d in store.drafts.all()] == [f"entry:{entry.id}"]
    store.drafts.discard("does-not-exist")  # harmless


def test_draft_with_bad_mood_is_rejected(store: Store) -> None:
    with pytest.raises(UsageError):
        store.drafts.save(Draft(key="new", body="x", mood=9))
    assert store.drafts.get("new") is None


def test_settings_default_set_get_and_json_round_trip(store: Store) -> None:
    assert store.settings.get("theme") is None
    assert store.settings.get("theme", "dark") == "dark"
    value = {"list": [1, 2.5, None, True], "text": "仕事 🎉 [bold]", "nested": {"a": {"b": []}}}
    store.settings.set("complex", value)
    assert store.settings.get("complex") == value
    store.settings.set("theme", "light")
    store.settings.set("theme", "solarized")
    assert store.settings.get("theme", "dark") == "solarized"
    store.settings.set("flag", False)
    assert store.settings.get("flag", True) is False
    assert store.settings.all() == {"complex": value, "flag": False, "theme": "solarized"}


def test_settings_survive_reopen(db_path: Path, clock) -> None:
    with Store.open(db_path, clock=clock) as first:
        first.settings.set("sidebar", {"open": True})
    with Store.open(db_path, clock=clock) as again:
        assert again.settings.get("sidebar") == {"open": True}


# -- any text is safe -----------------------------------------------------------------------------


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_round_trips_exactly(store: Store, text: str) -> None:
    entry = store.entries.add(text, title=text)
    got = store.entries.get(entry.id)
    assert got.body == text
    assert got.title == text
    assert got.body.encode("utf-8", "surrogatepass") == text.encode("utf-8", "surrogatepass")
    parsed = json.loads(entries_json([got]))
    assert parsed[0]["body"] == text
    assert parsed[0]["title"] == text
    listed = store.entries.list()
    assert listed[0].body == text


def test_hostile_text_survives_reopen(db_path: Path, clock) -> None:
    with Store.open(db_path, clock=clock) as first:
        made = [first.entries.add(text, title=text).id for text in HOSTILE]
    with Store.open(db_path, clock=clock) as again:
        assert [again.entries.get(i).body for i in made] == HOSTILE


def test_five_megabyte_body_round_trips(store: Store) -> None:
    chunk = "".join(HOSTILE) + "\nplain line of typing\r\n\t"
    body = (chunk * (5 * 1024 * 1024 // len(chunk.encode()) + 1))
    assert len(body.encode()) >= 5 * 1024 * 1024
    entry = store.entries.add(body, title="big paste")
    got = store.entries.get(entry.id)
    assert got.body == body
    assert json.loads(entries_json([got]))[0]["body"] == body
    assert ids_for(store, search="typing") == [entry.id]


def test_search_over_cjk_emoji_and_rtl_entries(store: Store) -> None:
    cjk = store.entries.add("今日 仕事と家庭 🎉👩‍💻 balance")
    rtl = store.entries.add("שלום عالم")
    assert ids_for(store, search="仕事と家庭") == [cjk.id]
    assert ids_for(store, search="仕事") == [cjk.id]  # prefix of the last word
    assert ids_for(store, search="🎉") == []  # no words: no error, no matches
    assert ids_for(store, search="🎉 balance") == [cjk.id]
    assert ids_for(store, search="שלום") == [rtl.id]
    assert ids_for(store, search="عالم") == [rtl.id]
    assert list(store.entries.ids(EntryQuery(search="عالم"), ranked=True)) == [rtl.id]


WEIRD_SEARCHES = [
    '"', "-", "(", ")", "NEAR(", "NEAR(a b)", "*", "AND OR NOT", "AND", "NOT x", "[x]", 'a"b', "", " ",
    "!!!", "?.,;:", "^", "title:", "body:x", "a:b", "{a b}", "+x", "-x", "x*", '"unclosed', '""', '" "',
    "_", "a_b", "\x00", "a\x00b", "\u0301", "e\u0301", "½", "🎉", "'", "a'b", "(a OR b)", "x AND", "\\",
]


@pytest.mark.parametrize("text", WEIRD_SEARCHES)
def test_weird_search_text_never_breaks_the_query(store: Store, text: str) -> None:
    store.entries.add("a b x [x] and near title body 仕事")
    fts = build_fts_query(text)
    assert fts is None or isinstance(fts, str)
    store.entries.ids(EntryQuery(search=text))
    store.entries.ids(EntryQuery(search=text), ranked=True)
    store.entries.count(EntryQuery(search=text))
    store.entries.list(EntryQuery(search=text))


def test_fts_query_quotes_every_word() -> None:
    assert build_fts_query(None) is None
    assert build_fts_query("") is None
    assert build_fts_query("!!!") is None
    assert build_fts_query("raise") == '"raise"*'
    assert build_fts_query("raise ") == '"raise"'
    assert build_fts_query("NEAR(") == '"NEAR"*'
    assert build_fts_query('"my partner" worries') == '"my partner" "worries"*'
    assert build_fts_query('worries "my partner"') == '"worries" "my partner"'
    assert build_fts_query("x", prefix_last=False) == '"x"'


# -- backup ---------------------------------------------------------------------------------------


def test_backup_is_a_consistent_snapshot_during_another_write(store: Store, db_path: Path, tmp_path: Path) -> None:
    committed = [store.entries.add(f"committed {i}").body for i in range(3)]
    other = Store.open(db_path)
    try:
        other.conn.execute("BEGIN IMMEDIATE")
        other.conn.execute(
            "INSERT INTO entries (body, day, created_at, updated_at) VALUES (?, ?, ?, ?)",
            ("uncommitted secret", "2026-11-22", "2026-11-22T21:00:00.000000+00:00", "2026-11-22T21:00:00.000000+00:00"),
        )
        dest = tmp_path / "copy.db"
        written = store.backup(dest)
        assert written == dest
        other.conn.execute("ROLLBACK")
    finally:
        other.close()
    assert mode(dest) == 0o600
    assert dest.read_bytes()[:16] == b"SQLite format 3\x00"
    assert not list(tmp_path.glob(".careerjournal-backup-*")), "temporary file left behind"
    with Store.open(dest) as copy:
        assert copy.conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"
        bodies = sorted(e.body for e in copy.entries.list())
        assert bodies == sorted(committed)
        assert copy.entries.ids(EntryQuery(search="uncommitted")).tolist() == []
        assert copy.entries.ids(EntryQuery(search="committed")).tolist() != []


def test_backup_into_a_folder_gets_a_dated_name(store: Store, tmp_path: Path) -> None:
    store.entries.add("in the backup")
    folder = tmp_path / "backups"
    folder.mkdir()
    written = store.backup(folder)
    assert written.parent == folder
    assert written.name == "journal-backup-2026-11-22-210000.db"
    assert mode(written) == 0o600
    with Store.open(written) as copy:
        assert [e.body for e in copy.entries.list()] == ["in the backup"]


def test_backup_overwrites_an_older_backup(store: Store, tmp_path: Path) -> None:
    dest = tmp_path / "b.db"
    store.entries.add("one")
    store.backup(dest)
    store.entries.add("two")
    store.backup(dest)
    with Store.open(dest) as copy:
        assert copy.entries.count() == 2


def test_backup_refuses_to_overwrite_the_journal(store: Store, db_path: Path) -> None:
    store.entries.add("precious")
    before = db_path.read_bytes()
    for dest in (db_path, db_path.parent / "." / db_path.name):
        with pytest.raises(DatabaseError) as info:
            store.backup(dest)
        assert "\n" not in str(info.value)
    store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    assert [e.body for e in store.entries.list()] == ["precious"]
    assert len(db_path.read_bytes()) >= len(before)


def test_backup_into_a_missing_folder_is_a_sentence(store: Store, tmp_path: Path) -> None:
    with pytest.raises(CareerJournalError) as info:
        store.backup(tmp_path / "no" / "such" / "copy.db")
    assert "\n" not in str(info.value)
    assert not (tmp_path / "no").exists()


# -- file privacy and location --------------------------------------------------------------------


def test_new_file_and_folder_are_private(tmp_path: Path, clock) -> None:
    path = tmp_path / "fresh" / "journal.db"
    with Store.open(path, clock=clock) as opened:
        opened.entries.add("write something so the WAL exists")
        assert mode(path) == 0o600
        assert mode(path.parent) == 0o700
        for suffix in ("-wal", "-shm"):
            side = path.with_name(path.name + suffix)
            assert side.exists(), f"{side.name} should exist while the journal is open"
            assert mode(side) == 0o600, f"{side.name} is {oct(mode(side))}"


def test_existing_folder_mode_is_not_changed(tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    folder.mkdir(mode=0o755)
    os.chmod(folder, 0o755)
    with Store.open(folder / "j.db"):
        pass
    assert mode(folder) == 0o755
    assert mode(folder / "j.db") == 0o600


def test_resolve_db_path_precedence(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, isolated_home: Path) -> None:
    default = Path(os.environ["XDG_DATA_HOME"]) / "careerjournal" / "journal.db"
    assert resolve_db_path(None) == default
    monkeypatch.setenv("CAREERJOURNAL_DB", str(tmp_path / "env.db"))
    assert resolve_db_path(None) == tmp_path / "env.db"
    assert resolve_db_path(str(tmp_path / "cli.db")) == tmp_path / "cli.db"
    assert resolve_db_path("~/x.db") == isolated_home / "x.db"
    monkeypatch.setenv("CAREERJOURNAL_DB", "")
    assert resolve_db_path(None) == default
