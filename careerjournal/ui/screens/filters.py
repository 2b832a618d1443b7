"""The journal's filter dialog (``f``): tag, mood and a date range.

Dates take the same words as the command line; a date that can't be read gets
one sentence under the form and the dialog stays open.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.suggester import SuggestFromList
from textual.widgets import Button, Input, Label, Select, Static

from careerjournal.dates import parse_date
from careerjournal.errors import DateParseError
from careerjournal.models import EntryQuery
from careerjournal.ui.tcss import sibling_tcss

MOODS = [(f"mood {n}", n) for n in range(1, 6)]


class FilterScreen(ModalScreen[EntryQuery | None]):
    """Returns the new query (search text kept), or None when cancelled."""

    DEFAULT_CSS = sibling_tcss(__file__)
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="filters.cancel"),
        Binding("ctrl+s", "apply", "Apply", id="filters.apply", priority=True),
        Binding("ctrl+r", "clear", "Clear all", id="filters.clear"),
    ]

    def __init__(self, query: EntryQuery, tags: list[str], today: dt.date) -> None:
        super().__init__()
        self.query_filter = query
        self.tags = tags
        self.today = today

    def compose(self) -> ComposeResult:
        with Vertical(id="filter-box") as box:
            box.border_title = "Filter entries"
            box.border_subtitle = "enter apply · ctrl+r clear · esc cancel"
            yield Label("Tag")
            yield Input(self.query_filter.tag or "", placeholder="any tag", id="filter-tag",
                        suggester=SuggestFromList(self.tags, case_sensitive=False))
            yield Label("Mood")
            yield Select(MOODS, prompt="any mood", id="filter-mood", allow_blank=True,
                         value=self.query_filter.mood if self.query_filter.mood else Select.NULL)
            with Horizontal(id="filter-dates"):
                with Vertical():
                    yield Label("From")
                    yield Input(self._date_text(self.query_filter.since), placeholder="e.g. last month",
                                id="filter-since")
                with Vertical():
                    yield Label("Until")
                    yield Input(self._date_text(self.query_filter.until), placeholder="e.g. today",
                                id="filter-until")
            yield Static(id="filter-error")
            with Horizontal(id="filter-buttons"):
                yield Button("Apply", variant="primary", id="filter-apply")
                yield Button("Clear all", id="filter-clear")
                yield Button("Cancel", id="filter-cancel")

    @staticmethod
    def _date_text(day: dt.date | None) -> str:
        return day.isoformat() if day else ""

    def on_mount(self) -> None:
        self.query_one("#filter-tag", Input).focus()

    def _read(self) -> EntryQuery | None:
        error = self.query_one("#filter-error", Static)
        try:
            since = self._parse("#filter-since")
            until = self._parse("#filter-until")
        except DateParseError as problem:
            error.update(Text(str(problem), style="bold red"))
            return None
        if since and until and since > until:
            error.update(Text("'From' is after 'Until', so nothing could match; swap them.", style="bold red"))
            return None
        mood = self.query_one("#filter-mood", Select).value
        tag = self.query_one("#filter-tag", Input).value.strip().lstrip("#") or None
        return replace(self.query_filter, tag=tag, mood=mood if isinstance(mood, int) else None,
                       since=since, until=until)

    def _parse(self, selector: str) -> dt.date | None:
        text = self.query_one(selector, Input).value.strip()
        return parse_date(text, today=self.today) if text else None

    @on(Input.Submitted)
    @on(Button.Pressed, "#filter-apply")
    def action_apply(self) -> None:
        query = self._read()
        if query is not None:
            self.dismiss(query)

    @on(Button.Pressed, "#filter-clear")
    def action_clear(self) -> None:
        self.dismiss(EntryQuery(search=self.query_filter.search))

    @on(Button.Pressed, "#filter-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
