"""The row of pane names under the header: "1 Journal  2 Goals  3 Ledger  4 Talk".

Why not Textual's TabbedContent: it builds nine widgets and a good deal of
stylesheet for four labels, which cost about 40 ms of every start-up (measured
by CPU time to the first frame at 100,000 entries). This is one widget that
draws two lines, the labels and a bar that marks the open pane, and says which
pane a click asked for. The app does the switching (a ContentSwitcher).
"""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from careerjournal.ui.tcss import sibling_tcss

#: The bar under the labels.
BAR = "━"


class PaneTabs(Widget):
    """Pane labels with the open one marked; a click posts :class:`PaneTabs.Chosen`."""

    DEFAULT_CSS = sibling_tcss(__file__)
    COMPONENT_CLASSES = {"pane-tabs--label", "pane-tabs--active", "pane-tabs--bar", "pane-tabs--bar-active"}

    #: The id of the open pane.
    active: reactive[str] = reactive("")

    class Chosen(Message):
        """The user clicked a pane's label."""

        def __init__(self, pane: str) -> None:
            super().__init__()
            self.pane = pane

    def __init__(self, panes: list[tuple[str, str]], *, active: str, id: str | None = None) -> None:
        """``panes`` are (id, label) pairs in order, e.g. ("journal", "1 Journal")."""
        super().__init__(id=id)
        self.panes = panes
        self.set_reactive(PaneTabs.active, active)

    def spans(self) -> list[tuple[str, int, int]]:
        """(pane id, first column, end column) of each label, its padding of one space a side included."""
        spans, x = [], 0
        for pane, label in self.panes:
            spans.append((pane, x, x + len(label) + 2))
            x += len(label) + 2
        return spans

    def render(self) -> Text:
        label_style = self.get_component_rich_style("pane-tabs--label")
        active_style = self.get_component_rich_style("pane-tabs--active")
        bar_style = self.get_component_rich_style("pane-tabs--bar")
        bar_active = self.get_component_rich_style("pane-tabs--bar-active")
        labels, bar = Text(no_wrap=True, overflow="crop"), Text(no_wrap=True, overflow="crop")
        end = 0
        for (pane, label), (_, start, stop) in zip(self.panes, self.spans()):
            is_active = pane == self.active
            labels.append(f" {label} ", active_style if is_active else label_style)
            bar.append(BAR * (stop - start), bar_active if is_active else bar_style)
            end = stop
        width = max(self.size.width, end)
        bar.append(BAR * (width - end), bar_style)
        return Text("\n").join([labels, bar])

    def on_click(self, event: events.Click) -> None:
        for pane, start, stop in self.spans():
            if start <= event.x < stop:
                event.stop()
                self.post_message(self.Chosen(pane))
                return
