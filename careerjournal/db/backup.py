"""Consistent backups while the journal is in use.

SQLite's online backup API copies pages under a read transaction, so the copy
is a valid snapshot even while the app (or another process) keeps writing. A
plain file copy of a WAL database is not, which is why we never do one.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from careerjournal.errors import DatabaseError, translate_sqlite_error

if TYPE_CHECKING:
    from careerjournal.db.store import Store


def default_backup_name(store: Store) -> str:
    stamp = store.now().astimezone().strftime("%Y-%m-%d-%H%M%S")
    return f"{store.path.stem}-backup-{stamp}.db"


def write_backup(store: Store, dest: Path) -> Path:
    """Copy the journal to ``dest`` (a file, or a folder to put a dated file in)."""
    dest = Path(dest).expanduser()
    if dest.is_dir():
        name = default_backup_name(store)
        candidate, number = dest / name, 1
        while candidate.exists():
            number += 1
            candidate = dest / name.replace(".db", f"-{number}.db")
        dest = candidate
    if dest.exists() and dest.resolve() == store.path.resolve():
        raise DatabaseError("A backup cannot overwrite the journal it copies; choose another file.")
    if dest.is_symlink():
        raise DatabaseError(f"{dest} is a symbolic link; choose a plain file for the backup.")
    folder = dest.parent
    if not folder.is_dir():
        raise DatabaseError(f"The folder {folder} does not exist; create it or choose another place.")
    fd, temp_name = tempfile.mkstemp(prefix=".careerjournal-backup-", suffix=".tmp", dir=folder)
    os.close(fd)
    temp = Path(temp_name)
    try:
        os.chmod(temp, 0o600)
        target = sqlite3.connect(temp)
        try:
            with store._lock:
                store.conn.backup(target)
            target.execute("PRAGMA journal_mode = DELETE")
            target.close()
        except sqlite3.Error as error:
            target.close()
            raise translate_sqlite_error(error, store.path) from None
        with open(temp, "rb") as handle:
            os.fsync(handle.fileno())
        os.replace(temp, dest)
    except OSError as error:
        raise DatabaseError(f"The backup could not be written to {dest}: {error.strerror or error}.") from None
    finally:
        if temp.exists():
            temp.unlink()
    return dest
