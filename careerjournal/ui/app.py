"""The careerjournal app: a thin shell around four self-contained panes.

The app owns only what is shared: pane switching (1-4 and the tabs), the
guidance sidebar, the help screen, the command palette, error reporting, and
a clean exit on SIGTERM/SIGHUP (Textual installs no handler for those).
"""

from __future__ import annotations

import datetime as dt
import signal
from collections.abc import Callable, Iterable
from functools import partial
from typing import TYPE_CHECKING

from textual import work
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Header

from careerjournal.dates import utc_now
from careerjournal.db.first_page import FirstPage
from careerjournal.db.store import Store
from careerjournal.errors import CareerJournalError
from careerjournal.ui.panes.base import Pane
from careerjournal.ui.panes.journal import JournalPane
from careerjournal.ui.widgets.footer import KeysFooter
from careerjournal.ui.widgets.pane_tabs import PaneTabs
from careerjournal.ui.widgets.sidebar import GuidanceSidebar

if TYPE_CHECKING:
    from careerjournal.ui.keys import KeyRow

PANE_ORDER = ("journal", "goals", "ledger", "talk")
PANE_LABELS = {"journal": "1 Journal", "goals": "2 Goals", "ledger": "3 Ledger", "talk": "4 Talk"}
WIDE_ENOUGH_FOR_SIDEBAR = 140
#: The chosen theme is kept in the journal's settings under this key.
THEME_SETTING = "ui.theme"
DARK_THEME = "textual-dark"
LIGHT_THEME = "textual-light"
#: SQLite's quick_check starts once the first page is drawn, or after this long at the latest.
VERIFY_FALLBACK_SECONDS = 2.0


class AppHeader(Header):
    """Textual's header, with the pane tabs docked under it (app.tcss).

    A click makes Textual's header tall (three lines) or short again; the
    screen's ``-tall-header`` class moves the tabs down with it.
    """

    def on_click(self) -> None:
        # Called before Header's own handler changes the height: follow it after.
        self.call_next(self._tabs_follow)

    def watch_tall(self, tall: bool) -> None:
        super().watch_tall(tall)
        self._tabs_follow()

    def _tabs_follow(self) -> None:
        if self.is_attached:
            self.screen.set_class(self.has_class("-tall"), "-tall-header")


class CareerJournalApp(App[None]):
    """A private journal for balancing career dreams and a relationship."""

    TITLE = "careerjournal"
    CSS_PATH = "styles/app.tcss"
    BINDINGS = [
        Binding("1", "show_pane('journal')", "Journal", id="app.pane.journal", tooltip="Daily reflection entries", show=False),
        Binding("2", "show_pane('goals')", "Goals", id="app.pane.goals", tooltip="Your goals, your partner's, shared", show=False),
        Binding("3", "show_pane('ledger')", "Ledger", id="app.pane.ledger", tooltip="The compromise ledger", show=False),
        Binding("4", "show_pane('talk')", "Talk", id="app.pane.talk", tooltip="Concerns, prep and check-ins", show=False),
        Binding("ctrl+g", "toggle_sidebar", "Guidance", id="app.sidebar", tooltip="Show or hide the guidance sidebar"),
        Binding("x", "export", "Export", id="app.export", tooltip="Share a summary with your partner, or back up"),
        Binding("ctrl+l", "library", "Guidance library", id="app.library", show=False,
                tooltip="Browse and search every guidance topic"),
        Binding("question_mark,f1", "help", "Keys", id="app.help", tooltip="Every key, in one place"),
        Binding("ctrl+q", "quit", "Quit", id="app.quit", tooltip="Save and leave", priority=True),
    ]

    def __init__(
        self,
        store: Store,
        *,
        clock: Callable[[], dt.datetime] = utc_now,
        demo: bool = False,
        verify: bool = False,
        exit_guard: bool = False,
        first_page: FirstPage | None = None,
    ) -> None:
        super().__init__()
        self.first_page = first_page
        self.exit_guard = exit_guard
        self.verify_store = verify
        self.store = store
        self.clock = clock
        self.demo = demo
        self.sub_title = "demo journal (thrown away on exit)" if demo else store.path.name
        # Read before the app starts (a one-row read), so the first frame is already in it.
        saved_theme = store.settings.get(THEME_SETTING)
        if isinstance(saved_theme, str) and saved_theme in self.available_themes:
            self.theme = saved_theme
        self._panes_mounted = False
        self._verify_started = False
        self._current_pane = "journal"

    @property
    def today(self) -> dt.date:
        return self.clock().astimezone().date()

    # -- layout ------------------------------------------------------------------

    def get_default_screen(self) -> Screen:
        return Screen(id="_default", classes="main")

    def compose(self) -> ComposeResult:
        # The panes and the sidebar sit side by side on the screen itself, with
        # the header, the pane tabs and the footer docked around them (app.tcss);
        # the one in front is shown (see action_show_pane). No switcher, slot or
        # row containers: each would cost the first frame its styling, layout
        # and a full-height render.
        yield AppHeader(icon="✎")
        yield PaneTabs([(pane, PANE_LABELS[pane]) for pane in PANE_ORDER], active="journal", id="pane-tabs")
        yield JournalPane(self.store, today=self.today, first_page=self.first_page)
        # The other panes are mounted (before the sidebar) once the journal has
        # drawn its first page (see mount_panes), so opening the app costs only the journal.
        yield GuidanceSidebar(self.store, today=self.today, id="sidebar")
        yield KeysFooter(compact=True)

    def on_mount(self) -> None:
        self._install_signal_handlers()
        self.theme_changed_signal.subscribe(self, self._remember_theme)
        if self.verify_store:
            # After the first page (it would hold the store while the list waits);
            # the timer covers a file too damaged to draw even that.
            self.set_timer(VERIFY_FALLBACK_SECONDS, self._start_verify)
        # The same for the garbage collector, paused while the app opens (see launch.build_app).
        self.set_timer(VERIFY_FALLBACK_SECONDS, self._freeze_startup_objects)
        self.query_one(GuidanceSidebar).set_shown(self.size.width >= WIDE_ENOUGH_FOR_SIDEBAR)
        self.active_pane.focus_default()
        if not self.store.writable:
            self.notify(
                "This journal file is read-only: you can read and search, but changes can't be saved.",
                severity="warning", timeout=8, markup=False,
            )

    @property
    def current_pane(self) -> str:
        """The id of the pane on show: journal, goals, ledger or talk."""
        return self._current_pane

    @property
    def _main_screen(self) -> Screen:
        """The screen the panes sit on (under any dialog)."""
        return self.screen_stack[0]

    @property
    def active_pane(self) -> Pane:
        found = self.query(f"#pane-{self.current_pane}")
        return found.first(Pane) if found else self.query_one(JournalPane)

    async def mount_panes(self) -> None:
        """Import and mount Goals, Ledger and Talk (once), after the journal's first frame.

        Their modules and widgets cost a few hundred milliseconds together;
        deferring them lets the journal appear about as fast as an empty app.
        """
        if self._panes_mounted:
            return
        self._panes_mounted = True
        from careerjournal.ui.panes.goals import GoalsPane
        from careerjournal.ui.panes.ledger import LedgerPane
        from careerjournal.ui.panes.talk import TalkPane

        panes = [GoalsPane(self.store, today=self.today), LedgerPane(self.store, today=self.today),
                 TalkPane(self.store, today=self.today)]
        for pane in panes:
            pane.display = pane.PANE_ID == self._current_pane
        main = self._main_screen
        await main.mount_all(panes, before=main.query_one(GuidanceSidebar))

    async def on_journal_pane_ready(self) -> None:
        self._start_verify()
        self.call_after_refresh(self.mount_panes)
        self.call_after_refresh(self._freeze_startup_objects)

    def _freeze_startup_objects(self) -> None:
        """Keep the garbage collector's full passes off the keys.

        Everything built to open the app (Textual's widgets, styles and caches)
        lives as long as the app; once it is in place, ``gc.freeze`` moves it
        out of the collector's reach, so an occasional full collection no
        longer walks it all between two key presses. The launcher pauses the
        collector while the app opens; this is where it resumes.
        """
        import gc

        gc.freeze()
        gc.enable()

    def _start_verify(self) -> None:
        if self.verify_store and not self._verify_started:
            self._verify_started = True
            self._verify()

    # -- actions -----------------------------------------------------------------

    async def action_show_pane(self, pane: str) -> None:
        if pane not in PANE_ORDER:
            return
        await self.mount_panes()
        self._current_pane = pane
        with self.batch_update():
            for each in self._main_screen.query_children(Pane):
                each.display = each.PANE_ID == pane
        self.query_one(PaneTabs).active = pane
        self.query_one(GuidanceSidebar).pane = pane
        self.active_pane.focus_default()

    async def on_pane_tabs_chosen(self, message: PaneTabs.Chosen) -> None:
        await self.action_show_pane(message.pane)

    def action_toggle_dark(self) -> None:
        """Between the light and the dark theme (any theme stays choosable in the palette)."""
        self.theme = LIGHT_THEME if self.current_theme.dark else DARK_THEME

    def _remember_theme(self, theme: object) -> None:
        if self.store.writable:
            self._save_theme(self.theme)

    @work(thread=True, exclusive=True, group="theme", exit_on_error=False)
    def _save_theme(self, name: str) -> None:
        self.store.settings.set(THEME_SETTING, name)

    def action_toggle_sidebar(self) -> None:
        sidebar = self.query_one(GuidanceSidebar)
        sidebar.set_shown(not sidebar.display)
        self.call_after_refresh(self._redraw_panes)

    def _redraw_panes(self) -> None:
        """Tell every list beside the sidebar its new size once it took or gave back room.

        Textual does not always send Resize to widgets whose width changed only
        because a sibling was shown or hidden (seen with the ledger's and talk's
        option lists, which then kept drawing their old, wider lines). A second
        Resize is harmless: every handler here just recomputes from the size.
        """
        from textual import events

        for pane in self._main_screen.query_children(Pane):
            for widget in pane.walk_children(with_self=True):
                if widget.display:
                    widget.post_message(events.Resize(widget.size, widget.virtual_size, widget.container_size))

    def action_export(self) -> None:
        from careerjournal.ui.screens.export import ExportScreen

        self.push_screen(ExportScreen(self.store, self.today))

    def action_library(self, topic: str | None = None) -> None:
        from careerjournal.ui.screens.library import GuidanceLibrary

        self.push_screen(GuidanceLibrary(topic))

    def on_guidance_sidebar_topic_requested(self, message: GuidanceSidebar.TopicRequested) -> None:
        self.action_library(message.topic)

    def help_rows(self) -> list[KeyRow]:
        from careerjournal.ui.keys import key_rows

        pane = self.active_pane
        nodes: list[tuple[str, object]] = [("Everywhere", self)]
        nodes.append((f"{pane.TITLE} pane", pane))
        for widget in pane.query("*"):
            if widget._bindings.key_to_bindings:  # noqa: SLF001
                nodes.append((f"{pane.TITLE} pane", widget))
        sidebar = self.query_one(GuidanceSidebar)
        if sidebar.display and sidebar.query("#nudges"):
            nodes.append(("Guidance sidebar", sidebar.query_one("#nudges")))
        return key_rows(self, nodes)  # type: ignore[arg-type]

    def action_help(self) -> None:
        from careerjournal.ui.screens.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            return
        self.push_screen(HelpScreen(self.help_rows()))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """The palette lists the same actions as the footer and help screen."""
        yield from super().get_system_commands(screen)
        yield SystemCommand("Light or dark theme", "Switch between the light and the dark theme (remembered)",
                            self.action_toggle_dark)
        if screen is not self.screen_stack[0]:
            return
        for row in self.help_rows():
            if row.action in ("quit", "help", "command_palette"):
                continue
            title = row.description if row.group == "Everywhere" else f"{row.group.split()[0]}: {row.description}"
            help_text = (row.tooltip or row.description) + f"  ({row.key})"
            yield SystemCommand(title, help_text, partial(row.node.run_action, row.action))

    # -- errors and signals --------------------------------------------------------

    @work(thread=True, exit_on_error=False, group="verify")
    def _verify(self) -> None:
        """SQLite's quick_check, off the start-up path; a damaged file closes the app with a sentence."""
        from careerjournal.db.connection import verify

        try:
            self.store.read(lambda conn: verify(conn, self.store.path))
        except CareerJournalError as error:
            self.call_from_thread(self._fatal, str(error))

    def _fatal(self, sentence: str) -> None:
        from rich.text import Text

        self.exit(return_code=1, message=Text(f"careerjournal: {sentence}"))

    def _handle_exception(self, error: Exception) -> None:
        """A query that finds nothing once exit was asked for is not a crash.

        It is a widget still mounting while the app is taken down: quitting (or
        SIGTERM) just after start-up, as the editor mounts, made Textual's Select
        look for its own overlay after it was removed, and a clean exit ended in
        a crash and status 1. Anything else is handled as Textual does.
        """
        from textual.css.query import NoMatches

        if self._exit and isinstance(error, NoMatches):
            return
        super()._handle_exception(error)

    def _fatal_error(self) -> None:
        """An error nobody foresaw closes the app with one sentence, not a traceback.

        Textual prints a traceback that shows each frame's local variables, and
        those can hold an entry's text. The sentence names the kind of error only
        (as the command line's does); CAREERJOURNAL_DEBUG=1 keeps Textual's traceback.
        """
        import os
        import sys

        if os.environ.get("CAREERJOURNAL_DEBUG"):
            super()._fatal_error()
            return
        from rich.text import Text

        from careerjournal.launch import unexpected_problem

        error = sys.exc_info()[1] or RuntimeError()
        self.bell()
        self._exit_renderables.append(Text(f"careerjournal: {unexpected_problem(error)}"))
        self._close_messages_no_wait()

    def report_error(self, error: BaseException) -> None:
        """Show a worker's error as one sentence; never a traceback, never private text."""
        from careerjournal.errors import SearchInterrupted

        if isinstance(error, SearchInterrupted):
            return  # a newer search replaced it: nothing went wrong
        if isinstance(error, CareerJournalError):
            message = str(error)
        else:
            message = f"Something went wrong ({type(error).__name__}); your saved entries are safe."
        self.notify(message, severity="error", timeout=10, markup=False)

    def _install_signal_handlers(self) -> None:
        import asyncio

        loop = asyncio.get_running_loop()
        for signum in (signal.SIGTERM, signal.SIGHUP):
            try:
                loop.add_signal_handler(signum, self._on_terminate_signal, signum)
            except (NotImplementedError, RuntimeError, ValueError):
                pass

    def exit(self, result: None = None, return_code: int = 0, message: object = None) -> None:  # type: ignore[override]
        if self.exit_guard:
            self.exit_guard = False
            start_exit_guard(lambda: self.return_code if self.return_code is not None else return_code)
        super().exit(result, return_code, message)  # type: ignore[arg-type]

    def _on_terminate_signal(self, signum: int) -> None:
        """A closed terminal or ``kill``: save what can be saved, then exit cleanly."""
        self.save_everything()
        self.exit(return_code=0)

    def save_everything(self) -> None:
        """Flush every pane's unsaved work (drafts) synchronously; called before any exit."""
        for pane in self.query(Pane):
            saver = getattr(pane, "save_drafts_now", None)
            if saver is not None:
                try:
                    saver()
                except Exception as error:  # noqa: BLE001 - exiting anyway; report once
                    self.log.error("could not save drafts", error)

    async def action_quit(self) -> None:
        """Quit; with unsaved edits open, ask first (the draft is safe either way)."""
        unsaved = [pane for pane in self.query(Pane) if getattr(pane, "has_unsaved_changes", False)]
        if not unsaved:
            self.save_everything()
            self.exit()
            return
        from careerjournal.ui.screens.confirm import ChoiceScreen

        def answer(choice: str | None) -> None:
            if choice == "save":
                for pane in unsaved:
                    pane.save_and_quit()  # type: ignore[attr-defined]
            elif choice == "draft":
                self.save_everything()
                self.exit()

        self.push_screen(
            ChoiceScreen(
                "Unsaved changes",
                "You have an entry with changes that aren't saved yet.",
                {"save": "Save and quit", "draft": "Keep as draft and quit", "cancel": "Keep writing"},
            ),
            answer,
        )



#: Seconds an exit may take before the process is ended anyway (terminal gone / still there).
EXIT_GRACE_TERMINAL_GONE = 1.0
EXIT_GRACE = 10.0


def terminal_is_gone(fd: int = 1) -> bool:
    import termios

    try:
        termios.tcgetattr(fd)
    except (termios.error, OSError, ValueError):
        return True
    return False


def start_exit_guard(return_code: Callable[[], int]) -> None:
    """Make sure a quitting app really ends, even when its terminal vanished mid-exit.

    When the terminal closes while Textual is shutting down, Textual's output
    thread dies on the write error and the main thread then blocks for ever
    queueing the last escape codes (it can't even see SIGTERM, which asyncio
    would deliver through the blocked loop). Everything worth keeping is
    already saved before ``exit()`` (drafts included), and SQLite's WAL is
    safe at any point, so after a grace period the process simply leaves.
    Only the CLI turns this on: tests run many apps in one process.
    """
    import os
    import threading
    import time

    def guard() -> None:
        deadline = time.monotonic() + EXIT_GRACE
        gone_since: float | None = None
        while time.monotonic() < deadline:
            time.sleep(0.2)
            if terminal_is_gone():
                gone_since = gone_since or time.monotonic()
                if time.monotonic() - gone_since >= EXIT_GRACE_TERMINAL_GONE:
                    break
        os._exit(return_code())

    threading.Thread(target=guard, name="careerjournal-exit-guard", daemon=True).start()
