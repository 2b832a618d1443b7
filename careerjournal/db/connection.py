"""Opening a journal file safely: check first, never modify a file that isn't ours.

Every bad file gets one sentence (a :class:`CareerJournalError`) and is left
byte-for-byte as it was: a folder, a file that is not SQLite (checked on the
header, because SQLite would happily reuse a 1-byte file), a damaged file, a
read-only file, a schema newer than this version, a lock held past the timeout.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from pathlib import Path
from urllib.parse import quote

from careerjournal.errors import (
    DatabaseDamagedError,
    DatabaseError,
    DatabaseIsFolderError,
    DatabaseReadOnlyError,
    NotADatabaseError,
    translate_sqlite_error,
)
from careerjournal.paths import prepare_db_file

SQLITE_HEADER = b"SQLite format 3\x00"
#: ``PRAGMA application_id``: marks a file as a careerjournal journal ("CJRN").
APPLICATION_ID = 0x434A524E
DEFAULT_BUSY_TIMEOUT_MS = 5000
#: How much of the file quick_check may read through a memory map (SQLite caps it at ~2 GB).
CHECK_MMAP_BYTES = 1 << 31


def busy_timeout_ms() -> int:
    """How long to wait for another program's lock; tests shorten it by environment."""
    try:
        return max(0, int(os.environ.get("CAREERJOURNAL_BUSY_TIMEOUT_MS", DEFAULT_BUSY_TIMEOUT_MS)))
    except ValueError:
        return DEFAULT_BUSY_TIMEOUT_MS


def check_file(path: Path) -> None:
    """Refuse anything that is not an SQLite file (or empty), without touching it."""
    if path.is_dir():
        raise DatabaseIsFolderError(f"{path} is a folder, not a journal file; give a file name instead.")
    if not path.exists():
        return
    try:
        with open(path, "rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except PermissionError:
        raise DatabaseError(f"{path} cannot be read; check its permissions.") from None
    except OSError as error:
        raise DatabaseError(f"{path} cannot be read: {error.strerror or error}.") from None
    if header and header != SQLITE_HEADER:
        raise NotADatabaseError(f"{path} is not a careerjournal database (it is not an SQLite file); choose another file.")


def open_connection(path: Path, *, create: bool = True) -> tuple[sqlite3.Connection, bool]:
    """Open ``path`` and return (connection, writable).

    A file we may not write is opened read-only, so reading still works and
    any write fails with a sentence saying why.
    """
    check_file(path)
    if create and not path.exists():
        prepare_db_file(path)
    elif not path.exists():
        raise DatabaseError(f"{path} does not exist; check the path.")
    writable = os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)
    timeout = busy_timeout_ms() / 1000
    try:
        if writable:
            conn = sqlite3.connect(path, timeout=timeout, isolation_level=None, check_same_thread=False)
        else:
            conn = _open_read_only(path, timeout)
        conn.execute(f"PRAGMA busy_timeout = {busy_timeout_ms()}")
        conn.execute("PRAGMA foreign_keys = ON")
        # What sqlite-utils turned on when it wrapped the connection (writes no
        # longer load it): REPLACE fires the full-text index's delete trigger.
        conn.execute("PRAGMA recursive_triggers = ON")
        conn.execute("PRAGMA secure_delete = ON")
        conn.execute("PRAGMA synchronous = FULL")
    except sqlite3.Error as error:
        raise translate_sqlite_error(error, path) from None
    return conn, writable


def _open_read_only(path: Path, timeout: float) -> sqlite3.Connection:
    uri = "file:" + quote(str(path.resolve())) + "?mode=ro"
    conn = sqlite3.connect(uri, uri=True, timeout=timeout, isolation_level=None, check_same_thread=False)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return conn
    except sqlite3.OperationalError:
        # A WAL file in a folder we cannot write has no -shm to share: nobody
        # can be writing it, so reading it as immutable is safe.
        conn.close()
        uri += "&immutable=1"
        return sqlite3.connect(uri, uri=True, timeout=timeout, isolation_level=None, check_same_thread=False)


def verify(conn: sqlite3.Connection, path: Path, *, mapped: bool = False) -> None:
    """Run SQLite's ``quick_check``; a damaged file gets a sentence, not a traceback.

    The check reads every page of the file. ``mapped`` reads them through a
    memory map, which skips a system call and a copy per page (0.19 s became
    0.11 s on a 193 MB journal); the map is dropped again afterwards. The
    commands use it: they are short, and they wait for the check. The app
    does not: its check runs in the background, and the mapped pages would
    count in its resident memory for as long as it runs.
    """
    try:
        if mapped:
            conn.execute(f"PRAGMA mmap_size = {CHECK_MMAP_BYTES}")
        try:
            rows = conn.execute("PRAGMA quick_check(1)").fetchall()
        finally:
            if mapped:
                conn.execute("PRAGMA mmap_size = 0")
    except sqlite3.DatabaseError as error:
        if getattr(error, "sqlite_errorname", "").startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
            raise translate_sqlite_error(error, path) from None
        raise DatabaseDamagedError(f"{path} is damaged and cannot be opened; restore it from a backup.") from None
    if not rows or rows[0][0] != "ok":
        raise DatabaseDamagedError(f"{path} is damaged and cannot be opened; restore it from a backup.")


class BackgroundCheck:
    """:func:`verify` on a connection of its own, on a thread.

    SQLite lets go of the GIL while it checks, so the check runs beside the
    command's own reading and formatting instead of before it. Whoever relies
    on the file being sound calls :meth:`wait` first, which raises the same
    sentence :func:`verify` would have.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._error: BaseException | None = None
        self._passed = False
        self._conn: sqlite3.Connection | None = None
        self._cancelled = False
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._run, name="careerjournal-check", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            conn = sqlite3.connect(self.path, timeout=busy_timeout_ms() / 1000, isolation_level=None,
                                   check_same_thread=False)
        except sqlite3.Error as error:
            self._error = translate_sqlite_error(error, self.path)
            return
        try:
            with self._lock:
                if self._cancelled:
                    return
                self._conn = conn
            conn.execute(f"PRAGMA busy_timeout = {busy_timeout_ms()}")
            conn.execute("PRAGMA query_only = ON")
            verify(conn, self.path, mapped=True)
            self._passed = True
        except BaseException as error:  # noqa: BLE001 - handed to whoever waits
            if not self._cancelled:  # an interrupted check says nothing about the file
                self._error = translate_sqlite_error(error, self.path) if isinstance(error, sqlite3.Error) else error
        finally:
            with self._lock:
                self._conn = None
            conn.close()

    @property
    def finished(self) -> bool:
        """True once the check has an answer (:meth:`wait` then returns or raises at once)."""
        return not self._thread.is_alive()

    def wait(self) -> None:
        """Return once the check has passed; raise its sentence if it did not."""
        self._thread.join()
        if self._error is not None:
            raise self._error
        if not self._passed:  # cancelled before it finished
            raise DatabaseError(f"{self.path} could not be checked; try again.")

    def cancel(self) -> None:
        """Stop the check (its answer is no longer needed) and wait for the thread."""
        with self._lock:
            self._cancelled = True
            if self._conn is not None:
                self._conn.interrupt()
        self._thread.join()


def use_wal(conn: sqlite3.Connection, path: Path) -> None:
    """Switch to WAL: called only once the file is known to be ours (it rewrites the header)."""
    try:
        mode = conn.execute("PRAGMA journal_mode").fetchone()[0]
        if mode.lower() != "wal":
            conn.execute("PRAGMA journal_mode = WAL")
    except sqlite3.Error as error:
        raise translate_sqlite_error(error, path) from None


def require_writable(writable: bool, path: Path) -> None:
    if not writable:
        raise DatabaseReadOnlyError(f"{path} is read-only, so nothing can be saved; check its permissions.")
