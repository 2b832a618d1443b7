"""Which arguments open the app directly, and which go to the click command line."""

from __future__ import annotations

import pytest

from careerjournal.launch import app_options


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ([], (None, False)),
        (["--demo"], (None, True)),
        (["--db", "x.db"], ("x.db", False)),
        (["--db=x.db"], ("x.db", False)),
        (["--db", "my journal.db", "--demo"], ("my journal.db", True)),
        (["--demo", "--db=x.db"], ("x.db", True)),
    ],
)
def test_arguments_that_only_open_the_app(args: list[str], expected: tuple[str | None, bool]) -> None:
    assert app_options(args) == expected


@pytest.mark.parametrize(
    "args",
    [
        ["list"], ["--version"], ["--help"], ["-h"], ["--db"], ["--db="], ["--db", "--demo"],
        ["--db", "a.db", "--db", "b.db"], ["--demo", "--demo"], ["--dmeo"], ["--db", "x.db", "add", "hi"],
    ],
)
def test_everything_else_goes_to_the_command_line(args: list[str]) -> None:
    assert app_options(args) is None
