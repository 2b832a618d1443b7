"""The journal's search box: Textual's Input without a screen layout on every keystroke.

Input keeps its virtual width equal to its text's width, and Textual's
``virtual_size`` asks for a layout of the whole screen whenever it changes, so
each typed letter cost a layout pass (5-15 ms at 100,000 entries, measured)
before the search it starts could draw. The box's own size never depends on
its text (it is one row, as wide as its column), so the new width is set
without that pass; scrolling to the cursor reads it straight away.

``on_typed`` hears each new value at once, as it is set. ``Input.Changed`` is a
message that reaches the pane only after the frame showing the letter has been
drawn; a search started from it began 3-7 ms late, where it could have been
querying beside that drawing (SQLite works without holding the GIL). Worse, a
letter's Changed could arrive after the next letter was typed and start the
older search again.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.geometry import Size
from textual.widget import Widget
from textual.widgets import Input


class SearchInput(Input):
    """An Input whose typing repaints only itself, and tells ``on_typed`` straight away."""

    def __init__(self, *, on_typed: Callable[[str], None] | None = None, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.on_typed = on_typed
        self._quiet = False

    def set_value_quietly(self, value: str) -> None:
        """Show ``value`` without telling anyone (``on_typed`` or ``Input.Changed``)."""
        self._quiet = True
        try:
            with self.prevent(Input.Changed):
                self.value = value
        finally:
            self._quiet = False

    def _watch_value(self, value: str) -> None:
        # The new width first, quietly: Input's own watcher then assigns the same
        # value, which a reactive ignores, and does everything else as usual.
        self.set_reactive(Widget.virtual_size, Size(self.content_width, 1))
        super()._watch_value(value)
        if self.on_typed is not None and not self._quiet:
            self.on_typed(value)
