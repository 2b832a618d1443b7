"""What keeps ``list`` and ``add`` quick, and the promises they must keep while quick.

- ``add`` writes without importing sqlite-utils; neither command imports Textual.
- ``list`` runs SQLite's quick_check on a thread beside its own reading and
  formatting (``Store.open(check="background")``): a damaged journal still gets
  only its one sentence, and nothing is written to it.
- A command that only reads leaves the journal file exactly as it was (no
  ``PRAGMA optimize`` re-ANALYZE on close).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import json
import random
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from careerjournal.db.store import Store
from careerjournal.errors import DatabaseDamagedError
from careerjournal.models import EntryQuery

DAMAGED = "is damaged and cannot be opened; restore it from a backup."


def make_journal(path: Path, entries: int = 200, *, trash: int = 0) -> None:
    with Store.open(path) as store:
        for n in range(entries):
            store.entries.add(f"entry {n} mentor " + "the quick brown fox jumps over the lazy dog " * 12,
                              title=f"title {n}", tags=[f"tag{n % 7}"], day=dt.date(2026, 1, 1) + dt.timedelta(days=n))
        for entry_id in range(1, trash + 1):
            store.entries.delete(entry_id)


def damage(path: Path) -> None:
    data = bytearray(path.read_bytes())
    start = (len(data) // 2) // 4096 * 4096
    data[start : start + 3 * 4096] = random.Random(20261122).randbytes(3 * 4096)
    path.write_bytes(bytes(data))


def cli(*args: str) -> tuple[int, str, str]:
    from careerjournal.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(args))
    return code, out.getvalue(), err.getvalue()


# -- imports ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [["add", "quick one"], ["list", "--limit", "10"], ["list", "--search", "mentor", "--limit", "20"],
     ["list", "--json"]],
    ids=["add", "list", "search", "json"],
)
def test_add_and_list_load_neither_sqlite_utils_nor_textual(tmp_path: Path, args: list[str]) -> None:
    db = tmp_path / "journal.db"
    make_journal(db, 30)  # created here: a new journal's migration does use sqlite-utils
    code = f"""
import contextlib, io, json, sys
from careerjournal.cli import main
with contextlib.redirect_stdout(io.StringIO()):
    status = main({["--db", str(db), *args]!r})
heavy = sorted(m for m in sys.modules if m.split(".")[0] in ("textual", "sqlite_utils"))
print(json.dumps({{"status": status, "heavy": heavy}}))
"""
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    assert seen["status"] == 0
    assert seen["heavy"] == []


def test_the_import_probe_would_notice_sqlite_utils(tmp_path: Path) -> None:
    # Creating a journal runs the migrations, which do use sqlite-utils.
    code = f"""
import json, sys
from careerjournal.db.store import Store
Store.open({str(tmp_path / "new.db")!r}).close()
print(json.dumps("sqlite_utils" in sys.modules))
"""
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.strip().splitlines()[-1]) is True


# -- the writer a transaction hands out -------------------------------------------------------------


def test_transaction_gives_connection_and_execute_and_sqlite_utils_on_demand(store: Store) -> None:
    with store.transaction() as db:
        assert db.conn is store.conn
        db.execute("INSERT INTO settings (key, value) VALUES (?, ?)", ("k", '"v"'))
        assert db.execute("SELECT value FROM settings WHERE key = 'k'").fetchone()[0] == '"v"'
        assert db["settings"].count == 1  # anything else is sqlite-utils' Database
        assert db.table_names()
    assert store.settings.get("k") == "v"


def test_recursive_triggers_are_on_before_any_write(tmp_path: Path) -> None:
    # sqlite-utils turned this on when the first transaction loaded it; now the connection does.
    path = tmp_path / "journal.db"
    make_journal(path, 1)
    with Store.open(path) as store:
        assert store.conn.execute("PRAGMA recursive_triggers").fetchone()[0] == 1


def test_replace_keeps_the_search_index_in_step(tmp_path: Path) -> None:
    path = tmp_path / "journal.db"
    make_journal(path, 1)
    with Store.open(path) as store:  # reopened: no migration has loaded sqlite-utils
        entry = store.entries.add("an old word: zebra")
        with store.transaction() as db:
            db.execute(
                "INSERT OR REPLACE INTO entries (id, title, body, tags, day, created_at, updated_at)"
                " SELECT id, title, 'a new word: giraffe', tags, day, created_at, updated_at FROM entries WHERE id = ?",
                (entry.id,),
            )
        assert store.entries.count(EntryQuery(search="zebra")) == 0
        assert store.entries.count(EntryQuery(search="giraffe")) == 1


# -- reading leaves the file alone -------------------------------------------------------------------


def test_a_read_only_session_leaves_the_file_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "journal.db"
    make_journal(path, 120)
    before = path.read_bytes()
    with Store.open(path) as store:
        assert store.entries.list(EntryQuery(search="mentor"), limit=5)
        assert store.entries.count(EntryQuery(search="mentor")) == 120  # looks in the (empty) trash
        assert store.entries.count() == 120
        assert store.entries.list(limit=5)
    assert path.read_bytes() == before


def test_a_session_that_wrote_still_optimizes(tmp_path: Path) -> None:
    path = tmp_path / "journal.db"
    make_journal(path, 50)
    with Store.open(path) as store:
        store.conn.execute("DROP TABLE IF EXISTS sqlite_stat1")
        store.entries.add("one more")
        assert store.entries.count(EntryQuery(since=dt.date(2026, 1, 10))) == 42
    raw = sqlite3.connect(path)
    try:
        assert raw.execute("SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_stat1'").fetchone()[0] == 1
    finally:
        raw.close()


# -- counting ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "query",
    [EntryQuery(), EntryQuery(since=dt.date(2026, 2, 1)), EntryQuery(until=dt.date(2026, 3, 1)),
     EntryQuery(since=dt.date(2026, 2, 1), until=dt.date(2026, 3, 1)), EntryQuery(same_day_as=dt.date(2026, 6, 5)),
     EntryQuery(tag="tag3"), EntryQuery(deleted=True), EntryQuery(search="mentor", since=dt.date(2026, 2, 1))],
    ids=repr,
)
def test_count_agrees_with_the_rows(tmp_path: Path, query: EntryQuery) -> None:
    path = tmp_path / "journal.db"
    make_journal(path, 150, trash=9)
    with Store.open(path) as store:
        assert store.entries.count(query) == len(store.entries.list(query))


def test_list_counts_only_a_full_page(tmp_path: Path) -> None:
    db = tmp_path / "journal.db"
    make_journal(db, 12, trash=2)
    code, out, _ = cli("--db", str(db), "list", "--limit", "5")
    assert code == 0 and "Showing 5 of 10; use --limit 0 to see all." in out
    code, out, _ = cli("--db", str(db), "list", "--limit", "10")
    assert code == 0 and "Showing" not in out
    code, out, _ = cli("--db", str(db), "list", "--search", "title 11", "--limit", "5")
    assert code == 0 and "Showing" not in out and "title 11" in out
    code, out, _ = cli("--db", str(db), "list", "--search", "nowhere", "--limit", "5")
    assert code == 0 and out.strip() == "No entries match."


# -- the check beside the work ----------------------------------------------------------------------


def test_background_check_passes_on_a_sound_journal(tmp_path: Path) -> None:
    path = tmp_path / "journal.db"
    make_journal(path, 30)
    with Store.open(path, check="background") as store:
        assert store._check is not None  # an up-to-date WAL journal: checked beside the work
        assert len(store.entries.list(limit=5)) == 5
        store.wait_for_check()
        store.entries.add("after the check")
    with Store.open(path) as store:
        assert store.entries.count() == 31


@contextlib.contextmanager
def damaged_store_left_untouched(tmp_path: Path):  # type: ignore[no-untyped-def]
    """A damaged journal opened with the background check; its bytes must be the same after."""
    path = tmp_path / "journal.db"
    make_journal(path, 200)
    damage(path)
    before = path.read_bytes()
    store = Store.open(path, check="background")
    try:
        yield store
    finally:
        store.close()
    assert path.read_bytes() == before


def test_background_check_refuses_a_damaged_journal_and_leaves_it_untouched(tmp_path: Path) -> None:
    path = tmp_path / "journal.db"
    with damaged_store_left_untouched(tmp_path) as store:
        with pytest.raises(DatabaseDamagedError) as waited:
            store.wait_for_check()
        assert str(waited.value) == f"{path} {DAMAGED}"
        with pytest.raises(DatabaseDamagedError):
            store.entries.add("must not be written")
        failed = 0
        for read in (lambda: store.entries.list(EntryQuery(search="mentor")), lambda: store.entries.list(),
                     lambda: store.entries.count(EntryQuery(tag="tag3")), lambda: store.entries.count()):
            try:
                read()
            except DatabaseDamagedError as error:  # a read that runs into the damage says what the check found
                assert str(error) == f"{path} {DAMAGED}"
                failed += 1
        assert failed  # the damage is in the entries these read


def test_a_write_waits_for_the_background_check(tmp_path: Path) -> None:
    with damaged_store_left_untouched(tmp_path) as store:
        with pytest.raises(DatabaseDamagedError) as info:
            store.entries.add("must not be written")
        assert str(info.value) == f"{tmp_path / 'journal.db'} {DAMAGED}"


def test_a_journal_opening_would_change_is_checked_first(tmp_path: Path) -> None:
    path = tmp_path / "journal.db"
    make_journal(path, 200)
    raw = sqlite3.connect(path)
    raw.execute("PRAGMA journal_mode = DELETE")  # opening it would write the WAL header
    raw.close()
    damage(path)
    before = path.read_bytes()
    with pytest.raises(DatabaseDamagedError):
        Store.open(path, check="background")
    assert path.read_bytes() == before


def test_closing_during_the_background_check_is_quiet(tmp_path: Path) -> None:
    path = tmp_path / "journal.db"
    make_journal(path, 200)
    store = Store.open(path, check="background")
    check = store._check
    store.close()
    assert check is not None and not check._thread.is_alive()


# -- the check reads through a memory map, and lets go of it -----------------------------------------


def mmap_size(conn: sqlite3.Connection) -> int:
    return conn.execute("PRAGMA mmap_size").fetchone()[0]


@pytest.mark.parametrize("damaged", [False, True], ids=["sound", "damaged"])
def test_a_mapped_check_gives_the_same_answer_and_drops_the_map(tmp_path: Path, damaged: bool) -> None:
    from careerjournal.db.connection import verify

    path = tmp_path / "journal.db"
    make_journal(path, 200)
    if damaged:
        damage(path)
    conn = sqlite3.connect(path)
    try:
        answers = []
        for mapped in (False, True):
            try:
                verify(conn, path, mapped=mapped)
                answers.append("ok")
            except DatabaseDamagedError as error:
                answers.append(str(error))
            assert mmap_size(conn) == 0  # whatever the answer, the connection works as before
        assert answers == [f"{path} {DAMAGED}"] * 2 if damaged else ["ok", "ok"]
    finally:
        conn.close()


def test_the_commands_check_through_a_map_and_keep_no_map_open(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Store.open's checks, before and beside the work, are mapped; the store's connection is not."""
    import careerjournal.db.connection as connection
    import careerjournal.db.store as store_module

    path = tmp_path / "journal.db"
    make_journal(path, 30)
    seen: list[bool] = []
    real = connection.verify

    def spy(conn: sqlite3.Connection, where: Path, *, mapped: bool = False) -> None:
        seen.append(mapped)
        real(conn, where, mapped=mapped)

    monkeypatch.setattr(connection, "verify", spy)
    monkeypatch.setattr(store_module, "verify", spy)
    for check in (True, "background"):
        with Store.open(path, check=check) as store:
            store.wait_for_check()
            assert mmap_size(store.conn) == 0
            store.entries.add("written after the check")
    assert seen == [True, True]


@pytest.mark.parametrize("args", [["list"], ["list", "--json"], ["list", "--search", "mentor"]],
                         ids=["table", "json", "search"])
def test_list_prints_nothing_from_a_damaged_journal(tmp_path: Path, args: list[str]) -> None:
    db = tmp_path / "journal.db"
    make_journal(db, 200)
    damage(db)
    before = db.read_bytes()
    code, out, err = cli("--db", str(db), *args)
    assert (code, out) == (1, "")
    assert err == f"careerjournal: {db} {DAMAGED}\n"
    assert db.read_bytes() == before
