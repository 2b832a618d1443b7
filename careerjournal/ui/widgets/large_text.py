"""A read-only view for very large text that draws only the visible lines.

Textual's TextArea and Markdown widgets lay out the whole document up front,
which freezes the app for seconds on a 5 MB paste. This view splits the text
into lines once and renders just the rows on screen with the line API.
Long lines scroll horizontally rather than wrap, which keeps layout O(1).
"""

from __future__ import annotations

from rich.segment import Segment
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from careerjournal.textsafe import visible


class LargeTextView(ScrollView, can_focus=True):
    DEFAULT_CSS = """
    LargeTextView { height: 1fr; background: $surface; }
    """

    def __init__(self, text: str, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.lines = text.expandtabs(4).splitlines() or [""]
        self._widest = 0
        self.virtual_size = Size(self._measure(), len(self.lines))

    def _measure(self) -> int:
        # Measuring every line's cell width is slow for 100k lines; character
        # count is a close, cheap upper bound for horizontal scrolling.
        return max(len(line) for line in self.lines) + 1

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        row = scroll_y + y
        width = self.scrollable_content_region.width
        style = self.rich_style
        if row >= len(self.lines):
            return Strip.blank(width, style)
        text = visible(self.lines[row], keep_newlines=False)
        strip = Strip([Segment(text, style)])
        return strip.crop_extend(scroll_x, scroll_x + width, style)
