"""The full-text index keeps prefixes of three and four characters (schema 3), for searching as you type."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from careerjournal.db import migrations
from careerjournal.db.store import Store
from careerjournal.models import EntryQuery
from tests.unit.test_word_count import make_version_1_journal


def fts_sql(conn: sqlite3.Connection) -> str:
    return conn.execute("SELECT sql FROM sqlite_master WHERE name = 'entries_fts'").fetchone()[0]


def fts_is_consistent(conn: sqlite3.Connection) -> None:
    """FTS5's own check that the index holds exactly what the entries say (raises if not)."""
    conn.execute("INSERT INTO entries_fts (entries_fts, rank) VALUES ('integrity-check', 1)")


def prefix_matches(store: Store, prefix: str) -> list[str]:
    return sorted(entry.title for entry in store.entries.list(EntryQuery(search=prefix)))


def test_a_new_journal_indexes_prefixes(tmp_path: Path) -> None:
    with Store.open(tmp_path / "new.db") as store:
        assert f"prefix='{migrations.FTS_PREFIXES}'" in fts_sql(store.conn)
        store.entries.add("A workshop on Tuesday", title="Workshop")
        store.entries.add("Worried about the move", title="Worry")
        assert prefix_matches(store, "wor") == ["Workshop", "Worry"]
        assert prefix_matches(store, "work") == ["Workshop"]
        fts_is_consistent(store.conn)


def test_an_older_journal_is_reindexed_with_prefixes_and_stays_in_step(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    make_version_1_journal(path, [(f"Title {n}", f"marker{n} workplace notes") for n in range(40)])
    with Store.open(path) as store:
        assert store.schema_version() == migrations.LATEST_VERSION
        assert f"prefix='{migrations.FTS_PREFIXES}'" in fts_sql(store.conn)
        fts_is_consistent(store.conn)
        assert len(prefix_matches(store, "work")) == 40
        assert prefix_matches(store, "marker7") == ["Title 7"]
        # The triggers still keep the rebuilt index in step with every kind of write.
        entry = store.entries.list(EntryQuery(search="marker8"))[0]
        store.entries.update(entry.id, body="a giraffe instead")
        assert prefix_matches(store, "gira") == ["Title 8"]
        assert prefix_matches(store, "marker8") == []
        added = store.entries.add("another workplace story", title="New")
        assert "New" in prefix_matches(store, "work")
        store.entries.delete(added.id)
        store.entries.purge(added.id)
        assert "New" not in prefix_matches(store, "work")
        fts_is_consistent(store.conn)


def test_the_caller_hears_of_an_upgrade_before_it_starts_and_only_then(tmp_path: Path) -> None:
    """A large journal takes seconds to upgrade: the command line says so first (launch._say_upgrading)."""
    heard: list[int] = []
    path = tmp_path / "old.db"
    make_version_1_journal(path, [("Title", "body")])
    with Store.open(path, on_upgrade=lambda: heard.append(1)) as store:
        assert store.schema_version() == migrations.LATEST_VERSION
    assert heard == [1]
    with Store.open(path, on_upgrade=lambda: heard.append(2)):
        pass
    with Store.open(tmp_path / "new.db", on_upgrade=lambda: heard.append(3)):
        pass  # a new journal is created, not upgraded: nothing to wait for
    assert heard == [1]
