"""Errors whose ``str()`` is one plain sentence a person can act on.

The CLI prints ``str(error)`` and exits 1; the app shows it in a notification.
None of these messages ever includes the user's journal text.
"""

from __future__ import annotations

import sqlite3


class CareerJournalError(Exception):
    """Base class: anything the user can fix gets one of these, never a traceback."""


class UsageError(CareerJournalError):
    """Bad input on the command line or in a form."""


class DateParseError(UsageError):
    pass


class DatabaseError(CareerJournalError):
    """The database file cannot be used as asked."""


class NotADatabaseError(DatabaseError):
    pass


class DatabaseIsFolderError(DatabaseError):
    pass


class DatabaseDamagedError(DatabaseError):
    pass


class DatabaseReadOnlyError(DatabaseError):
    pass


class DatabaseTooNewError(DatabaseError):
    pass


class DatabaseLockedError(DatabaseError):
    pass


class SearchInterrupted(CareerJournalError):
    """A search was stopped because a newer one replaced it (not an error to show)."""


class NotFoundError(CareerJournalError):
    pass


class ConflictError(CareerJournalError):
    """Someone else saved the same thing first; nothing was overwritten."""


_SQLITE_SENTENCES = {
    "SQLITE_BUSY": "The journal is busy in another program; close it or try again in a moment.",
    "SQLITE_LOCKED": "The journal is busy in another program; close it or try again in a moment.",
    "SQLITE_READONLY": "The journal is read-only here, so nothing can be saved; check the file's permissions.",
    "SQLITE_READONLY_DBMOVED": "The journal file was moved or deleted while open; restart careerjournal.",
    "SQLITE_CORRUPT": "The journal file is damaged; restore it from a backup.",
    "SQLITE_NOTADB": "That file is not a careerjournal database.",
    "SQLITE_FULL": "The disk is full, so nothing could be saved; free some space and try again.",
    "SQLITE_IOERR": "The disk could not be read or written; check the drive and try again.",
    "SQLITE_CANTOPEN": "The journal file could not be opened; check that its folder exists and is writable.",
    "SQLITE_PERM": "Permission was denied while using the journal file; check its permissions.",
}


def translate_sqlite_error(error: sqlite3.Error, path: object = None) -> CareerJournalError:
    """Turn a raw SQLite error into one sentence, keyed on its error name."""
    name = getattr(error, "sqlite_errorname", "") or ""
    base = "_".join(name.split("_")[:2])
    sentence = _SQLITE_SENTENCES.get(name) or _SQLITE_SENTENCES.get(base)
    if sentence is None:
        # Older Pythons or odd errors carry no name: fall back on the message.
        text = str(error).lower()
        for needle, fallback in (
            ("locked", "SQLITE_BUSY"),
            ("busy", "SQLITE_BUSY"),
            ("readonly", "SQLITE_READONLY"),
            ("read-only", "SQLITE_READONLY"),
            ("malformed", "SQLITE_CORRUPT"),
            ("not a database", "SQLITE_NOTADB"),
        ):
            if needle in text:
                base, sentence = fallback, _SQLITE_SENTENCES[fallback]
                break
        else:
            sentence = "The journal database reported a problem; try again, and restore from a backup if it persists."
    if base in ("SQLITE_BUSY", "SQLITE_LOCKED"):
        return DatabaseLockedError(sentence)
    if base == "SQLITE_READONLY":
        return DatabaseReadOnlyError(sentence)
    if base in ("SQLITE_CORRUPT",):
        return DatabaseDamagedError(sentence)
    if base == "SQLITE_NOTADB":
        return NotADatabaseError(sentence)
    return DatabaseError(sentence)
