"""The guidance sidebar: advice for the pane in front, in the project's own words.

Topics come from :mod:`careerjournal.guidance` (pure data). Everything is
built as ``rich.text.Text``, so nothing in it is ever parsed as markup.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.reactive import reactive
from textual.widgets import Static

from careerjournal.guidance import topics_for_pane
from careerjournal.ui.tcss import sibling_tcss

PANE_NAMES = {"journal": "Journal", "goals": "Goals", "ledger": "Ledger", "talk": "Talk"}


def guidance_text(pane: str) -> Text:
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


class GuidanceSidebar(VerticalScroll, can_focus=True):
    """Scrollable advice for the focused pane (toggled with ctrl+g)."""

    DEFAULT_CSS = sibling_tcss(__file__)

    pane: reactive[str] = reactive("journal")
    """Which pane's topics to show."""

    def compose(self) -> ComposeResult:
        yield Static(id="guidance-title")
        yield Static(id="guidance-body")

    def watch_pane(self, pane: str) -> None:
        if not self.is_mounted:
            return
        self._render_pane(pane)

    def on_mount(self) -> None:
        self.border_title = "Guidance"
        self._render_pane(self.pane)

    def _render_pane(self, pane: str) -> None:
        self.query_one("#guidance-title", Static).update(
            Text(f"For the {PANE_NAMES.get(pane, pane)} pane", style="bold")
        )
        self.query_one("#guidance-body", Static).update(guidance_text(pane))
        self.scroll_home(animate=False)
