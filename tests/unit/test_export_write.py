"""Writing exports: atomic, private, never through a symlink, never half-done."""

from __future__ import annotations

import datetime as dt
import os
import stat
from pathlib import Path

import pytest

from careerjournal.errors import CareerJournalError, UsageError
from careerjournal.export import ExportWriteError, default_export_folder, default_export_name, write_atomically


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_writes_a_new_private_file(tmp_path: Path) -> None:
    target = tmp_path / "summary.md"
    written = write_atomically(target, "héllo 🌱\n", force=False)
    assert written == target
    assert target.read_text(encoding="utf-8") == "héllo 🌱\n"
    assert mode(target) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["summary.md"]


def test_bytes_are_written_as_given(tmp_path: Path) -> None:
    target = tmp_path / "backup.json"
    write_atomically(target, b"\x00\x01{}", force=False)
    assert target.read_bytes() == b"\x00\x01{}"


def test_refuses_an_existing_file_without_force(tmp_path: Path) -> None:
    target = tmp_path / "summary.md"
    target.write_text("old")
    with pytest.raises(ExportWriteError, match=r"exists; use --force to replace it\.$") as caught:
        write_atomically(target, "new", force=False)
    assert isinstance(caught.value, CareerJournalError)
    assert target.read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["summary.md"]


def test_force_replaces_and_makes_it_private(tmp_path: Path) -> None:
    target = tmp_path / "summary.md"
    target.write_text("old")
    os.chmod(target, 0o644)
    write_atomically(target, "new", force=True)
    assert target.read_text() == "new"
    assert mode(target) == 0o600


@pytest.mark.parametrize("force", [False, True])
def test_refuses_a_symlink_even_with_force(tmp_path: Path, force: bool) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    link = tmp_path / "summary.md"
    link.symlink_to(victim)
    with pytest.raises(ExportWriteError, match="symbolic link"):
        write_atomically(link, "overwritten?", force=force)
    assert victim.read_text() == "precious" and link.is_symlink()
    dangling = tmp_path / "dangling.md"
    dangling.symlink_to(tmp_path / "nowhere" / "file")
    with pytest.raises(ExportWriteError, match="symbolic link"):
        write_atomically(dangling, "x", force=force)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dangling.md", "summary.md", "victim.txt"]


@pytest.mark.parametrize("broken", ["fsync", "replace", "write"])
def test_a_failure_mid_write_leaves_the_old_file_and_no_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, broken: str
) -> None:
    target = tmp_path / "summary.html"
    target.write_text("the old summary")

    def fail(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    if broken == "write":
        real_fdopen = os.fdopen

        class HalfWritten:
            """A file that writes a little, then hits a full disk."""

            def __init__(self, fd: int, mode: str) -> None:
                self.real = real_fdopen(fd, mode)

            def __enter__(self) -> HalfWritten:
                return self

            def __exit__(self, *exc: object) -> None:
                self.real.close()

            def fileno(self) -> int:
                return self.real.fileno()

            def write(self, data: bytes) -> None:
                self.real.write(data[:10])
                self.real.flush()
                fail()

        monkeypatch.setattr(os, "fdopen", HalfWritten)
    else:
        monkeypatch.setattr(os, broken, fail)
    with pytest.raises(ExportWriteError, match=r"^Could not write .*No space left on device\.$"):
        write_atomically(target, "the new summary" * 1000, force=True)
    monkeypatch.undo()
    assert target.read_text() == "the old summary"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["summary.html"]


def test_a_failure_writing_a_new_file_leaves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*args: object) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(os, "fsync", fail)
    with pytest.raises(ExportWriteError):
        write_atomically(tmp_path / "new.md", "text", force=False)
    monkeypatch.undo()
    assert list(tmp_path.iterdir()) == []


def test_without_hard_links_a_checked_rename_is_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_links(*args: object) -> None:
        raise OSError(1, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_links)
    target = tmp_path / "new.md"
    write_atomically(target, "text", force=False)
    assert target.read_text() == "text" and mode(target) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["new.md"]


def test_folders_and_missing_folders_get_a_sentence(tmp_path: Path) -> None:
    with pytest.raises(ExportWriteError, match="is a folder"):
        write_atomically(tmp_path, "x", force=True)
    with pytest.raises(ExportWriteError, match="does not exist"):
        write_atomically(tmp_path / "missing" / "file.md", "x", force=True)


def test_default_export_names() -> None:
    today = dt.date(2026, 11, 22)
    assert default_export_name("markdown", today) == "careerjournal-summary-2026-11-22.md"
    assert default_export_name("html", today) == "careerjournal-summary-2026-11-22.html"
    assert default_export_name("text", today) == "careerjournal-summary-2026-11-22.txt"
    assert default_export_name("json", today) == "careerjournal-backup-2026-11-22.json"
    with pytest.raises(UsageError):
        default_export_name("pdf", today)


def test_default_folder_is_documents_or_home(isolated_home: Path) -> None:
    folder = default_export_folder()
    assert folder.is_dir() and (folder == Path.home() or folder.name == "Documents")
