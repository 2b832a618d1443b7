"""The app must end when its terminal disappears, however badly timed.

Closing a terminal window while careerjournal is quitting used to leave the
process alive for ever: Textual's output thread died on the write error and the
main thread blocked queueing the last escape codes, deaf even to SIGTERM.
"""

from __future__ import annotations

import fcntl
import os
import select
import struct
import subprocess
import termios
import time
from pathlib import Path

import pytest

from careerjournal.db.store import Store

CLI = Path(__import__("sys").executable).parent / "careerjournal"

pytestmark = pytest.mark.skipif(not CLI.exists(), reason="the careerjournal console script is not installed")


def _make_controlling_tty() -> None:
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)


def start_on_pty(env: dict[str, str], db: Path) -> tuple[subprocess.Popen, int]:
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
    process = subprocess.Popen([str(CLI), "--db", str(db)], stdin=slave, stdout=slave, stderr=slave,
                               env={**env, "TERM": "xterm-256color"}, start_new_session=True,
                               preexec_fn=_make_controlling_tty)
    os.close(slave)
    return process, master


def wait_for(master: int, marker: bytes, timeout: float = 60) -> None:
    seen = b""
    deadline = time.monotonic() + timeout
    while marker not in seen:
        assert time.monotonic() < deadline, f"never drew {marker!r}"
        ready, _, _ = select.select([master], [], [], 0.1)
        if ready:
            seen += os.read(master, 1 << 16)


@pytest.mark.parametrize("delay", [0.0, 0.02, 0.2])
def test_quitting_as_the_terminal_closes_ends_the_process(env: dict[str, str], tmp_path: Path, delay: float) -> None:
    db = tmp_path / "journal.db"
    store = Store.open(db)
    store.entries.add("an evening note")
    store.close()
    process, master = start_on_pty(env, db)
    try:
        wait_for(master, b"newest first")
        os.write(master, b"\x11")  # ctrl+q
        time.sleep(delay)
        os.close(master)
        master = -1
        assert process.wait(timeout=30) == 0
    finally:
        if master >= 0:
            os.close(master)
        if process.poll() is None:
            process.kill()
            process.wait()
