"""The journal's newest page, read on a thread while the app is still loading.

Importing Textual and building the app takes far longer than reading the
newest 200 summaries (a few milliseconds at any size). Starting that read
first lets the Journal pane draw its list in the very first frame instead of
drawing an empty list and then the list. Headless: the CLI starts it, the app
takes the result if it is ready, and loads the page itself if it is not.
"""

from __future__ import annotations

import threading
from array import array
from typing import TYPE_CHECKING

from careerjournal.models import EntryQuery, EntrySummary

if TYPE_CHECKING:
    from careerjournal.db.store import Store

#: Rows per page of the journal list (the list widget pages by the same number).
PAGE_SIZE = 200
#: Rows the app reads for its first frame when the terminal is no taller: more
#: than the list shows. The rest of the list is loaded once that frame is drawn
#: (reading the first whole page here too only held up the frame: it is read again then).
SCREEN_ROWS = 60


def screen_rows() -> int:
    """How many rows to read for the first frame: a screenful of the terminal at least."""
    import shutil

    return min(PAGE_SIZE, max(SCREEN_ROWS, shutil.get_terminal_size((0, 0)).lines))


class FirstPage:
    """The ids and summaries of the newest page, read once on a thread of its own."""

    def __init__(self, store: Store, size: int = PAGE_SIZE) -> None:
        self.size = size
        self._store = store
        self._result: tuple[array, list[EntrySummary]] | None = None
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._read, name="careerjournal-first-page", daemon=True)
        self._thread.start()

    def _read(self) -> None:
        try:
            ids = self._store.entries.ids(EntryQuery(), limit=self.size)
            self._result = (ids, self._store.entries.summaries(ids))
        except Exception:  # noqa: BLE001 - the app reads the page again and reports any error itself
            self._result = None
        finally:
            self._done.set()

    def take(self, wait: float = 0.0) -> tuple[array, list[EntrySummary]] | None:
        """The page if it has been read (waiting up to ``wait`` seconds), else None."""
        self._done.wait(wait)
        return self._result if self._done.is_set() else None
