"""The Talk pane: the partner's concerns and the balance check-ins over time."""

from __future__ import annotations

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from careerjournal.guidance import BALANCE_SIGNS, get_topic
from careerjournal.models import CheckIn, Concern
from careerjournal.textsafe import one_line
from careerjournal.ui.panes.base import Pane
from careerjournal.ui.tcss import sibling_tcss

SPARK = "▁▂▃▅▇"


def talk_text(concerns: list[Concern], checkins: list[CheckIn]) -> Text:
    text = Text()
    text.append("Partner's concerns", style="bold underline")
    if not concerns:
        text.append("\n  None noted yet.", style="dim")
    for concern in concerns:
        text.append("\n  ")
        text.append("addressed  " if concern.addressed else "open       ", style="green" if concern.addressed else "yellow")
        text.append(get_topic(concern.reason.value).title, style="italic")
        text.append(": ")
        text.append(one_line(concern.heard))
    text.append("\n\n")
    text.append("Balance check-ins", style="bold underline")
    if not checkins:
        text.append("\n  No check-ins yet.", style="dim")
        return text
    for key, label in BALANCE_SIGNS:
        scores = [getattr(checkin, key) for checkin in checkins]
        text.append(f"\n  {label:<40} ")
        text.append("".join(SPARK[score - 1] for score in scores), style="cyan")
        text.append(f"  latest {scores[-1]}/5", style="dim")
    return text


class TalkPane(Pane):
    """Conversation prep and follow-up."""

    PANE_ID = "talk"
    TITLE = "Talk"
    DEFAULT_CSS = sibling_tcss(__file__)
    BINDINGS = [Binding("r", "reload", "Refresh", id="talk.reload", tooltip="Reload concerns and check-ins")]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="talk-scroll", can_focus=True):
            yield Static(id="talk-body")

    def on_mount(self) -> None:
        self.action_reload()

    def action_reload(self) -> None:
        self._load()

    @work(thread=True, exclusive=True, exit_on_error=False)
    def _load(self) -> None:
        text = talk_text(self.store.talk.concerns(), self.store.talk.checkins())
        self.app.call_from_thread(self.query_one("#talk-body", Static).update, text)
