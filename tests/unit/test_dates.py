"""Dates as people type them."""

from __future__ import annotations

import datetime as dt

import pytest

from careerjournal.dates import add_months, from_iso, parse_date, to_iso
from careerjournal.errors import DateParseError, UsageError

D = dt.date
TODAY = D(2026, 11, 22)  # a Sunday


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-11-02", D(2026, 11, 2)),
        ("  2026-11-02  ", D(2026, 11, 2)),
        ("2024-02-29", D(2024, 2, 29)),
        ("2026-11-02T10:00", D(2026, 11, 2)),
        ("2026-11-02t23:59:59", D(2026, 11, 2)),
        ("today", TODAY),
        ("Today", TODAY),
        ("TODAY", TODAY),
        ("now", TODAY),
        ("yesterday", D(2026, 11, 21)),
        ("tomorrow", D(2026, 11, 23)),
        ("0 days ago", TODAY),
        ("1 day ago", D(2026, 11, 21)),
        ("3 days ago", D(2026, 11, 19)),
        ("3  days   ago", D(2026, 11, 19)),
        ("30 days ago", D(2026, 10, 23)),
        ("2 weeks ago", D(2026, 11, 8)),
        ("a week ago", D(2026, 11, 15)),
        ("one week ago", D(2026, 11, 15)),
        ("an hour", None),  # unknown unit -> error, checked below
        ("3 months ago", D(2026, 8, 22)),
        ("12 months ago", D(2025, 11, 22)),
        ("2 years ago", D(2024, 11, 22)),
        ("in 3 days", D(2026, 11, 25)),
        ("in 3 months", D(2027, 2, 22)),
        ("in two weeks", D(2026, 12, 6)),
        ("in 1 year", D(2027, 11, 22)),
        ("last week", D(2026, 11, 15)),
        ("next week", D(2026, 11, 29)),
        ("last month", D(2026, 10, 22)),
        ("next month", D(2026, 12, 22)),
        ("last year", D(2025, 11, 22)),
        ("next year", D(2027, 11, 22)),
        ("sunday", TODAY),
        ("monday", D(2026, 11, 16)),
        ("Saturday", D(2026, 11, 21)),
        ("friday", D(2026, 11, 20)),
        ("tuesday", D(2026, 11, 17)),
    ],
)
def test_parse_date(text: str, expected: dt.date | None) -> None:
    if expected is None:
        with pytest.raises(DateParseError):
            parse_date(text, today=TODAY)
    else:
        assert parse_date(text, today=TODAY) == expected


def test_weekday_names_are_never_in_the_future() -> None:
    for offset in range(7):
        today = TODAY + dt.timedelta(days=offset)
        for name in ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"):
            day = parse_date(name, today=today)
            assert today - dt.timedelta(days=6) <= day <= today
            assert day.strftime("%A").lower() == name


@pytest.mark.parametrize(
    ("today", "text", "expected"),
    [
        (D(2026, 3, 31), "1 month ago", D(2026, 2, 28)),
        (D(2026, 3, 31), "last month", D(2026, 2, 28)),
        (D(2024, 3, 31), "1 month ago", D(2024, 2, 29)),
        (D(2026, 1, 31), "in 1 month", D(2026, 2, 28)),
        (D(2026, 5, 31), "in 1 month", D(2026, 6, 30)),
        (D(2026, 1, 15), "2 months ago", D(2025, 11, 15)),
        (D(2026, 12, 15), "next month", D(2027, 1, 15)),
        (D(2024, 2, 29), "1 year ago", D(2023, 2, 28)),
        (D(2024, 2, 29), "in 4 years", D(2028, 2, 29)),
        (D(2024, 2, 29), "last year", D(2023, 2, 28)),
        (D(2024, 3, 1), "yesterday", D(2024, 2, 29)),
        (D(2025, 3, 1), "yesterday", D(2025, 2, 28)),
    ],
)
def test_month_end_clamping_and_leap_days(today: dt.date, text: str, expected: dt.date) -> None:
    assert parse_date(text, today=today) == expected


def test_add_months_clamps() -> None:
    assert add_months(D(2026, 3, 31), -1) == D(2026, 2, 28)
    assert add_months(D(2026, 1, 31), 13) == D(2027, 2, 28)
    assert add_months(D(2026, 1, 1), -13) == D(2024, 12, 1)


@pytest.mark.parametrize(
    "text",
    [
        "banana", "", "   ", "2026-13-01", "2027-02-29", "2026-11-31", "3 days", "in 3 days ago", "3 fortnights ago",
        "-3 days ago", "three point five days ago", "last decade", "yesterdayy", "2026/11/02", "11/02/2026",
        "99999999 years ago", "in 99999999 years", "100001 days ago", "99999 years ago", "in 99999 years",
        "9" * 400 + " days ago", "10000 years ago", "200000 months ago",
    ],
)
def test_garbage_is_one_sentence(text: str) -> None:
    with pytest.raises(DateParseError) as info:
        parse_date(text, today=TODAY)
    message = str(info.value)
    assert isinstance(info.value, UsageError)
    assert message.strip()
    assert "\n" not in message
    assert message.rstrip().endswith(".")
    assert len(message) < 200


def test_large_but_valid_offsets_still_work() -> None:
    assert parse_date("100000 days ago", today=TODAY) == TODAY - dt.timedelta(days=100_000)
    assert parse_date("in 1000 years", today=TODAY) == D(3026, 11, 22)


def test_default_today_is_the_local_date() -> None:
    assert parse_date("today") == dt.date.today()


def test_error_message_stays_one_line_for_multiline_input() -> None:
    with pytest.raises(DateParseError) as info:
        parse_date("nope\nneverend", today=TODAY)
    assert "\n" not in str(info.value)


def test_iso_timestamps_round_trip() -> None:
    moment = dt.datetime(2026, 11, 22, 21, 0, 0, 123456, tzinfo=dt.timezone.utc)
    text = to_iso(moment)
    assert text == "2026-11-22T21:00:00.123456+00:00"
    assert from_iso(text) == moment
    assert from_iso(None) is None
    assert from_iso("") is None
    other_zone = moment.astimezone(dt.timezone(dt.timedelta(hours=-5)))
    assert to_iso(other_zone) == text  # always stored in UTC, so text order is time order
