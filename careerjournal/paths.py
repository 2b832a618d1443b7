"""Where careerjournal keeps its data, and creating it privately.

The database folder is 0700 and the file is created 0600 *before* SQLite opens
it, so the ``-wal`` and ``-shm`` files SQLite makes beside it inherit 0600 too.
"""

from __future__ import annotations

import os
from pathlib import Path

from careerjournal.errors import DatabaseError, DatabaseIsFolderError

APP_NAME = "careerjournal"
DB_FILENAME = "journal.db"
ENV_DB = "CAREERJOURNAL_DB"


def default_data_dir() -> Path:
    """The per-user data folder (XDG on Linux, Application Support on macOS...)."""
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False)


def resolve_db_path(cli_value: str | os.PathLike[str] | None = None) -> Path:
    """``--db`` wins, then ``$CAREERJOURNAL_DB``, then the default location."""
    if cli_value:
        return Path(cli_value).expanduser()
    env = os.environ.get(ENV_DB)
    if env:
        return Path(env).expanduser()
    return default_data_dir() / DB_FILENAME


def prepare_db_file(path: Path) -> bool:
    """Make sure ``path`` can hold a private database; return True if it was created.

    Creates missing parent folders (0700 for folders we make) and an empty 0600
    file. An existing file is left exactly as it is: we never chmod or touch a
    file we did not create.
    """
    if path.is_dir():
        raise DatabaseIsFolderError(f"{path} is a folder, not a journal file; give a file name instead.")
    parent = path.parent
    if not parent.exists():
        try:
            parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        except OSError as error:
            raise DatabaseError(f"Could not create the folder {parent}: {error.strerror or error}.") from None
    elif not parent.is_dir():
        raise DatabaseError(f"{parent} is not a folder, so the journal cannot live there.")
    if path.exists():
        return False
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return False
    except OSError as error:
        raise DatabaseError(f"Could not create {path}: {error.strerror or error}.") from None
    os.close(fd)
    return True


def secure_default_folder(path: Path) -> None:
    """Tighten the default data folder to 0700 (only ours: never a folder given with --db)."""
    try:
        os.chmod(path, 0o700)
    except OSError:
        pass
