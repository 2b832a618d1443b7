"""The Ledger pane: what I'll give up, what I won't, what is open to compromise.

Three columns side by side, each an OptionList of ``rich.text.Text`` prompts
(never markup). A balance line on top counts each column and life area and
warns, in one plain sentence, when the ledger is lopsided. Items whose
"revisit on" date has come are flagged.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from careerjournal.db.store import Store
from careerjournal.guidance.balance import ledger_balance
from careerjournal.models import LEDGER_COLUMN_LABELS, LedgerColumn, LedgerItem, LedgerStatus
from careerjournal.textsafe import one_line
from careerjournal.ui.panes.base import Pane
from careerjournal.ui.screens.ledger_form import AREA_LABELS, LedgerForm
from careerjournal.ui.tcss import sibling_tcss

COLUMNS = list(LedgerColumn)
STATUS_STYLES = {LedgerStatus.IDEA: "dim", LedgerStatus.DISCUSSED: "yellow", LedgerStatus.AGREED: "bold green"}


def item_prompt(item: LedgerItem, today: dt.date) -> Text:
    text = Text()
    due = item.revisit_on is not None and item.revisit_on <= today
    if due:
        text.append("⏰ ", style="bold yellow")
    text.append(one_line(item.text), style="bold")
    text.append("\n")
    text.append(AREA_LABELS[item.area], style="cyan")
    text.append(" · ")
    text.append(item.status.value, style=STATUS_STYLES[item.status])
    if item.revisit_on is not None:
        text.append(" · ")
        text.append(f"revisit {'now' if due else item.revisit_on.isoformat()}",
                    style="bold yellow" if due else "dim")
    if item.notes:
        text.append("\n")
        text.append(one_line(item.notes)[:200], style="italic dim")
    return text


class LedgerColumnList(OptionList):
    """One column of the ledger; j/k move, h/l hop to the neighbouring column."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False, id="ledger.down"),
        Binding("k", "cursor_up", "Up", show=False, id="ledger.up"),
    ]

    def __init__(self, column: LedgerColumn) -> None:
        super().__init__(id=f"ledger-{column.value}", classes="ledger-column")
        self.column = column
        self.items: list[LedgerItem] = []
        self.border_title = LEDGER_COLUMN_LABELS[column]


class LedgerPane(Pane):
    """The compromise ledger in three columns."""

    PANE_ID = "ledger"
    TITLE = "Ledger"
    DEFAULT_CSS = sibling_tcss(__file__)
    # a, e and m open a form or a choice: priority bindings, finished before the app
    # reads the next key, so what is typed straight after lands there (see Pane).
    BINDINGS = [
        Binding("a", "add", "Add", id="ledger.add", tooltip="Add an item to the focused column", priority=True),
        Binding("e", "edit", "Edit", id="ledger.edit", tooltip="Edit the item", priority=True),
        Binding("m", "move", "Move", id="ledger.move", tooltip="Move the item to another column", priority=True),
        Binding("space", "advance", "Next status", id="ledger.status", tooltip="idea → discussed → agreed"),
        Binding("d", "delete", "Delete", id="ledger.delete", tooltip="Delete (u undoes)"),
        Binding("u", "undo", "Undo", id="ledger.undo", tooltip="Undo the last delete"),
        Binding("h,left", "column(-1)", "Left column", show=False, id="ledger.left"),
        Binding("l,right", "column(1)", "Right column", show=False, id="ledger.right"),
    ]

    def __init__(self, store: Store, *, today: dt.date | None = None, id: str | None = None) -> None:
        super().__init__(store, id=id)
        self.today = today or dt.date.today()
        self.items: list[LedgerItem] = []
        self.deleted: list[int] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="ledger-top"):
            yield Static(id="ledger-balance")
            yield Static(id="ledger-warning")
        with Horizontal(id="ledger-columns"):
            for column in COLUMNS:
                yield LedgerColumnList(column)

    def first_show(self) -> None:
        self.reload()

    def focus_default(self) -> None:
        self.query_one(LedgerColumnList).focus()

    # -- data ------------------------------------------------------------------------

    def reload(self, select: int | None = None) -> None:
        self._load(select)

    @work(thread=True, exclusive=True, group="ledger-load", exit_on_error=False)
    def _load(self, select: int | None) -> None:
        items = self.store.ledger.list()
        self.app.call_from_thread(self._loaded, items, select)

    def _loaded(self, items: list[LedgerItem], select: int | None) -> None:
        self.items = items
        focused = self.focused_column
        for column_list in self.query(LedgerColumnList):
            keep = column_list.highlighted
            column_list.items = [item for item in items if item.column == column_list.column]
            column_list.clear_options()
            column_list.add_options(
                [Option(item_prompt(item, self.today), id=str(item.id)) for item in column_list.items]
                or [Option(Text("Nothing here yet: press a to add.", style="dim italic"), disabled=True)]
            )
            column_list.border_subtitle = str(len(column_list.items))
            index = next((i for i, item in enumerate(column_list.items) if item.id == select), None)
            if index is not None:
                column_list.highlighted = index
                if focused is not column_list:
                    column_list.focus()
            elif column_list.items:
                column_list.highlighted = min(keep or 0, len(column_list.items) - 1)
        self._show_balance()
        self.refresh_bindings()

    def _show_balance(self) -> None:
        balance = ledger_balance(self.items)
        text = Text()
        for number, column in enumerate(COLUMNS):
            if number:
                text.append("   ")
            text.append(f"{LEDGER_COLUMN_LABELS[column]}: ", style="dim")
            text.append(str(balance.by_column[column]), style="bold")
        if balance.by_area:
            text.append("   |   ", style="dim")
            text.append(", ".join(f"{AREA_LABELS[area].lower()} {count}" for area, count in balance.by_area.items()),
                        style="cyan")
        due = [item for item in self.items if item.revisit_on is not None and item.revisit_on <= self.today]
        if due:
            text.append(f"   ⏰ {len(due)} to revisit", style="bold yellow")
        self.query_one("#ledger-balance", Static).update(text)
        warning = self.query_one("#ledger-warning", Static)
        warning.update(Text("⚠ " + balance.warning, style="bold yellow") if balance.warning else Text(""))
        warning.display = balance.warning is not None

    # -- selection --------------------------------------------------------------------

    @property
    def focused_column(self) -> LedgerColumnList | None:
        focused = self.app.focused
        return focused if isinstance(focused, LedgerColumnList) else None

    @property
    def selected(self) -> LedgerItem | None:
        column_list = self.focused_column
        if column_list is None or column_list.highlighted is None or not column_list.items:
            return None
        if column_list.highlighted >= len(column_list.items):
            return None
        return column_list.items[column_list.highlighted]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("edit", "move", "advance", "delete"):
            return self.selected is not None
        if action == "undo":
            return bool(self.deleted)
        return True

    @on(OptionList.OptionHighlighted)
    def _highlighted(self) -> None:
        self.refresh_bindings()

    def on_descendant_focus(self) -> None:
        self.refresh_bindings()

    def action_column(self, delta: int) -> None:
        column_list = self.focused_column
        index = COLUMNS.index(column_list.column) if column_list else 0
        target = COLUMNS[(index + delta) % len(COLUMNS)]
        self.query_one(f"#ledger-{target.value}", LedgerColumnList).focus()

    # -- changes ----------------------------------------------------------------------

    @work(thread=True, group="ledger-write", exit_on_error=False)
    def _write(self, change, message: str = "") -> None:  # type: ignore[no-untyped-def]
        item = change()
        self.app.call_from_thread(self._written, item, message)

    def _written(self, item: LedgerItem | None, message: str) -> None:
        self.reload(item.id if item is not None else None)
        if message:
            self.app.notify(message, markup=False)

    async def action_add(self) -> None:
        self._skip_if_typing()
        column_list = self.focused_column
        column = column_list.column if column_list else LedgerColumn.GIVE_UP

        def saved(values: dict[str, Any] | None) -> None:
            if values:
                self._write(lambda: self.store.ledger.add(values.pop("text"), values.pop("column"), **values), "Added.")

        await self.open_form(LedgerForm(None, column=column, today=self.today), saved)

    async def action_edit(self) -> None:
        self._skip_if_typing()
        item = self.selected
        if item is None or item.id is None:
            return
        item_id = item.id

        def saved(values: dict[str, Any] | None) -> None:
            if values:
                self._write(lambda: self.store.ledger.update(item_id, **values), "Saved.")

        await self.open_form(LedgerForm(item, column=item.column, today=self.today), saved)

    async def action_move(self) -> None:
        self._skip_if_typing()
        item = self.selected
        if item is None or item.id is None:
            return
        from careerjournal.ui.screens.confirm import ChoiceScreen

        item_id = item.id
        others = {column.value: LEDGER_COLUMN_LABELS[column] for column in COLUMNS if column != item.column}

        def chosen(answer: str | None) -> None:
            if answer in others:
                target = LedgerColumn(answer)
                self._write(lambda: self.store.ledger.move(item_id, target),
                            f"Moved to “{LEDGER_COLUMN_LABELS[target]}”.")

        # ChoiceScreen's first button takes the focus as it mounts (the app's AUTO_FOCUS).
        await self.open_form(
            ChoiceScreen("Move to…", f"Move “{one_line(item.text)[:60]}” to another list.",
                         {**others, "cancel": "Cancel"}),
            chosen,
        )

    def action_advance(self) -> None:
        item = self.selected
        if item is not None and item.id is not None:
            item_id = item.id
            self._write(lambda: self.store.ledger.advance_status(item_id),
                        f"Now: {item.status.next().value}.")

    def action_delete(self) -> None:
        item = self.selected
        if item is None or item.id is None:
            return
        item_id = item.id
        self.deleted.append(item_id)
        self._write(lambda: self.store.ledger.delete(item_id) and None, "Deleted. Press u to undo.")

    def action_undo(self) -> None:
        if self.deleted:
            item_id = self.deleted.pop()
            self._write(lambda: self.store.ledger.restore(item_id), "Restored.")
