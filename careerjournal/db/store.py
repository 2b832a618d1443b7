"""The Store: the one door to the journal file.

Created once in ``cli.main()`` and handed to the app, so tests can inject a
temporary database. It owns one connection, shared by the UI's thread workers
under a lock, and exposes per-area repositories (``entries``, ``drafts``,
``settings``...) that take and return the dataclasses of :mod:`careerjournal.models`.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from careerjournal.dates import utc_now
from careerjournal.db.connection import APPLICATION_ID, open_connection, require_writable, use_wal, verify
from careerjournal.errors import (
    DatabaseReadOnlyError,
    DatabaseTooNewError,
    NotADatabaseError,
    SearchInterrupted,
    translate_sqlite_error,
)

if TYPE_CHECKING:
    import datetime as dt

    import sqlite_utils

    from careerjournal.db.goals import GoalRepo
    from careerjournal.db.nudges import NudgeRepo
    from careerjournal.db.plans import LedgerRepo, TalkRepo

T = TypeVar("T")


class Store:
    """Everything careerjournal keeps, in one SQLite file."""

    def __init__(
        self,
        path: Path,
        conn: sqlite3.Connection,
        writable: bool,
        clock: Callable[[], dt.datetime] = utc_now,
    ) -> None:
        self.path = path
        self.conn = conn
        self.writable = writable
        self.clock = clock
        self._lock = threading.RLock()
        self._depth = 0
        #: Bumped after every commit from this process; the UI polls it to refresh derived views.
        self.changes = 0
        self._db: sqlite_utils.Database | None = None
        #: A second, read-only connection for list and search queries (see search_read).
        self._search_conn: sqlite3.Connection | None = None
        self._search_lock = threading.Lock()
        from careerjournal.db.drafts import DraftRepo, SettingsRepo
        from careerjournal.db.entries import EntryRepo

        self.entries = EntryRepo(self)
        self.drafts = DraftRepo(self)
        self.settings = SettingsRepo(self)

    # The other areas load on first use: the journal opens without them.

    @cached_property
    def goals(self) -> GoalRepo:
        from careerjournal.db.goals import GoalRepo

        return GoalRepo(self)

    @cached_property
    def ledger(self) -> LedgerRepo:
        from careerjournal.db.plans import LedgerRepo

        return LedgerRepo(self)

    @cached_property
    def talk(self) -> TalkRepo:
        from careerjournal.db.plans import TalkRepo

        return TalkRepo(self)

    @cached_property
    def nudges(self) -> NudgeRepo:
        from careerjournal.db.nudges import NudgeRepo

        return NudgeRepo(self)

    # -- opening ---------------------------------------------------------------

    @classmethod
    def open(
        cls,
        path: Path | str,
        *,
        clock: Callable[[], dt.datetime] = utc_now,
        check: bool = True,
        create: bool = True,
    ) -> Store:
        """Open (creating if needed) and upgrade the journal at ``path``.

        Raises a :class:`CareerJournalError` with one sentence for any file that
        can't be used; such a file is never modified.
        """
        path = Path(path)
        conn, writable = open_connection(path, create=create)
        store = cls(path, conn, writable, clock)
        try:
            store._prepare(check)
        except BaseException:
            conn.close()
            raise
        return store

    def _prepare(self, check: bool) -> None:
        try:
            version = self.conn.execute("PRAGMA user_version").fetchone()[0]
            app_id = self.conn.execute("PRAGMA application_id").fetchone()[0]
            tables = self.conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        except sqlite3.DatabaseError as error:
            raise translate_sqlite_error(error, self.path) from None
        from careerjournal.db.schema import LATEST_VERSION

        if tables and app_id != APPLICATION_ID:
            raise NotADatabaseError(
                f"{self.path} is an SQLite database of another program, not a careerjournal journal; choose another file."
            )
        if version > LATEST_VERSION:
            raise DatabaseTooNewError(
                f"{self.path} was written by a newer careerjournal (schema {version}, this one knows {LATEST_VERSION}); "
                "upgrade careerjournal to open it."
            )
        if check and tables:
            verify(self.conn, self.path)
        if self.writable:
            use_wal(self.conn, self.path)
        if version < LATEST_VERSION:
            if not self.writable:
                raise DatabaseReadOnlyError(
                    f"{self.path} needs upgrading but is read-only; make it writable and try again."
                )
            self._upgrade()

    def _upgrade(self) -> None:
        from careerjournal.db.migrations import migrate

        with self.transaction() as db:
            # Re-read inside the lock: another process may have just migrated.
            version = db.execute("PRAGMA user_version").fetchone()[0]
            migrate(db, version)

    def close(self) -> None:
        with self._search_lock:
            if self._search_conn is not None:
                self._search_conn.close()
                self._search_conn = None
        with self._lock:
            try:
                if self.writable:
                    self.conn.execute("PRAGMA optimize")
            except sqlite3.Error:
                pass
            self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- plumbing -------------------------------------------------------------

    @property
    def db(self) -> sqlite_utils.Database:
        """sqlite-utils over our connection, imported lazily to keep start-up light."""
        if self._db is None:
            import sqlite_utils

            self._db = sqlite_utils.Database(self.conn)
        return self._db

    @contextmanager
    def transaction(self) -> Iterator[sqlite_utils.Database]:
        """A write transaction: ``BEGIN IMMEDIATE`` so read-modify-write never races.

        A deferred transaction would fail at once with SQLITE_BUSY_SNAPSHOT when
        another process wrote in between; IMMEDIATE waits for the busy timeout.
        Nested calls (on the same thread) become savepoints of the outer one, so
        several repository calls can form one all-or-nothing change.
        """
        require_writable(self.writable, self.path)
        with self._lock:
            if self._depth:
                yield from self._savepoint()
                return
            try:
                self.conn.execute("BEGIN IMMEDIATE")
            except sqlite3.Error as error:
                raise translate_sqlite_error(error, self.path) from None
            self._depth += 1
            try:
                yield self.db
            except BaseException as error:
                if self.conn.in_transaction:
                    self.conn.execute("ROLLBACK")
                if isinstance(error, sqlite3.Error):
                    raise translate_sqlite_error(error, self.path) from error
                raise
            else:
                try:
                    self.conn.execute("COMMIT")
                    self.changes += 1
                except sqlite3.Error as error:
                    if self.conn.in_transaction:
                        self.conn.execute("ROLLBACK")
                    raise translate_sqlite_error(error, self.path) from None
            finally:
                self._depth -= 1

    def _savepoint(self) -> Iterator[sqlite_utils.Database]:
        name = f"cj_{self._depth}"
        self.conn.execute(f"SAVEPOINT {name}")
        self._depth += 1
        try:
            yield self.db
        except BaseException:
            self.conn.execute(f"ROLLBACK TO {name}")
            self.conn.execute(f"RELEASE {name}")
            raise
        else:
            self.conn.execute(f"RELEASE {name}")
        finally:
            self._depth -= 1

    def read(self, work: Callable[[sqlite3.Connection], T]) -> T:
        """Run a read under the lock, translating SQLite errors into sentences."""
        with self._lock:
            try:
                return work(self.conn)
            except sqlite3.Error as error:
                raise translate_sqlite_error(error, self.path) from None

    def search_read(self, work: Callable[[sqlite3.Connection], T]) -> T:
        """Run a list or search query on a connection of its own.

        A search for a common word can take a few hundred milliseconds; on the
        shared connection it would hold up saving a draft, and the next
        keystroke's search would queue behind it. Here it runs beside them
        (WAL lets readers and a writer work at once) and can be stopped
        with :meth:`interrupt_searches`, which raises :class:`SearchInterrupted`.
        A journal opened read-only has no WAL to share, so it uses the main
        connection.
        """
        if not self.writable:
            return self.read(work)
        with self._search_lock:
            try:
                if self._search_conn is None:
                    self._search_conn = self._open_search_connection()
                return work(self._search_conn)
            except sqlite3.OperationalError as error:
                if getattr(error, "sqlite_errorname", "") == "SQLITE_INTERRUPT" or "interrupted" in str(error):
                    raise SearchInterrupted("The search was replaced by a newer one.") from None
                raise translate_sqlite_error(error, self.path) from None
            except sqlite3.Error as error:
                raise translate_sqlite_error(error, self.path) from None

    def _open_search_connection(self) -> sqlite3.Connection:
        from careerjournal.db.connection import busy_timeout_ms

        conn = sqlite3.connect(self.path, timeout=busy_timeout_ms() / 1000, isolation_level=None,
                               check_same_thread=False)
        conn.execute(f"PRAGMA busy_timeout = {busy_timeout_ms()}")
        conn.execute("PRAGMA query_only = ON")
        return conn

    def interrupt_searches(self) -> None:
        """Stop whatever :meth:`search_read` is running now (safe from any thread)."""
        conn = self._search_conn
        if conn is not None:
            try:
                conn.interrupt()
            except sqlite3.ProgrammingError:  # closed meanwhile
                pass

    def query(self, sql: str, params: Any = ()) -> list[sqlite3.Row]:
        def run(conn: sqlite3.Connection) -> list[sqlite3.Row]:
            cursor = conn.execute(sql, params)
            cursor.row_factory = sqlite3.Row
            return cursor.fetchall()

        return self.read(run)

    def now(self) -> dt.datetime:
        return self.clock()

    def schema_version(self) -> int:
        return self.read(lambda conn: conn.execute("PRAGMA user_version").fetchone()[0])

    # -- backup -----------------------------------------------------------------

    def backup(self, dest: Path) -> Path:
        """A consistent copy through SQLite's online backup API, even while in use.

        Written to a temporary file beside ``dest`` and renamed into place, so a
        failure leaves any older backup untouched. The copy is 0600.
        """
        from careerjournal.db.backup import write_backup

        return write_backup(self, dest)

