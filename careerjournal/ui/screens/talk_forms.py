"""Forms for the Talk pane: a partner's concern, a talk record, a balance check-in.

They share the frame of :class:`~careerjournal.ui.screens.goal_forms.FormScreen`
(ctrl+s saves, escape cancels, one sentence under the form when something is
missing) and return plain dicts of clean values, or None when cancelled.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from rich.text import Text
from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Input, Label, Select, Static

from careerjournal.dates import parse_date
from careerjournal.db.plans import MAX_TEXT
from careerjournal.errors import DateParseError
from careerjournal.guidance import BALANCE_SIGNS, get_topic
from careerjournal.models import Concern, ConcernReason
from careerjournal.ui.screens.goal_forms import FormScreen
from careerjournal.ui.tcss import sibling_tcss

#: What each score means, so 1-5 isn't a bare number.
SCORE_WORDS = {1: "not at all", 2: "a little", 3: "partly", 4: "mostly", 5: "fully"}


def reason_options() -> list[tuple[str, ConcernReason]]:
    """The five reasons, labelled with their guidance titles."""
    return [(get_topic(reason.value).title, reason) for reason in ConcernReason]


class ConcernForm(FormScreen):
    """Note (or edit) what your partner said worries them, and which reason it sounds like."""

    DEFAULT_CSS = sibling_tcss(__file__)
    FORM_TITLE = "Partner's concern"

    def __init__(self, concern: Concern | None = None, *, reason: ConcernReason | None = None) -> None:
        super().__init__()
        self.concern = concern
        self.reason = concern.reason if concern else (reason or ConcernReason.THREATENED)

    def fields(self) -> ComposeResult:
        yield Static(Text("Write it the way they said it; naming the reason helps you answer the real worry.",
                          style="italic"), classes="form-note")
        yield Label("Which reason does it sound like?")
        yield Select(reason_options(), allow_blank=False, value=self.reason, id="concern-reason")
        yield Label("What did you hear?")
        yield Input(self.concern.heard if self.concern else "",
                    placeholder="e.g. The evenings would all fall on me", id="concern-heard")


    def values(self) -> dict[str, Any] | None:
        heard = " ".join(self.text("#concern-heard").split())
        if not heard:
            self.error("Write what you heard, in a few words (or press escape).")
            return None
        if len(heard) > MAX_TEXT:
            self.error(f"Keep it to {MAX_TEXT} characters or fewer (it has {len(heard)}).")
            return None
        return {"reason": self.choice("#concern-reason"), "heard": heard}


class StartTalkForm(FormScreen):
    """Record that the conversation happened, with the agenda as it stands."""

    DEFAULT_CSS = sibling_tcss(__file__)
    FORM_TITLE = "Record the talk"

    def __init__(self, *, today: dt.date, points: int) -> None:
        super().__init__()
        self.today = today
        self.points = points

    def fields(self) -> ComposeResult:
        if self.points:
            kept = f"The {self.points} agenda point{'s' if self.points != 1 else ''} go with it, ticks and all;"
            note = f"{kept} the agenda then starts fresh for next time."
        else:
            note = "The agenda is empty; the talk is recorded anyway."
        yield Static(Text(note, style="italic"), classes="form-note")
        yield Label("When did you talk? 2026-11-20, today, yesterday, 3 days ago…")
        yield Input(self.today.isoformat(), id="talk-day")
        yield Label("Notes (optional): where, how it went, what you agreed")
        yield Input("", id="talk-notes")

    def values(self) -> dict[str, Any] | None:
        try:
            day = parse_date(self.text("#talk-day"), today=self.today)
        except DateParseError as problem:
            self.error(str(problem))
            return None
        if day > self.today:
            self.error("Record a talk once it has happened; that date is still to come.")
            return None
        return {"day": day, "notes": self.text("#talk-notes").strip()}


class CheckInForm(FormScreen):
    """The four signs of a fair compromise, each scored 1-5, and a note."""

    DEFAULT_CSS = sibling_tcss(__file__)
    FORM_TITLE = "Balance check-in"
    FIRST_FIELD = "Select"  # the first score, not the note: c 4 3 5 4 scores at once
    BINDINGS = [Binding(str(score), f"score({score})", f"Score {score}", show=False, id=f"checkin.score.{score}",
                        tooltip=f"Score {score} ({word}) in this box and move on", priority=True)
                for score, word in SCORE_WORDS.items()]

    def __init__(self, *, talk_day: dt.date | None = None) -> None:
        super().__init__()
        self.talk_day = talk_day

    def fields(self) -> ComposeResult:
        if self.talk_day:
            note = f"How do things feel since your talk on {self.talk_day.isoformat()}?"
        else:
            note = "How do things feel between you right now?"
        note += " Type 1 (not at all) to 5 (fully) in each box."
        yield Static(Text(note, style="italic"), classes="form-note")
        options = [(f"{score} · {word}", score) for score, word in SCORE_WORDS.items()]
        for row in (BALANCE_SIGNS[:2], BALANCE_SIGNS[2:]):
            with Horizontal(classes="form-row"):
                for key, label in row:
                    with Vertical():
                        yield Label(label)
                        yield Select(options, prompt="Score 1–5", id=f"checkin-{key}")
        yield Label("A note (optional)")
        yield Input("", placeholder="what helped, what still stings", id="checkin-note")

    def action_score(self, score: int) -> None:
        """A digit on a closed score box sets it and moves on: c 4 3 5 4, a note, ctrl+s.

        A priority binding, so the next box (or the note) has the focus before
        the next key is read: scores and a note typed in one go all land.
        """
        focused = self.focused
        if not isinstance(focused, Select) or focused.expanded:
            raise SkipAction()  # a digit in the note, or picking from an open list
        focused.value = score
        self.focus_next()

    def values(self) -> dict[str, Any] | None:
        values: dict[str, Any] = {}
        for key, label in BALANCE_SIGNS:
            select = self.query_one(f"#checkin-{key}", Select)
            # is_blank(), not FormScreen.choice(): Select.BLANK is no longer the blank value in Textual 8.
            if select.is_blank() or not isinstance(select.value, int):
                self.error(f"Give “{label}” a score from 1 to 5.")
                select.focus()
                return None
            values[key] = select.value
        values["note"] = self.text("#checkin-note").strip()
        return values
