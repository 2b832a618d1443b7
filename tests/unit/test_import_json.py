"""JSON backup and import: lossless round trip, idempotence, merging, and refusing bad files."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from careerjournal.db.demo import fill_demo
from careerjournal.db.store import Store
from careerjournal.errors import CareerJournalError
from careerjournal.export import ImportFormatError, import_json, to_json
from careerjournal.export.backup import SPECS
from careerjournal.models import AgendaPoint, ConcernReason, Draft, EntryQuery, LedgerColumn, Owner, ResourceKind

from tests.conftest import FrozenClock


def open_store(path: Path, clock: FrozenClock) -> Store:
    return Store.open(path, clock=clock)


@pytest.fixture
def other(tmp_path: Path, clock: FrozenClock) -> Store:
    store = open_store(tmp_path / "other.db", clock)
    yield store
    store.close()


def fill_everything(store: Store) -> None:
    """Demo data plus a row in every table, hostile text, trash, and links between rows."""
    fill_demo(store)
    store.entries.add("<!-- \x1b[31m [/] 🌱 שלום\r\nsecond line", title="# Shared\n---", tags=["Hostile", "🌱"],
                      mood=1, shared=True)
    trashed = store.entries.add("gone soon", title="Trash me", tags=["career"])
    store.entries.delete(trashed.id)
    edited = store.entries.add("first words", title="Edited")
    store.entries.update(edited.id, body="second words", tags=["revised"])
    goal = store.goals.add("Learn to say no", why="Boundaries", owner=Owner.ME,
                           target_date=store.now().date() + dt.timedelta(days=30))
    step = store.goals.add_step(goal.id, "Practise on small things")
    store.goals.set_step_done(step.id, True)
    store.goals.add_resource(goal.id, ResourceKind.BOOK, "Boundaries book", link="https://example.org", notes="ch. 3")
    win = store.goals.add_win("Said no to a Saturday meeting", goal_id=goal.id, step_id=step.id)
    store.goals.win_to_entry(win.id)
    store.goals.set_celebrated(win.id)
    dropped = store.goals.add("Old plan", owner=Owner.PARTNER)
    store.goals.delete(dropped.id)
    store.ledger.add("Late Thursday calls", LedgerColumn.GIVE_UP, notes="only in launch month")
    store.talk.add_concern(ConcernReason.SAFETY, "Driving home late")
    store.talk.answer_self_check("travel", True)
    store.talk.answer_self_check("travel", False)
    talk = store.talk.start_talk(store.now().date(), [AgendaPoint("Holidays", "mine", True)], notes="Went well")
    store.talk.add_checkin(store.now().date(), heard=5, part_of_plan=4, no_winner=4, respected=5, note="calm",
                           talk_id=talk.id)
    store.talk.save_agenda([AgendaPoint("Next: weekends")])
    store.settings.set("theme", {"name": "dark", "contrast": 1})
    store.drafts.save(Draft(key="new", body="half a thought", tags=("draft",)))
    store.drafts.save(Draft(key=f"entry:{edited.id}", entry_id=edited.id, base_revision=2, body="unsaved edit"))
    with store.transaction() as db:
        db.execute("INSERT INTO dismissed_nudges (key, dismissed_at) VALUES (?, ?)",
                   ("ledger.lopsided", "2026-11-20T10:00:00.000000+00:00"))


def without_stamp(text: str) -> str:
    data = json.loads(text)
    data.pop("exported_at")
    return json.dumps(data, sort_keys=True)


def test_every_table_is_in_the_backup(store: Store) -> None:
    names = {row[0] for row in store.query("SELECT name FROM sqlite_master WHERE type = 'table'")}
    real = {name for name in names if not name.startswith(("sqlite_", "entries_fts"))}
    assert real == set(SPECS), "a new table needs a TableSpec in careerjournal/export/backup.py"


def test_round_trip_into_an_empty_journal_is_lossless(store: Store, other: Store, clock: FrozenClock) -> None:
    fill_everything(store)
    first = to_json(store, store.now())
    data = json.loads(first)
    assert data["format"] == "careerjournal-backup" and data["version"] == 1
    assert all(data["tables"][name] for name in SPECS), "every table should hold a row in this test"
    report = import_json(other, first)
    tables = data["tables"]
    assert report.sentence().startswith(
        f"Imported {len(tables['entries'])} entries, {len(tables['goals'])} goals,"
        f" {len(tables['ledger_items'])} ledger items and "
    )
    assert report.total_skipped == 0 and report.added["entries"] == len(data["tables"]["entries"])
    again = to_json(other, other.now())
    assert again == first  # same clock: byte-identical, exported_at included
    clock.advance(days=1)
    later = to_json(other, other.now())
    assert later != first and without_stamp(later) == without_stamp(first)
    assert [line for line in zip(first.splitlines(), later.splitlines()) if line[0] != line[1]] == [
        ('  "exported_at": "2026-11-22T21:00:00.000000+00:00",', '  "exported_at": "2026-11-23T21:00:00.000000+00:00",')
    ]
    # The restored journal works through the normal API, full-text search included.
    found = other.entries.list(EntryQuery(search="second line"))
    assert [e.title for e in found] == ["# Shared\n---"]
    assert other.entries.list(EntryQuery(tag="Hostile"))[0].tags == ("Hostile", "🌱")
    assert other.entries.list(EntryQuery(deleted=True))[0].title == "Trash me"
    assert other.drafts.get("new").body == "half a thought"


def test_importing_twice_adds_nothing(store: Store, other: Store) -> None:
    fill_everything(store)
    backup = to_json(store, store.now())
    import_json(other, backup)
    before = to_json(other, other.now())
    report = import_json(other, backup)
    assert report.total_added == 0 and report.total_skipped > 0
    assert report.sentence() == "Nothing new to import: everything in this backup is already in your journal."
    assert to_json(other, other.now()) == before


def _tags_by_entry(store: Store) -> dict[tuple[str, str, str], tuple[str, ...]]:
    return {(e.created_at.isoformat(), e.title, e.body): e.tags
            for e in store.entries.list() + store.entries.list(EntryQuery(deleted=True))}


def _links(store: Store) -> dict[str, Any]:
    """Relations described by content, not ids, so two journals can be compared."""
    rows = store.query(
        "SELECT w.text, g.title, s.text, e.title FROM wins w LEFT JOIN goals g ON g.id = w.goal_id "
        "LEFT JOIN goal_steps s ON s.id = w.step_id LEFT JOIN entries e ON e.id = w.entry_id ORDER BY w.text")
    steps = store.query("SELECT g.title, s.text, s.done FROM goal_steps s JOIN goals g ON g.id = s.goal_id "
                        "ORDER BY g.title, s.position")
    resources = store.query("SELECT g.title, r.title FROM goal_resources r JOIN goals g ON g.id = r.goal_id "
                            "ORDER BY r.title")
    checkins = store.query("SELECT c.day, c.heard, t.notes FROM checkins c LEFT JOIN talks t ON t.id = c.talk_id "
                           "ORDER BY c.day, c.heard")
    drafts = store.query("SELECT d.key, d.body, e.title FROM drafts d LEFT JOIN entries e ON e.id = d.entry_id "
                         "ORDER BY d.body")
    return {
        "wins": {tuple(r) for r in rows}, "steps": {tuple(r) for r in steps},
        "resources": {tuple(r) for r in resources}, "checkins": {tuple(r) for r in checkins},
        "drafts": {(r[1], r[2]) for r in drafts},
    }


def test_merge_into_a_journal_with_colliding_ids(store: Store, other: Store) -> None:
    fill_everything(store)
    backup = to_json(store, store.now())
    # The other journal has its own rows in the same tables, with the same ids.
    mine = other.entries.add("my own entry", title="Mine", tags=["career", "mine"], shared=True)
    other_goal = other.goals.add("My goal", owner=Owner.SHARED)
    other.goals.add_step(other_goal.id, "My step")
    other_talk = other.talk.start_talk(other.now().date() - dt.timedelta(days=3), [], notes="Our own talk")
    other.talk.add_checkin(other.now().date() - dt.timedelta(days=3), heard=1, part_of_plan=1, no_winner=1,
                           respected=1, talk_id=other_talk.id)
    other.drafts.save(Draft(key="new", body="my draft wins"))
    other.settings.set("theme", "light")
    before_rows = {name: [dict(r) for r in other.query(f'SELECT * FROM "{name}"')] for name in SPECS}

    report = import_json(other, backup)

    assert report.added["entries"] == len(json.loads(backup)["tables"]["entries"])
    for name, rows in before_rows.items():  # nothing that was there changed
        after = [dict(r) for r in other.query(f'SELECT * FROM "{name}"')]
        assert all(row in after for row in rows), name
    assert other.entries.get(mine.id).tags == ("career", "mine")
    assert other.drafts.get("new").body == "my draft wins"
    assert other.settings.get("theme") == "light"
    # Every imported entry has exactly its own tags, and every link points where it did.
    theirs = _tags_by_entry(store)
    merged = _tags_by_entry(other)
    assert all(merged[key] == tags for key, tags in theirs.items())
    for table_links in ("wins", "steps", "resources", "checkins"):
        assert _links(store)[table_links] <= _links(other)[table_links], table_links
    assert ("unsaved edit", "Edited") in _links(other)["drafts"]
    edit_key = next(r[0] for r in other.query("SELECT key FROM drafts WHERE body = 'unsaved edit'"))
    edited_id = next(r[0] for r in other.query("SELECT entry_id FROM drafts WHERE body = 'unsaved edit'"))
    original = next(d for d in json.loads(backup)["tables"]["drafts"] if d["body"] == "unsaved edit")
    assert edit_key == f"entry:{edited_id}" and edited_id != original["entry_id"] and original["entry_id"] is not None
    tag_rows = other.query("SELECT name FROM tags WHERE name = 'career' COLLATE NOCASE")
    assert len(tag_rows) == 1  # a shared tag name is reused, not duplicated
    # Idempotent after a merge too.
    snapshot = to_json(other, other.now())
    assert import_json(other, backup).total_added == 0
    assert to_json(other, other.now()) == snapshot
    assert other.entries.list(EntryQuery(search="second line"))


def _bad_files(good: str) -> list[tuple[str, str]]:
    def variant(change: Any) -> str:
        copy = json.loads(good)
        change(copy)
        return json.dumps(copy)

    late_bad_row = variant(lambda d: d["tables"]["checkins"].__setitem__(0, {**d["tables"]["checkins"][0], "heard": 9}))
    return [
        ("this is not json", "not valid JSON"),
        ("", "not valid JSON"),
        (good[: len(good) // 2], "not valid JSON"),
        ("[1, 2, 3]", "not a careerjournal backup"),
        (json.dumps({"format": "something-else", "version": 1, "tables": {}}), "not a careerjournal backup"),
        (variant(lambda d: d.__setitem__("version", 99)), "newer careerjournal"),
        (variant(lambda d: d.__setitem__("version", "1")), "unknown format version"),
        (variant(lambda d: d.__setitem__("version", 0)), "unknown format version"),
        (variant(lambda d: d.__setitem__("version", True)), "unknown format version"),
        (variant(lambda d: d.__setitem__("version", 1.0)), "unknown format version"),
        (variant(lambda d: d.pop("tables")), "no tables"),
        (variant(lambda d: d["tables"].__setitem__("passwords", [])), "does not know"),
        (variant(lambda d: d["tables"].__setitem__("entries", {"a": 1})), "not a list of rows"),
        (variant(lambda d: d["tables"]["entries"][0].__setitem__("mood", "five")), "unusable value for mood"),
        (variant(lambda d: d["tables"]["entries"][0].__setitem__("shared", True)), "unusable value for shared"),
        (variant(lambda d: d["tables"]["entries"][0].__setitem__("created_at", "yesterday")), "unusable value"),
        (variant(lambda d: d["tables"]["entries"][0].__setitem__("colour", "red")), "does not know"),
        (variant(lambda d: d["tables"]["entries"][0].pop("day")), "missing day"),
        (variant(lambda d: d["tables"]["entries"].append(d["tables"]["entries"][0])), "same entries row twice"),
        (variant(lambda d: d["tables"]["goal_steps"][0].__setitem__("goal_id", 999)), "inconsistent"),
        (variant(lambda d: d["tables"]["entries"].__setitem__(0, "row")), "not a set of named values"),
        (late_bad_row, "breaks a rule"),
        (good.replace('"mood": 4', '"mood": NaN', 1), "not valid JSON"),
    ]


def test_bad_files_are_refused_and_change_nothing(store: Store, other: Store) -> None:
    fill_everything(store)
    good = to_json(store, store.now())
    other.entries.add("already here", title="Existing")
    before = to_json(other, other.now())
    for text, expected in _bad_files(good):
        with pytest.raises(ImportFormatError) as caught:
            import_json(other, text)
        message = str(caught.value)
        assert expected in message, (expected, message)
        assert isinstance(caught.value, CareerJournalError)
        assert "\n" not in message and message.endswith(".") and len(message) < 200
        assert to_json(other, other.now()) == before, expected


def test_a_late_failure_rolls_back_rows_already_written(store: Store, other: Store) -> None:
    fill_everything(store)
    data = json.loads(to_json(store, store.now()))
    data["tables"]["dismissed_nudges"].append({"key": "x", "dismissed_at": "2026-11-20T10:00:00+00:00",
                                               "extra": 1})
    with pytest.raises(ImportFormatError):
        import_json(other, json.dumps(data))
    data["tables"]["dismissed_nudges"].pop()
    data["tables"]["checkins"][-1]["respected"] = 0  # fails at the insert, after entries were written
    with pytest.raises(ImportFormatError, match="checkins row"):
        import_json(other, json.dumps(data))
    assert other.entries.count() == 0 and other.entries.list(EntryQuery(search="second")) == []


def test_newer_version_sentence(other: Store) -> None:
    text = json.dumps({"format": "careerjournal-backup", "version": 2, "tables": {}})
    with pytest.raises(ImportFormatError, match=r"^This backup was made by a newer careerjournal"):
        import_json(other, text)


def test_progress_is_reported_with_increasing_counts(store: Store, other: Store) -> None:
    fill_demo(store)
    with store.transaction():  # one commit, so the test stays fast
        for number in range(1200):
            store.entries.add(f"bulk entry {number}", title=f"Bulk {number}")
    calls: list[tuple[int, int]] = []
    import_json(other, to_json(store, store.now()), progress=lambda done, total: calls.append((done, total)))
    totals = {total for _, total in calls}
    assert len(totals) == 1
    total = totals.pop()
    dones = [done for done, _ in calls]
    assert dones[0] == 0 and dones[-1] == total and len(calls) >= 4
    assert dones == sorted(dones)
    assert other.entries.list(EntryQuery(search="bulk 1199"))[0].title == "Bulk 1199"


def test_bytes_and_a_byte_order_mark_are_accepted(store: Store, other: Store) -> None:
    fill_demo(store)
    backup = to_json(store, store.now())
    report = import_json(other, ("\ufeff" + backup).encode("utf-8"))
    assert report.added["entries"] == store.entries.count()
    with pytest.raises(ImportFormatError, match="not UTF-8"):
        import_json(other, b"\xff\xfe\x00garbage")


def test_a_draft_whose_entry_was_emptied_from_the_trash_is_kept(store: Store, other: Store) -> None:
    entry = store.entries.add("to be purged", title="Gone")
    store.drafts.save(Draft(key=f"entry:{entry.id}", entry_id=entry.id, body="orphan draft"))
    store.entries.delete(entry.id)
    store.entries.empty_trash()
    backup = to_json(store, store.now())
    import_json(other, backup)
    assert other.drafts.get(f"entry:{entry.id}").body == "orphan draft"
    assert to_json(other, other.now()) == backup
