"""Opening the app: the one path that must be quick, so it doesn't load click.

``careerjournal``, ``careerjournal --db PATH`` and ``careerjournal --demo``
open the app straight from here; anything else (a subcommand, ``--help``,
``--version``, a typo) goes to the click command line in :mod:`careerjournal.cli`.
Opening the app this way saves importing click and its dependencies (about
30 ms of a start-up that the user watches every evening).
"""

from __future__ import annotations

import gc
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from careerjournal.errors import CareerJournalError

if TYPE_CHECKING:
    from careerjournal.db.store import Store
    from careerjournal.upgrade_progress import UpgradeLog

PROG = "careerjournal"
#: How often Textual may redraw (see run_app).
UPDATES_PER_SECOND = 240


class Context:
    """What the top-level options decided, shared with subcommands."""

    def __init__(self, db: str | None, demo: bool) -> None:
        self.db = db
        self.demo = demo
        self._store: Store | None = None
        self._demo_dir: Any = None

    @property
    def path(self) -> Path:
        from careerjournal.paths import resolve_db_path

        if self.demo:
            import tempfile

            if self._demo_dir is None:
                self._demo_dir = tempfile.TemporaryDirectory(prefix="careerjournal-demo-")
            return Path(self._demo_dir.name) / "demo.db"
        return resolve_db_path(self.db)

    def store(self, *, check: bool | Literal["background"] = True) -> Store:
        """Open the journal once per command (the demo one filled with samples).

        ``check=False`` skips SQLite's quick_check here: the app runs it in the
        background instead, so a large journal opens without waiting for it.
        ``check="background"`` runs it beside the command's own reading (see
        :meth:`Store.open`); ``list`` waits for it before printing.
        """
        if self._store is None:
            from careerjournal.db.store import Store
            from careerjournal.paths import default_data_dir, resolve_db_path

            path = self.path
            is_default = not self.demo and not self.db and not os.environ.get("CAREERJOURNAL_DB")
            self._store = Store.open(path, check=check, on_upgrade=lambda: _say_upgrading(path))
            if is_default and path == resolve_db_path(None):
                from careerjournal.paths import secure_default_folder

                secure_default_folder(default_data_dir())
            if self.demo:
                from careerjournal.db.demo import fill_demo

                fill_demo(self._store)
        return self._store

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None
        if self._demo_dir is not None:
            self._demo_dir.cleanup()
            self._demo_dir = None


def _say_upgrading(path: Path) -> UpgradeLog:
    """One line before a journal written by an older careerjournal is upgraded (seconds, when it is large),
    then its progress on stderr (see :mod:`careerjournal.upgrade_progress`)."""
    print(f"careerjournal: updating {path} for this version, once; a large journal takes a few seconds…",
          file=sys.stderr, flush=True)
    from careerjournal.upgrade_progress import progress_on

    return progress_on(sys.stderr)


def build_app(state: Context) -> Any:
    """The app as ``careerjournal`` opens it: the store, the first page read on a
    thread while Textual loads, and the redraw rate (Textual is imported only here).

    The benchmarks start the app through this too, so they measure the real path.
    """
    # Opening the app builds a few hundred thousand objects that all live as
    # long as it does; the collector's passes over them while they are built
    # cost about 40 ms of start-up and free nothing. The app turns collection
    # back on (after freezing those objects) once its first page is drawn.
    gc.disable()
    store = state.store(check=False)
    from careerjournal.db.first_page import FirstPage, screen_rows

    first_page = FirstPage(store, size=screen_rows())  # read while Textual loads
    # Textual draws pending changes on a timer, 60 times a second by default.
    # A search shows its results two or three updates after the keystroke, so
    # each wait for the next tick adds up (~30 ms at 60, ~15 ms at 240). Nothing
    # in the app redraws continuously, so the faster timer costs nothing at rest.
    # A TEXTUAL_FPS the user set wins.
    os.environ.setdefault("TEXTUAL_FPS", str(UPDATES_PER_SECOND))
    from careerjournal.ui.app import CareerJournalApp

    return CareerJournalApp(store=store, demo=state.demo, verify=True, exit_guard=True, first_page=first_page)


def run_app(state: Context) -> None:
    """Open the full-screen app."""
    app = build_app(state)
    app.run()
    if app.return_code:
        raise SystemExit(app.return_code)


def unexpected_problem(error: BaseException) -> str:
    """The sentence for an error nobody foresaw: its kind only, never its text
    (which could quote private entries)."""
    return (f"An unexpected problem stopped careerjournal ({type(error).__name__}). "
            "Run with CAREERJOURNAL_DEBUG=1 for details.")


def app_options(args: list[str]) -> tuple[str | None, bool] | None:
    """``(db, demo)`` when ``args`` only open the app; None for anything else."""
    db: str | None = None
    demo = False
    index = 0
    while index < len(args):
        arg = args[index]
        if arg == "--demo" and not demo:
            demo = True
        elif arg == "--db" and db is None and index + 1 < len(args) and not args[index + 1].startswith("-"):
            db = args[index + 1]
            index += 1
        elif arg.startswith("--db=") and db is None and len(arg) > len("--db="):
            db = arg[len("--db="):]
        else:
            return None
        index += 1
    return db, demo


def main(argv: list[str] | None = None) -> int:
    """The ``careerjournal`` command: open the app, or hand over to the command line."""
    args = list(sys.argv[1:] if argv is None else argv)
    opening = app_options(args)
    if opening is None:
        from careerjournal.cli import main as command_line

        return command_line(args)
    state = Context(*opening)
    try:
        run_app(state)
    except CareerJournalError as error:
        print(f"{PROG}: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except SystemExit as exit_:
        return exit_.code if isinstance(exit_.code, int) else 1
    except Exception as error:  # noqa: BLE001 - last line of defence: no traceback, no private text
        if os.environ.get("CAREERJOURNAL_DEBUG"):
            raise
        print(f"{PROG}: {unexpected_problem(error)}", file=sys.stderr)
        return 1
    finally:
        state.close()
    return 0
