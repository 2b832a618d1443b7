"""How the upgrade of a journal written by an older careerjournal looks on stderr.

The core only reports (:class:`careerjournal.db.migrations.UpgradeProgress`);
this decides what the user sees. On a terminal, one line is redrawn in place
with the current step and its percentage, or its seconds so far when the step
can't tell how far it has got. In a log, the upgrade's progress would only be
``\\r`` noise: it gets one plain line at the end.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from typing import TextIO

#: Seconds between redraws: often enough to look alive, rarely enough to cost nothing.
REDRAW_EVERY = 0.1


def progress_on(stream: TextIO) -> UpgradeLog:
    """A live line when ``stream`` is a terminal, else one plain line at the end."""
    if not stream.isatty():
        return UpgradeLog(stream)
    try:
        columns = os.get_terminal_size(stream.fileno()).columns
    except OSError:
        columns = 0
    return UpgradeLine(stream, columns or 80)


class UpgradeLog:
    """Nothing while the upgrade runs; one line saying how long it took once it is committed."""

    def __init__(self, stream: TextIO, clock: Callable[[], float] = time.monotonic) -> None:
        self.stream = stream
        self.clock = clock
        self.started = clock()

    def step_started(self, label: str, total: int | None) -> None:
        pass

    def advanced(self, done: int) -> None:
        pass

    def ended(self, committed: bool) -> None:
        # A failed upgrade says nothing here: the error's own sentence follows.
        if committed:
            print(self.done_sentence(), file=self.stream, flush=True)

    def done_sentence(self) -> str:
        return f"careerjournal: journal updated in {self.clock() - self.started:.1f} s."


class UpgradeLine(UpgradeLog):
    """One terminal line, redrawn in place (``\\r``) while the upgrade runs."""

    def __init__(self, stream: TextIO, columns: int, clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__(stream, clock)
        self.columns = columns
        self.label = ""
        self.total: int | None = None
        self.step_began = self.started
        self.drawn_at = self.started
        self.shown = ""

    def step_started(self, label: str, total: int | None) -> None:
        self.label, self.total = label, total
        self.step_began = self.clock()
        self._draw(0)

    def advanced(self, done: int) -> None:
        if self.clock() - self.drawn_at >= REDRAW_EVERY:
            self._draw(done)

    def ended(self, committed: bool) -> None:
        if committed:
            self._show(self.done_sentence())
            self.stream.write("\n")
        else:
            self._show("")
            self.stream.write("\r")  # the error's sentence goes on the wiped line
        self.stream.flush()

    def _draw(self, done: int) -> None:
        self.drawn_at = self.clock()
        if self.total is None:
            how_far = f"{self.drawn_at - self.step_began:.1f} s"
        else:
            how_far = f"{done * 100 // max(self.total, 1)}%"
        # Cut to the terminal's width: a line that wrapped could not be redrawn.
        self._show(f"  {self.label}… {how_far}"[: self.columns - 1])
        self.stream.flush()

    def _show(self, text: str) -> None:
        """Put ``text`` where the line was, padded to cover what it replaces."""
        if text != self.shown:
            self.stream.write("\r" + text.ljust(len(self.shown)))
            self.shown = text
