"""The Goals pane: my goals, my partner's and our shared ones, with progress."""

from __future__ import annotations

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from careerjournal.models import Goal, Owner
from careerjournal.textsafe import one_line
from careerjournal.ui.panes.base import Pane
from careerjournal.ui.tcss import sibling_tcss

OWNER_HEADINGS = {Owner.ME: "My goals", Owner.PARTNER: "My partner's goals", Owner.SHARED: "Our shared goals"}


def progress_bar(goal: Goal, width: int = 12) -> Text:
    """A bar of done steps over all steps; a goal with no steps shows no bar at all."""
    if goal.progress is None:
        return Text("no steps yet", style="dim")
    filled = round(goal.progress * width)
    done = sum(step.done for step in goal.steps)
    return Text("█" * filled + "░" * (width - filled) + f" {done}/{len(goal.steps)}", style="green")


def goals_text(goals: list[Goal]) -> Text:
    text = Text()
    if not goals:
        text.append("No goals yet. Goals for you, for your partner and for both of you will live here.", style="dim")
        return text
    for owner in Owner:
        mine = [goal for goal in goals if goal.owner == owner]
        if not mine:
            continue
        if text:
            text.append("\n\n")
        text.append(OWNER_HEADINGS[owner], style="bold underline")
        for goal in mine:
            text.append("\n  ")
            text.append(one_line(goal.title), style="bold")
            text.append(f"  ({goal.horizon.value}-term, {goal.status.value}")
            if goal.target_date:
                text.append(f", by {goal.target_date.isoformat()}")
            text.append(")  ")
            text.append_text(progress_bar(goal))
            for step in goal.steps:
                text.append("\n      ")
                text.append("[x] " if step.done else "[ ] ", style="green" if step.done else "dim")
                text.append(one_line(step.text))
    return text


class GoalsPane(Pane):
    """Goals for me, my partner and both of us."""

    PANE_ID = "goals"
    TITLE = "Goals"
    DEFAULT_CSS = sibling_tcss(__file__)
    BINDINGS = [Binding("r", "reload", "Refresh", id="goals.reload", tooltip="Reload goals")]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="goals-scroll", can_focus=True):
            yield Static(id="goals-body")

    def on_mount(self) -> None:
        self.action_reload()

    def action_reload(self) -> None:
        self._load()

    @work(thread=True, exclusive=True, exit_on_error=False)
    def _load(self) -> None:
        goals = self.store.goals.list()
        self.app.call_from_thread(self.query_one("#goals-body", Static).update, goals_text(goals))
