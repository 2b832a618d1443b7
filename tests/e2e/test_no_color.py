"""NO_COLOR (no-color.org): in a real terminal, every colour the app sends is a grey."""

from __future__ import annotations

import os
import re
import select
import time
from pathlib import Path

import pytest

from careerjournal.db.store import Store

from test_terminal_gone import CLI, start_on_pty  # type: ignore[import-not-found]

pytestmark = pytest.mark.skipif(not CLI.exists(), reason="the careerjournal console script is not installed")

SGR = re.compile(rb"\x1b\[([0-9;]*)m")
TRUECOLOR = re.compile(rb"(?:^|;)[34]8;2;(\d+);(\d+);(\d+)")


def screen_bytes(env: dict[str, str], db: Path, marker: bytes) -> bytes:
    process, master = start_on_pty(env, db)
    seen = b""
    try:
        deadline = time.monotonic() + 60
        while marker not in seen:
            assert time.monotonic() < deadline, "the journal never appeared"
            ready, _, _ = select.select([master], [], [], 0.1)
            if ready:
                seen += os.read(master, 1 << 16)
        time.sleep(0.5)
        while select.select([master], [], [], 0.2)[0]:
            seen += os.read(master, 1 << 16)
        os.write(master, b"\x11")
        assert process.wait(timeout=30) == 0
    finally:
        os.close(master)
        if process.poll() is None:
            process.kill()
            process.wait()
    return seen


@pytest.mark.parametrize("no_color", [False, True], ids=["colour", "NO_COLOR"])
def test_no_color_draws_only_greys(env: dict[str, str], tmp_path: Path, no_color: bool) -> None:
    db = tmp_path / "journal.db"
    store = Store.open(db)
    store.entries.add("a shared evening", shared=True, mood=5, tags=["career"])
    store.close()
    env = {**env, "COLORTERM": "truecolor"}
    if no_color:
        env["NO_COLOR"] = "1"
    output = screen_bytes(env, db, b"newest first")
    colours = {tuple(int(part) for part in match)
               for sgr in SGR.findall(output) for match in TRUECOLOR.findall(sgr)}
    assert colours, "the app drew no colours at all"
    greys = all(red == green == blue for red, green, blue in colours)
    # Without NO_COLOR the app is in colour; with it, only greys: the test can tell them apart.
    assert greys is no_color
