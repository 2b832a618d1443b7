"""The journal's search box: Textual's Input without a screen layout on every keystroke.

Input keeps its virtual width equal to its text's width, and Textual's
``virtual_size`` asks for a layout of the whole screen whenever it changes, so
each typed letter cost a layout pass (5-15 ms at 100,000 entries, measured)
before the search it starts could draw. The box's own size never depends on
its text (it is one row, as wide as its column), so the new width is set
without that pass; scrolling to the cursor reads it straight away.
"""

from __future__ import annotations

from textual.geometry import Size
from textual.widget import Widget
from textual.widgets import Input


class SearchInput(Input):
    """An Input whose typing repaints only itself."""

    def _watch_value(self, value: str) -> None:
        # The new width first, quietly: Input's own watcher then assigns the same
        # value, which a reactive ignores, and does everything else as usual.
        self.set_reactive(Widget.virtual_size, Size(self.content_width, 1))
        super()._watch_value(value)
