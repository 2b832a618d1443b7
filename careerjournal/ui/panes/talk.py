"""The Talk pane: prepare a conversation with your partner, and follow it up.

Four sections, each a list you reach with tab / shift+tab: the partner's
concerns (tagged with the five ``why.*`` reasons), the ``why.threatened``
self-check, the agenda for the next talk (with a do's-and-don'ts checklist
below it), and the balance check-ins over time. Keys apply to the section in
front, and the footer shows only those. Every store call runs in a thread
worker; every piece of user text is drawn as ``rich.text.Text``, never markup.
"""

from __future__ import annotations

import datetime as dt
import threading
from typing import Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from careerjournal.db.store import Store
from careerjournal.guidance import BALANCE_SIGNS, SELF_CHECK_QUESTIONS, build_agenda, get_topic
from careerjournal.guidance.agenda import merge_agenda, point_key
from careerjournal.models import AgendaPoint, CheckIn, Concern, ConcernReason, SelfCheckAnswer, Talk
from careerjournal.ui.panes.base import Pane
from careerjournal.ui.screens.goal_forms import TextForm
from careerjournal.ui.screens.talk_forms import CheckInForm, ConcernForm, StartTalkForm
from careerjournal.ui.tcss import sibling_tcss
from careerjournal.ui.widgets.talk_rows import (
    LOW_SCORE,
    checkin_prompt,
    concern_prompt,
    dos_and_donts,
    point_prompt,
    question_prompt,
    short_day,
    sign_prompt,
)

SECTIONS = ("concerns", "selfcheck", "agenda", "checkins")


class TalkList(OptionList):
    """A section's list; j/k move like everywhere else."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False, id="talk.down"),
        Binding("k", "cursor_up", "Up", show=False, id="talk.up"),
    ]


class TalkPane(Pane):
    """Conversation prep and follow-up."""

    PANE_ID = "talk"
    TITLE = "Talk"
    DEFAULT_CSS = sibling_tcss(__file__)
    # The keys that open a form (a, e, enter, p, s, c) are priority bindings, finished
    # before the app reads the next key, so words typed straight after them land in
    # the form (see Pane). Enter is the list's own key too: it edits only where there
    # is a concern or a point to edit, and otherwise goes on to the list.
    BINDINGS = [
        Binding("tab", "section(1)", "Next section", show=False, id="talk.next_section",
                tooltip="Concerns, self-check, agenda, check-ins"),
        Binding("shift+tab", "section(-1)", "Previous section", show=False, id="talk.previous_section"),
        Binding("a", "add_concern", "Add concern", id="talk.concern.add", tooltip="Note what your partner worries about",
                priority=True),
        Binding("e", "edit_concern", "Edit", id="talk.concern.edit", tooltip="Edit the concern", priority=True),
        Binding("enter", "edit_concern", "Edit", id="talk.concern.open", show=False, tooltip="Edit the concern",
                priority=True),
        Binding("space", "toggle_addressed", "Addressed", id="talk.concern.addressed",
                tooltip="Mark the concern addressed (or open again)"),
        Binding("d", "delete_concern", "Delete", id="talk.concern.delete", tooltip="Move the concern to the trash (u undoes)"),
        Binding("y", "answer(True)", "Yes", id="talk.selfcheck.yes", tooltip="Answer yes to the question"),
        Binding("n", "answer(False)", "No", id="talk.selfcheck.no", tooltip="Answer no to the question"),
        Binding("g", "build_agenda", "Gather", id="talk.agenda.build",
                tooltip="Gather points from open concerns, the ledger and your goals"),
        Binding("p", "add_point", "Add point", id="talk.agenda.add", tooltip="Add a point of your own",
                priority=True),
        Binding("e", "edit_point", "Edit", id="talk.agenda.edit", tooltip="Reword the point", priority=True),
        Binding("enter", "edit_point", "Edit", id="talk.agenda.open", show=False, tooltip="Reword the point",
                priority=True),
        Binding("space", "tick_point", "Done", id="talk.agenda.tick", tooltip="Tick the point off (or untick it)"),
        Binding("K", "move_point(-1)", "Move up", show=False, id="talk.agenda.up", tooltip="Move the point up"),
        Binding("J", "move_point(1)", "Move down", show=False, id="talk.agenda.down", tooltip="Move the point down"),
        Binding("d", "remove_point", "Remove", id="talk.agenda.remove", tooltip="Take the point off (u undoes)"),
        Binding("s", "start_talk", "Record talk", id="talk.start",
                tooltip="Record the conversation with this agenda; the agenda starts fresh", priority=True),
        Binding("c", "checkin", "Check-in", id="talk.checkin", tooltip="Score how balanced things feel, 1-5",
                priority=True),
        Binding("u", "undo", "Undo", id="talk.undo", tooltip="Bring back what you just deleted"),
    ]

    def __init__(self, store: Store, *, today: dt.date | None = None, id: str | None = None) -> None:
        super().__init__(store, id=id)
        self._today = today
        self.concerns: list[Concern] = []
        self.answers: dict[str, SelfCheckAnswer] = {}
        self.agenda: list[AgendaPoint] = []
        self.talks: list[Talk] = []
        self.checkins: list[CheckIn] = []
        self.undo_stack: list[tuple[str, Any]] = []
        self.agenda_loaded = False
        self._agenda_version = 0
        self._agenda_saved = 0
        self._agenda_lock = threading.Lock()

    @property
    def today(self) -> dt.date:
        """The date given, else the app's clock (so tests' frozen time holds), else the local date."""
        return self._today or getattr(self.app, "today", None) or dt.date.today()

    def compose(self) -> ComposeResult:
        with Horizontal(id="talk-grid"):
            with Vertical(classes="talk-column"):
                with Vertical(id="talk-concerns-box", classes="talk-section") as box:
                    box.border_title = "Partner's concerns"
                    yield TalkList(id="talk-concerns")
                with Vertical(id="talk-selfcheck-box", classes="talk-section") as box:
                    box.border_title = f"Self-check · {get_topic('why.threatened').title}"
                    yield TalkList(id="talk-selfcheck")
                    yield Static(id="talk-selfcheck-note")
            with Vertical(classes="talk-column"):
                with Vertical(id="talk-agenda-box", classes="talk-section") as box:
                    box.border_title = "Next conversation"
                    yield TalkList(id="talk-agenda")
                    yield Static(dos_and_donts(), id="talk-dos")
                with Vertical(id="talk-checkins-box", classes="talk-section") as box:
                    box.border_title = "Balance check-ins"
                    yield TalkList(id="talk-checkins")

    def first_show(self) -> None:
        self._load()

    def on_resize(self) -> None:
        if self.checkins:
            self.call_after_refresh(self._show_checkins)  # sign labels shorten or lengthen with the width

    def focus_default(self) -> None:
        self.section_list("concerns").focus()

    def section_list(self, name: str) -> TalkList:
        return self.query_one(f"#talk-{name}", TalkList)

    @property
    def section(self) -> str | None:
        """The name of the section holding the focus, if any."""
        focused = self.screen.focused if self.is_attached else None
        for name in SECTIONS:
            if focused is not None and focused.id == f"talk-{name}":
                return name
        return None

    def highlighted(self, name: str) -> int | None:
        """The highlighted row of a section, only when that section is in front and the row is real."""
        if self.section != name:
            return None
        option_list = self.section_list(name)
        option = option_list.highlighted_option
        if option is None or option.disabled:
            return None
        return option_list.highlighted

    @property
    def selected_concern(self) -> Concern | None:
        index = self.highlighted("concerns")
        return self.concerns[index] if index is not None and index < len(self.concerns) else None

    @property
    def selected_point(self) -> int | None:
        index = self.highlighted("agenda")
        return index if index is not None and index < len(self.agenda) else None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        section = self.section
        if action == "add_concern":
            return section in ("concerns", "selfcheck")
        if action in ("edit_concern", "toggle_addressed", "delete_concern"):
            return self.selected_concern is not None
        if action == "answer":
            return self.highlighted("selfcheck") is not None
        if action in ("build_agenda", "add_point", "start_talk"):
            return section == "agenda" and self.agenda_loaded
        if action in ("edit_point", "tick_point", "remove_point"):
            return self.selected_point is not None and self.agenda_loaded
        if action == "move_point":
            index = self.selected_point
            delta = int(parameters[0]) if parameters else 0  # type: ignore[call-overload]
            return index is not None and 0 <= index + delta < len(self.agenda) and self.agenda_loaded
        if action == "undo":
            return bool(self.undo_stack)
        return True

    @on(OptionList.OptionHighlighted)
    def _highlight_moved(self) -> None:
        self.refresh_bindings()

    # Enter is a binding above; these are for a click on a row.
    @on(OptionList.OptionSelected, "#talk-concerns")
    async def _concern_chosen(self) -> None:
        await self.action_edit_concern()

    @on(OptionList.OptionSelected, "#talk-agenda")
    async def _point_chosen(self) -> None:
        await self.action_edit_point()

    def on_descendant_focus(self) -> None:
        self.refresh_bindings()

    def action_section(self, step: int) -> None:
        current = self.section
        index = SECTIONS.index(current) + step if current else 0
        self.section_list(SECTIONS[index % len(SECTIONS)]).focus()

    # -- loading and showing ---------------------------------------------------------

    @work(thread=True, exclusive=True, group="talk-load", exit_on_error=False)
    def _load(self, select_concern: int | None = None) -> None:
        """Read everything the pane shows; the agenda only until it has loaded once (then the pane owns it)."""
        talk = self.store.talk
        snapshot = {"concerns": talk.concerns(), "answers": talk.self_check(), "talks": talk.talks(),
                    "checkins": talk.checkins()}
        if not self.agenda_loaded:
            snapshot["agenda"] = talk.agenda()
        if not get_current_worker().is_cancelled:  # a newer load is on its way
            self.app.call_from_thread(self._loaded, snapshot, select_concern)

    def _loaded(self, snapshot: dict[str, Any], select_concern: int | None = None) -> None:
        self.concerns, self.answers = snapshot["concerns"], snapshot["answers"]
        self.talks, self.checkins = snapshot["talks"], snapshot["checkins"]
        if "agenda" in snapshot and not self.agenda_loaded:
            self.agenda = snapshot["agenda"]
            self.agenda_loaded = True
            self._show_agenda()
        self._show_concerns(select_concern)
        self._show_selfcheck()
        self._show_checkins()
        self.refresh_bindings()

    @staticmethod
    def _fill(option_list: TalkList, options: list[Option], select: int | None = None) -> None:
        """Replace a list's rows, keeping the highlight where it was (or on ``select``)."""
        previous = option_list.highlighted
        option_list.set_options(options)
        target = select if select is not None else previous
        if options and not options[0].disabled:
            option_list.highlighted = min(max(target or 0, 0), len(options) - 1)

    def _show_concerns(self, select: int | None = None) -> None:
        options = [Option(concern_prompt(concern)) for concern in self.concerns]
        if not options:
            options = [Option(Text("Nothing noted yet. When your partner shares a worry, press a and write "
                                   "down what you heard.", style="dim italic"), disabled=True)]
        if select is not None:
            select = next((i for i, c in enumerate(self.concerns) if c.id == select), None)
        self._fill(self.section_list("concerns"), options, select)
        open_count = sum(not concern.addressed for concern in self.concerns)
        box = self.query_one("#talk-concerns-box")
        box.border_subtitle = f"{open_count} open · {len(self.concerns) - open_count} addressed" if self.concerns else ""

    def _show_selfcheck(self) -> None:
        options = [Option(question_prompt(question, self.answers.get(key), self.today), id=f"q-{key}")
                   for key, question in SELF_CHECK_QUESTIONS]
        self._fill(self.section_list("selfcheck"), options)
        yes = sum(answer.answer for answer in self.answers.values())
        if yes:
            note = Text()
            note.append(f"{yes} yes. See “{get_topic('why.threatened').title}” (ctrl+g); ", style="yellow")
            note.append("press a to note a concern.", style="italic")
        elif len(self.answers) == len(SELF_CHECK_QUESTIONS):
            note = Text("No warning signs right now. Check again when your weeks change.", style="dim italic")
        else:
            note = Text("Answer with y or n; only you see this.", style="dim italic")
        self.query_one("#talk-selfcheck-note", Static).update(note)

    def _show_agenda(self, select: int | None = None) -> None:
        options = [Option(point_prompt(point)) for point in self.agenda]
        if not options:
            options = [Option(Text("No points yet. Press g to gather them from open concerns, the ledger and "
                                   "your goals, or p to add your own.", style="dim italic"), disabled=True)]
        self._fill(self.section_list("agenda"), options, select)
        done = sum(point.done for point in self.agenda)
        box = self.query_one("#talk-agenda-box")
        box.border_subtitle = f"{done} of {len(self.agenda)} done" if self.agenda else ""
        self.refresh_bindings()

    def _show_checkins(self) -> None:
        option_list = self.section_list("checkins")
        width = max(option_list.scrollable_content_region.width, 30)
        options: list[Option] = []
        if self.checkins:
            for key, label in BALANCE_SIGNS:
                scores = [getattr(checkin, key) for checkin in self.checkins]
                options.append(Option(sign_prompt(key, label, scores, width), id=f"sign-{key}"))
            talks = {talk.id: talk for talk in self.talks if talk.id is not None}
            options.append(Option(Text("Newest first: heard, plan, no winner, secure", style="dim italic"),
                                  disabled=True))
            options += [Option(checkin_prompt(checkin, talks, self.today)) for checkin in reversed(self.checkins)]
        else:
            options.append(Option(Text("No check-ins yet. After a talk, press c and score how balanced things "
                                       "feel.", style="dim italic"), disabled=True))
        self._fill(option_list, options)
        box = self.query_one("#talk-checkins-box")
        last = f" · last talk {short_day(self.talks[0].day, self.today)}" if self.talks else ""
        count = len(self.checkins)
        box.border_subtitle = f"{count} check-in{'s' if count != 1 else ''}{last}" if count or last else ""

    # -- concerns --------------------------------------------------------------------

    async def action_add_concern(self) -> None:
        self._skip_if_typing()
        reason = ConcernReason.THREATENED if self.section == "selfcheck" else None

        def saved(values: dict[str, Any] | None) -> None:
            if values:
                self._write(lambda: self.store.talk.add_concern(values["reason"], values["heard"]).id,
                            "Concern noted. Listening to it is already a start.")

        await self.open_form(ConcernForm(reason=reason), saved)

    async def action_edit_concern(self) -> None:
        self._skip_if_typing()
        concern = self.selected_concern
        if concern is None or concern.id is None:
            return
        concern_id = concern.id

        def saved(values: dict[str, Any] | None) -> None:
            if values:
                self._write(lambda: self.store.talk.update_concern(concern_id, **values).id, "Concern saved.")

        await self.open_form(ConcernForm(concern), saved)

    def action_toggle_addressed(self) -> None:
        concern = self.selected_concern
        if concern is None or concern.id is None:
            return
        concern_id, addressed = concern.id, not concern.addressed
        self._write(lambda: self.store.talk.update_concern(concern_id, addressed=addressed).id,
                    "Marked addressed." if addressed else "Open again.")

    def action_delete_concern(self) -> None:
        concern = self.selected_concern
        if concern is not None and concern.id is not None:
            self._delete_concern(concern.id)

    @work(thread=True, group="talk-write", exit_on_error=False)
    def _delete_concern(self, concern_id: int) -> None:
        self.store.talk.delete_concern(concern_id)
        self.app.call_from_thread(self._deleted, ("concern", concern_id), "Concern moved to the trash. Press u to undo.")

    def _deleted(self, undo: tuple[str, Any], message: str) -> None:
        self.undo_stack.append(undo)
        self._load()
        self.app.notify(message, markup=False)

    @work(thread=True, group="talk-write", exit_on_error=False)
    def _write(self, change, message: str = "") -> None:  # type: ignore[no-untyped-def]
        """Run a store change in a worker; then reload, with the changed concern highlighted."""
        concern_id = change()
        self.app.call_from_thread(self._written, concern_id, message)

    def _written(self, concern_id: int | None, message: str) -> None:
        self._load(select_concern=concern_id)
        if message:
            self.app.notify(message, markup=False)

    # -- self-check ------------------------------------------------------------------

    def action_answer(self, answer: bool) -> None:
        index = self.highlighted("selfcheck")
        if index is None:
            return
        question = SELF_CHECK_QUESTIONS[index][0]
        self._answer(question, answer)
        option_list = self.section_list("selfcheck")
        if index + 1 < option_list.option_count:
            option_list.highlighted = index + 1
        if answer:
            self.app.notify("That's worth talking about: press a to note a concern.", markup=False)

    @work(thread=True, group="talk-write", exit_on_error=False)
    def _answer(self, question: str, answer: bool) -> None:
        self.store.talk.answer_self_check(question, answer)
        self.app.call_from_thread(self._written, None, "")

    # -- the agenda ------------------------------------------------------------------

    def _set_agenda(self, points: list[AgendaPoint], select: int | None = None) -> None:
        """Every change shows at once and is saved straight away (newest version wins)."""
        self.agenda = points
        self._agenda_version += 1
        self._show_agenda(select)
        self._save_agenda(list(points), self._agenda_version)

    @work(thread=True, group="talk-agenda", exit_on_error=False)
    def _save_agenda(self, points: list[AgendaPoint], version: int) -> None:
        with self._agenda_lock:
            if version < self._agenda_saved:
                return
            self.store.talk.save_agenda(points)
            self._agenda_saved = version

    def save_drafts_now(self) -> None:
        """Called by the app before any exit (quit, SIGTERM, SIGHUP): the newest agenda is on disk."""
        with self._agenda_lock:
            if self.agenda_loaded and self._agenda_saved < self._agenda_version:
                self.store.talk.save_agenda(list(self.agenda))
                self._agenda_saved = self._agenda_version

    def action_build_agenda(self) -> None:
        self._gather()

    @work(thread=True, group="talk-agenda", exit_on_error=False)
    def _gather(self) -> None:
        built = build_agenda(self.store.talk.concerns(), self.store.ledger.list(), self.store.goals.list())
        self.app.call_from_thread(self._gathered, built)

    def _gathered(self, built: list[AgendaPoint]) -> None:
        merged = merge_agenda(self.agenda, built)
        added = len(merged) - len(self.agenda)
        if added:
            self._set_agenda(merged, len(self.agenda))
            self.app.notify(f"Added {added} point{'s' if added != 1 else ''} to the agenda.", markup=False)
        else:
            self.app.notify("The agenda already has everything from your concerns, ledger and goals.", markup=False)

    async def action_add_point(self) -> None:
        self._skip_if_typing()

        def saved(values: dict[str, Any] | None) -> None:
            if not values:
                return
            if any(point_key(p.text) == point_key(values["text"]) for p in self.agenda):
                self.app.notify("That point is already on the agenda.", markup=False)
                return
            self._set_agenda([*self.agenda, AgendaPoint(values["text"], "mine")], len(self.agenda))

        await self.open_form(TextForm("Agenda point", "What do you want to raise?"), saved)

    async def action_edit_point(self) -> None:
        self._skip_if_typing()
        index = self.selected_point
        if index is None:
            return
        point = self.agenda[index]

        def saved(values: dict[str, Any] | None) -> None:
            if values and index < len(self.agenda) and self.agenda[index] == point:
                points = list(self.agenda)
                points[index] = AgendaPoint(values["text"], point.source, point.done)
                self._set_agenda(points, index)

        await self.open_form(TextForm("Agenda point", "Point", point.text), saved)

    def action_tick_point(self) -> None:
        index = self.selected_point
        if index is not None:
            point = self.agenda[index]
            points = list(self.agenda)
            points[index] = AgendaPoint(point.text, point.source, not point.done)
            self._set_agenda(points, index)

    def action_move_point(self, delta: int) -> None:
        index = self.selected_point
        if index is not None and 0 <= index + delta < len(self.agenda):
            points = list(self.agenda)
            points[index], points[index + delta] = points[index + delta], points[index]
            self._set_agenda(points, index + delta)

    def action_remove_point(self) -> None:
        index = self.selected_point
        if index is not None:
            points = list(self.agenda)
            removed = points.pop(index)
            self.undo_stack.append(("point", (index, removed)))
            self._set_agenda(points, index)
            self.app.notify("Point removed. Press u to undo.", markup=False)

    async def action_start_talk(self) -> None:
        self._skip_if_typing()
        points = list(self.agenda)

        def saved(values: dict[str, Any] | None) -> None:
            if values:
                self._start_talk(values["day"], points, values["notes"])

        await self.open_form(StartTalkForm(today=self.today, points=len(points)), saved)

    @work(thread=True, group="talk-agenda", exit_on_error=False)
    def _start_talk(self, day: dt.date, points: list[AgendaPoint], notes: str) -> None:
        with self._agenda_lock:
            talk = self.store.talk.start_talk(day, points, notes)
        self.app.call_from_thread(self._talk_started, talk)

    def _talk_started(self, talk: Talk) -> None:
        self._set_agenda([])
        self.undo_stack = [entry for entry in self.undo_stack if entry[0] != "point"]
        self._load()
        self.app.notify(f"Talk on {talk.day.isoformat()} recorded. When you're ready, press c for a balance check-in.",
                        markup=False)

    # -- check-ins and undo ----------------------------------------------------------

    async def action_checkin(self) -> None:
        self._skip_if_typing()
        talk_day = self.talks[0].day if self.talks else None

        def saved(values: dict[str, Any] | None) -> None:
            if values:
                self._add_checkin(self.today, values)

        await self.open_form(CheckInForm(talk_day=talk_day), saved)

    @work(thread=True, group="talk-write", exit_on_error=False)
    def _add_checkin(self, day: dt.date, values: dict[str, Any]) -> None:
        """Saved for today, linked to the latest talk there is."""
        talks = self.store.talk.talks()
        self.store.talk.add_checkin(day, talk_id=talks[0].id if talks else None, **values)
        message = "Check-in saved."
        if any(values[key] <= LOW_SCORE for key, _ in BALANCE_SIGNS):
            message += " Some of it feels low; that's worth a gentle talk, not a verdict."
        self.app.call_from_thread(self._written, None, message)

    def action_undo(self) -> None:
        if not self.undo_stack:
            return
        kind, value = self.undo_stack.pop()
        if kind == "concern":
            self._write(lambda: self.store.talk.restore_concern(value).id, "Concern restored.")
        else:
            index, point = value
            points = list(self.agenda)
            index = min(index, len(points))
            points.insert(index, point)
            self._set_agenda(points, index)
            self.app.notify("Point restored.", markup=False)
        self.refresh_bindings()
