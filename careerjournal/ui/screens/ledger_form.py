"""The form for one compromise-ledger item."""

from __future__ import annotations

import datetime as dt
from typing import Any

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Input, Label, Select

from careerjournal.dates import parse_date
from careerjournal.db.plans import MAX_TEXT
from careerjournal.errors import DateParseError
from careerjournal.models import LEDGER_COLUMN_LABELS, LedgerColumn, LedgerItem, LedgerStatus, LifeArea
from careerjournal.ui.screens.goal_forms import FormScreen

AREA_LABELS = {
    LifeArea.TIME_TOGETHER: "Time together", LifeArea.TRAVEL: "Travel", LifeArea.EVENINGS: "Evenings",
    LifeArea.RELOCATION: "Relocation", LifeArea.HOUSEHOLD: "Household", LifeArea.CHILDCARE: "Childcare",
    LifeArea.MONEY: "Money", LifeArea.CAREER_STEP: "Career step", LifeArea.OTHER: "Other",
}
STATUS_LABELS = {LedgerStatus.IDEA: "Idea", LedgerStatus.DISCUSSED: "Discussed", LedgerStatus.AGREED: "Agreed"}


class LedgerForm(FormScreen):
    FORM_TITLE = "Ledger item"

    def __init__(self, item: LedgerItem | None, *, column: LedgerColumn, today: dt.date) -> None:
        super().__init__()
        self.item = item
        self.column = column
        self.today = today

    def fields(self) -> ComposeResult:
        item = self.item
        yield Label("What is it?")
        yield Input(item.text if item else "", placeholder="e.g. Friday drinks with the team", id="ledger-text")
        with Horizontal(classes="form-row"):
            with Vertical():
                yield Label("List")
                yield Select([(label, column) for column, label in LEDGER_COLUMN_LABELS.items()], allow_blank=False,
                             value=item.column if item else self.column, id="ledger-column")
            with Vertical():
                yield Label("Life area")
                yield Select([(label, area) for area, label in AREA_LABELS.items()], allow_blank=False,
                             value=item.area if item else LifeArea.OTHER, id="ledger-area")
            with Vertical():
                yield Label("Status")
                yield Select([(label, status) for status, label in STATUS_LABELS.items()], allow_blank=False,
                             value=item.status if item else LedgerStatus.IDEA, id="ledger-status")
        yield Label("Revisit on (optional): 2028-09-01, in 2 years, next month…")
        yield Input(item.revisit_on.isoformat() if item and item.revisit_on else "", id="ledger-revisit")
        yield Label("Notes (optional): why, and when the answer might change")
        yield Input(item.notes if item else "", placeholder="e.g. ask again when the kids are at school",
                    id="ledger-notes")

    def values(self) -> dict[str, Any] | None:
        text = " ".join(self.text("#ledger-text").split())
        if not text:
            self.error("Write what the item is first.")
            return None
        if len(text) > MAX_TEXT:
            self.error(f"Keep it to {MAX_TEXT} characters or fewer (it has {len(text)}).")
            return None
        revisit_text = self.text("#ledger-revisit").strip()
        revisit = None
        if revisit_text:
            try:
                revisit = parse_date(revisit_text, today=self.today)
            except DateParseError as problem:
                self.error(str(problem))
                return None
        return {"text": text, "column": self.choice("#ledger-column"), "area": self.choice("#ledger-area"),
                "status": self.choice("#ledger-status"), "revisit_on": revisit,
                "notes": self.text("#ledger-notes").strip()}
