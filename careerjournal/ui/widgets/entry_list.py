"""A virtual list of journal entries that stays instant at 100,000 rows.

No widget per row: the list holds only the ordered entry ids (an ``array``),
draws the visible rows with Textual's line API (``render_line``), and pages
row summaries in from the store by primary key, 200 at a time, in a thread
worker. Pages live in a small LRU cache, so memory stays flat however far you
scroll. Rows are grouped by day: the date shows on the first row of each day.
"""

from __future__ import annotations

import datetime as dt
import re
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
from textual.timer import Timer

from careerjournal.db.first_page import PAGE_SIZE as FIRST_PAGE_SIZE
from careerjournal.models import EntrySummary
from careerjournal.ui.tcss import sibling_tcss
from careerjournal.ui.widgets.entry_rows import highlight_pattern, row_pieces

PAGE_SIZE = FIRST_PAGE_SIZE
MAX_PAGES = 40
#: The list draws its own one-column scrollbar at the end of each row. Textual's
#: ScrollBar widget repainted every one of its cells through the style pass on
#: each scroll: 40% of the CPU of a key that scrolls the list (9.8 ms -> 5.9 ms).
GUTTER = 1
#: Seconds ``after_paint`` waits for a frame before it runs its callbacks anyway.
AFTER_PAINT_AT_LATEST = 0.25

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
        self._paint_scrollbar: tuple[int, int, Style, Style] | None = None
        self._paint_width = 0
        self._style_cache: dict[str, Style] = {}
        self._dragging_thumb = False
        self._pages: OrderedDict[int, list[EntrySummary]] = OrderedDict()
        self._pending: set[int] = set()
        self._generation = 0
        self.highlight_words: list[str] = []
        self._highlight: re.Pattern[str] | None = None
        #: Rendered rows by (summary, width, first-of-day): moving the cursor redraws
        #: two rows from this cache instead of rebuilding every visible one.
        self._line_cache: LRUCache[tuple[EntrySummary, int, bool, Style | None], Strip] = LRUCache(2048)
        self._drawn_cursor = 0
        self._ahead_scheduled = False
        self._ahead_done: tuple[tuple[object, ...], range] | None = None
        self._after_paint: list[tuple[Callable[..., object], tuple[object, ...]]] = []
        self._after_paint_timer: Timer | None = None
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
        self._highlight = highlight_pattern(self.highlight_words)
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
        visible = page * PAGE_SIZE <= top + height and top <= (page + 1) * PAGE_SIZE
        if visible:
            self.refresh()
        self._schedule_render_ahead(now=not visible)

    # -- drawing -----------------------------------------------------------------

    def render_lines(self, crop: Region) -> list[Strip]:
        """Draw the rows straight from the row cache, past Textual's per-line style pass.

        That pass (``Widget.render_lines``) applies borders, padding, tint and
        opacity, none of which the list has, and builds a new strip for every
        visible line on each scroll, so the app's colour filters then ran over
        every cell again. Drawn here, a cached row keeps its filtered copy and a
        scroll costs a lookup per row. The widget's style, width and scrollbar
        are worked out once per paint rather than once per row (the style walks
        every ancestor's styles, which cost more than the row).
        """
        self._paint_style = self._base_style()
        self._paint_scrollbar = self._scrollbar()
        self._paint_width = self.row_width
        try:
            filters = self.get_line_filters()
            background = self.background_colors[1]
            lines = []
            for y in crop.line_range:
                line = self.render_line(y)
                for line_filter in filters:
                    line = line.apply_filter(line_filter, background)
                lines.append(line)
        finally:
            self._paint_style = None
            self._paint_scrollbar = None
        if self._after_paint and self._after_paint_timer is not None:
            self._after_paint_timer.stop()
            self._after_paint_timer = None
            self.call_later(self._run_after_paint)  # a message to this widget: handled once the frame is written
        x1, x2 = crop.column_span
        if (x1, x2) != (0, self.size.width):
            lines = [line.crop(x1, x2) for line in lines]
        return lines

    def render_line(self, y: int) -> Strip:
        row = self.scroll_offset.y + y
        painting = self._paint_style is not None
        width = self._paint_width if painting else self.row_width
        base = self._paint_style or self._base_style()
        gutter = self._gutter_style(y) or base
        if row >= len(self._ids):
            return self._add_gutter(Strip.blank(width, base), gutter)
        if row == self.cursor:
            line = self._row_strip(row, width, base) or self._loading_strip(width, base)
            name = "entry-list--cursor" if self.has_focus else "entry-list--cursor-blurred"
            style = self._component_style(name, partial=True)
            # The cursor's colours win over each cell's own (post_style).
            line = Strip(Segment.apply_style(line, post_style=style), line.cell_length)
            return self._add_gutter(line, gutter)
        return self._row_strip(row, width, base, gutter) or self._add_gutter(self._loading_strip(width, base), gutter)

    @property
    def row_width(self) -> int:
        """Cells a row's text may use: the list's width less its scrollbar column."""
        return max(0, self.scrollable_content_region.width - GUTTER)

    def _loading_strip(self, width: int, base: Style) -> Strip:
        text = Text("  …", style=self._component_style("entry-list--loading"))
        segments = Segment.apply_style(text.render(self.app.console), style=base)
        return Strip(list(segments), text.cell_len).crop_extend(0, width, base)

    @staticmethod
    def _add_gutter(line: Strip, gutter: Style) -> Strip:
        return Strip([*line, Segment(" " * GUTTER, gutter)], line.cell_length + GUTTER)

    def _scrollbar(self) -> tuple[int, int, Style, Style] | None:
        """The thumb's screen rows and the track's and thumb's styles; None when every row fits.

        Textual's own scrollbar colours, blended the way its ScrollBar does.
        """
        height = self.scrollable_content_region.height
        rows = len(self._ids)
        if height <= 0 or rows <= height:
            return None
        size = max(1, round(height * height / rows))
        start = round((height - size) * min(1.0, self.scroll_offset.y / (rows - height)))
        styles = self.styles
        background = styles.scrollbar_background
        if background.a < 1:
            background = self.background_colors[0] + background
        thumb = background + styles.scrollbar_color
        return start, start + size, Style(bgcolor=background.rich_color), Style(bgcolor=thumb.rich_color)

    def _gutter_style(self, y: int) -> Style | None:
        """The scrollbar cell of screen row ``y`` (None: no scrollbar, the list's background)."""
        scrollbar = self._paint_scrollbar if self._paint_style is not None else self._scrollbar()
        if scrollbar is None:
            return None
        start, end, track, thumb = scrollbar
        return thumb if start <= y < end else track

    def _row_strip(self, row: int, width: int, base: Style, gutter: Style | None = None) -> Strip | None:
        """Row ``row`` drawn without the cursor (from the cache when it can be); None until its page loads.

        With ``gutter``, the row ends with that scrollbar cell (cached with it).
        """
        summary = self.summary_at(row)
        if summary is None:
            return None
        previous = self.summary_at(row - 1) if row > 0 else None
        first_of_day = previous is None or previous.day != summary.day
        key = (summary, width, first_of_day, gutter)
        cached = self._line_cache.get(key)
        if cached is None:
            if gutter is not None:
                plain = self._row_strip(row, width, base)
                assert plain is not None
                cached = self._add_gutter(plain, gutter)
            else:
                pieces = row_pieces(summary, width, first_of_day=first_of_day, this_year=self.this_year,
                                    style=self._component_style, highlight=self._highlight)
                # The widget's own colours under every cell: unstyled text would
                # otherwise show the terminal's default colours (dark on a light theme).
                segments = [Segment(text, base + style) for text, style in pieces if text]
                cached = Strip(segments).extend_cell_length(width, base)
            self._line_cache[key] = cached
        return cached

    def after_paint(self, callback: Callable[..., object], *args: object) -> None:
        """Run ``callback(*args)`` once the list's next frame has been written.

        For work that must not hold up the frame that shows new rows (loading
        the rest of a search's matches competes with drawing for the GIL). If
        the list is not drawn (hidden meanwhile), it runs after a short wait.
        """
        self._after_paint.append((callback, args))
        if self._after_paint_timer is None:
            self._after_paint_timer = self.set_timer(AFTER_PAINT_AT_LATEST, self._run_after_paint)

    def _run_after_paint(self) -> None:
        if self._after_paint_timer is not None:
            self._after_paint_timer.stop()
            self._after_paint_timer = None
        waiting, self._after_paint = self._after_paint, []
        for callback, args in waiting:
            self.call_later(callback, *args)  # coroutine functions too

    def _schedule_render_ahead(self, *, now: bool = False) -> None:
        """Build the rows around the screen once the frame being drawn is out (``after_paint``),
        or ``now`` when nothing is being repainted.

        ``call_after_refresh`` could run it before the frame (Textual may invoke
        those callbacks before it handles the repaint), which put 1.5-2 ms of it
        in front of every page down.
        """
        if self._ahead_scheduled:
            return
        self._ahead_scheduled = True
        if now:
            self.call_later(self._render_ahead)
        else:
            self.after_paint(self._render_ahead)

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
        top, height, base = round(self.scroll_offset.y), region.height, self._base_style()
        below = range(top + height, min(top + 2 * height, len(self._ids)))
        above = range(max(0, top - height), top)
        # With the scrollbar's track cell: all but the thumb's row or two have it.
        scrollbar = self._scrollbar()
        track = scrollbar[2] if scrollbar is not None else base
        width = self.row_width
        filters, background = self.get_line_filters(), self.background_colors[1]
        # Rows built by the last call (same rows, same look) are skipped: a key
        # that scrolls one line needs two new rows, not a lookup of every one.
        look = (self._generation, width, track, base, background, tuple(filters))
        done = self._ahead_done[1] if self._ahead_done is not None and self._ahead_done[0] == look else range(0)
        complete = True
        for row in (*below, *above):
            if row in done:
                continue
            line = self._row_strip(row, width, base, track)
            if line is None:
                complete = False  # its page is on its way: all again once it lands
                continue
            # Filtered now too: the copy is kept on the row (see render_lines).
            for line_filter in filters:
                line = line.apply_filter(line_filter, background)
        self._ahead_done = (look, range(above.start, below.stop if below else top + height)) if complete else None

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
        if self._in_scrollbar(event):
            return  # handled as it went down (see on_mouse_down)
        row = self.scroll_offset.y + event.y
        if 0 <= row < len(self._ids):
            self.cursor = row
            if event.chain >= 2:
                self.action_select()

    # -- the scrollbar -------------------------------------------------------------

    @property
    def allow_vertical_scroll(self) -> bool:
        """The mouse wheel scrolls the list, though Textual draws no scrollbar for it."""
        return not self.disabled and self.max_scroll_y > 0

    def _in_scrollbar(self, event: events.MouseEvent) -> bool:
        return event.x >= self.row_width and self._scrollbar() is not None

    def on_mouse_down(self, event: events.MouseDown) -> None:
        if self._in_scrollbar(event):
            event.stop()
            self._dragging_thumb = True
            self.capture_mouse()
            self._scroll_to_fraction(event.y)

    def on_mouse_move(self, event: events.MouseMove) -> None:
        if self._dragging_thumb:
            self._scroll_to_fraction(event.y)

    def on_mouse_up(self, event: events.MouseUp) -> None:
        if self._dragging_thumb:
            event.stop()
            self._dragging_thumb = False
            self.release_mouse()

    def _scroll_to_fraction(self, y: int) -> None:
        """Show the part of the list the pointer is at on the scrollbar, the cursor within it."""
        height = self.scrollable_content_region.height
        rows = len(self._ids)
        if height <= 0 or rows <= height:
            return
        fraction = min(1.0, max(0.0, y / max(1, height - 1)))
        top = round(fraction * (rows - height))
        self.scroll_to(y=top, animate=False, immediate=True)
        self.refresh()
        self._schedule_render_ahead()
        self.cursor = min(max(self.cursor, top), top + height - 1)

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    def _base_style(self) -> Style:
        """The list's own colours (cached: worked out afresh, it walks every ancestor's styles)."""
        style = self._style_cache.get("")
        if style is None:
            style = self._style_cache[""] = self.rich_style
        return style

    def _component_style(self, name: str, partial: bool = False) -> Style:
        """A part's style, as ``get_component_rich_style`` gives it (cached until the styles change)."""
        key = f"{name}/{partial}"
        style = self._style_cache.get(key)
        if style is None:
            style = self._style_cache[key] = self.get_component_rich_style(name, partial=partial)
        return style

    def notify_style_update(self) -> None:
        """A theme change (or focus, or any restyle) changes the colours: drop every cached style and row."""
        super().notify_style_update()
        self._style_cache.clear()
        self._line_cache.clear()

    def on_resize(self) -> None:
        self.virtual_size = Size(0, len(self._ids))

