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
from typing import TYPE_CHECKING, Any, Literal, TypeVar

from careerjournal.dates import utc_now
from careerjournal.db.connection import (
    APPLICATION_ID,
    BackgroundCheck,
    open_connection,
    require_writable,
    use_wal,
    verify,
)
from careerjournal.errors import (
    CareerJournalError,
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
    from careerjournal.db.migrations import UpgradeProgress
    from careerjournal.db.nudges import NudgeRepo
    from careerjournal.db.plans import LedgerRepo, TalkRepo

T = TypeVar("T")


class _CtrlC:
    """Whether Ctrl-C was pressed during an upgrade (see :func:`_ctrl_c_stops_upgrade`)."""

    pressed = False


class _StoppableProgress:
    """Passes an upgrade's reports on; once Ctrl-C was pressed, the next report stops the upgrade.

    A report made inside SQLite's statement (a tick, the word-count function)
    makes SQLite abort it; one made between statements stops it there. Either
    way the transaction rolls back and Ctrl-C is raised afterwards.
    """

    def __init__(self, progress: UpgradeProgress, ctrl_c: _CtrlC) -> None:
        self.progress, self.ctrl_c = progress, ctrl_c

    def _stop_if_pressed(self) -> None:
        if self.ctrl_c.pressed:
            raise KeyboardInterrupt

    def step_started(self, label: str, total: int | None) -> None:
        self._stop_if_pressed()
        self.progress.step_started(label, total)

    def advanced(self, done: int) -> None:
        self._stop_if_pressed()
        self.progress.advanced(done)

    def ended(self, committed: bool) -> None:
        self.progress.ended(committed)


@contextmanager
def _ctrl_c_stops_upgrade(conn: sqlite3.Connection) -> Iterator[_CtrlC]:
    """Ctrl-C stops the upgrade, then is the usual KeyboardInterrupt.

    Python raises KeyboardInterrupt in the next Python code that runs; during an
    upgrade that is mostly one of our callbacks inside SQLite (a progress
    report, the word-count function), which SQLite can only turn into an
    "interrupted" error, and the user who pressed Ctrl-C would be told the
    journal has a problem. Here Ctrl-C only marks itself and interrupts the
    running statement (if any; the next report stops the rest, see
    :class:`_StoppableProgress`), and is raised once the upgrade has rolled
    back. Only on the main thread, and only where Python's own handler is in place.
    """
    import signal

    ctrl_c = _CtrlC()
    if (threading.current_thread() is not threading.main_thread()
            or signal.getsignal(signal.SIGINT) is not signal.default_int_handler):
        yield ctrl_c
        return

    def stop(signum: int, frame: object) -> None:
        ctrl_c.pressed = True
        conn.interrupt()

    signal.signal(signal.SIGINT, stop)
    try:
        yield ctrl_c
    finally:
        signal.signal(signal.SIGINT, signal.default_int_handler)
        if ctrl_c.pressed:
            raise KeyboardInterrupt from None


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
        #: SQLite's quick_check running beside the work (``Store.open(check="background")``).
        self._check: BackgroundCheck | None = None
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
        check: bool | Literal["background"] = True,
        create: bool = True,
        on_upgrade: Callable[[], UpgradeProgress | None] | None = None,
    ) -> Store:
        """Open (creating if needed) and upgrade the journal at ``path``.

        Raises a :class:`CareerJournalError` with one sentence for any file that
        can't be used; such a file is never modified.

        ``check`` runs SQLite's quick_check first (True), not at all (False: the
        caller runs :func:`verify` later, as the app does), or ``"background"``:
        on its own thread, beside whatever the caller does next. Then every write
        waits for it, a failed query reports the damage if that is the cause,
        and the caller must :meth:`wait_for_check` before showing anything it
        read. A journal that needs any change to open (a new WAL header, an
        upgrade) or is read-only is still checked first.

        ``on_upgrade`` is called just before an existing journal is upgraded to
        this version's schema: a large one takes seconds, worth saying so. It may
        return an :class:`~careerjournal.db.migrations.UpgradeProgress` to hear
        each step's progress while the upgrade runs and, last, whether it was
        committed (so a progress line can be finished or wiped before any error
        is reported).
        """
        path = Path(path)
        conn, writable = open_connection(path, create=create)
        store = cls(path, conn, writable, clock)
        try:
            store._prepare(check, on_upgrade)
        except BaseException:
            conn.close()
            raise
        return store

    def _prepare(
        self, check: bool | Literal["background"], on_upgrade: Callable[[], UpgradeProgress | None] | None = None
    ) -> None:
        try:
            version = self.conn.execute("PRAGMA user_version").fetchone()[0]
            app_id = self.conn.execute("PRAGMA application_id").fetchone()[0]
            tables = self.conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
            wal = self.conn.execute("PRAGMA journal_mode").fetchone()[0].lower() == "wal"
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
        # Opening an up-to-date WAL journal changes nothing in it, so its check
        # can run beside the work; anything else is checked before it is touched.
        background = check == "background" and self.writable and wal and version == LATEST_VERSION
        if check and tables and not background:
            verify(self.conn, self.path, mapped=True)
        if self.writable:
            use_wal(self.conn, self.path)
        if version < LATEST_VERSION:
            if not self.writable:
                raise DatabaseReadOnlyError(
                    f"{self.path} needs upgrading but is read-only; make it writable and try again."
                )
            self._upgrade(on_upgrade() if tables and on_upgrade is not None else None)
        if background and tables:
            self._check = BackgroundCheck(self.path)

    def _upgrade(self, progress: UpgradeProgress | None) -> None:
        from careerjournal.db.migrations import NO_PROGRESS, migrate

        progress = NO_PROGRESS if progress is None else progress
        try:
            with _ctrl_c_stops_upgrade(self.conn) as ctrl_c, self.transaction() as db:
                # Re-read inside the lock: another process may have just migrated.
                version = db.execute("PRAGMA user_version").fetchone()[0]
                migrate(self.db, version, _StoppableProgress(progress, ctrl_c))
        except BaseException:
            progress.ended(committed=False)
            raise
        progress.ended(committed=True)

    def wait_for_check(self) -> None:
        """Return once the background check (if any) has passed; raise its sentence if not."""
        if self._check is not None:
            self._check.wait()

    def check_finished(self) -> bool:
        """True when no background check is still running (so :meth:`wait_for_check` won't wait)."""
        return self._check is None or self._check.finished

    def _sentence(self, error: sqlite3.Error) -> CareerJournalError:
        """The sentence for a failed query; a damaged file's own sentence wins."""
        self.wait_for_check()
        return translate_sqlite_error(error, self.path)

    def close(self) -> None:
        if self._check is not None:
            self._check.cancel()
        with self._search_lock:
            if self._search_conn is not None:
                self._search_conn.close()
                self._search_conn = None
        with self._lock:
            try:
                # Only after writing: statistics drift with changes, and a
                # command that only read leaves the file as it found it. (An
                # empty partial index, e.g. entries_trash, has no statistics, so
                # optimize would otherwise re-ANALYZE entries after every read.)
                if self.writable and self.changes:
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

    @cached_property
    def _writer(self) -> Writer:
        return Writer(self)

    @contextmanager
    def transaction(self) -> Iterator[Writer]:
        """A write transaction: ``BEGIN IMMEDIATE`` so read-modify-write never races.

        A deferred transaction would fail at once with SQLITE_BUSY_SNAPSHOT when
        another process wrote in between; IMMEDIATE waits for the busy timeout.
        Nested calls (on the same thread) become savepoints of the outer one, so
        several repository calls can form one all-or-nothing change.
        """
        require_writable(self.writable, self.path)
        self.wait_for_check()  # nothing is written to a file not known to be sound
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
                yield self._writer
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

    def _savepoint(self) -> Iterator[Writer]:
        name = f"cj_{self._depth}"
        self.conn.execute(f"SAVEPOINT {name}")
        self._depth += 1
        try:
            yield self._writer
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
                raise self._sentence(error) from None

    @contextmanager
    def snapshot(self) -> Iterator[None]:
        """Hold the connection for reads that must agree, as one read transaction.

        A summary states how many entries it holds and then writes them, reading
        them in chunks as it goes: inside this, every read sees the journal as it
        was at the first one, whatever another program writes meanwhile. Other
        threads wait for the store until it ends (nested in a transaction, that
        transaction is the snapshot). Only reads belong inside: a write would
        have to start a transaction inside this one.
        """
        with self._lock:
            own = not self.conn.in_transaction
            if own:
                try:
                    self.conn.execute("BEGIN")
                except sqlite3.Error as error:
                    raise self._sentence(error) from None
            try:
                yield
            finally:
                if own and self.conn.in_transaction:
                    try:
                        self.conn.execute("COMMIT")  # nothing was written: this only ends the snapshot
                    except sqlite3.Error:
                        self.conn.execute("ROLLBACK")

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
                raise self._sentence(error) from None
            except sqlite3.Error as error:
                raise self._sentence(error) from None

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


class Writer:
    """What :meth:`Store.transaction` hands out: the connection and ``execute``.

    That is all the repositories use, and it needs no import. Anything else
    (``db["table"]``, ``executescript``...) is sqlite-utils' ``Database``,
    loaded on first use: importing it takes ~75 ms, which ``careerjournal add``
    would otherwise pay for one INSERT.
    """

    __slots__ = ("_store", "conn")

    def __init__(self, store: Store) -> None:
        self._store = store
        self.conn = store.conn

    def execute(self, sql: str, parameters: Any = None) -> sqlite3.Cursor:
        # Always inside BEGIN IMMEDIATE, where sqlite-utils' execute is exactly this.
        return self.conn.execute(sql) if parameters is None else self.conn.execute(sql, parameters)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._store.db, name)

    def __getitem__(self, name: str) -> Any:
        return self._store.db[name]
