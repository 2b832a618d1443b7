"""Exports (partner summaries, JSON backups) and the JSON importer: pure functions of the Store.

No Textual here: the command line and the app's export dialog both call these.

* Partner summaries (``markdown``, ``html``, ``text``) hold only what :func:`collect`
  lets out: entries marked shared (private ones only with ``include_private``),
  goals, the ledger, open concerns, the agenda and check-in scores.
* ``json`` is a full, private backup of every table (drafts and private entries
  included); it ignores :class:`SummaryOptions` and is not meant for a partner.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from careerjournal.errors import UsageError
from careerjournal.export.backup import ImportReport, import_json, to_json
from careerjournal.export.errors import ExportWriteError, ImportFormatError
from careerjournal.export.html import to_html
from careerjournal.export.markdown import to_markdown
from careerjournal.export.summary import (
    ALL_SECTIONS,
    INCLUDE_PRIVATE_WARNING,
    SECTION_TITLES,
    Summary,
    SummaryOptions,
    collect,
)
from careerjournal.export.text import to_text
from careerjournal.export.write import default_export_folder, default_export_name, write_atomically

if TYPE_CHECKING:
    from careerjournal.db.store import Store

#: Partner-summary writers by format name; ``"json"`` (a backup) is handled by :func:`render`.
FORMATS: dict[str, Callable[[Summary], str]] = {"markdown": to_markdown, "html": to_html, "text": to_text}
ALL_FORMATS = ("markdown", "html", "text", "json")


def render(store: Store, format: str, options: SummaryOptions, now: dt.datetime) -> str:
    """The exact text an export writes: a partner summary, or for ``json`` a full backup."""
    if format == "json":
        return to_json(store, now)
    writer = FORMATS.get(format)
    if writer is None:
        raise UsageError(f"There is no export format called {format}; choose markdown, html, text or json.")
    return writer(collect(store, options, now))


__all__ = [
    "ALL_FORMATS",
    "ALL_SECTIONS",
    "FORMATS",
    "INCLUDE_PRIVATE_WARNING",
    "SECTION_TITLES",
    "ExportWriteError",
    "ImportFormatError",
    "ImportReport",
    "Summary",
    "SummaryOptions",
    "collect",
    "default_export_folder",
    "default_export_name",
    "import_json",
    "render",
    "to_html",
    "to_json",
    "to_markdown",
    "to_text",
    "write_atomically",
]
