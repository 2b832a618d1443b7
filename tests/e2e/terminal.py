"""The installed ``careerjournal`` app in a pseudo-terminal, for tests that drive it with keys.

pexpect runs the app in a pty and pyte, a terminal emulator, turns what it writes
into a screen of text. Tests wait for what the screen shows, never for a fixed time.
The ``pty_env`` and ``start`` fixtures (tests/e2e/conftest.py) launch it.
"""

from __future__ import annotations

import json
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pexpect
import pyte
import pytest


def _find_cli() -> Path | None:
    # The script beside this interpreter first: the one installed with the code under test.
    candidate = Path(sys.executable).parent / "careerjournal"
    if candidate.exists():
        return candidate
    found = shutil.which("careerjournal")
    return Path(found) if found else None


CLI = _find_cli()
#: ``pytestmark`` for a module of pty tests.
NEEDS_PTY = [
    pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals need a POSIX system"),
    pytest.mark.skipif(CLI is None,
                       reason="the careerjournal console script is not installed (pip install -e . first)"),
]

COLUMNS, LINES = 120, 36
#: Generous: CI machines are small and shared. A passing run waits far less.
TIMEOUT = 30.0

CTRL_S = "\x13"
CTRL_Q = "\x11"
ENTER = "\r"

#: On screen, these mean the app hit an error: fail at once instead of waiting out the timeout.
ERROR_SIGNS = ("Something went wrong", "Traceback")


class Terminal:
    """The app running in a pseudo-terminal, with the screen it has drawn so far."""

    def __init__(self, args: list[str], env: dict[str, str], cwd: Path) -> None:
        self.screen = pyte.Screen(COLUMNS, LINES)
        self.stream = pyte.ByteStream(self.screen)
        self.eof = False
        self.child = pexpect.spawn(str(CLI), args, env=env, cwd=str(cwd), dimensions=(LINES, COLUMNS))

    def text(self) -> str:
        return "\n".join(self.screen.display)

    def _read(self, timeout: float) -> None:
        """Feed whatever the app wrote within ``timeout`` seconds to the screen."""
        if self.eof:
            return
        try:
            self.stream.feed(self.child.read_nonblocking(65536, timeout=timeout))
        except pexpect.TIMEOUT:
            pass
        except pexpect.EOF:
            self.eof = True

    def wait_for(self, predicate: Callable[[str], bool] | str, what: str = "", timeout: float = TIMEOUT) -> str:
        """Read output until ``predicate`` holds for the screen's text; fail with the screen if it never does."""
        check = (lambda text: predicate in text) if isinstance(predicate, str) else predicate
        description = what or repr(predicate)
        deadline = time.monotonic() + timeout
        while True:
            text = self.text()
            if check(text):
                return text
            if any(sign in text for sign in ERROR_SIGNS):
                pytest.fail(f"the app reported an error while waiting for {description}:\n{text}")
            if self.eof:
                pytest.fail(f"the app exited while waiting for {description}; "
                            f"exit={self.child.exitstatus} signal={self.child.signalstatus}\n{text}")
            if time.monotonic() > deadline:
                pytest.fail(f"waited {timeout:.0f}s for {description}; the screen shows:\n{text}")
            self._read(0.05)

    def send(self, keys: str) -> None:
        self.child.send(keys.encode("utf-8"))

    def wait_exit(self, timeout: float = TIMEOUT) -> tuple[int | None, int | None]:
        """Read until the app closes the terminal and exits; (exit status, signal) or fail if it hangs."""
        deadline = time.monotonic() + timeout
        while not self.eof and time.monotonic() < deadline:
            self._read(0.05)
        while self.child.isalive() and time.monotonic() < deadline:
            time.sleep(0.02)  # polling for the exit the app has already started
        if self.child.isalive():
            self.kill()
            pytest.fail(f"the app did not exit within {timeout:.0f}s; the screen shows:\n{self.text()}")
        return self.child.exitstatus, self.child.signalstatus

    def kill(self) -> None:
        if self.child.isalive():
            self.child.kill(signal.SIGKILL)
        self.child.close(force=True)


def list_json(env: dict[str, str], db: Path) -> list[dict]:
    """The journal's entries, as ``careerjournal list --json`` prints them."""
    result = subprocess.run([str(CLI), "--db", str(db), "list", "--json"], capture_output=True, text=True,
                            encoding="utf-8", env=env, timeout=60)
    assert result.returncode == 0, f"exit {result.returncode}: {result.stderr}"
    return json.loads(result.stdout)
