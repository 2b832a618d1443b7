"""The Journal pane: today's prompt and streak, the list, the reader, the editor.

All database work runs in thread workers; results come back on the UI thread
through ``call_from_thread``. The list only ever holds ids and a few pages of
summaries, so it opens as fast with 100,000 entries as with ten. Browse-only
keys are switched off while the editor is open (``check_action``), so letters
typed into the form never delete or share anything.
"""

from __future__ import annotations

import datetime as dt
from array import array
from dataclasses import replace
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.worker import WorkerCancelled, WorkerFailed, get_current_worker
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.reactive import reactive
from textual.timer import Timer
from textual.widgets import Input, Static

from careerjournal.db.drafts import draft_key
from careerjournal.db.first_page import FirstPage
from careerjournal.db.search import search_terms
from careerjournal.db.store import Store
from careerjournal.errors import NotFoundError
from careerjournal.guidance.prompts import prompt_for_day
from careerjournal.models import Draft, Entry, EntryQuery, EntrySummary
from careerjournal.textsafe import one_line
from careerjournal.ui.panes.base import Pane
from careerjournal.ui.tcss import sibling_tcss
from careerjournal.ui.widgets.entry_list import PAGE_SIZE, EntryList

if TYPE_CHECKING:
    from contextlib import AbstractContextManager

    from textual.widget import AwaitMount

    from careerjournal.ui.widgets.entry_editor import EntryEditor
from careerjournal.ui.widgets.entry_reader import EntryReader
from careerjournal.ui.widgets.search_input import SearchInput

#: Actions that only make sense while browsing the live journal.
BROWSE_ACTIONS = {"new", "edit", "delete", "undo", "toggle_shared", "search", "filters", "today", "on_this_day",
                  "trash"}
TRASH_ACTIONS = {"restore", "purge", "trash"}
#: Seconds of quiet after the last cursor move before the reader loads the entry.
RANK_LIMIT = 5000  # more matches than this stay newest-first: ranking them all is slow
#: Rows in the quick first answer to a search or filter (the rest follow), or
#: the list's height if that is more. A phrase's newest 200 took 11 ms, its newest 60 2.5.
HEAD_ROWS = 60
#: Seconds at most that a letter typed in the search box waits to be drawn with its results.
SEARCH_FRAME_HOLD = 0.04
READER_DELAY = 0.12  # tests shorten it (see tests/ui/conftest.py)


def writing_streak(days: set[dt.date], today: dt.date) -> int:
    """Consecutive days with an entry, ending today (or yesterday, if today is still blank)."""
    day = today if today in days else today - dt.timedelta(days=1)
    streak = 0
    while day in days:
        streak += 1
        day -= dt.timedelta(days=1)
    return streak


def describe_query(query: EntryQuery, total: int, *, partial: bool = False, ranked: bool = False) -> Text:
    """The status line above the list: how many, and what narrows them."""
    noun = "entry" if total == 1 else "entries"
    count = f"{total:,}+" if partial and total else f"{total:,}"
    text = Text(f"{count} {noun}", style="bold" if query.is_filtered else "")
    if query.deleted:
        text = Text(f"Trash: {total:,} {noun}", style="bold red")
    parts = []
    if query.search:
        parts.append(f"matching “{one_line(query.search)}”")
    if query.tag:
        parts.append(f"tagged #{one_line(query.tag)}")
    if query.mood is not None:
        parts.append(f"mood {query.mood}")
    if query.since:
        parts.append(f"from {query.since.isoformat()}")
    if query.until:
        parts.append(f"until {query.until.isoformat()}")
    if query.same_day_as:
        parts.append(f"on the {query.same_day_as.day} of earlier months")
    if parts:
        text.append(" " + ", ".join(parts))
    text.append(", best match first" if ranked else ", newest first", style="dim")
    return text


class JournalPane(Pane):
    """Daily reflection and keyboard review of past entries."""

    PANE_ID = "journal"
    TITLE = "Journal"
    DEFAULT_CSS = sibling_tcss(__file__)
    BINDINGS = [
        # n, e and / move the typing into a text field. As priority bindings the app
        # finishes them before it reads the next key, so words typed straight after
        # land in that field instead of reaching the list as commands (d deletes).
        Binding("n", "new", "New", id="journal.new", tooltip="Write a new entry (today's question beside it)",
                priority=True),
        Binding("e", "edit", "Edit", id="journal.edit", tooltip="Edit the highlighted entry", priority=True),
        Binding("d", "delete", "Delete", id="journal.delete", tooltip="Move the entry to the trash (u undoes)"),
        Binding("u", "undo", "Undo delete", id="journal.undo", tooltip="Bring back the last deleted entry"),
        Binding("s", "toggle_shared", "Share/private", id="journal.share",
                tooltip="Toggle whether the entry is shared with your partner"),
        Binding("slash", "search", "Search", id="journal.search", tooltip="Full-text search as you type",
                priority=True),
        Binding("f", "filters", "Filter", id="journal.filters", tooltip="Filter by tag, mood and dates"),
        Binding("t", "today", "Today", id="journal.today", tooltip="Jump to the newest entry"),
        Binding("o", "on_this_day", "On this day", id="journal.on_this_day", show=False,
                tooltip="Entries from this day in earlier months and years"),
        Binding("T", "trash", "Trash", id="journal.trash", show=False, tooltip="Show the trash (T again to leave)"),
        Binding("r", "restore", "Restore", id="journal.restore", tooltip="Restore the entry from the trash"),
        Binding("X", "purge", "Delete forever", id="journal.purge", tooltip="Delete the entry for good"),
        Binding("escape", "back", "Back", id="journal.back", tooltip="Back to the full list"),
    ]

    mode: reactive[str] = reactive("browse")
    """"browse" (list and reader) or "edit" (the editor)."""

    def __init__(self, store: Store, *, today: dt.date, id: str | None = None,
                 first_page: FirstPage | None = None) -> None:
        super().__init__(store, id=id)
        self.today = today
        self._first_page = first_page
        self.query_filter = EntryQuery()
        self.deleted_ids: list[int] = []
        self.total = 0
        self.tags: list[str] = []
        self._quit_after_save = False
        self._ready_sent = False
        self._reader_timer: Timer | None = None
        self._held_frames: AbstractContextManager[None] | None = None
        self._showing_head_of: EntryQuery | None = None
        self._editor_mounting: tuple[EntryEditor, AwaitMount] | None = None

    def compose(self) -> ComposeResult:
        # The pane lays its children out side by side, under the today bar docked
        # on top (journal.tcss): browsing shows the list and the reader, writing
        # the editor instead (see watch_mode). Fewer containers than a switcher
        # holding a row: each would cost the first frame its styling, layout and
        # a full-height render.
        yield Static(id="today-bar")
        with Vertical(id="journal-list-column", classes="browse"):
            yield Static(id="list-status")
            yield EntryList(self.store.entries.summaries, id="entry-list")
        yield EntryReader(id="entry-reader", classes="browse")
        # The editor is mounted (hidden) after the first page is drawn (see _first_page_drawn).

    def on_mount(self) -> None:
        self.entry_list.this_year = self.today.year
        self._show_today(streak=None, on_this_day=0)
        # Only the first page is loaded now; the streak, draft recovery and tags
        # wait for it (see _first_page_drawn), so they never hold the store first.
        first_page, self._first_page = self._first_page, None
        prefetched = first_page.take() if first_page is not None else None
        if first_page is None or prefetched is None:
            self.reload()
            return
        # Read while the app was loading: the list is in the very first frame
        # (as many rows as the screen shows; the rest is loaded once it is drawn).
        head, summaries = prefetched
        complete = len(head) < first_page.size
        self._ids_loaded(self.query_filter, head, summaries, None, partial=not complete)

    def focus_default(self) -> None:
        if self.mode == "edit":
            self.query_one("#editor-body").focus()
        else:
            self.query_one(EntryList).focus()

    @property
    def entry_list(self) -> EntryList:
        return self.query_one(EntryList)

    @property
    def editor(self) -> EntryEditor:
        return self.query_one("#journal-edit")  # type: ignore[return-value]

    class Ready(Message):
        """The journal's first page is on screen: the rest of the app can load now."""

    async def ensure_editor(self) -> EntryEditor:
        """The editor, mounted once: callers racing here (a key pressed while the
        first page loads) all wait for the same mount."""
        if self._editor_mounting is None:
            from careerjournal.ui.widgets.entry_editor import EntryEditor as Editor

            editor = Editor(self.store, id="journal-edit")  # starts hidden
            self._editor_mounting = (editor, self.mount(editor))
        editor, mounting = self._editor_mounting
        await mounting
        return editor

    def watch_mode(self, mode: str) -> None:
        editing = mode == "edit"
        with self.app.batch_update():
            for browsing in self.query_children(".browse"):
                browsing.display = not editing
            for editor in self.query_children("#journal-edit"):
                editor.display = editing
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Keys appear (and work) only where they make sense."""
        if self.mode == "edit":
            return action not in BROWSE_ACTIONS | TRASH_ACTIONS | {"back"}
        if self.query_filter.deleted:
            return action in TRASH_ACTIONS | {"back"} or action not in BROWSE_ACTIONS
        if action in TRASH_ACTIONS - {"trash"}:
            return False
        if action == "back":
            return (self.query_filter.is_filtered or not self.entry_list.has_focus
                    or (self.search_box is not None and self.search_box.display))
        if action == "undo":
            return bool(self.deleted_ids)
        return True

    # -- today -------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="journal-today", exit_on_error=False)
    def load_today(self) -> None:
        days = self.store.entries.days_written(self.today - dt.timedelta(days=400))
        streak = writing_streak(days, self.today)
        earlier = self.store.entries.count(EntryQuery(same_day_as=self.today))
        self.app.call_from_thread(self._show_today, streak, earlier)

    @work(thread=True, exclusive=True, group="journal-tags", exit_on_error=False)
    def load_tags(self) -> None:
        """Tags for the filter dialog's completion: after the first page, since counting
        them scans every tagged entry and would hold the store while the list waits."""
        names = self.store.entries.tag_names()
        self.app.call_from_thread(self._set_tags, names)

    def _set_tags(self, names: list[str]) -> None:
        # In place: an open editor's tag completion holds this same list.
        self.tags[:] = names

    def _show_today(self, streak: int | None, on_this_day: int) -> None:
        prompt = prompt_for_day(self.today)
        text = Text()
        text.append(self.today.strftime("%A %d %B %Y"), style="bold")
        if streak:
            text.append(f"  ·  {streak}-day streak", style="bold green")
        if on_this_day:
            noun = "entry" if on_this_day == 1 else "entries"
            text.append(f"  ·  {on_this_day} {noun} on this day earlier (o)", style="italic")
        text.append("\n")
        text.append("Today's question: ", style="dim")
        text.append(prompt.text, style="italic")
        text.append("  (n to answer)", style="dim")
        self.query_one("#today-bar", Static).update(text)

    # -- the list ------------------------------------------------------------------

    def reload(self, keep: int | None = None, *, from_top: bool = False) -> None:
        """Load the list again, keeping the cursor on ``keep`` (or the highlighted
        entry), or on the first row when ``from_top`` (a new search's best match)."""
        if from_top:
            self._load_ids(self.query_filter, None)
        else:
            self._load_ids(self.query_filter, keep if keep is not None else self.entry_list.highlighted_id)

    def _load_ids(self, query: EntryQuery, keep: int | None, *, head_shown: bool = False) -> None:
        # A query still running for an older search is stopped, not waited for.
        self.store.interrupt_searches()
        self._load_ids_worker(query, keep, head_shown)

    @work(thread=True, exclusive=True, group="journal-ids", exit_on_error=False)
    def _load_ids_worker(self, query: EntryQuery, keep: int | None, head_shown: bool = False) -> None:
        """Load the matching ids; for a search, draw the newest page first, then the rest.

        Best-match ranking is used when there are few enough matches to rank
        quickly; a word found in most entries stays newest-first.
        """
        worker = get_current_worker()
        entries = self.store.entries
        if not head_shown and (keep is None or query.search):
            # The newest page costs a fraction of a millisecond; all 100,000 ids
            # (for the scrollbar and End) take tens. Draw the page first.
            limit = max(HEAD_ROWS, self.entry_list.size.height + 1)
            head = entries.ids(query, limit=limit)
            if worker.is_cancelled:
                return
            complete = len(head) < limit and not query.search
            # The rest is loaded once this page is on screen (see _ids_loaded).
            self.app.call_from_thread(self._ids_loaded, query, head, entries.summaries(head), keep,
                                      partial=not complete)
            return
        ids = entries.ids(query, cancelled=lambda: worker.is_cancelled)
        if worker.is_cancelled:
            return
        ranked = bool(query.search) and len(ids) <= RANK_LIMIT
        if ranked:
            ids = entries.ids(query, ranked=True, cancelled=lambda: worker.is_cancelled)
            if worker.is_cancelled:
                return
        first_page = entries.summaries(ids[:PAGE_SIZE])
        self.app.call_from_thread(self._ids_loaded, query, ids, first_page, keep, ranked=ranked)

    def _ids_loaded(self, query: EntryQuery, ids: array, first_page: list[EntrySummary], keep: int | None,
                    *, partial: bool = False, ranked: bool = False) -> None:
        if query != self.query_filter:
            return  # a newer search is on its way
        if keep is None and self._showing_head_of == query and not ranked:
            # The rest of the list the user may already be moving through.
            keep = self.entry_list.highlighted_id
        self._showing_head_of = query if partial else None
        if partial:
            # Only after this page is drawn: listing every id is tens of
            # milliseconds of Python that would otherwise hold up that frame.
            self.entry_list.after_paint(self._load_rest, query, keep)
        if not self._ready_sent:
            self._ready_sent = True
            self.entry_list.after_paint(self._first_page_drawn)
        self.total = len(ids)
        self.entry_list.set_ids(ids, first_page=first_page, keep=keep,
                                highlight_words=search_terms(query.search or ""))
        # One row high whatever it says (journal.tcss): no layout pass on each keystroke of a search.
        self.query_one("#list-status", Static).update(
            describe_query(query, self.total, partial=partial, ranked=ranked), layout=False)
        if not ids and not partial:
            if query.deleted:
                hint = "The trash is empty."
            elif query.is_filtered:
                hint = "Nothing matches. Press escape to see every entry."
            else:
                hint = "Nothing to read yet. Press n to write your first entry."
            self.run_worker(self.query_one(EntryReader).show(None, hint=hint))
        self.refresh_bindings()
        self._release_frames()  # the search's first answer and the letter, in one frame

    def _load_rest(self, query: EntryQuery, keep: int | None) -> None:
        if query == self.query_filter and self._showing_head_of == query:
            self._load_ids(query, keep, head_shown=True)

    def _set_query(self, query: EntryQuery, keep: int | None = None, *, from_top: bool = False) -> None:
        self.query_filter = query
        self.reload(keep, from_top=from_top)
        self.refresh_bindings()

    @on(EntryList.Highlighted)
    def _highlighted(self, message: EntryList.Highlighted) -> None:
        """Follow the cursor in the reader, once the keys pause.

        Rendering an entry costs more than moving the cursor, so holding j (or
        jumping with End) only draws the list; the reader catches up a moment
        after the last key.
        """
        if message.entry_id is None:
            return  # an empty list: _ids_loaded shows the right hint
        if self._reader_timer is not None:
            self._reader_timer.stop()
        shown = self.query_one(EntryReader).entry
        if shown is not None and shown.id == message.entry_id:
            return
        if shown is None:
            # After the frame being drawn: the list comes first, then the reader.
            self.call_after_refresh(self._load_entry, message.entry_id)
        else:
            entry_id = message.entry_id
            self._reader_timer = self.set_timer(READER_DELAY, lambda: self._load_entry(entry_id))

    @on(EntryList.Selected)
    def _selected(self, message: EntryList.Selected) -> None:
        reader = self.query_one(EntryReader)
        if reader.entry is None or reader.entry.id != message.entry_id:
            if self._reader_timer is not None:
                self._reader_timer.stop()
            self._load_entry(message.entry_id)
        reader.focus_body()

    @work(thread=True, exclusive=True, group="journal-entry", exit_on_error=False)
    def _load_entry(self, entry_id: int | None) -> None:
        entry = self.store.entries.get(entry_id) if entry_id is not None else None
        self.app.call_from_thread(self._entry_loaded, entry)

    async def _entry_loaded(self, entry: Entry | None) -> None:
        await self.query_one(EntryReader).show(entry)

    # -- browsing actions ------------------------------------------------------------

    def action_today(self) -> None:
        if self.query_filter.is_filtered or self.query_filter.deleted:
            self._hide_search()
            self.query_filter = EntryQuery()
            self._load_ids(self.query_filter, None)
            self.refresh_bindings()
        else:
            self.entry_list.action_first()
        self.entry_list.focus()

    def action_on_this_day(self) -> None:
        self._hide_search()
        self._set_query(EntryQuery(same_day_as=self.today))
        self.entry_list.focus()

    @property
    def search_box(self) -> SearchInput | None:
        """The search box: mounted, hidden, once the first page is drawn; None before."""
        found = self.query("#journal-search")
        return found.first(SearchInput) if found else None

    def _hide_search(self) -> None:
        search = self.search_box
        if search is None:
            return
        search.display = False
        search.set_value_quietly("")

    async def _ensure_search_box(self) -> SearchInput:
        """The search box, mounted (hidden) once the first page is drawn.

        Not in the first frame: an Input and its styles cost about 10 ms of it,
        for a box that starts hidden.
        """
        search = self.search_box
        if search is None:
            search = SearchInput(placeholder="Search titles, text and tags…", id="journal-search",
                                 on_typed=self._search_typed)
            search.display = False
            await self.query_one("#journal-list-column").mount(search, before="#list-status")
        return search

    async def action_search(self) -> None:
        self._skip_if_typing()
        # Mounted once the first page is drawn; "/" pressed sooner mounts it here.
        search = await self._ensure_search_box()
        search.display = True
        # At once, not with focus(), which waits its turn behind keys already
        # read: "/" and a word typed quickly (or pasted) arrive together, and the
        # letters would go to the list as commands (o, d, s...) instead.
        self.screen.set_focus(search)

    def _search_typed(self, value: str) -> None:
        """The search box's text changed (typed, pasted, deleted): search for it."""
        search = value or None
        if search != self.query_filter.search:
            self._hold_frames()
            self._set_query(replace(self.query_filter, search=search), from_top=search is not None)

    def _hold_frames(self) -> None:
        """Draw the letter just typed together with its results, unless they take long.

        The newest matches take a few milliseconds; drawing the letter first
        meant a frame of its own (2-3 ms) that the results then waited behind.
        Held at most SEARCH_FRAME_HOLD seconds, however fast the typing.
        """
        if self._held_frames is not None:
            return
        self._held_frames = self.app.batch_update()
        self._held_frames.__enter__()
        self.set_timer(SEARCH_FRAME_HOLD, self._release_frames)

    def _release_frames(self) -> None:
        held, self._held_frames = self._held_frames, None
        if held is not None:
            held.__exit__(None, None, None)

    @on(Input.Submitted, "#journal-search")
    def _search_submitted(self) -> None:
        self.entry_list.focus()

    def action_filters(self) -> None:
        from careerjournal.ui.screens.filters import FilterScreen

        def apply(query: EntryQuery | None) -> None:
            if query is not None:
                self._set_query(query)
            self.entry_list.focus()

        self.app.push_screen(FilterScreen(self.query_filter, self.tags, self.today), apply)

    def action_back(self) -> None:
        """Escape: out of the reader, then out of search, filters or the trash."""
        search = self.search_box
        if not self.entry_list.has_focus and not (search is not None and search.has_focus):
            self.entry_list.focus()
            return
        self._hide_search()
        self._set_query(EntryQuery(), keep=self.entry_list.highlighted_id)
        self.entry_list.focus()

    def action_trash(self) -> None:
        if self.query_filter.deleted:
            self._set_query(EntryQuery())
        else:
            self._hide_search()
            self._set_query(EntryQuery(deleted=True))
        self.entry_list.focus()

    def action_delete(self) -> None:
        entry_id = self.entry_list.highlighted_id
        if entry_id is not None:
            self._delete(entry_id)

    @work(thread=True, group="journal-write", exit_on_error=False)
    def _delete(self, entry_id: int) -> None:
        entry = self.store.entries.delete(entry_id)
        self.app.call_from_thread(self._deleted, entry)

    def _deleted(self, entry: Entry) -> None:
        assert entry.id is not None
        self.deleted_ids.append(entry.id)
        row = self.entry_list.cursor
        ids = self.entry_list._ids  # noqa: SLF001 - keep the cursor where the row was
        neighbour = ids[row + 1] if row + 1 < len(ids) else (ids[row - 1] if row > 0 else None)
        self.reload(keep=neighbour)
        self.load_today()
        self.app.notify(f"Moved “{one_line(entry.display_title)[:60]}” to the trash. Press u to undo.",
                        markup=False)

    def action_undo(self) -> None:
        if self.deleted_ids:
            self._restore(self.deleted_ids.pop(), undo=True)

    def action_restore(self) -> None:
        entry_id = self.entry_list.highlighted_id
        if entry_id is not None:
            self._restore(entry_id, undo=False)

    @work(thread=True, group="journal-write", exit_on_error=False)
    def _restore(self, entry_id: int, undo: bool) -> None:
        entry = self.store.entries.restore(entry_id)
        self.app.call_from_thread(self._restored, entry, undo)

    def _restored(self, entry: Entry, undo: bool) -> None:
        self.reload(keep=entry.id if undo else None)
        self.load_today()
        self.app.notify(f"Restored “{one_line(entry.display_title)[:60]}”.", markup=False)

    def action_purge(self) -> None:
        entry_id = self.entry_list.highlighted_id
        if entry_id is None:
            return
        from careerjournal.ui.screens.confirm import ChoiceScreen

        def answer(choice: str | None) -> None:
            if choice == "purge":
                self._purge(entry_id)

        self.app.push_screen(
            ChoiceScreen("Delete forever?", "This entry will be erased from the journal file. This can't be undone.",
                         {"cancel": "Keep it", "purge": "Delete forever"}),
            answer,
        )

    @work(thread=True, group="journal-write", exit_on_error=False)
    def _purge(self, entry_id: int) -> None:
        self.store.entries.purge(entry_id)
        self.app.call_from_thread(self._purged, entry_id)

    def _purged(self, entry_id: int) -> None:
        if entry_id in self.deleted_ids:
            self.deleted_ids.remove(entry_id)
        self.reload()
        self.load_today()
        self.app.notify("Deleted for good.", markup=False)

    def action_toggle_shared(self) -> None:
        entry_id = self.entry_list.highlighted_id
        if entry_id is not None:
            self._toggle_shared(entry_id)

    @work(thread=True, group="journal-write", exit_on_error=False)
    def _toggle_shared(self, entry_id: int) -> None:
        entry = self.store.entries.get(entry_id)
        updated = self.store.entries.set_shared(entry_id, not entry.shared)
        self.app.call_from_thread(self._shared_toggled, updated)

    async def _shared_toggled(self, entry: Entry) -> None:
        self.reload(keep=entry.id)
        await self.query_one(EntryReader).show(entry)
        message = "Shared: it can go into summaries for your partner." if entry.shared else "Private: only you see it."
        self.app.notify(message, markup=False)

    # -- writing ---------------------------------------------------------------------

    async def action_new(self) -> None:
        self._skip_if_typing()
        await self._open_editor_now(None)

    async def action_edit(self) -> None:
        self._skip_if_typing()
        entry_id = self.entry_list.highlighted_id
        if entry_id is not None:
            await self._open_editor_now(entry_id)

    async def _open_editor_now(self, entry_id: int | None) -> None:
        """Open the editor (reading the entry and any draft on a thread) before the next key is read."""
        try:
            await self._open_editor(entry_id).wait()
        except (WorkerCancelled, WorkerFailed):
            pass  # a failure is reported by on_worker_state_changed

    @work(thread=True, exclusive=True, group="journal-open", exit_on_error=False)
    def _open_editor(self, entry_id: int | None) -> None:
        entry = self.store.entries.get(entry_id) if entry_id is not None else None
        draft = self.store.drafts.get(draft_key(entry_id))
        # The tags loaded after the first page (and after each save): counting
        # them afresh takes a third of a second at 100,000 entries.
        self.app.call_from_thread(self._show_editor, entry, draft, self.tags)

    async def _first_page_drawn(self) -> None:
        from textual.widget import MountError

        self.load_today()
        try:
            await self.ensure_editor()
            await self._ensure_search_box()
        except MountError:
            return  # the app is closing before it finished opening
        self._recover_drafts()  # after the editor is mounted: it may open it
        self.load_tags()
        self.post_message(self.Ready())

    async def _show_editor(self, entry: Entry | None, draft: Draft | None, tags: list[str], note: str = "") -> None:
        prompt = prompt_for_day(self.today)
        editor = await self.ensure_editor()
        self.mode = "edit"
        editor.open(entry, draft=draft, prompt_text=prompt.text, prompt_id=prompt.id, tags=tags)
        if draft is not None and not note:
            note = "Continuing your unsaved draft."
        if note:
            self.app.notify(note, markup=False, timeout=8)

    # Its own group: sharing "journal-open" let this start-up job cancel the editor
    # the user had just asked for with n, and the words typed after it went to the list.
    @work(thread=True, exclusive=True, group="journal-recover", exit_on_error=False)
    def _recover_drafts(self) -> None:
        """After a crash, a kill or a closed terminal, bring the newest draft back."""
        drafts = self.store.drafts.all()
        if not drafts:
            return
        draft = drafts[0]
        entry = None
        if draft.entry_id is not None:
            try:
                entry = self.store.entries.get(draft.entry_id)
            except NotFoundError:
                entry = None
        if entry is None and draft.key != draft_key(None) and self.store.drafts.get(draft_key(None)) is None:
            # The entry it edited is gone: bring the text back as a new entry
            # (only into an empty slot: never over another unsaved draft).
            self.store.drafts.save(replace(draft, key=draft_key(None), entry_id=None, base_revision=None))
            self.store.drafts.discard(draft.key)
        when = draft.updated_at.astimezone().strftime("%H:%M on %d %b") if draft.updated_at else "earlier"
        others = f" ({len(drafts) - 1} more waiting)" if len(drafts) > 1 else ""
        note = f"Recovered your unsaved draft from {when}{others}. ctrl+s saves it; esc keeps it for later."
        recovered = self.store.drafts.get(draft_key(entry.id if entry else None)) or draft
        self.app.call_from_thread(self._show_recovered, entry, recovered, self.tags, note)

    async def _show_recovered(self, entry: Entry | None, draft: Draft, tags: list[str], note: str) -> None:
        if self.mode == "edit":
            # The user opened the editor first (n or e straight after start-up):
            # never take it over. The draft stays saved and comes back next time.
            return
        await self._show_editor(entry, draft, tags, note)

    def on_entry_editor_saved(self, message: EntryEditor.Saved) -> None:
        if self._quit_after_save:
            if message.kept_both:
                self.app.notify("This entry was changed elsewhere meanwhile, so yours was saved as a separate "
                                "entry. Closing…", severity="warning", markup=False)
                self.set_timer(2.5, self.app.exit)
            else:
                self.app.exit()
            return
        self.mode = "browse"
        self._set_query(replace(self.query_filter, deleted=False), keep=message.entry.id)
        self.run_worker(self.query_one(EntryReader).show(message.entry))
        self.entry_list.focus()
        self.load_today()
        self.load_tags()
        if message.kept_both:
            self.app.notify("This entry was changed in another window meanwhile, so yours was saved as a "
                            "separate entry. Nothing was overwritten.", severity="warning", timeout=10, markup=False)
        else:
            self.app.notify("Saved.", markup=False)

    def on_entry_editor_left(self, message: EntryEditor.Left) -> None:
        self.mode = "browse"
        self.entry_list.focus()
        if message.draft_kept:
            self.app.notify("Draft kept. Press n (or e on the entry) to carry on.", markup=False)

    # -- exit paths ------------------------------------------------------------------

    @property
    def has_unsaved_changes(self) -> bool:
        return self.mode == "edit" and self.editor.is_dirty

    def save_and_quit(self) -> None:
        """Save the open entry, then leave the app once it is written."""
        self._quit_after_save = self.editor.action_save()

    def save_drafts_now(self) -> None:
        """Called on quit, SIGTERM and SIGHUP: write the open draft synchronously."""
        if self.mode == "edit":
            self.editor.save_draft_now()
