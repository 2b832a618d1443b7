"""The Journal pane: today's prompt and streak, the list of entries, the reader.

All database work runs in thread workers; results come back on the UI thread
through ``call_from_thread``. The list only ever holds ids and a few pages of
summaries, so it opens as fast with 100,000 entries as with ten.
"""

from __future__ import annotations

import datetime as dt
from array import array

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Static

from careerjournal.db.store import Store
from careerjournal.guidance import prompt_for_day
from careerjournal.models import EntryQuery, EntrySummary
from careerjournal.ui.panes.base import Pane
from careerjournal.ui.tcss import sibling_tcss
from careerjournal.ui.widgets.entry_list import PAGE_SIZE, EntryList
from careerjournal.ui.widgets.entry_reader import EntryReader


def writing_streak(days: set[dt.date], today: dt.date) -> int:
    """Consecutive days with an entry, ending today (or yesterday, if today is still blank)."""
    day = today if today in days else today - dt.timedelta(days=1)
    streak = 0
    while day in days:
        streak += 1
        day -= dt.timedelta(days=1)
    return streak


class JournalPane(Pane):
    """Daily reflection and keyboard review of past entries."""

    PANE_ID = "journal"
    TITLE = "Journal"
    DEFAULT_CSS = sibling_tcss(__file__)
    BINDINGS = [
        Binding("t", "today", "Today", id="journal.today", tooltip="Jump to the newest entry"),
        Binding("r", "reload", "Refresh", show=False, id="journal.reload", tooltip="Reload the list"),
        Binding("escape", "back_to_list", "Back to list", id="journal.back", tooltip="Return from the reader to the list"),
    ]

    def __init__(self, store: Store, *, today: dt.date, id: str | None = None) -> None:
        super().__init__(store, id=id)
        self.today = today
        self.query_filter = EntryQuery()

    def compose(self) -> ComposeResult:
        yield Static(id="today-bar")
        with Horizontal(id="journal-body"):
            with Vertical(id="journal-list-column"):
                yield Static(id="list-status")
                yield EntryList(self.store.entries.summaries, id="entry-list")
            yield EntryReader(id="entry-reader")

    def on_mount(self) -> None:
        self._show_today(streak=None, on_this_day=[])
        self.reload()
        self.load_today()

    def focus_default(self) -> None:
        self.query_one(EntryList).focus()

    # -- today -------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="journal-today", exit_on_error=False)
    def load_today(self) -> None:
        days = self.store.entries.days_written(self.today - dt.timedelta(days=400))
        streak = writing_streak(days, self.today)
        earlier = self.store.entries.on_this_day(self.today)
        self.app.call_from_thread(self._show_today, streak, earlier)

    def _show_today(self, streak: int | None, on_this_day: list[EntrySummary]) -> None:
        prompt = prompt_for_day(self.today)
        text = Text()
        text.append(self.today.strftime("%A %d %B %Y"), style="bold")
        text.append("   ")
        if streak is not None:
            text.append(f"{streak}-day streak" if streak != 1 else "1-day streak", style="bold green")
        if on_this_day:
            text.append(f"   {len(on_this_day)} on this day in earlier months", style="italic")
        text.append("\n")
        text.append("Today's question: ", style="dim")
        text.append(prompt.text, style="italic")
        self.query_one("#today-bar", Static).update(text)

    # -- the list ------------------------------------------------------------------

    def action_reload(self) -> None:
        self.reload()

    def action_today(self) -> None:
        self.query_one(EntryList).action_first()

    def reload(self, keep: int | None = None) -> None:
        entry_list = self.query_one(EntryList)
        self._load_ids(self.query_filter, keep if keep is not None else entry_list.highlighted_id)

    @work(thread=True, exclusive=True, group="journal-ids", exit_on_error=False)
    def _load_ids(self, query: EntryQuery, keep: int | None) -> None:
        ids = self.store.entries.ids(query)
        first_page = self.store.entries.summaries(ids[:PAGE_SIZE])
        total = len(ids)
        self.app.call_from_thread(self._ids_loaded, ids, first_page, keep, total)

    def _ids_loaded(self, ids: array, first_page: list[EntrySummary], keep: int | None, total: int) -> None:
        self.query_one(EntryList).set_ids(ids, first_page=first_page, keep=keep)
        noun = "entry" if total == 1 else "entries"
        self.query_one("#list-status", Static).update(Text(f"{total:,} {noun}, newest first", style="dim"))
        if not total:
            self.run_worker(self.query_one(EntryReader).show(None))

    @on(EntryList.Highlighted)
    def _highlighted(self, message: EntryList.Highlighted) -> None:
        shown = self.query_one(EntryReader).entry
        if shown is not None and shown.id == message.entry_id:
            return
        self._load_entry(message.entry_id)

    @on(EntryList.Selected)
    def _selected(self, message: EntryList.Selected) -> None:
        self.query_one(EntryReader).focus_body()

    def action_back_to_list(self) -> None:
        self.query_one(EntryList).focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Offer 'back to list' only while the list is not focused (keeps the footer honest)."""
        if action == "back_to_list":
            return not self.query_one(EntryList).has_focus
        return True

    @work(thread=True, exclusive=True, group="journal-entry", exit_on_error=False)
    def _load_entry(self, entry_id: int | None) -> None:
        entry = self.store.entries.get(entry_id) if entry_id is not None else None
        self.app.call_from_thread(self._entry_loaded, entry)

    async def _entry_loaded(self, entry) -> None:  # type: ignore[no-untyped-def]
        await self.query_one(EntryReader).show(entry)

