"""The Talk pane's rows: concerns, self-check questions, agenda points and check-ins.

Each builder turns one record into the ``rich`` renderable an option shows:
user text always goes in as ``Text``, never markup. Kept apart from the pane,
which owns the sections, keys and store calls.
"""

from __future__ import annotations

import datetime as dt
from itertools import zip_longest

from rich.table import Table
from rich.text import Text

from careerjournal.guidance import BALANCE_SIGNS, DOS_AND_DONTS, get_topic
from careerjournal.models import AgendaPoint, CheckIn, Concern, SelfCheckAnswer, Talk
from careerjournal.textsafe import one_line

SPARK = "▁▂▃▅▇"
#: The balance signs in a few words, for history rows where the full sentence won't fit.
SIGN_SHORT = {"heard": "Both heard", "part_of_plan": "Both part of the plan", "no_winner": "No winner or loser",
              "respected": "Respected and secure"}
LOW_SCORE = 2
SPARK_MAX = 20


def sparkline(scores: list[int]) -> str:
    """One block per check-in, oldest to newest (the last ``SPARK_MAX``)."""
    return "".join(SPARK[min(max(score, 1), 5) - 1] for score in scores[-SPARK_MAX:])


def short_day(day: dt.date, today: dt.date) -> str:
    return day.strftime("%d %b") if day.year == today.year else day.strftime("%d %b %Y")


def hanging(mark: Text, body: Text, *, mark_width: int | None = None) -> Table:
    """A row whose wrapped lines stay indented under the first, after a marker."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True, width=mark_width)
    grid.add_column(ratio=1)
    grid.add_row(mark, body)
    return grid


def concern_prompt(concern: Concern) -> Table:
    mark = Text("✓", style="green") if concern.addressed else Text("○", style="yellow")
    body = Text()  # styles go on the spans: a Text's own style would spill onto the partner's words
    body.append(get_topic(concern.reason.value).title, style="bold")
    body.append("  addressed" if concern.addressed else "  open", style="green" if concern.addressed else "yellow")
    body.append("\n")
    body.append(one_line(concern.heard), style="dim" if concern.addressed else "")
    return hanging(mark, body)


def question_prompt(question: str, answer: SelfCheckAnswer | None, today: dt.date) -> Table:
    if answer is None:
        mark = Text("?", style="dim")
    else:
        mark = Text("yes" if answer.answer else "no", style="bold yellow" if answer.answer else "green")
    body = Text(question)
    if answer is not None and answer.answered_at is not None:
        body.append(f"  {short_day(answer.answered_at.astimezone().date(), today)}", style="dim italic")
    return hanging(mark, body, mark_width=3)


def point_prompt(point: AgendaPoint) -> Table:
    body = Text()
    body.append(one_line(point.text), style="dim strike" if point.done else "")
    if point.source == "mine":
        body.append("  yours", style="dim italic")
    return hanging(Text("☑" if point.done else "☐", style="green" if point.done else ""), body)


def sign_prompt(key: str, label: str, scores: list[int], width: int) -> Text:
    """A balance sign: its label, the sparkline of every check-in, the latest score."""
    spark = sparkline(scores)
    latest = scores[-1]
    name = label if len(label) + len(spark) + 8 <= width else SIGN_SHORT.get(key, label)
    text = Text()
    text.append(f"{spark:<{min(SPARK_MAX, max(len(spark), 5))}} ", style="cyan")
    text.append(f"{latest}/5  ", style="bold red" if latest <= LOW_SCORE else "dim")
    text.append(name)
    if latest <= LOW_SCORE:
        text.append("\n  ↳ low: worth a gentle talk, not a verdict", style="italic")
    return text


def checkin_prompt(checkin: CheckIn, talks: dict[int, Talk], today: dt.date) -> Table:
    body = Text()
    body.append(" ".join(str(getattr(checkin, key)) for key, _ in BALANCE_SIGNS), style="cyan")
    talk = talks.get(checkin.talk_id) if checkin.talk_id is not None else None
    if talk is not None:
        body.append(f"  after the talk on {short_day(talk.day, today)}", style="dim")
    if checkin.note:
        body.append("  ")
        body.append(one_line(checkin.note), style="italic")
    return hanging(Text(short_day(checkin.day, today), style="bold"), body)


def dos_and_donts() -> Table:
    """The checklist in two columns: ✓ do on the left, ✗ don't on the right."""
    grid = Table.grid(padding=(0, 1), expand=True)
    for _ in range(2):
        grid.add_column(no_wrap=True, width=1)
        grid.add_column(ratio=1)
    dos = [line for kind, line in DOS_AND_DONTS if kind == "do"]
    donts = [line for kind, line in DOS_AND_DONTS if kind != "do"]
    for do, dont in zip_longest(dos, donts, fillvalue=""):
        grid.add_row(Text("✓" if do else "", style="green"), Text(do),
                     Text("✗" if dont else "", style="red"), Text(dont))
    return grid
