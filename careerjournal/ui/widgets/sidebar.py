"""The guidance sidebar: nudges from your own data, then advice for the pane in front.

Topics come from :mod:`careerjournal.guidance` (pure data) and nudges from
``store.nudges`` (computed in a thread worker whenever the journal changes).
Everything is built as ``rich.text.Text``, so nothing in it is parsed as markup.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.message import Message
from textual.reactive import reactive
from textual.widget import AwaitMount
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from careerjournal.db.store import Store
from careerjournal.ui.tcss import sibling_tcss

if TYPE_CHECKING:
    from careerjournal.guidance.nudges import Nudge

PANE_NAMES = {"journal": "Journal", "goals": "Goals", "ledger": "Ledger", "talk": "Talk"}
POLL_SECONDS = 1.5


def guidance_text(pane: str) -> Text:
    from careerjournal.guidance.topics import topics_for_pane  # only once the sidebar is shown

    text = Text()
    for number, topic in enumerate(topics_for_pane(pane)):
        if number:
            text.append("\n\n")
        text.append(topic.title, style="bold")
        text.append("\n")
        text.append(topic.summary, style="italic")
        for item in topic.body:
            text.append("\n")
            text.append(item)
    return text


class NudgeList(OptionList):
    """Nudges; ``x`` dismisses the highlighted one for good, ``enter`` opens its topic."""

    BINDINGS = [
        Binding("x", "dismiss_nudge", "Dismiss nudge", id="sidebar.dismiss", tooltip="Hide this nudge for good"),
        Binding("j", "cursor_down", "Down", show=False, id="sidebar.down"),
        Binding("k", "cursor_up", "Up", show=False, id="sidebar.up"),
    ]

    class Dismissed(Message):
        def __init__(self, nudge: Nudge) -> None:
            super().__init__()
            self.nudge = nudge

    def __init__(self) -> None:
        super().__init__(id="nudges")
        self.nudges: list[Nudge] = []

    def show(self, nudges: list[Nudge]) -> None:
        keep = self.highlighted
        self.nudges = nudges
        self.clear_options()
        self.add_options([Option(Text("● " + nudge.message), id=nudge.key) for nudge in nudges])
        self.display = bool(nudges)
        if nudges:
            self.highlighted = min(keep or 0, len(nudges) - 1)
        self.border_title = f"Nudges ({len(nudges)})"

    def action_dismiss_nudge(self) -> None:
        if self.highlighted is not None and self.highlighted < len(self.nudges):
            self.post_message(self.Dismissed(self.nudges[self.highlighted]))


class GuidanceSidebar(VerticalScroll):
    """Nudges and advice for the focused pane (toggled with ctrl+g)."""

    DEFAULT_CSS = sibling_tcss(__file__)

    pane: reactive[str] = reactive("journal")
    """Which pane's topics to show."""

    class TopicRequested(Message):
        def __init__(self, topic: str) -> None:
            super().__init__()
            self.topic = topic

    def __init__(self, store: Store, *, today: dt.date, id: str | None = None) -> None:
        super().__init__(id=id)
        self.store = store
        self.today = today
        self._seen_changes = -1
        self._built = False
        self._mounting: AwaitMount | None = None

    def compose(self) -> ComposeResult:
        # Empty until the sidebar is first shown (see _build): the option list
        # and its styles cost start-up time for a sidebar that usually starts hidden.
        return iter(())

    def on_mount(self) -> None:
        self.border_title = "Guidance"
        self.set_interval(POLL_SECONDS, self._poll)

    def set_shown(self, shown: bool) -> None:
        """Show or hide the sidebar; its contents are built the first time it is shown."""
        self.display = shown
        if shown and not self._built:
            self.call_after_refresh(self._build)

    async def _build(self) -> None:
        """Mount the nudges and the advice, once, the first time the sidebar is on screen."""
        from textual.widget import MountError

        if self._mounting is not None:
            try:
                await self._mounting  # already built, or being built
            except MountError:
                pass  # the app is closing
            return

        nudges = NudgeList()
        nudges.display = False
        self._mounting = self.mount_all([nudges, Static(id="guidance-title"), Static(id="guidance-body")])
        try:
            await self._mounting
        except MountError:
            return  # the app is closing
        if not self.query("#guidance-body"):
            return  # removed again at once: the app is closing
        self._built = True
        self._render_pane(self.pane)
        self._poll()

    def watch_pane(self, pane: str) -> None:
        if self._built and self.query("#guidance-body"):
            self._render_pane(pane)

    def _render_pane(self, pane: str) -> None:
        title = Text(f"For the {PANE_NAMES.get(pane, pane)} pane", style="bold")
        title.append("   ctrl+l: all guidance", style="dim")
        self.query_one("#guidance-title", Static).update(title)
        self.query_one("#guidance-body", Static).update(guidance_text(pane))

    # -- nudges ------------------------------------------------------------------------

    def _poll(self) -> None:
        """Recompute nudges only when something was written since last time (and once built)."""
        if self._built and self.store.changes != self._seen_changes:
            self.refresh_nudges()

    def refresh_nudges(self) -> None:
        """Compute the nudges again now (in a thread) and show them."""
        self._seen_changes = self.store.changes
        self._compute_nudges()

    @work(thread=True, exclusive=True, group="nudges", exit_on_error=False)
    def _compute_nudges(self) -> None:
        nudges = self.store.nudges.current(self.today)
        self.app.call_from_thread(self._show_nudges, nudges)

    async def _show_nudges(self, nudges: list[Nudge]) -> None:
        await self._build()
        found = self.query(NudgeList)
        if found:  # none if the app closed meanwhile
            found.first().show(nudges)

    @on(NudgeList.Dismissed)
    def _dismissed(self, message: NudgeList.Dismissed) -> None:
        nudge_list = self.query_one(NudgeList)
        nudge_list.show([nudge for nudge in nudge_list.nudges if nudge.key != message.nudge.key])
        self._dismiss(message.nudge)

    @work(thread=True, group="nudges-write", exit_on_error=False)
    def _dismiss(self, nudge: Nudge) -> None:
        self.store.nudges.dismiss(nudge.key)
        self.app.call_from_thread(self.app.notify, "Nudge dismissed; it won't come back.", markup=False)

    @on(OptionList.OptionSelected, "#nudges")
    def _open_topic(self, event: OptionList.OptionSelected) -> None:
        nudges = self.query_one(NudgeList).nudges
        if event.option_index < len(nudges):
            self.post_message(self.TopicRequested(nudges[event.option_index].topic))

    def on_worker_state_changed(self, event) -> None:  # type: ignore[no-untyped-def]
        from textual.worker import WorkerState

        if event.state == WorkerState.ERROR and event.worker.error is not None:
            self.app.report_error(event.worker.error)  # type: ignore[attr-defined]
