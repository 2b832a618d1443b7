"""What every pane shares: the store, its identity, and worker error reporting."""

from __future__ import annotations

from typing import ClassVar

from textual.containers import Container
from textual.worker import Worker, WorkerState

from careerjournal.db.store import Store


class Pane(Container):
    """One of the four panes. Subclasses set ``PANE_ID`` and ``TITLE``.

    ``PANE_ID`` doubles as the guidance pane name, so the sidebar shows the
    topics for whichever pane is in front.
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

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """Worker errors from any pane end up in one place: the app's error reporter."""
        if event.state == WorkerState.ERROR and event.worker.error is not None:
            self.app.report_error(event.worker.error)  # type: ignore[attr-defined]
