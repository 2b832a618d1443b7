"""What every pane shares: the store, its identity, worker error reporting, and opening forms."""

from __future__ import annotations

from typing import ClassVar, TypeVar

from textual.actions import SkipAction
from textual.containers import Container
from textual.screen import Screen, ScreenResultCallbackType
from textual.widgets import Input
from textual.worker import Worker, WorkerState

from careerjournal.db.store import Store

ResultT = TypeVar("ResultT")


class Pane(Container):
    """One of the four panes. Subclasses set ``PANE_ID`` and ``TITLE``.

    ``PANE_ID`` doubles as the guidance pane name, so the sidebar shows the
    topics for whichever pane is in front.

    Keys that open a form or a text field are ``priority=True`` bindings with
    async actions that return only once the field has the focus (see
    ``open_form``): the app awaits a priority binding's action before it reads
    the next key, so words typed straight after it (fast, or pasted) land in
    the field instead of reaching the list as its keys (d deletes). The app
    looks for priority bindings only among the focused widget's ancestors, so a
    pane's fire only while the focus is inside it: never from a hidden pane,
    nor under a form. Each such action starts with ``_skip_if_typing``.
    """

    PANE_ID: ClassVar[str] = ""
    TITLE: ClassVar[str] = ""

    def __init__(self, store: Store, *, id: str | None = None) -> None:
        super().__init__(id=id or f"pane-{self.PANE_ID}")
        self.store = store
        self.loaded = False

    def on_show(self) -> None:
        """Load a pane's data the first time it is shown, not at start-up.

        Only the Journal is visible when the app opens; the other panes wait,
        so their queries don't compete with the first frame.
        """
        if not self.loaded:
            self.loaded = True
            self.first_show()

    def first_show(self) -> None:
        """Override to start loading data."""

    def focus_default(self) -> None:
        """Put the keyboard focus where the user will want it when the pane opens."""
        for widget in self.query("*"):
            if widget.focusable:
                widget.focus()
                return

    def _skip_if_typing(self) -> None:
        """Priority keys are letters too: in a text field, let the field have them."""
        # Imported here: the TextArea module costs the first frame ~8 ms, and no
        # text area exists before the editor is mounted after that frame.
        from textual.widgets import TextArea

        if isinstance(self.screen.focused, (Input, TextArea)):
            raise SkipAction()

    async def open_form(self, form: Screen[ResultT],
                        callback: ScreenResultCallbackType[ResultT] | None = None) -> None:
        """Show a form and return once it is mounted with its first field focused.

        Awaiting ``push_screen`` waits for the mount, and forms focus their first
        field as they mount (``FormScreen.FIRST_FIELD``; other dialogs by the
        app's ``AUTO_FOCUS``), so the keys read next go into that field.
        """
        await self.app.push_screen(form, callback)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """Worker errors from any pane end up in one place: the app's error reporter."""
        if event.state == WorkerState.ERROR and event.worker.error is not None:
            self.app.report_error(event.worker.error)  # type: ignore[attr-defined]
