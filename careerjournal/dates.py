"""Dates the way people type them: ISO, or everyday words.

Pure functions with an injectable ``today`` so tests can freeze the clock.
Accepted: ``2026-11-02``, ``today``, ``yesterday``, ``tomorrow``, ``3 days ago``,
``2 weeks ago``, ``last week``, ``last month``, ``last year``, ``in 3 months``,
``next week``, weekday names (``monday`` = the most recent Monday), and
``2026-11-02T10:00`` style timestamps.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from careerjournal.errors import DateParseError

_UNITS = {
    "day": 1,
    "days": 1,
    "week": 7,
    "weeks": 7,
    "month": None,
    "months": None,
    "year": None,
    "years": None,
}
_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
    "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}
_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_RELATIVE = re.compile(r"^(?:(?P<in>in)\s+)?(?P<n>\d+|[a-z]+)\s+(?P<unit>[a-z]+)(?:\s+(?P<ago>ago))?$")


def local_today() -> dt.date:
    return dt.date.today()


def add_months(day: dt.date, months: int) -> dt.date:
    """Calendar month arithmetic, clamping the 31st to the month's last day."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _shift(today: dt.date, amount: int, unit: str) -> dt.date:
    if unit.startswith("day"):
        return today + dt.timedelta(days=amount)
    if unit.startswith("week"):
        return today + dt.timedelta(weeks=amount)
    if unit.startswith("month"):
        return add_months(today, amount)
    return add_months(today, 12 * amount)


def parse_date(text: str, today: dt.date | None = None) -> dt.date:
    """Parse ``text`` into a date, or raise :class:`DateParseError` with one sentence."""
    today = today or local_today()
    raw = text
    text = " ".join(text.strip().lower().split())
    if not text:
        raise DateParseError("Give a date, such as 2026-11-02, today or 3 days ago.")
    simple = {
        "today": today,
        "now": today,
        "yesterday": today - dt.timedelta(days=1),
        "tomorrow": today + dt.timedelta(days=1),
        "last week": today - dt.timedelta(weeks=1),
        "next week": today + dt.timedelta(weeks=1),
        "last month": add_months(today, -1),
        "next month": add_months(today, 1),
        "last year": add_months(today, -12),
        "next year": add_months(today, 12),
    }
    if text in simple:
        return simple[text]
    if text in _WEEKDAYS:
        back = (today.weekday() - _WEEKDAYS.index(text)) % 7
        return today - dt.timedelta(days=back)
    match = _RELATIVE.match(text)
    if match and match["unit"] in _UNITS and bool(match["in"]) != bool(match["ago"]):
        count = match["n"]
        amount = int(count) if count.isdigit() else _NUMBER_WORDS.get(count)
        if amount is not None and amount <= 100_000:
            sign = -1 if match["ago"] else 1
            try:
                return _shift(today, sign * amount, match["unit"])
            except (OverflowError, ValueError):
                pass
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        pass
    try:
        return dt.datetime.fromisoformat(text.upper()).date()
    except ValueError:
        pass
    from careerjournal.textsafe import one_line

    shown = one_line(raw)[:40]
    raise DateParseError(
        f"'{shown}' is not a date I understand; try 2026-11-02, today, yesterday, last week or 3 days ago."
    )


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def to_iso(moment: dt.datetime) -> str:
    """A sortable UTC timestamp with microseconds, e.g. ``2026-11-22T15:41:18.000000+00:00``."""
    return moment.astimezone(dt.timezone.utc).isoformat(timespec="microseconds")


def from_iso(text: str | None) -> dt.datetime | None:
    if not text:
        return None
    return dt.datetime.fromisoformat(text)


def date_or_none(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None
