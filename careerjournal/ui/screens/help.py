"""The help screen (``?`` / F1): every key, grouped by where it works."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from careerjournal.ui.keys import KeyRow
from careerjournal.ui.tcss import sibling_tcss


def keys_table(rows: list[KeyRow]) -> Table:
    table = Table(show_header=False, box=None, padding=(0, 2, 0, 0), expand=True)
    table.add_column("key", style="bold", no_wrap=True, min_width=14)
    table.add_column("what", ratio=1)
    group = None
    for row in rows:
        if row.group != group:
            if group is not None:
                table.add_row("", "")
            table.add_row(Text(row.group, style="bold underline"), "")
            group = row.group
        what = Text(row.description)
        if row.tooltip:
            what.append(f"  {row.tooltip}", style="dim")
        table.add_row(Text(row.key), what)
    return table


class HelpScreen(ModalScreen[None]):
    """A scrollable list of keys; any of escape, q, ? or F1 closes it."""

    DEFAULT_CSS = sibling_tcss(__file__)
    BINDINGS = [
        Binding("escape,q,question_mark,f1", "dismiss", "Close", id="help.close"),
    ]

    def __init__(self, rows: list[KeyRow]) -> None:
        super().__init__()
        self.rows = rows

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-box") as box:
            box.border_title = "Keys"
            box.border_subtitle = "escape to close"
            yield Static(
                Text("careerjournal works entirely from the keyboard. ctrl+p finds any action by name.\n",
                     style="italic")
            )
            yield Static(keys_table(self.rows))

    def action_dismiss(self) -> None:  # type: ignore[override]
        self.dismiss(None)
