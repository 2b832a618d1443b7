"""How the command line prints entries: a Rich table for people, JSON for scripts.

User text goes into ``rich.text.Text`` objects, never into markup strings, so
a title like ``[bold]x[/]`` prints exactly as typed.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from careerjournal.dates import to_iso
import datetime as dt

from careerjournal.textsafe import one_line

if TYPE_CHECKING:
    from rich.console import Console

    # The goal, ledger and talk shapes load on first use (see models.__getattr__):
    # listing entries shouldn't pay for them.
    from careerjournal.models import (
        AgendaPoint,
        CheckIn,
        Concern,
        Entry,
        Goal,
        LedgerItem,
        SelfCheckAnswer,
        Talk,
        Win,
    )


def entry_to_json(entry: Entry) -> dict[str, Any]:
    return {
        "id": entry.id,
        "created_at": to_iso(entry.created_at) if entry.created_at else None,
        "updated_at": to_iso(entry.updated_at) if entry.updated_at else None,
        "day": entry.day.isoformat() if entry.day else None,
        "title": entry.title,
        "body": entry.body,
        "tags": list(entry.tags),
        "mood": entry.mood,
        "shared": entry.shared,
    }


def entries_json(entries: Sequence[Entry]) -> str:
    return json.dumps([entry_to_json(entry) for entry in entries], ensure_ascii=False, indent=2, allow_nan=False)


def print_entries_table(entries: Sequence[Entry], *, total: int, search: str | None = None,
                        console: Console | None = None) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from careerjournal.db.search import search_terms

    console = console or Console(highlight=False)
    if not entries:
        console.print("No entries match." if total == 0 and search is not None else "No entries yet.")
        return
    table = Table(show_lines=False, pad_edge=False, expand=False, header_style="bold")
    table.add_column("#", justify="right", style="dim")
    table.add_column("When", no_wrap=True)
    table.add_column("Entry", overflow="fold", ratio=1)
    table.add_column("Mood", justify="center")
    table.add_column("Tags")
    table.add_column("", no_wrap=True)
    words = search_terms(search or "")
    for entry in entries:
        when = entry.created_at.astimezone().strftime("%Y-%m-%d %H:%M") if entry.created_at else ""
        title = Text(one_line(entry.display_title or "(empty)"))
        if entry.title and entry.body.strip():
            title.append("\n")
            title.append(one_line(_preview(entry.body)), style="dim")
        if words:
            title.highlight_words(words, style="reverse", case_sensitive=False)
        tags = Text(one_line(", ".join(entry.tags)), style="cyan")
        badge = Text("shared", style="green") if entry.shared else Text("private", style="dim")
        table.add_row(str(entry.id), when, title, str(entry.mood or ""), tags, badge)
    console.print(table)
    if total > len(entries):
        console.print(Text(f"Showing {len(entries)} of {total}; use --limit 0 to see all.", style="dim"))


def _preview(body: str, limit: int = 90) -> str:
    text = " ".join(body.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def goal_to_json(goal: Goal, wins: Sequence[Win] = ()) -> dict[str, Any]:
    return {
        "id": goal.id,
        "title": goal.title,
        "why": goal.why,
        "owner": goal.owner.value,
        "horizon": goal.horizon.value,
        "status": goal.status.value,
        "target_date": goal.target_date.isoformat() if goal.target_date else None,
        "progress": goal.progress,
        "steps": [
            {"id": step.id, "text": step.text, "position": step.position, "done": step.done,
             "done_at": to_iso(step.done_at) if step.done_at else None}
            for step in goal.steps
        ],
        "resources": [
            {"id": res.id, "kind": res.kind.value, "title": res.title, "link": res.link, "notes": res.notes}
            for res in goal.resources
        ],
        "wins": [
            {"id": win.id, "text": win.text, "celebrated": win.celebrated,
             "created_at": to_iso(win.created_at) if win.created_at else None}
            for win in wins if win.goal_id == goal.id
        ],
    }


def goals_json(goals: Sequence[Goal], wins: Sequence[Win] = ()) -> str:
    return json.dumps([goal_to_json(goal, wins) for goal in goals], ensure_ascii=False, indent=2, allow_nan=False)


OWNER_HEADINGS = {"me": "My goals", "partner": "My partner's goals", "shared": "Our shared goals"}


def print_goals(goals: Sequence[Goal], *, today: dt.date) -> None:
    from careerjournal.models import Owner
    from rich.console import Console
    from rich.text import Text

    console = Console(highlight=False)
    if not goals:
        console.print("No goals yet. Add one in the app (press 2, then a).")
        return
    for owner in Owner:
        mine = [goal for goal in goals if goal.owner == owner]
        if not mine:
            continue
        console.print(Text(OWNER_HEADINGS[owner], style="bold underline"))
        for goal in mine:
            line = Text("  ")
            line.append(one_line(goal.title), style="bold")
            line.append(f"  {goal.horizon.value}-term, {goal.status.value}", style="dim")
            if goal.target_date:
                overdue = goal.target_date < today and goal.status.value in ("active", "paused")
                line.append(f", by {goal.target_date.isoformat()}", style="bold red" if overdue else "dim")
                if overdue:
                    line.append(" (overdue)", style="bold red")
            if goal.progress is not None:
                done = sum(step.done for step in goal.steps)
                filled = round(goal.progress * 10)
                line.append(f"  {'█' * filled}{'░' * (10 - filled)} {done}/{len(goal.steps)}", style="green")
            console.print(line)
            for step in goal.steps:
                mark = Text("    ")
                mark.append("✓ " if step.done else "· ", style="green" if step.done else "dim")
                mark.append(one_line(step.text))
                console.print(mark)
        console.print()


def _iso(moment: dt.datetime | None) -> str | None:
    return to_iso(moment) if moment else None


def ledger_item_to_json(item: LedgerItem) -> dict[str, Any]:
    return {"id": item.id, "text": item.text, "column": item.column.value, "area": item.area.value,
            "status": item.status.value, "revisit_on": item.revisit_on.isoformat() if item.revisit_on else None,
            "notes": item.notes, "position": item.position, "created_at": _iso(item.created_at),
            "updated_at": _iso(item.updated_at)}


def ledger_json(items: Sequence[LedgerItem]) -> str:
    from careerjournal.guidance.balance import ledger_balance
    from careerjournal.models import LedgerColumn

    balance = ledger_balance(items)
    data = {
        "columns": {column.value: [ledger_item_to_json(i) for i in items if i.column == column]
                    for column in LedgerColumn},
        "counts": {column.value: count for column, count in balance.by_column.items()},
        "warning": balance.warning,
    }
    return json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False)


def print_ledger(items: Sequence[LedgerItem], *, today: dt.date) -> None:
    from careerjournal.models import LEDGER_COLUMN_LABELS, LedgerColumn

    from rich.console import Console
    from rich.text import Text

    from careerjournal.guidance.balance import ledger_balance

    console = Console(highlight=False)
    if not items:
        console.print("The ledger is empty. Add items in the app (press 3, then a).")
        return
    for column in LedgerColumn:
        mine = [item for item in items if item.column == column]
        console.print(Text(f"{LEDGER_COLUMN_LABELS[column]} ({len(mine)})", style="bold underline"))
        for item in mine:
            line = Text("  ")
            line.append(one_line(item.text), style="bold")
            line.append(f"  {item.area.value.replace('_', ' ')} · {item.status.value}", style="dim")
            if item.revisit_on:
                due = item.revisit_on <= today
                line.append(f" · revisit {'now' if due else item.revisit_on.isoformat()}",
                            style="bold yellow" if due else "dim")
            console.print(line)
        console.print()
    warning = ledger_balance(items).warning
    if warning:
        console.print(Text(warning, style="yellow"))


def talk_json(concerns: Sequence[Concern], self_check: dict[str, SelfCheckAnswer], agenda: Sequence[AgendaPoint],
              talks: Sequence[Talk], checkins: Sequence[CheckIn]) -> str:
    data = {
        "concerns": [{"id": c.id, "reason": c.reason.value, "heard": c.heard, "addressed": c.addressed,
                      "created_at": _iso(c.created_at)} for c in concerns],
        "self_check": {key: {"answer": a.answer, "answered_at": _iso(a.answered_at)} for key, a in self_check.items()},
        "agenda": [{"text": p.text, "source": p.source, "done": p.done} for p in agenda],
        "talks": [{"id": t.id, "day": t.day.isoformat(), "notes": t.notes,
                   "agenda": [{"text": p.text, "source": p.source, "done": p.done} for p in t.agenda]} for t in talks],
        "checkins": [{"id": c.id, "day": c.day.isoformat(), "heard": c.heard, "part_of_plan": c.part_of_plan,
                      "no_winner": c.no_winner, "respected": c.respected, "note": c.note, "talk_id": c.talk_id}
                     for c in checkins],
    }
    return json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False)


SPARK = "▁▂▃▅▇"


def print_talk(concerns: Sequence[Concern], self_check: dict[str, SelfCheckAnswer], agenda: Sequence[AgendaPoint],
               talks: Sequence[Talk], checkins: Sequence[CheckIn]) -> None:
    from rich.console import Console
    from rich.text import Text

    from careerjournal.guidance import BALANCE_SIGNS, SELF_CHECK_QUESTIONS, get_topic

    console = Console(highlight=False)
    console.print(Text("Partner's concerns", style="bold underline"))
    if not concerns:
        console.print(Text("  None noted yet.", style="dim"))
    for concern in concerns:
        line = Text("  ")
        line.append("addressed " if concern.addressed else "open      ", style="green" if concern.addressed else "yellow")
        line.append(get_topic(concern.reason.value).title + ": ", style="italic")
        line.append(one_line(concern.heard))
        console.print(line)
    console.print()
    console.print(Text("Self-check", style="bold underline"))
    for key, question in SELF_CHECK_QUESTIONS:
        answer = self_check.get(key)
        line = Text("  ")
        line.append(("yes" if answer.answer else "no ") if answer else "—  ", style="bold" if answer else "dim")
        line.append("  " + question)
        console.print(line)
    if agenda:
        console.print()
        console.print(Text("Agenda for the next talk", style="bold underline"))
        for point in agenda:
            console.print(Text(("  ✓ " if point.done else "  · ") + one_line(point.text)))
    console.print()
    console.print(Text(f"Talks: {len(talks)}" + (f", last on {talks[0].day.isoformat()}" if talks else ""),
                       style="bold underline"))
    console.print()
    console.print(Text("Balance check-ins", style="bold underline"))
    if not checkins:
        console.print(Text("  No check-ins yet.", style="dim"))
        return
    width = max(len(label) for _, label in BALANCE_SIGNS)
    for key, label in BALANCE_SIGNS:
        scores = [getattr(checkin, key) for checkin in checkins]
        line = Text(f"  {label:<{width}}  ")
        line.append("".join(SPARK[score - 1] for score in scores), style="cyan")
        line.append(f"  latest {scores[-1]}/5", style="dim")
        console.print(line)
