"""Writing an export to a file without ever leaving a half-written or hijacked file.

The text goes to a private temporary file (0600) in the target's folder, is
flushed to disk, then renamed over the target in one step (``os.replace``), so a
reader sees either the old file or the whole new one. A symbolic link at the
target is refused even with ``force``: following it could overwrite a file
somewhere else. On any failure the temporary file is removed and an existing
target is left exactly as it was. Writing to stdout (``--output -``) is the
caller's job.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from careerjournal.errors import CareerJournalError, UsageError
from careerjournal.export.errors import ExportWriteError

EXTENSIONS = {"markdown": "md", "html": "html", "text": "txt", "json": "json"}


def default_export_name(format: str, today: dt.date) -> str:
    """``careerjournal-summary-2026-11-22.md``; a JSON backup is ``careerjournal-backup-2026-11-22.json``."""
    if format not in EXTENSIONS:
        raise UsageError(f"There is no export format called {format}; choose markdown, html, text or json.")
    kind = "backup" if format == "json" else "summary"
    return f"careerjournal-{kind}-{today.isoformat()}.{EXTENSIONS[format]}"


def default_export_folder() -> Path:
    """Where the export dialog suggests saving: the Documents folder if there is one, else home."""
    try:
        from platformdirs import user_documents_path

        documents = user_documents_path()
        if documents.is_dir():
            return documents
    except Exception:  # platformdirs can fail on unusual systems; home always works
        pass
    return Path.home()


def write_atomically(path: str | os.PathLike[str], data: str | bytes | Callable[[BinaryIO], object], *,
                     force: bool) -> Path:
    """Write ``data`` to ``path`` atomically; return the path written.

    ``data`` is the text or bytes, or a function that writes them to the binary
    file it is given (an export written as it is made); anything it raises
    leaves ``path`` as it was.

    Raises :class:`ExportWriteError` (one sentence) when ``path`` exists and
    ``force`` is false, when it is a symbolic link or a folder, or when the
    write fails; in every such case nothing at ``path`` has changed.
    """
    target = Path(path).expanduser()
    payload = data.encode("utf-8") if isinstance(data, str) else data if callable(data) else bytes(data)
    if target.is_symlink():
        raise ExportWriteError(f"{target} is a symbolic link; choose a plain file to write to.")
    if target.is_dir():
        raise ExportWriteError(f"{target} is a folder; give a file name to write to.")
    if target.exists() and not force:
        raise ExportWriteError(f"{target} exists; use --force to replace it.")
    folder = target.parent
    if not folder.is_dir():
        raise ExportWriteError(f"The folder {folder} does not exist; create it or choose another place.")
    temp: Path | None = None
    try:
        fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
        temp = Path(name)
        with os.fdopen(fd, "wb") as handle:
            if hasattr(os, "fchmod"):  # mkstemp already makes it 0600 on POSIX; be explicit
                os.fchmod(handle.fileno(), 0o600)
            if callable(payload):
                payload(handle)
            else:
                handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        if force:
            os.replace(temp, target)
        else:
            _place_new(temp, target)
        temp = None
        _sync_folder(folder)
    except CareerJournalError:
        raise
    except OSError as error:
        raise ExportWriteError(f"Could not write {target}: {error.strerror or error}.") from None
    finally:
        if temp is not None:
            try:
                temp.unlink()
            except FileNotFoundError:
                pass
    return target


def _place_new(temp: Path, target: Path) -> None:
    """Move ``temp`` to ``target`` only if ``target`` still doesn't exist (no silent overwrite)."""
    try:
        os.link(temp, target)  # fails if something appeared at target since we checked
    except FileExistsError:
        raise ExportWriteError(f"{target} exists; use --force to replace it.") from None
    except OSError:
        # Filesystems without hard links: fall back to a checked rename.
        if os.path.lexists(target):
            raise ExportWriteError(f"{target} exists; use --force to replace it.") from None
        os.replace(temp, target)
        return
    temp.unlink()


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable; not every platform lets a folder be opened."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
