"""The Goals pane: my goals, my partner's and our shared ones.

A tree: goals grouped by owner, each with its ordered steps, its resources and
its wins; a progress bar per goal (none when it has no steps). Overdue goals
stand out. Ticking a step or finishing a goal offers to record a win, and for a
partner's goal nudges you to celebrate with them. Labels are ``rich.text.Text``,
so titles are never read as markup.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Static, Tree
from textual.widgets.tree import TreeNode

from careerjournal.db.store import Store
from careerjournal.models import Goal, GoalStatus, Owner, Resource, Step, Win
from careerjournal.textsafe import one_line
from careerjournal.ui.panes.base import Pane
from careerjournal.ui.screens.goal_forms import KIND_LABELS, GoalForm, ResourceForm, TextForm
from careerjournal.ui.tcss import sibling_tcss

OWNER_HEADINGS = {Owner.ME: "My goals", Owner.PARTNER: "My partner's goals", Owner.SHARED: "Our shared goals"}
OWNER_CYCLE: list[Owner | None] = [None, Owner.ME, Owner.PARTNER, Owner.SHARED]
BAR_WIDTH = 12


def progress_bar(goal: Goal, width: int = BAR_WIDTH) -> Text:
    """Done steps over all steps; a goal with no steps shows no bar at all (never NaN)."""
    if goal.progress is None:
        return Text("")
    filled = round(goal.progress * width)
    done = sum(step.done for step in goal.steps)
    text = Text("█" * filled, style="green")
    text.append("░" * (width - filled), style="dim")
    text.append(f" {done}/{len(goal.steps)}", style="dim")
    return text


def is_overdue(goal: Goal, today: dt.date) -> bool:
    return bool(goal.target_date and goal.target_date < today and goal.status in (GoalStatus.ACTIVE, GoalStatus.PAUSED))


def goal_label(goal: Goal, today: dt.date) -> Text:
    text = Text()
    done = goal.status == GoalStatus.DONE
    text.append("✓ " if done else "◆ ", style="green" if done else "bold")
    text.append(one_line(goal.title), style="strike dim" if goal.status == GoalStatus.DROPPED else "bold")
    details = [f"{goal.horizon.value}-term"]
    if goal.status != GoalStatus.ACTIVE:
        details.append(goal.status.value)
    text.append("  " + " · ".join(details), style="dim")
    if goal.target_date:
        if is_overdue(goal, today):
            text.append(f"  overdue since {goal.target_date.isoformat()}", style="bold red")
        else:
            text.append(f"  by {goal.target_date.isoformat()}", style="dim")
    bar = progress_bar(goal)
    if bar:
        text.append("  ")
        text.append_text(bar)
    return text


def step_label(step: Step) -> Text:
    text = Text("☑ " if step.done else "☐ ", style="green" if step.done else "")
    text.append(one_line(step.text), style="dim" if step.done else "")
    if step.done and step.done_at:
        text.append(f"  done {step.done_at.astimezone().date().isoformat()}", style="dim italic")
    return text


def resource_label(resource: Resource) -> Text:
    text = Text(KIND_LABELS[resource.kind].split(" (")[0] + ": ", style="cyan")
    text.append(one_line(resource.title))
    if resource.link:
        text.append("  " + one_line(resource.link), style="dim underline")
    if resource.notes:
        text.append("  " + one_line(resource.notes), style="dim italic")
    return text


def win_label(win: Win, goal: Goal | None) -> Text:
    text = Text("★ ", style="yellow")
    text.append(one_line(win.text))
    if goal is not None and goal.owner == Owner.PARTNER and not win.celebrated:
        text.append("  celebrate it with them!", style="bold yellow")
    elif win.celebrated:
        text.append("  celebrated", style="dim")
    if win.entry_id:
        text.append("  in journal", style="dim")
    return text


@dataclass(frozen=True)
class Item:
    """What a tree node stands for."""

    kind: str  # "group", "goal", "step", "resources", "resource", "wins", "win"
    value: Any = None
    goal: Goal | None = None


class GoalTree(Tree[Item]):
    """The goals tree; ``space`` ticks a step, ``enter`` opens and closes."""

    BINDINGS = [
        Binding("enter", "toggle_node", "Open/close", id="goals.toggle"),
        # Ticking a step offers to record a win: a priority key, like those that
        # open forms in GoalsPane, so words typed after it go into that form.
        Binding("space", "space", "Tick step", id="goals.tick", tooltip="Tick or untick the step", priority=True),
        Binding("j", "cursor_down", "Down", show=False, id="goals.down"),
        Binding("k", "cursor_up", "Up", show=False, id="goals.up"),
    ]

    async def action_space(self) -> None:
        node = self.cursor_node
        if node is None:
            return
        if node.data is not None and node.data.kind == "step":
            # Called, not messaged: the app must wait until the win form is up.
            await self.query_ancestor(GoalsPane).tick(node.data.value)
        else:
            node.toggle()


class GoalsPane(Pane):
    """Goals for me, my partner and both of us."""

    PANE_ID = "goals"
    TITLE = "Goals"
    DEFAULT_CSS = sibling_tcss(__file__)
    # The keys that open a form are priority bindings, finished before the app reads
    # the next key, so words typed straight after them land in the form (see Pane).
    BINDINGS = [
        Binding("a", "add_goal", "Add goal", id="goals.add", tooltip="Add a goal (for you, your partner or both)",
                priority=True),
        Binding("A", "add_step", "Add step", id="goals.add_step", tooltip="Add a step to the selected goal",
                priority=True),
        Binding("R", "add_resource", "Add resource", id="goals.add_resource", show=False,
                tooltip="Add a course, mentor, book… to the selected goal", priority=True),
        Binding("e", "edit", "Edit", id="goals.edit", tooltip="Edit the goal, step or resource", priority=True),
        Binding("c", "complete", "Goal done", id="goals.complete", show=False,
                tooltip="Mark the selected goal done (or active again)", priority=True),
        Binding("d", "delete", "Delete", id="goals.delete", tooltip="Delete (u undoes)"),
        Binding("u", "undo", "Undo", id="goals.undo", tooltip="Undo the last delete"),
        Binding("o", "cycle_owner", "Owner filter", id="goals.owner", tooltip="Show all, mine, my partner's, shared"),
        Binding("K", "move_step(-1)", "Step up", id="goals.step_up", show=False, tooltip="Move the step up"),
        Binding("J", "move_step(1)", "Step down", id="goals.step_down", show=False, tooltip="Move the step down"),
        Binding("w", "win_to_entry", "Win → journal", id="goals.win_entry", show=False,
                tooltip="Write the selected win into your journal"),
        Binding("C", "celebrated", "Celebrated", id="goals.celebrated", show=False,
                tooltip="Mark the selected win as celebrated"),
    ]

    def __init__(self, store: Store, *, today: dt.date | None = None, id: str | None = None) -> None:
        super().__init__(store, id=id)
        self.today = today or dt.date.today()
        self.owner_filter: Owner | None = None
        self.goals: list[Goal] = []
        self.wins: list[Win] = []
        self.undo_stack: list[tuple[str, Any]] = []
        self._expanded: set[int] = set()
        self._first_load = True

    def compose(self) -> ComposeResult:
        yield Static(id="goals-status")
        tree: GoalTree = GoalTree("Goals", id="goals-tree")
        tree.show_root = False
        tree.guide_depth = 3
        yield tree

    def first_show(self) -> None:
        self.reload()

    def focus_default(self) -> None:
        self.query_one(GoalTree).focus()

    # -- loading --------------------------------------------------------------------

    def reload(self, select: tuple[str, int] | None = None) -> None:
        self._load(self.owner_filter, select)

    @work(thread=True, exclusive=True, group="goals-load", exit_on_error=False)
    def _load(self, owner: Owner | None, select: tuple[str, int] | None) -> None:
        goals = self.store.goals.list(owner)
        wins = self.store.goals.wins()
        self.app.call_from_thread(self._loaded, goals, wins, select)

    def _loaded(self, goals: list[Goal], wins: list[Win], select: tuple[str, int] | None) -> None:
        tree = self.query_one(GoalTree)
        current = tree.cursor_node.data if tree.cursor_node and tree.cursor_node.data else None
        if select is None and current is not None and current.kind in ("goal", "step", "resource", "win"):
            select = (current.kind, current.value.id)
        if self._first_load:
            self._expanded = {goal.id for goal in goals if goal.id is not None}
            self._first_load = False
        else:
            shown = {node.data.value.id: node.is_expanded for node in self._walk(tree.root)
                     if node.data and node.data.kind == "goal"}
            # Goals the user collapsed stay collapsed; new ones arrive open.
            self._expanded = {goal.id for goal in goals if shown.get(goal.id, True)}
        self.goals, self.wins = goals, wins
        by_id = {goal.id: goal for goal in goals}
        tree.clear()
        target: TreeNode[Item] | None = None
        for owner in Owner:
            mine = [goal for goal in goals if goal.owner == owner]
            if self.owner_filter not in (None, owner):
                continue
            group = tree.root.add(Text(f"{OWNER_HEADINGS[owner]} ({len(mine)})", style="bold underline"),
                                  Item("group", owner), expand=True)
            if not mine:
                group.add_leaf(Text("Nothing yet: press a to add one.", style="dim italic"), Item("hint", owner))
            for goal in mine:
                node = group.add(goal_label(goal, self.today), Item("goal", goal, goal),
                                 expand=goal.id in self._expanded)
                if select == ("goal", goal.id):
                    target = node
                if goal.why:
                    node.add_leaf(Text("why: " + one_line(goal.why), style="italic dim"), Item("why", goal, goal))
                for step in goal.steps:
                    leaf = node.add_leaf(step_label(step), Item("step", step, goal))
                    if select == ("step", step.id):
                        target = leaf
                if not goal.steps:
                    node.add_leaf(Text("No steps yet: A adds one.", style="dim italic"), Item("hint", goal, goal))
                if goal.resources:
                    resources = node.add(Text(f"Resources ({len(goal.resources)})", style="cyan"),
                                         Item("resources", goal, goal), expand=True)
                    for resource in goal.resources:
                        leaf = resources.add_leaf(resource_label(resource), Item("resource", resource, goal))
                        if select == ("resource", resource.id):
                            target = leaf
                goal_wins = [win for win in wins if win.goal_id == goal.id]
                if goal_wins:
                    section = node.add(Text(f"Wins ({len(goal_wins)})", style="yellow"), Item("wins", goal, goal),
                                       expand=True)
                    for win in goal_wins:
                        leaf = section.add_leaf(win_label(win, goal), Item("win", win, goal))
                        if select == ("win", win.id):
                            target = leaf
        loose = [win for win in wins if win.goal_id not in by_id]
        if loose and self.owner_filter is None:
            section = tree.root.add(Text("Other wins", style="bold underline"), Item("wins"), expand=True)
            for win in loose:
                leaf = section.add_leaf(win_label(win, None), Item("win", win))
                if select == ("win", win.id):
                    target = leaf
        if target is None and current is None:
            # Nothing selected yet: start on the first goal, where every key applies.
            target = next((node for node in self._walk(tree.root) if node.data and node.data.kind == "goal"), None)
        if target is not None:
            parent = target.parent
            while parent is not None:  # a step added inside a closed goal must be visible
                parent.expand()
                parent = parent.parent
            self.call_after_refresh(self._move_cursor_to, target)
        self._show_status()
        self.refresh_bindings()

    def _move_cursor_to(self, target: TreeNode[Item], tries: int = 5) -> None:
        """Move the cursor once the tree has laid out the node (just-expanded nodes
        have no line yet, and moving then would land on the top row)."""
        if target.line < 0 and tries:
            self.call_after_refresh(self._move_cursor_to, target, tries - 1)
            return
        self.query_one(GoalTree).move_cursor(target)

    @staticmethod
    def _walk(node: TreeNode[Item]):  # type: ignore[no-untyped-def]
        for child in node.children:
            yield child
            yield from GoalsPane._walk(child)

    def _show_status(self) -> None:
        shown = "everyone's goals" if self.owner_filter is None else OWNER_HEADINGS[self.owner_filter].lower()
        overdue = sum(is_overdue(goal, self.today) for goal in self.goals)
        text = Text(f"Showing {shown}", style="bold")
        text.append("  (o to change)", style="dim")
        if overdue:
            text.append(f"   {overdue} overdue", style="bold red")
        pending = [win for win in self.wins if not win.celebrated
                   and any(goal.id == win.goal_id and goal.owner == Owner.PARTNER for goal in self.goals)]
        if pending:
            text.append(f"   {len(pending)} partner win{'s' if len(pending) > 1 else ''} to celebrate", style="yellow")
        self.query_one("#goals-status", Static).update(text)

    # -- selection helpers -------------------------------------------------------------

    @property
    def selected(self) -> Item | None:
        node = self.query_one(GoalTree).cursor_node
        return node.data if node is not None else None

    @property
    def selected_goal(self) -> Goal | None:
        item = self.selected
        return item.goal if item is not None else None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        item = self.selected
        kind = item.kind if item else None
        if action in ("add_step", "add_resource", "complete"):
            return self.selected_goal is not None
        if action == "move_step":
            return kind == "step"
        if action in ("win_to_entry", "celebrated"):
            return kind == "win"
        if action in ("edit", "delete"):
            return kind in ("goal", "step", "resource", "why")
        if action == "undo":
            return bool(self.undo_stack)
        return True

    @on(Tree.NodeHighlighted)
    def _highlighted(self) -> None:
        self.refresh_bindings()

    # -- adding and editing ------------------------------------------------------------

    async def action_add_goal(self) -> None:
        self._skip_if_typing()

        def saved(values: dict[str, Any] | None) -> None:
            if values:
                self._write(lambda: ("goal", self.store.goals.add(values.pop("title"), **values).id), "Goal added.")

        await self.open_form(GoalForm(today=self.today, owner=self.owner_filter), saved)

    async def action_add_step(self) -> None:
        self._skip_if_typing()
        goal = self.selected_goal
        if goal is None or goal.id is None:
            return
        goal_id = goal.id

        def saved(values: dict[str, Any] | None) -> None:
            if values:
                self._write(lambda: ("step", self.store.goals.add_step(goal_id, values["text"]).id), "Step added.")

        await self.open_form(TextForm("New step", f"Next step towards “{one_line(goal.title)[:50]}”"), saved)

    async def action_add_resource(self) -> None:
        self._skip_if_typing()
        goal = self.selected_goal
        if goal is None or goal.id is None:
            return
        goal_id = goal.id

        def saved(values: dict[str, Any] | None) -> None:
            if values:
                self._write(lambda: ("resource", self.store.goals.add_resource(goal_id, values.pop("kind"),
                                                                                values.pop("title"), **values).id),
                            "Resource added.")

        await self.open_form(ResourceForm(), saved)

    async def action_edit(self) -> None:
        self._skip_if_typing()
        item = self.selected
        if item is None:
            return
        if item.kind in ("goal", "why") and item.goal is not None:
            goal = item.goal
            goal_id = goal.id

            async def saved_goal(values: dict[str, Any] | None) -> None:
                if values:
                    self._write(lambda: ("goal", self.store.goals.update(goal_id, **values).id), "Goal saved.")
                    if values.get("status") == GoalStatus.DONE and goal.status != GoalStatus.DONE:
                        await self._offer_win(replace(goal, title=values.get("title", goal.title)), None)

            await self.open_form(GoalForm(goal, today=self.today), saved_goal)
        elif item.kind == "step":
            step: Step = item.value

            def saved_step(values: dict[str, Any] | None) -> None:
                if values:
                    self._write(lambda: ("step", self.store.goals.update_step(step.id, values["text"]).id), "Step saved.")

            await self.open_form(TextForm("Edit step", "Step", step.text), saved_step)
        elif item.kind == "resource":
            resource: Resource = item.value

            def saved_resource(values: dict[str, Any] | None) -> None:
                if values:
                    self._write(lambda: ("resource", self.store.goals.update_resource(
                        resource.id, kind=values["kind"], title=values["title"], link=values["link"],
                        notes=values["notes"]).id), "Resource saved.")

            await self.open_form(ResourceForm(resource), saved_resource)

    @work(thread=True, group="goals-write", exit_on_error=False)
    def _write(self, change, message: str = "") -> None:  # type: ignore[no-untyped-def]
        """Run a store change in a worker, then reload with the changed item selected."""
        select = change()
        self.app.call_from_thread(self._written, select, message)

    def _written(self, select: tuple[str, int] | None, message: str) -> None:
        self.reload(select)
        if message:
            self.app.notify(message, markup=False)

    # -- ticking, finishing and wins ---------------------------------------------------

    async def tick(self, step: Step) -> None:
        """Tick or untick a step (space in the tree); ticking offers to record a win."""
        goal = next((goal for goal in self.goals if goal.id == step.goal_id), None)
        self._write(lambda: ("step", self.store.goals.set_step_done(step.id, not step.done).id))  # type: ignore[arg-type]
        if not step.done and goal is not None:
            await self._offer_win(goal, step)

    async def action_complete(self) -> None:
        self._skip_if_typing()
        goal = self.selected_goal
        if goal is None or goal.id is None:
            return
        finishing = goal.status != GoalStatus.DONE
        new_status = GoalStatus.DONE if finishing else GoalStatus.ACTIVE
        self._write(lambda: ("goal", self.store.goals.update(goal.id, status=new_status).id),
                    "Goal done. Well done!" if finishing else "Goal active again.")
        if finishing:
            await self._offer_win(goal, None)

    async def _offer_win(self, goal: Goal, step: Step | None) -> None:
        """A finished step or goal is worth celebrating: offer to record it as a win."""
        if goal.owner == Owner.PARTNER:
            note = "This is your partner's goal: tell them you noticed, and celebrate it together."
        elif goal.owner == Owner.SHARED:
            note = "A shared goal moved forward: celebrate it together."
        else:
            note = "Small wins count. Record it, and come back to it on a hard day."
        value = f"Done: {step.text}" if step else f"Reached: {goal.title}"

        def saved(values: dict[str, Any] | None) -> None:
            if values:
                self._write(lambda: ("win", self.store.goals.add_win(
                    values["text"], goal_id=goal.id, step_id=step.id if step else None).id), "Win recorded.")

        await self.open_form(TextForm("Record a win?", "The win", value, note=note), saved)

    def action_win_to_entry(self) -> None:
        item = self.selected
        if item is not None and item.kind == "win":
            win: Win = item.value
            self._win_entry(win.id)

    @work(thread=True, group="goals-write", exit_on_error=False)
    def _win_entry(self, win_id: int) -> None:
        self.store.goals.win_to_entry(win_id)
        self.app.call_from_thread(self._written, ("win", win_id), "The win is now a journal entry (tagged win).")
        self.app.call_from_thread(self._journal_changed)

    def _journal_changed(self) -> None:
        journal = self.app.query("#pane-journal")
        if journal:
            journal.first().reload()  # type: ignore[attr-defined]

    def action_celebrated(self) -> None:
        item = self.selected
        if item is not None and item.kind == "win":
            win: Win = item.value
            self._write(lambda: ("win", self.store.goals.set_celebrated(win.id, not win.celebrated).id),
                        "Marked as celebrated." if not win.celebrated else "Marked as not yet celebrated.")

    # -- deleting ------------------------------------------------------------------

    def action_delete(self) -> None:
        item = self.selected
        if item is None:
            return
        if item.kind in ("goal", "why") and item.goal is not None:
            goal_id = item.goal.id
            self._delete(lambda: ("goal", self.store.goals.delete(goal_id)),
                         f"Goal “{one_line(item.goal.title)[:50]}” deleted. Press u to undo.")
        elif item.kind == "step":
            step_id = item.value.id
            self._delete(lambda: ("step", self.store.goals.delete_step(step_id)), "Step deleted. Press u to undo.")
        elif item.kind == "resource":
            resource_id = item.value.id
            self._delete(lambda: ("resource", self.store.goals.delete_resource(resource_id)),
                         "Resource deleted. Press u to undo.")

    @work(thread=True, group="goals-write", exit_on_error=False)
    def _delete(self, change, message: str) -> None:  # type: ignore[no-untyped-def]
        removed = change()
        self.app.call_from_thread(self._deleted, removed, message)

    def _deleted(self, removed: tuple[str, Any], message: str) -> None:
        self.undo_stack.append(removed)
        self.reload()
        self.app.notify(message, markup=False)

    def action_undo(self) -> None:
        if not self.undo_stack:
            return
        kind, value = self.undo_stack.pop()
        if kind == "goal":
            self._write(lambda: ("goal", self.store.goals.restore(value.id).id), "Goal restored.")
        elif kind == "step":
            self._write(lambda: ("step", self.store.goals.restore_step(value).id), "Step restored.")
        else:
            self._write(lambda: ("resource", self.store.goals.restore_resource(value).id), "Resource restored.")

    # -- other keys ------------------------------------------------------------------

    def action_cycle_owner(self) -> None:
        index = OWNER_CYCLE.index(self.owner_filter)
        self.owner_filter = OWNER_CYCLE[(index + 1) % len(OWNER_CYCLE)]
        self.reload()

    def action_move_step(self, delta: int) -> None:
        item = self.selected
        if item is not None and item.kind == "step":
            step_id = item.value.id
            self._write(lambda: ("step", self.store.goals.move_step(step_id, delta).id))
