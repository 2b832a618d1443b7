"""Errors of exporting and importing, each one plain sentence (see :mod:`careerjournal.errors`)."""

from __future__ import annotations

from careerjournal.errors import CareerJournalError, UsageError


class ImportFormatError(UsageError):
    """The file given to ``import`` is not a backup this careerjournal can restore.

    Raised before anything is written, or from inside the import transaction
    (which then rolls back), so the journal is never left half-imported.
    """


class ExportWriteError(CareerJournalError):
    """An export could not be written where it was asked to go; nothing was changed."""
