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


class _FakeApp:
    seen_fps: list[str | None] = []

    def __init__(self, **kwargs) -> None:  # type: ignore[no-untyped-def]
        import os

        _FakeApp.seen_fps.append(os.environ.get("TEXTUAL_FPS"))
        self.return_code = 0

    def run(self) -> None:
        pass


@pytest.mark.parametrize(("preset", "expected"), [(None, "240"), ("30", "30")])
def test_the_app_redraws_at_240_unless_the_user_chose(monkeypatch, tmp_path, preset, expected) -> None:  # type: ignore[no-untyped-def]
    import careerjournal.ui.app
    from careerjournal.launch import Context, run_app

    if preset is None:
        monkeypatch.setenv("TEXTUAL_FPS", "placeholder")  # so teardown removes what run_app sets
        monkeypatch.delenv("TEXTUAL_FPS")
    else:
        monkeypatch.setenv("TEXTUAL_FPS", preset)
    monkeypatch.setattr(careerjournal.ui.app, "CareerJournalApp", _FakeApp)
    _FakeApp.seen_fps.clear()
    state = Context(str(tmp_path / "j.db"), demo=False)
    try:
        run_app(state)
    finally:
        state.close()
    assert _FakeApp.seen_fps == [expected]
