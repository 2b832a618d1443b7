"""Forms for goals, steps, resources and wins.

Each is a typed ``ModalScreen`` that returns a plain dict of clean values (or
None when cancelled). Validation happens here, inline: an empty title or a
date that can't be read gets one sentence under the form and the form stays
open. Dates take words ("in 3 months") as well as ISO.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static

from careerjournal.dates import parse_date
from careerjournal.db.goals import MAX_TITLE
from careerjournal.errors import DateParseError
from careerjournal.models import Goal, GoalStatus, Horizon, Owner, Resource, ResourceKind
from careerjournal.ui.tcss import sibling_tcss

OWNER_LABELS = {Owner.ME: "Me", Owner.PARTNER: "My partner", Owner.SHARED: "Both of us"}
HORIZON_LABELS = {Horizon.SHORT: "Short-term", Horizon.LONG: "Long-term"}
STATUS_LABELS = {GoalStatus.ACTIVE: "Active", GoalStatus.PAUSED: "Paused", GoalStatus.DONE: "Done",
                 GoalStatus.DROPPED: "Dropped"}
KIND_LABELS = {
    ResourceKind.COURSE: "Course", ResourceKind.WORKSHOP: "Workshop", ResourceKind.NETWORKING: "Networking event",
    ResourceKind.MENTOR: "Mentor", ResourceKind.COACH: "Coach", ResourceKind.BOOK: "Book",
    ResourceKind.HANDS_ON: "Hands-on (internship, apprenticeship, volunteering)", ResourceKind.OTHER: "Other",
}


class FormScreen(ModalScreen[dict[str, Any] | None]):
    """Shared frame: a titled box, an error line, Save/Cancel, ctrl+s and escape."""

    DEFAULT_CSS = sibling_tcss(__file__)
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="form.cancel"),
        Binding("ctrl+s", "submit", "Save", id="form.save", priority=True),
    ]
    FORM_TITLE = ""
    #: The field the typing starts in: focused as the form mounts (see on_mount).
    FIRST_FIELD: ClassVar[str] = "Input"

    def compose(self) -> ComposeResult:
        with Vertical(classes="form-box") as box:
            box.border_title = self.FORM_TITLE
            box.border_subtitle = "ctrl+s save · esc cancel"
            yield from self.fields()
            yield Static(classes="form-error")
            with Horizontal(classes="form-buttons"):
                yield Button("Save", variant="primary", classes="form-save")
                yield Button("Cancel", classes="form-cancel")

    def fields(self) -> ComposeResult:
        raise NotImplementedError

    def on_mount(self) -> None:
        # At once, not with focus(), which waits behind keys already read: the
        # words typed straight after the key that opened the form (panes await
        # the mount, see Pane.open_form) must land in this field.
        self.set_focus(self.query(self.FIRST_FIELD).first())

    def error(self, message: str) -> None:
        self.query_one(".form-error", Static).update(Text(message, style="bold red"))

    def values(self) -> dict[str, Any] | None:
        """The form's values, or None after showing an error."""
        raise NotImplementedError

    @on(Input.Submitted)
    @on(Button.Pressed, ".form-save")
    def action_submit(self) -> None:
        values = self.values()
        if values is not None:
            self.dismiss(values)

    @on(Button.Pressed, ".form-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)

    def text(self, selector: str) -> str:
        return self.query_one(selector, Input).value

    def choice(self, selector: str) -> Any:
        value = self.query_one(selector, Select).value
        return None if value is Select.NULL or value is Select.BLANK else value


class GoalForm(FormScreen):
    FORM_TITLE = "Goal"

    def __init__(self, goal: Goal | None = None, *, today: dt.date, owner: Owner | None = None) -> None:
        super().__init__()
        self.goal = goal
        self.today = today
        self.default_owner = owner or Owner.ME

    def fields(self) -> ComposeResult:
        goal = self.goal
        yield Label("What do you want to achieve?")
        yield Input(goal.title if goal else "", placeholder="e.g. Lead a team by next summer", id="goal-title")
        yield Label("Why it matters (optional)")
        yield Input(goal.why if goal else "", placeholder="what it would mean to you", id="goal-why")
        with Horizontal(classes="form-row"):
            with Vertical():
                yield Label("Whose goal")
                yield Select([(label, owner) for owner, label in OWNER_LABELS.items()], allow_blank=False,
                             value=goal.owner if goal else self.default_owner, id="goal-owner")
            with Vertical():
                yield Label("Horizon")
                yield Select([(label, horizon) for horizon, label in HORIZON_LABELS.items()], allow_blank=False,
                             value=goal.horizon if goal else Horizon.SHORT, id="goal-horizon")
            with Vertical():
                yield Label("Status")
                yield Select([(label, status) for status, label in STATUS_LABELS.items()], allow_blank=False,
                             value=goal.status if goal else GoalStatus.ACTIVE, id="goal-status")
        yield Label("Target date (optional): 2027-06-01, in 3 months, next year…")
        yield Input(goal.target_date.isoformat() if goal and goal.target_date else "", id="goal-target")

    def values(self) -> dict[str, Any] | None:
        title = " ".join(self.text("#goal-title").split())
        if not title:
            self.error("Give the goal a title.")
            return None
        if len(title) > MAX_TITLE:
            self.error(f"Keep the title to {MAX_TITLE} characters or fewer (it has {len(title)}).")
            return None
        target_text = self.text("#goal-target").strip()
        target = None
        if target_text:
            try:
                target = parse_date(target_text, today=self.today)
            except DateParseError as problem:
                self.error(str(problem))
                return None
        return {"title": title, "why": self.text("#goal-why").strip(), "owner": self.choice("#goal-owner"),
                "horizon": self.choice("#goal-horizon"), "status": self.choice("#goal-status"),
                "target_date": target}


class TextForm(FormScreen):
    """One line of text: a step, or a win to record."""

    def __init__(self, title: str, label: str, value: str = "", *, note: str = "") -> None:
        super().__init__()
        self.FORM_TITLE = title
        self.label = label
        self.value = value
        self.note = note

    def fields(self) -> ComposeResult:
        if self.note:
            yield Static(Text(self.note, style="italic"), classes="form-note")
        yield Label(Text(self.label))
        yield Input(self.value, id="text-value")

    def values(self) -> dict[str, Any] | None:
        text = " ".join(self.text("#text-value").split())
        if not text:
            self.error("Write a few words first (or press escape).")
            return None
        if len(text) > MAX_TITLE:
            self.error(f"Keep it to {MAX_TITLE} characters or fewer (it has {len(text)}).")
            return None
        return {"text": text}


class ResourceForm(FormScreen):
    FORM_TITLE = "Resource"
    FIRST_FIELD = "#resource-title"

    def __init__(self, resource: Resource | None = None) -> None:
        super().__init__()
        self.resource = resource

    def fields(self) -> ComposeResult:
        resource = self.resource
        yield Label("Kind")
        yield Select([(label, kind) for kind, label in KIND_LABELS.items()], allow_blank=False,
                     value=resource.kind if resource else ResourceKind.COURSE, id="resource-kind")
        yield Label("Title")
        yield Input(resource.title if resource else "", placeholder="e.g. Priya (mentor), Leadership course",
                    id="resource-title")
        yield Label("Link (optional)")
        yield Input(resource.link if resource else "", placeholder="https://…", id="resource-link")
        yield Label("Notes (optional)")
        yield Input(resource.notes if resource else "", id="resource-notes")

    def values(self) -> dict[str, Any] | None:
        title = " ".join(self.text("#resource-title").split())
        if not title:
            self.error("Give the resource a title.")
            return None
        return {"kind": self.choice("#resource-kind"), "title": title, "link": self.text("#resource-link").strip(),
                "notes": self.text("#resource-notes").strip()}
