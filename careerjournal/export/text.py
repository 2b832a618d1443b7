"""The partner summary as plain text, for pasting into a message or an email.

No markup at all: headings are marked with a symbol rather than underlines (which
drift out of line in proportional fonts), lists use bullets, and lines are not
wrapped so the messaging app can wrap them. User text is printed as typed, except
that control characters become visible symbols and titles stay on one line.
"""

from __future__ import annotations

from careerjournal.export.summary import (
    CLOSING,
    EMPTY,
    HEADINGS,
    INTROS,
    SIGN_LABELS,
    SUBHEADINGS,
    TITLE,
    GoalView,
    Summary,
    join_and,
    long_date,
)
from careerjournal.textsafe import one_line, visible


def _block(text: str, indent: str = "") -> list[str]:
    """A body, line by line, without trailing spaces or runs of blank lines."""
    lines: list[str] = []
    for line in visible(text.replace("\r\n", "\n").replace("\r", "\n")).split("\n"):
        line = line.rstrip()
        if line or (lines and lines[-1]):
            lines.append(indent + line if line else "")
    while lines and not lines[-1]:
        lines.pop()
    return lines


def to_text(summary: Summary) -> str:
    """Render a :class:`Summary` as plain text (ends with a newline)."""
    out: list[str] = [TITLE, long_date(summary.today), ""]
    for paragraph in summary.opening():
        out += [paragraph, ""]
    for section in summary.sections:
        out += [f"■ {HEADINGS[section]}", ""]
        if section in INTROS:
            out += [INTROS[section], ""]
        if summary.is_empty(section):
            out += [EMPTY[section], ""]
            continue
        out += _WRITERS[section](summary)
    out += [CLOSING, ""]
    return "\n".join(out)


def _goal(goal: GoalView) -> list[str]:
    out = [f"• {one_line(goal.title)}", f"  {goal.facts}"]
    if goal.why.strip():
        out.append(f"  Why it matters: {one_line(goal.why)}")
    out += [f"  {'✓' if step.done else '○'} {one_line(step.text)}" for step in goal.steps]
    for resource in goal.resources:
        link = f" ({one_line(resource.link)})" if resource.link.strip() else ""
        out.append(f"  {resource.label}: {one_line(resource.title)}{link}")
    out += [f"  Win: {one_line(win)}" for win in goal.wins]
    return out + [""]


def _goals(goals: tuple[GoalView, ...]) -> list[str]:
    return [line for goal in goals for line in _goal(goal)]


def _goals_shared(summary: Summary) -> list[str]:
    out: list[str] = []
    for key, goals in (("shared", summary.shared_goals), ("partner", summary.partner_goals)):
        if goals:
            out += [SUBHEADINGS[key] + ":", ""] + _goals(goals)
    return out


def _goals_mine(summary: Summary) -> list[str]:
    return _goals(summary.my_goals)


def _ledger(summary: Summary) -> list[str]:
    out: list[str] = []
    for column in summary.ledger:
        out.append(column.heading + ":")
        if not column.items:
            out.append("  (nothing yet)")
        for item in column.items:
            out += [f"• {one_line(item.text)}", f"  {item.facts}"]
            if item.notes.strip():
                out.append(f"  {one_line(item.notes)}")
        out.append("")
    return out


def _talk(summary: Summary) -> list[str]:
    out: list[str] = []
    if summary.concerns:
        out += [SUBHEADINGS["concerns"] + ":"]
        out += [f"• {c.label}: {one_line(c.heard)}" for c in summary.concerns] + [""]
    if summary.agenda:
        out += [SUBHEADINGS["agenda"] + ":"]
        out += [f"{'✓' if p.done else '○'} {one_line(p.text)}" for p in summary.agenda] + [""]
    if summary.talk_days:
        out += [SUBHEADINGS["talks"] + ":"]
        out += [f"• We talked on {long_date(day, weekday=True)}." for day in summary.talk_days] + [""]
    return out


def _checkins(summary: Summary) -> list[str]:
    days = [long_date(checkin.day) for checkin in summary.checkins]
    out = [("Check-in on " if len(days) == 1 else "Check-ins on ") + join_and(days) + ":"]
    for index, (_, label) in enumerate(SIGN_LABELS):
        scores = " → ".join(str(checkin.scores[index]) for checkin in summary.checkins)
        out.append(f"• {label}: {scores}")
    return out + [""]


def _entries(summary: Summary) -> list[str]:
    out: list[str] = []
    for entry in summary.entries:
        heading = long_date(entry.day, weekday=True)
        if entry.title.strip():
            heading += " — " + one_line(entry.title)
        out.append(heading)
        if entry.tags:
            out.append("(" + ", ".join(one_line(tag) for tag in entry.tags) + ")")
        out += _block(entry.body)
        out += ["", "· · ·", ""]
    if out:
        del out[-2:]
    return out


_WRITERS = {
    "goals_shared": _goals_shared,
    "goals_mine": _goals_mine,
    "ledger": _ledger,
    "talk": _talk,
    "checkins": _checkins,
    "entries": _entries,
}
