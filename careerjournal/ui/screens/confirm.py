"""Small yes/no-style dialogs, typed by what they return."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from careerjournal.ui.tcss import sibling_tcss


class ChoiceScreen(ModalScreen[str]):
    """A question with a few labelled answers; escape gives ``cancel``.

    ``choices`` maps an answer id to its button label, first one primary.
    The question is passed as plain text and shown literally.
    """

    DEFAULT_CSS = sibling_tcss(__file__)
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="choice.cancel")]

    def __init__(self, title: str, question: str, choices: dict[str, str]) -> None:
        super().__init__()
        self.title_text = title
        self.question = question
        self.choices = choices

    def compose(self) -> ComposeResult:
        with Vertical(id="choice-box") as box:
            box.border_title = self.title_text
            yield Static(Text(self.question), id="choice-question")
            with Horizontal(id="choice-buttons"):
                for number, (answer, label) in enumerate(self.choices.items()):
                    yield Button(label, id=f"choice-{answer}", variant="primary" if number == 0 else "default")

    def on_mount(self) -> None:
        self.query(Button).first().focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss((event.button.id or "choice-cancel").removeprefix("choice-"))

    def action_cancel(self) -> None:
        self.dismiss("cancel")
