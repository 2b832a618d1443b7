"""Exports (partner summaries, JSON backups) and the JSON importer: pure functions of the Store.

No Textual here: the command line and the app's export dialog both call these.

* Partner summaries (``markdown``, ``html``, ``text``) hold only what :func:`collect`
  lets out: entries marked shared (private ones only with ``include_private``),
  goals, the ledger, open concerns, the agenda and check-in scores.
* ``json`` is a full, private backup of every table (drafts and private entries
  included); it ignores :class:`SummaryOptions` and is not meant for a partner.

The names below load on first use (``careerjournal export`` of a Markdown
summary needs neither the HTML writer nor the backup code, nor ``tempfile``
when it writes to standard output).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from importlib import import_module
from typing import TYPE_CHECKING, Any

from careerjournal.errors import UsageError
from careerjournal.export.summary import (
    ALL_SECTIONS,
    INCLUDE_PRIVATE_WARNING,
    SECTION_TITLES,
    Summary,
    SummaryOptions,
    collect,
)

if TYPE_CHECKING:
    from careerjournal.db.store import Store
    from careerjournal.export.backup import ImportReport, import_json, to_json
    from careerjournal.export.errors import ExportWriteError, ImportFormatError
    from careerjournal.export.html import to_html
    from careerjournal.export.markdown import to_markdown
    from careerjournal.export.text import to_text
    from careerjournal.export.write import default_export_folder, default_export_name, write_atomically

ALL_FORMATS = ("markdown", "html", "text", "json")

#: Where each lazily loaded name lives.
_LAZY = {
    "ImportReport": "backup", "import_json": "backup", "to_json": "backup",
    "ExportWriteError": "errors", "ImportFormatError": "errors",
    "to_html": "html", "to_markdown": "markdown", "to_text": "text",
    "default_export_folder": "write", "default_export_name": "write", "write_atomically": "write",
}


def __getattr__(name: str) -> Any:
    if name == "FORMATS":
        value: Any = _formats()
    elif name in _LAZY:
        value = getattr(import_module(f"careerjournal.export.{_LAZY[name]}"), name)
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    globals()[name] = value
    return value


def _formats() -> dict[str, Callable[[Summary], str]]:
    """Partner-summary writers by format name; ``"json"`` (a backup) is handled by :func:`render`."""
    from careerjournal.export.html import to_html
    from careerjournal.export.markdown import to_markdown
    from careerjournal.export.text import to_text

    return {"markdown": to_markdown, "html": to_html, "text": to_text}


def _require_format(format: str) -> None:
    if format not in ALL_FORMATS:
        raise UsageError(f"There is no export format called {format}; choose markdown, html, text or json.")


def render(store: Store, format: str, options: SummaryOptions, now: dt.datetime) -> str:
    """The exact text an export writes: a partner summary, or for ``json`` a full backup."""
    _require_format(format)
    if format == "json":
        from careerjournal.export.backup import to_json

        return to_json(store, now)
    if format == "markdown":  # the same streamed path the command line takes, collected
        parts: list[bytes] = []
        export_to(store, format, options, now, parts.append, errors="surrogatepass")
        return b"".join(parts).decode("utf-8", "surrogatepass")
    return _formats()[format](collect(store, options, now))


def export_to(store: Store, format: str, options: SummaryOptions, now: dt.datetime,
              write: Callable[[bytes], object], *, errors: str = "strict") -> None:
    """Write what :func:`render` returns, UTF-8 encoded (with ``errors``), in pieces as it is made.

    A Markdown summary streams its entries: they are read, escaped and written a
    few thousand at a time inside one read transaction (so the count in its
    opening line is the count of entries written), and the whole document is
    never in memory. The other formats are rendered whole, then written.
    """
    _require_format(format)
    if format == "markdown":
        from careerjournal.export.markdown import write_markdown

        with store.snapshot():
            write_markdown(collect(store, options, now, stream=True), write, errors)
        return
    write(render(store, format, options, now).encode("utf-8", errors))


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
    "export_to",
    "import_json",
    "render",
    "to_html",
    "to_json",
    "to_markdown",
    "to_text",
    "write_atomically",
]
