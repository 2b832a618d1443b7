"""A virtual list of journal entries that stays instant at 100,000 rows.

No widget per row: the list holds only the ordered entry ids (an ``array``),
draws the visible rows with Textual's line API (``render_line``), and pages
row summaries in from the store by primary key, 200 at a time, in a thread
worker. Pages live in a small LRU cache, so memory stays flat however far you
scroll. Rows are grouped by day: the date shows on the first row of each day.
"""

from __future__ import annotations

import datetime as dt
from array import array
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events, work
from textual.cache import LRUCache
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from careerjournal.db.first_page import PAGE_SIZE as FIRST_PAGE_SIZE
from careerjournal.models import EntrySummary
from careerjournal.textsafe import one_line
from careerjournal.ui.tcss import sibling_tcss

PAGE_SIZE = FIRST_PAGE_SIZE
MAX_PAGES = 40

SummaryLoader = Callable[[Sequence[int]], list[EntrySummary]]


class EntryList(ScrollView, can_focus=True):
    """The journal's entries, newest first, one row each."""

    DEFAULT_CSS = sibling_tcss(__file__)
    COMPONENT_CLASSES = {
        "entry-list--cursor",
        "entry-list--cursor-blurred",
        "entry-list--day",
        "entry-list--time",
        "entry-list--shared",
        "entry-list--private",
        "entry-list--mood",
        "entry-list--tags",
        "entry-list--snippet",
        "entry-list--match",
        "entry-list--loading",
    }
    BINDINGS = [
        Binding("down,j", "cursor_down", "Next", show=False, id="list.next"),
        Binding("up,k", "cursor_up", "Previous", show=False, id="list.previous"),
        Binding("pagedown", "page_down", "Page down", show=False, id="list.page_down"),
        Binding("pageup", "page_up", "Page up", show=False, id="list.page_up"),
        Binding("home,g", "first", "Newest", show=False, id="list.first"),
        Binding("end,G", "last", "Oldest", show=False, id="list.last"),
        Binding("enter", "select", "Read", id="list.read", tooltip="Open the highlighted entry in the reader"),
    ]

    #: No repaint of its own: watch_cursor repaints just the two rows that changed
    #: (or the whole list when it scrolls), a tenth of the work on every key.
    cursor: reactive[int] = reactive(0, always_update=True, init=False, repaint=False)
    """Index of the highlighted row."""

    @dataclass
    class Highlighted(Message):
        """The cursor moved onto an entry (``None`` when the list is empty)."""

        entry_id: int | None

    @dataclass
    class Selected(Message):
        """The user pressed enter (or clicked) on an entry."""

        entry_id: int

    def __init__(self, loader: SummaryLoader, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._loader = loader
        self._ids: array = array("q")
        self._paint_style: Style | None = None
        self._pages: OrderedDict[int, list[EntrySummary]] = OrderedDict()
        self._pending: set[int] = set()
        self._generation = 0
        self.highlight_words: list[str] = []
        #: Rendered rows by (summary, width, first-of-day): moving the cursor redraws
        #: two rows from this cache instead of rebuilding every visible one.
        self._line_cache: LRUCache[tuple[EntrySummary, int, bool], Strip] = LRUCache(1024)
        self._drawn_cursor = 0
        self._ahead_scheduled = False
        #: Dates in this year show without the year (the app sets it from its clock).
        self.this_year = dt.date.today().year

    # -- data --------------------------------------------------------------------

    @property
    def row_count(self) -> int:
        return len(self._ids)

    @property
    def highlighted_id(self) -> int | None:
        if 0 <= self.cursor < len(self._ids):
            return self._ids[self.cursor]
        return None

    def set_ids(
        self,
        ids: array,
        *,
        first_page: list[EntrySummary] | None = None,
        keep: int | None = None,
        highlight_words: Sequence[str] = (),
    ) -> None:
        """Show a new result set; keep the cursor on entry ``keep`` if it is still there."""
        self._generation += 1
        self._ids = ids
        self._pages.clear()
        self._pending.clear()
        self._line_cache.clear()
        self.highlight_words = list(highlight_words)
        if first_page is not None:
            self._pages[0] = first_page
        # Rows are cut to the list's width, so it never scrolls sideways: a width
        # taken here could be stale by the time a layout change lands.
        self._set_row_count(len(ids))
        index = 0
        if keep is not None:
            try:
                index = ids.index(keep)
            except ValueError:
                index = 0
        self.cursor = min(index, max(0, len(ids) - 1))
        self.refresh()
        self._schedule_render_ahead()

    def _set_row_count(self, rows: int) -> None:
        """Make the list ``rows`` high without a layout pass of the whole screen.

        Setting ``virtual_size`` asks Textual for a layout of every widget (5-15 ms
        at 100,000 entries, measured on each search keystroke). The list's own box
        never depends on its row count (its scrollbar gutter is always there), so
        only its scrollbars need the new height: what Textual itself does when a
        widget's size changes without a layout. A scrollbar that appears or goes
        still gets its layout, through ``show_vertical_scrollbar``.
        """
        size = Size(0, rows)
        if size == self.virtual_size:
            return
        self.set_reactive(EntryList.virtual_size, size)
        if self.is_mounted:
            self._scroll_update(size)

    def index_of(self, entry_id: int) -> int | None:
        try:
            return self._ids.index(entry_id)
        except ValueError:
            return None

    def summary_at(self, row: int) -> EntrySummary | None:
        """The row's summary if its page is loaded; otherwise ask for it and return None."""
        page, offset = divmod(row, PAGE_SIZE)
        rows = self._pages.get(page)
        if rows is None:
            self._request_page(page)
            return None
        self._pages.move_to_end(page)
        return rows[offset] if offset < len(rows) else None

    def _request_page(self, page: int) -> None:
        if page in self._pending:
            return
        self._pending.add(page)
        ids = list(self._ids[page * PAGE_SIZE : (page + 1) * PAGE_SIZE])
        self._load_page(page, ids, self._generation)

    @work(thread=True, group="entry-pages", exit_on_error=False)
    def _load_page(self, page: int, ids: list[int], generation: int) -> None:
        rows = self._loader(ids)
        self.app.call_from_thread(self._page_loaded, page, rows, generation)

    def _page_loaded(self, page: int, rows: list[EntrySummary], generation: int) -> None:
        if generation != self._generation:
            return
        self._pending.discard(page)
        self._pages[page] = rows
        while len(self._pages) > MAX_PAGES:
            self._pages.popitem(last=False)
        # A page fetched ahead of the screen changes nothing visible: no repaint.
        top, height = round(self.scroll_offset.y), max(1, self.scrollable_content_region.height)
        if page * PAGE_SIZE <= top + height and top <= (page + 1) * PAGE_SIZE:
            self.refresh()
        self._schedule_render_ahead()

    # -- drawing -----------------------------------------------------------------

    def render_lines(self, crop: Region) -> list[Strip]:
        # The widget's style is worked out once per paint rather than once per
        # row: it walks every ancestor's styles, which cost more than the row.
        self._paint_style = self.rich_style
        try:
            return super().render_lines(crop)
        finally:
            self._paint_style = None

    def render_line(self, y: int) -> Strip:
        row = self.scroll_offset.y + y
        width = self.scrollable_content_region.width
        base = self._paint_style or self.rich_style
        if row >= len(self._ids):
            return Strip.blank(width, base)
        line = self._row_strip(row, width, base)
        if line is None:
            text = Text("  …", style=self.get_component_rich_style("entry-list--loading"))
            segments = Segment.apply_style(text.render(self.app.console), style=base)
            line = Strip(list(segments), text.cell_len).crop_extend(0, width, base)
        if row == self.cursor:
            name = "entry-list--cursor" if self.has_focus else "entry-list--cursor-blurred"
            style = self.get_component_rich_style(name, partial=True)
            # The cursor's colours win over each cell's own (post_style).
            line = Strip(Segment.apply_style(line, post_style=style), line.cell_length)
        return line

    def _row_strip(self, row: int, width: int, base: Style) -> Strip | None:
        """Row ``row`` drawn without the cursor (from the cache when it can be); None until its page loads."""
        summary = self.summary_at(row)
        if summary is None:
            return None
        previous = self.summary_at(row - 1) if row > 0 else None
        first_of_day = previous is None or previous.day != summary.day
        key = (summary, width, first_of_day)
        cached = self._line_cache.get(key)
        if cached is None:
            text = self._row_text(summary, width, first_of_day)
            # The widget's own colours under every cell: unstyled text would
            # otherwise show the terminal's default colours (dark on a light theme).
            segments = Segment.apply_style(text.render(self.app.console), style=base)
            cached = Strip(list(segments), text.cell_len).crop_extend(0, width, base)
            self._line_cache[key] = cached
        return cached

    def _schedule_render_ahead(self) -> None:
        if not self._ahead_scheduled:
            self._ahead_scheduled = True
            self.call_after_refresh(self._render_ahead)

    def _render_ahead(self) -> None:
        """Build the rows one screen below and one above the visible ones, after the frame is out.

        Building a row's text is half the cost of drawing the list; done here, while
        the keys pause, page down and page up find their rows ready (and ask for the
        next page of summaries before it is needed, instead of showing "…" first).
        """
        self._ahead_scheduled = False
        region = self.scrollable_content_region
        if not self._ids or region.height <= 0 or region.width <= 0:
            return
        top, height, base = round(self.scroll_offset.y), region.height, self.rich_style
        below = range(top + height, min(top + 2 * height, len(self._ids)))
        above = range(max(0, top - height), top)
        for row in (*below, *above):
            self._row_strip(row, region.width, base)

    def _row_text(self, summary: EntrySummary, width: int, first_of_day: bool) -> Text:
        """``Sun 22 Nov  21:05  shared  ●●●○○  Title · first line  #tags`` fitted to ``width``.

        The date shows only on a day's first row (rows are grouped by day); the
        year only for earlier years. Narrow lists drop the time, then shrink
        the mood to a digit, so title and badge always fit.
        """
        text = Text(no_wrap=True, overflow="ellipsis", end="")
        day = summary.day
        label = ""
        if first_of_day:
            label = day.strftime("%a %d %b") if day.year == self.this_year else day.strftime("%d %b %Y")
        text.append(f" {label:<11} ", self.get_component_rich_style("entry-list--day"))
        if width >= 76:
            when = summary.created_at.astimezone().strftime("%H:%M")
            text.append(f"{when}  ", self.get_component_rich_style("entry-list--time"))
        if summary.shared:
            text.append("shared  ", self.get_component_rich_style("entry-list--shared"))
        else:
            text.append("private ", self.get_component_rich_style("entry-list--private"))
        mood_style = self.get_component_rich_style("entry-list--mood")
        if width >= 64:
            mood = "●" * summary.mood + "○" * (5 - summary.mood) if summary.mood else "     "
            text.append(f"{mood}  ", mood_style)
        else:
            text.append(f"{summary.mood or ' '} ", mood_style)
        title = one_line(summary.title) if summary.title.strip() else ""
        start = len(text)
        if title:
            text.append(title)
            if summary.snippet:
                text.append(" · " + one_line(summary.snippet), self.get_component_rich_style("entry-list--snippet"))
        else:
            text.append(one_line(summary.snippet) or "(empty)")
        if self.highlight_words:
            match_style = self.get_component_rich_style("entry-list--match")
            body = text[start:]
            body.highlight_words(self.highlight_words, match_style, case_sensitive=False)
            text = text[:start] + body
        if summary.tags:
            tags = "  " + " ".join("#" + one_line(tag) for tag in summary.tags)
            tag_text = Text(tags, style=self.get_component_rich_style("entry-list--tags"))
            room = width - text.cell_len
            if room < tag_text.cell_len and room > 12:
                # Keep some of the tags visible by shortening the title first.
                text.truncate(max(width - min(tag_text.cell_len, width // 3), 20), overflow="ellipsis")
            text.append_text(tag_text)
        text.truncate(width, overflow="ellipsis")
        return text

    # -- keys --------------------------------------------------------------------

    def watch_cursor(self, cursor: int) -> None:
        height = self.scrollable_content_region.height or 1
        top = round(self.scroll_offset.y)
        if cursor < top:
            self.scroll_to(y=cursor, animate=False, immediate=True)
            self.refresh()
            self._schedule_render_ahead()
        elif cursor >= top + height:
            self.scroll_to(y=cursor - height + 1, animate=False, immediate=True)
            self.refresh()
            self._schedule_render_ahead()
        else:
            # Only the rows that lost and gained the cursor change (refresh_lines
            # takes rows of the whole list, not of the screen).
            for row in (self._drawn_cursor, cursor):
                if top <= row < top + height:
                    self.refresh_lines(row)
        self._drawn_cursor = cursor
        self.post_message(self.Highlighted(self.highlighted_id))

    def _move(self, delta: int) -> None:
        if self._ids:
            self.cursor = max(0, min(len(self._ids) - 1, self.cursor + delta))

    def action_cursor_down(self) -> None:
        self._move(1)

    def action_cursor_up(self) -> None:
        self._move(-1)

    def action_page_down(self) -> None:
        self._move(max(1, self.scrollable_content_region.height - 1))

    def action_page_up(self) -> None:
        self._move(-max(1, self.scrollable_content_region.height - 1))

    def action_first(self) -> None:
        self._move(-len(self._ids))

    def action_last(self) -> None:
        self._move(len(self._ids))

    def action_select(self) -> None:
        entry_id = self.highlighted_id
        if entry_id is not None:
            self.post_message(self.Selected(entry_id))

    def on_click(self, event: events.Click) -> None:
        row = self.scroll_offset.y + event.y
        if 0 <= row < len(self._ids):
            self.cursor = row
            if event.chain >= 2:
                self.action_select()

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    def notify_style_update(self) -> None:
        """A theme change restyles every row: drop the cached ones."""
        super().notify_style_update()
        self._line_cache.clear()

    def on_resize(self) -> None:
        self.virtual_size = Size(0, len(self._ids))

