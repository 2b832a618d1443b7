"""Shared fixtures for tests that run the installed command line in a subprocess."""

from __future__ import annotations

import os
from pathlib import Path

import pytest


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
