"""Shared fixtures for tests that run the installed command line in a subprocess or a pseudo-terminal."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from tests.e2e.terminal import Terminal


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    """An environment isolated from the real user: its own HOME, XDG folders, TMPDIR and UTC."""
    base = {k: v for k, v in os.environ.items() if not k.startswith("CAREERJOURNAL_")}
    home = tmp_path / "home"
    tmpdir = tmp_path / "tmp"
    home.mkdir()
    tmpdir.mkdir()
    base.update(
        TZ="UTC",
        HOME=str(home),
        XDG_DATA_HOME=str(tmp_path / "xdg-data"),
        XDG_CONFIG_HOME=str(tmp_path / "xdg-config"),
        XDG_STATE_HOME=str(tmp_path / "xdg-state"),
        XDG_CACHE_HOME=str(tmp_path / "xdg-cache"),
        TMPDIR=str(tmpdir),
        COLUMNS="200",
        LC_ALL="C.UTF-8",
    )
    return base


@pytest.fixture
def pty_env(env: dict[str, str]) -> dict[str, str]:
    """The isolated environment for the app in a pseudo-terminal (tests/e2e/terminal.py)."""
    from tests.e2e.terminal import COLUMNS, LINES

    clean = {k: v for k, v in env.items() if not k.startswith("TEXTUAL")}
    clean.update(TERM="xterm-256color", COLUMNS=str(COLUMNS), LINES=str(LINES))
    return clean


@pytest.fixture
def start(pty_env: dict[str, str], tmp_path: Path) -> Iterator[Callable[[Path], Terminal]]:
    """Start the app on a journal file in a pseudo-terminal; any app still running at the end is killed."""
    from tests.e2e.terminal import Terminal

    started: list[Terminal] = []

    def launch(db: Path) -> Terminal:
        terminal = Terminal(["--db", str(db)], pty_env, tmp_path)
        started.append(terminal)
        return terminal

    yield launch
    for terminal in started:
        terminal.kill()
