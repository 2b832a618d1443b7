"""The Ledger pane: what I'll give up, what I won't, what is open to compromise."""

from __future__ import annotations

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Static

from careerjournal.models import LedgerColumn, LedgerItem
from careerjournal.textsafe import one_line
from careerjournal.ui.panes.base import Pane
from careerjournal.ui.tcss import sibling_tcss


def column_text(items: list[LedgerItem]) -> Text:
    text = Text()
    if not items:
        return Text("Nothing here yet.", style="dim")
    for number, item in enumerate(items):
        if number:
            text.append("\n\n")
        text.append(one_line(item.text), style="bold")
        text.append(f"\n{item.area.value.replace('_', ' ')} · {item.status.value}", style="dim")
        if item.revisit_on:
            text.append(f" · revisit {item.revisit_on.isoformat()}", style="dim")
    return text


class LedgerPane(Pane):
    """The compromise ledger in three columns."""

    PANE_ID = "ledger"
    TITLE = "Ledger"
    DEFAULT_CSS = sibling_tcss(__file__)
    BINDINGS = [Binding("r", "reload", "Refresh", id="ledger.reload", tooltip="Reload the ledger")]

    def compose(self) -> ComposeResult:
        with Horizontal(id="ledger-columns"):
            for column in LedgerColumn:
                with VerticalScroll(classes="ledger-column", id=f"ledger-{column.value}", can_focus=True) as scroll:
                    scroll.border_title = column.label
                    yield Static(classes="ledger-items")

    def on_mount(self) -> None:
        self.action_reload()

    def action_reload(self) -> None:
        self._load()

    @work(thread=True, exclusive=True, exit_on_error=False)
    def _load(self) -> None:
        items = self.store.ledger.list()
        self.app.call_from_thread(self._show, items)

    def _show(self, items: list[LedgerItem]) -> None:
        for column in LedgerColumn:
            column_items = [item for item in items if item.column == column]
            scroll = self.query_one(f"#ledger-{column.value}")
            scroll.border_subtitle = str(len(column_items))
            scroll.query_one(".ledger-items", Static).update(column_text(column_items))
