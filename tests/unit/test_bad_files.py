"""Files careerjournal must refuse with one sentence, leaving them exactly as they were."""

from __future__ import annotations

import os
import random
import sqlite3
import time
from pathlib import Path

import pytest

from careerjournal.db import connection
from careerjournal.db.migrations import LATEST_VERSION
from careerjournal.db.store import Store
from careerjournal.errors import (
    CareerJournalError,
    DatabaseDamagedError,
    DatabaseError,
    DatabaseIsFolderError,
    DatabaseLockedError,
    DatabaseReadOnlyError,
    DatabaseTooNewError,
    NotADatabaseError,
)
from careerjournal.models import EntryQuery

PNG_HEADER = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10" + bytes(range(64))


def snapshot(path: Path) -> tuple[bytes, int, list[str]]:
    """Bytes, mtime and the folder listing (to catch stray -wal/-shm/-journal files)."""
    return path.read_bytes(), path.stat().st_mtime_ns, sorted(os.listdir(path.parent))


def assert_one_sentence(error: BaseException) -> str:
    assert isinstance(error, CareerJournalError)
    text = str(error)
    assert text.strip(), "empty error message"
    assert "\n" not in text and "\r" not in text, f"message is not one line: {text!r}"
    assert "Traceback" not in text
    return text


def refuse(path: Path, expected: type[CareerJournalError] = CareerJournalError) -> str:
    before = snapshot(path)
    time.sleep(0.01)  # let any write show up as a different mtime
    with pytest.raises(expected) as info:
        Store.open(path)
    assert snapshot(path) == before, "a refused file must be left byte-for-byte unchanged"
    return assert_one_sentence(info.value)


def make_journal(path: Path, entries: int = 3) -> None:
    with Store.open(path) as store:
        for n in range(entries):
            store.entries.add(f"entry {n} " + "the quick brown fox jumps over the lazy dog " * 12,
                              title=f"title {n}", tags=[f"tag{n % 7}"])


# -- not a journal at all -------------------------------------------------------------------------


def test_folder_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "journal.db"
    folder.mkdir()
    (folder / "inside.txt").write_text("keep me")
    listing = sorted(os.listdir(tmp_path)), sorted(os.listdir(folder))
    with pytest.raises(DatabaseIsFolderError) as info:
        Store.open(folder)
    assert "folder" in assert_one_sentence(info.value)
    assert (sorted(os.listdir(tmp_path)), sorted(os.listdir(folder))) == listing
    assert (folder / "inside.txt").read_text() == "keep me"


@pytest.mark.parametrize(
    "content",
    [b"x", b"Dear diary,\ntoday I wrote a plain text file.\n" * 40, PNG_HEADER, b"SQLite format 2\x00" + b"\x00" * 200],
    ids=["one-byte", "text", "png", "almost-sqlite"],
)
def test_non_sqlite_files_are_refused(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "journal.db"
    path.write_bytes(content)
    refuse(path, NotADatabaseError)


def test_empty_file_is_accepted_and_initialised(tmp_path: Path) -> None:
    path = tmp_path / "journal.db"
    path.write_bytes(b"")
    with Store.open(path) as store:
        store.entries.add("first words")
        assert store.schema_version() == LATEST_VERSION
    assert path.read_bytes()[:16] == b"SQLite format 3\x00"
    with Store.open(path) as again:
        assert [e.body for e in again.entries.list()] == ["first words"]


def test_missing_file_without_create_is_a_sentence(tmp_path: Path) -> None:
    path = tmp_path / "nope.db"
    with pytest.raises(DatabaseError) as info:
        Store.open(path, create=False)
    assert_one_sentence(info.value)
    assert not path.exists()


# -- damaged ----------------------------------------------------------------------------------------


def test_damaged_journal_is_refused_and_untouched(tmp_path: Path) -> None:
    path = tmp_path / "journal.db"
    make_journal(path, 200)
    assert not path.with_name("journal.db-wal").exists()
    data = bytearray(path.read_bytes())
    page = 4096
    assert len(data) > 20 * page
    start = (len(data) // 2) // page * page
    garbage = random.Random(20261122).randbytes(3 * page)
    data[start : start + len(garbage)] = garbage
    path.write_bytes(bytes(data))

    text = refuse(path, DatabaseError)
    assert "damaged" in text.lower() and "backup" in text.lower()


def test_damaged_error_class(tmp_path: Path) -> None:
    path = tmp_path / "journal.db"
    make_journal(path, 200)
    data = bytearray(path.read_bytes())
    start = (len(data) // 2) // 4096 * 4096
    data[start : start + 4 * 4096] = b"\xa5" * (4 * 4096)
    path.write_bytes(bytes(data))
    with pytest.raises(DatabaseDamagedError):
        Store.open(path)


# -- someone else's SQLite database -----------------------------------------------------------------


def make_foreign(path: Path) -> None:
    other = sqlite3.connect(path)
    other.executescript(
        "CREATE TABLE photos (id INTEGER PRIMARY KEY, name TEXT);"
        "INSERT INTO photos (name) VALUES ('beach.jpg'), ('cat.png');"
    )
    other.commit()
    other.close()
    assert not path.with_name(path.name + "-journal").exists()


def test_foreign_sqlite_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "photos.db"
    make_foreign(path)
    with pytest.raises(NotADatabaseError) as info:
        Store.open(path)
    assert "another program" in assert_one_sentence(info.value)
    check = sqlite3.connect(path)
    assert check.execute("SELECT name FROM photos ORDER BY id").fetchall() == [("beach.jpg",), ("cat.png",)]
    assert check.execute("SELECT name FROM sqlite_master WHERE name = 'entries'").fetchall() == []
    check.close()


def test_foreign_sqlite_database_is_left_byte_for_byte(tmp_path: Path) -> None:
    path = tmp_path / "photos.db"
    make_foreign(path)
    refuse(path, NotADatabaseError)


# -- too new ----------------------------------------------------------------------------------------


def test_newer_schema_is_refused_and_untouched(tmp_path: Path) -> None:
    path = tmp_path / "journal.db"
    make_journal(path)
    raw = sqlite3.connect(path)
    raw.execute(f"PRAGMA user_version = {LATEST_VERSION + 5}")
    raw.commit()
    raw.close()
    text = refuse(path, DatabaseTooNewError)
    assert "newer" in text
    assert str(LATEST_VERSION + 5) in text


# -- read-only ----------------------------------------------------------------------------------------


def fake_os_without_write(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make careerjournal.db.connection believe nothing is writable (works as root too)."""
    real_os = os

    class NoWriteOs:
        def __getattr__(self, name: str) -> object:
            return getattr(real_os, name)

        @staticmethod
        def access(path: object, mode: int, **kwargs: object) -> bool:
            if mode & real_os.W_OK:
                return False
            return real_os.access(path, mode, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(connection, "os", NoWriteOs())


def test_read_only_journal_reads_but_refuses_writes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "journal.db"
    make_journal(path, 3)
    before = path.read_bytes()
    fake_os_without_write(monkeypatch)
    with Store.open(path) as store:
        assert store.writable is False
        assert store.entries.count() == 3
        assert [e.title for e in store.entries.list()] == ["title 2", "title 1", "title 0"]
        assert len(store.entries.ids(EntryQuery(search="fox"))) == 3
        with pytest.raises(DatabaseReadOnlyError) as info:
            store.entries.add("will not be saved")
        assert_one_sentence(info.value)
        with pytest.raises(DatabaseReadOnlyError):
            store.settings.set("theme", "dark")
        assert store.entries.count() == 3
    assert path.read_bytes() == before


def test_read_only_empty_file_cannot_be_initialised(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "journal.db"
    path.write_bytes(b"")
    fake_os_without_write(monkeypatch)
    with pytest.raises(DatabaseReadOnlyError) as info:
        Store.open(path)
    assert_one_sentence(info.value)
    assert path.read_bytes() == b""


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores file permissions")
def test_read_only_by_permissions(tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    path = folder / "journal.db"
    make_journal(path, 2)
    os.chmod(path, 0o444)
    os.chmod(folder, 0o555)
    try:
        before = snapshot(path)
        with Store.open(path) as store:
            assert store.writable is False
            assert store.entries.count() == 2
            with pytest.raises(DatabaseReadOnlyError) as info:
                store.entries.add("nope")
            assert_one_sentence(info.value)
        assert snapshot(path)[0] == before[0]
    finally:
        os.chmod(folder, 0o755)
        os.chmod(path, 0o644)


# -- locked -----------------------------------------------------------------------------------------


def test_lock_held_past_the_timeout(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CAREERJOURNAL_BUSY_TIMEOUT_MS", "200")
    path = tmp_path / "journal.db"
    make_journal(path, 1)
    holder = sqlite3.connect(path, isolation_level=None)
    try:
        holder.execute("BEGIN IMMEDIATE")
        holder.execute("INSERT INTO settings (key, value) VALUES ('holder', '1')")
        with Store.open(path) as store:
            assert store.entries.count() == 1  # reading is fine while someone writes
            started = time.monotonic()
            with pytest.raises(DatabaseLockedError) as info:
                store.entries.add("blocked")
            elapsed = time.monotonic() - started
            assert 0.1 < elapsed < 3, f"waited {elapsed:.2f}s for a 200 ms timeout"
            text = assert_one_sentence(info.value)
            assert "busy" in text.lower()
            holder.execute("ROLLBACK")
            store.entries.add("after release")
            assert sorted(e.body for e in store.entries.list())[0] == "after release"
            assert store.entries.count() == 2
    finally:
        if holder.in_transaction:
            holder.execute("ROLLBACK")
        holder.close()


def test_bad_busy_timeout_setting_falls_back(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CAREERJOURNAL_BUSY_TIMEOUT_MS", "soon")
    assert connection.busy_timeout_ms() == connection.DEFAULT_BUSY_TIMEOUT_MS
    monkeypatch.setenv("CAREERJOURNAL_BUSY_TIMEOUT_MS", "-5")
    assert connection.busy_timeout_ms() == 0
