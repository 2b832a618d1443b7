"""Measurements that run inside a fresh child process (one per call).

    python benchmarks/probes.py PROBE [ARGS...]

Each probe prints one line of JSON as its last line. ``run.py`` starts them
with the wall-clock start time in $BENCH_T0 so start-up is measured from the
moment the process was launched, interpreter start included.
"""

from __future__ import annotations

import json
import os
import resource
import sys
import time

T0 = float(os.environ.get("BENCH_T0", time.time()))
#: --quick (the test suite's smoke run) repeats each measurement only a few times.
QUICK = os.environ.get("BENCH_QUICK") == "1"


def times(full: int) -> int:
    return min(full, 2) if QUICK else full
READY_MARKER = b"newest first"


def _controlling_tty() -> None:
    """In the child: make the pty its controlling terminal, so closing it sends SIGHUP."""
    import fcntl
    import termios

    fcntl.ioctl(0, termios.TIOCSCTTY, 0)


def peak_mb(who: int = resource.RUSAGE_SELF) -> float:
    return resource.getrusage(who).ru_maxrss / 1024


def emit(**values: object) -> None:
    print(json.dumps(values))


# -- start-up, headless ---------------------------------------------------------------


def _first_frame(app, ready) -> float:  # type: ignore[no-untyped-def]
    """Run ``app`` headless; return seconds from process start to its first frame with ``ready()`` true.

    A frame is a call of Textual's ``App._display`` with something to draw: the
    moment a terminal would be written to. Waiting for ``pilot.pause()`` instead
    would also count the work the app does after its first frame (loading the
    rest of the list, mounting the other panes), which no one sees as start-up.
    """
    import asyncio

    drawn: list[float] = []
    display = app._display

    def spy(screen, renderable):  # type: ignore[no-untyped-def]
        if renderable is not None and not drawn and ready():
            drawn.append(time.time() - T0)
        return display(screen, renderable)

    app._display = spy

    async def run() -> float:
        async with app.run_test(size=(120, 36)) as pilot:
            while not drawn:
                await asyncio.sleep(0.001)
            await pilot.pause()  # let it settle, so peak memory includes what loads after the first frame
            return drawn[0]

    return asyncio.run(run())


def startup_headless(db: str) -> None:
    from careerjournal.launch import Context, build_app

    app = build_app(Context(db, demo=False))

    def ready() -> bool:
        from careerjournal.ui.widgets.entry_list import EntryList

        lists = app.query(EntryList)
        return bool(lists) and lists.first().row_count > 0

    emit(seconds=_first_frame(app, ready), peak_mb=peak_mb())


def bare_headless() -> None:
    from textual.app import App
    from textual.widgets import Footer, Header, Static

    class Bare(App[None]):
        def compose(self):  # type: ignore[no-untyped-def]
            yield Header()
            yield Static("hello bare")
            yield Footer()

    emit(seconds=_first_frame(Bare(), lambda: True), peak_mb=peak_mb())


# -- start-up in a real pseudo-terminal --------------------------------------------------


def _pty_until(command: list[str], marker: bytes) -> tuple[float, float]:
    """Start ``command`` on a pty, wait until ``marker`` is drawn, quit it; return (seconds, peak MB)."""
    import pty
    import select
    import subprocess

    master, slave = pty.openpty()
    os.set_blocking(master, False)
    env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "120", "LINES": "36"}
    import fcntl
    import struct
    import termios

    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 36, 120, 0, 0))
    start = time.time()
    process = subprocess.Popen(command, stdin=slave, stdout=slave, stderr=slave, env=env, close_fds=True,
                               start_new_session=True, preexec_fn=_controlling_tty)
    os.close(slave)
    seen = b""
    elapsed = float("nan")
    deadline = start + 60
    while time.time() < deadline:
        ready, _, _ = select.select([master], [], [], 0.05)
        if ready:
            try:
                seen += os.read(master, 65536)
            except OSError:
                break
            if marker in seen:
                elapsed = time.time() - start
                break
    os.write(master, b"\x11")  # ctrl+q
    # Keep reading while it quits: an app whose last frame finds the terminal's
    # buffer full waits for it to drain, and used to sit out the whole timeout.
    stop = time.time() + 10
    while process.poll() is None and time.time() < stop:
        ready, _, _ = select.select([master], [], [], 0.05)
        if ready:
            try:
                os.read(master, 65536)
            except OSError:
                break
    try:
        process.wait(timeout=max(0.0, stop - time.time()))
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    os.close(master)
    return elapsed, peak_mb(resource.RUSAGE_CHILDREN)


def startup_pty(db: str) -> None:
    careerjournal = os.path.join(os.path.dirname(sys.executable), "careerjournal")
    seconds, memory = _pty_until([careerjournal, "--db", db], READY_MARKER)
    emit(seconds=seconds, peak_mb=memory)


def bare_pty() -> None:
    seconds, memory = _pty_until([sys.executable, __file__, "bare_app"], b"hello bare")
    emit(seconds=seconds, peak_mb=memory)


def bare_app() -> None:
    from textual.app import App
    from textual.binding import Binding
    from textual.widgets import Footer, Header, Static

    class Bare(App[None]):
        BINDINGS = [Binding("ctrl+q", "quit", "Quit")]

        def compose(self):  # type: ignore[no-untyped-def]
            yield Header()
            yield Static("hello bare")
            yield Footer()

    Bare().run()


def skeleton_pty() -> None:
    seconds, memory = _pty_until([sys.executable, __file__, "skeleton_app"], b"skeleton ready")
    emit(seconds=seconds, peak_mb=memory)


def skeleton_app() -> None:
    """The Journal pane's widget tree from stock Textual widgets, with no data and none of our code.

    It separates what our code costs at start-up from what Textual costs for a
    screen of this many widgets: the same header, tabs, today bar, search box,
    list, reader, hidden sidebar and footer keys as careerjournal's first frame.
    """
    from textual.app import App
    from textual.binding import Binding
    from textual.containers import Horizontal, Vertical, VerticalScroll
    from textual.widgets import ContentSwitcher, Footer, Header, Input, OptionList, Static, TabbedContent, TabPane

    keys = "n e d s slash f t ctrl+g x question_mark".split()

    class Skeleton(App[None]):
        BINDINGS = [Binding("ctrl+q", "quit", "Quit")] + [Binding(key, "bell", key) for key in keys]

        def compose(self):  # type: ignore[no-untyped-def]
            yield Header()
            with Horizontal():
                with TabbedContent(initial="one"):
                    with TabPane("1 Journal", id="one"):
                        yield Static("Sunday 22 November 2026\nToday's question: a question")
                        with ContentSwitcher(initial="browse"):
                            with Horizontal(id="browse"):
                                with Vertical():
                                    yield Input(placeholder="Search")
                                    yield Static("200 entries, skeleton ready")
                                    yield OptionList(*[f"Sun 22 Nov  private 4  entry {n}" for n in range(40)])
                                with VerticalScroll():
                                    yield Static("Title")
                                    yield Static("Body of the entry " * 20)
                    yield TabPane("2 Goals", id="two")
                    yield TabPane("3 Ledger", id="three")
                    yield TabPane("4 Talk", id="four")
                sidebar = Vertical(OptionList(), Static("guidance"))
                sidebar.display = False
                yield sidebar
            yield Footer()

        def on_mount(self) -> None:
            self.query_one(Input).display = False

    Skeleton().run()


# -- keys, search and reading inside the app ---------------------------------------------------


class PtySession:
    """careerjournal running on a pseudo-terminal, driven key by key like a person would."""

    def __init__(self, command: list[str]) -> None:
        import fcntl
        import pty
        import struct
        import subprocess
        import termios

        self.master, slave = pty.openpty()
        os.set_blocking(self.master, False)
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 36, 120, 0, 0))
        env = {**os.environ, "TERM": "xterm-256color"}
        self.process = subprocess.Popen(command, stdin=slave, stdout=slave, stderr=slave, env=env, close_fds=True,
                                        start_new_session=True, preexec_fn=_controlling_tty)
        os.close(slave)

    def read_until(self, marker: bytes, timeout: float = 30) -> float:
        """Seconds until ``marker`` has been drawn (NaN, with a note on stderr, if it never is)."""
        import select

        start = time.perf_counter()
        seen = b""
        while time.perf_counter() - start < timeout:
            ready, _, _ = select.select([self.master], [], [], 0.01)
            if ready:
                try:
                    seen += os.read(self.master, 1 << 20)
                except OSError:  # the app has gone
                    break
                if marker in seen:
                    return time.perf_counter() - start
        print(f"never saw {marker!r} within {timeout} s", file=sys.stderr)
        return float("nan")

    def drain(self, quiet: float = 0.05) -> None:
        import select

        while True:
            ready, _, _ = select.select([self.master], [], [], quiet)
            if not ready:
                return
            os.read(self.master, 1 << 20)

    def key(self, data: bytes) -> float:
        """Send a key; seconds until the app starts drawing its answer."""
        import select

        self.drain(0.03)
        start = time.perf_counter()
        os.write(self.master, data)
        ready, _, _ = select.select([self.master], [], [], 5)
        elapsed = time.perf_counter() - start
        self.drain(0.03)
        return elapsed if ready else float("nan")

    def close(self) -> None:
        import subprocess

        try:
            os.write(self.master, b"\x1b\x1b\x11")  # escape any dialog, then ctrl+q
            self.process.wait(timeout=10)
        except (OSError, subprocess.TimeoutExpired):
            self.process.kill()
            self.process.wait()
        os.close(self.master)


KEYS = {"down": b"j", "pagedown": b"\x1b[6~", "end": b"\x1b[F", "home": b"\x1b[H"}


def interactive(db: str) -> None:
    """Keys, search and opening a large entry, measured in a real pseudo-terminal."""
    from careerjournal.db.store import Store

    store = Store.open(db)
    store.entries.add(("A line of a long entry, written to test the reader. " * 2000)[:100_000],
                      title="Large entry for the benchmark")
    store.close()
    careerjournal = os.path.join(os.path.dirname(sys.executable), "careerjournal")
    session = PtySession([careerjournal, "--db", db])
    try:
        emit(**_drive(session))
    finally:
        session.close()


def _drive(session: PtySession) -> dict:
    session.read_until(READY_MARKER)
    session.drain(0.5)
    keys: dict[str, list[float]] = {"down": [], "pagedown": [], "end": []}
    for _ in range(times(60)):
        keys["down"].append(session.key(KEYS["down"]))
    for _ in range(times(25)):
        keys["pagedown"].append(session.key(KEYS["pagedown"]))
    for _ in range(times(5)):
        session.key(KEYS["home"])
        keys["end"].append(session.key(KEYS["end"]))
    session.key(KEYS["home"])
    search: dict[str, list[float]] = {}
    # "zebra" is generate.RARE (not imported: generate.py loads the store, which would weigh on this process).
    for label, words in (("common word", "work"), ("rare word", "zebra"), ("phrase", '"family time"')):
        search[label] = []
        for _ in range(times(5)):
            session.key(b"/")
            for char in words[:-1]:
                session.key(char.encode())
            session.drain(0.3)
            os.write(session.master, words[-1].encode())
            search[label].append(session.read_until(f"{words}\u201d".encode()))
            session.drain(0.2)
            session.key(b"\x1b")  # escape: clear the search
            session.drain(0.3)
    # The large entry is the newest: step off it and back on, until its title is drawn.
    session.drain(0.5)
    session.key(b"t")  # back to the newest entry, any search cleared
    session.drain(0.5)
    opened = []
    for _ in range(times(5)):
        session.key(b"j")
        session.drain(0.3)
        os.write(session.master, b"k")
        opened.append(session.read_until(b"Large entry for the benchmark"))
        session.drain(0.5)
    return {"keys": keys, "search": search, "open_large": opened}


# -- export and import ---------------------------------------------------------------------


def exports(db: str, runs: str) -> None:
    import tempfile
    from pathlib import Path

    from careerjournal.db.store import Store
    from careerjournal.export import SummaryOptions, import_json, render

    store = Store.open(db)
    now = store.now()
    options = SummaryOptions(include_private=True)
    results: dict[str, list[float]] = {}
    backup = ""
    for fmt in ("markdown", "html", "json"):
        results[fmt] = []
        for _ in range(int(runs)):
            start = time.perf_counter()
            text = render(store, fmt, options, now)
            results[fmt].append(time.perf_counter() - start)
            if fmt == "json":
                backup = text
    imports = []
    for _ in range(1 if store.entries.count() >= 50_000 else int(runs)):
        with tempfile.TemporaryDirectory() as folder:
            target = Store.open(Path(folder) / "empty.db")
            start = time.perf_counter()
            import_json(target, backup)
            imports.append(time.perf_counter() - start)
            target.close()
    emit(export=results, **{"import": imports})


PROBES = {name: globals()[name] for name in (
    "startup_headless", "bare_headless", "startup_pty", "bare_pty", "bare_app", "skeleton_pty", "skeleton_app",
    "interactive", "exports")}

if __name__ == "__main__":
    PROBES[sys.argv[1]](*sys.argv[2:])
