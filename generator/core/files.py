"""Content files, listed and opened so that no file can hang, leak or smuggle in a load.

A named pipe (FIFO) opened for reading waits for a writer forever; a device can stream without
end; a symbolic link can pull a file from anywhere on the machine into the published site. So
the content folder is surveyed once, before anything is read: every entry that is not a plain
file or folder, and every link that leads outside the content folder, is refused by its path,
and the loaders never open it. Opening is guarded again (``O_NONBLOCK``, then ``fstat`` on the
open descriptor), because a file can change between the survey and the read. Nothing of a
refused file's content is ever read, so nothing of it can reach a message.

Writing goes through :func:`atomic_write`, the one way this project writes a file so that it
appears whole or not at all.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from generator.core.problems import Location, Problem
from generator.core.text import MAX_FILE_BYTES, decode_text

_KINDS = (
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)
_SPECIAL_HINT = (
    "remove it: content/ holds only plain files and folders, and bvpp never opens anything "
    "else (reading a pipe or a device could wait forever)"
)
_OUTSIDE_HINT = (
    "copy the file into content/ instead of linking to it: only what is inside the content "
    "folder is published"
)
_NOT_READ = (
    "check that it is a file (not a folder) that you may open, "
    "and that no other program holds it locked"
)


def _special(mode: int) -> str | None:
    """What a non-regular, non-folder entry is, in words; None for a file or a folder."""
    return next((words for test, words in _KINDS if test(mode)), None)


@dataclass
class ContentFiles:
    """The content folder surveyed once: what may be read, and every refusal with its path."""

    root: Path
    shown: Path
    """The folder that messages show paths relative to (the content folder's parent)."""
    refused: dict[str, Problem] = field(default_factory=dict)
    _real_root: str = field(init=False, default="")

    def __post_init__(self) -> None:
        self._real_root = os.path.realpath(self.root)
        if self.root.is_dir():
            self._survey()

    def display(self, path: Path | str) -> str:
        """The path as shown in messages: relative to the content folder's parent."""
        try:
            return Path(path).relative_to(self.shown).as_posix()
        except ValueError:
            return Path(path).as_posix()

    def problems(self) -> list[Problem]:
        """Every refusal the survey made, in path order."""
        return [self.refused[key] for key in sorted(self.refused)]

    def is_refused(self, path: Path) -> bool:
        """True when ``path`` (or a folder above it) was refused: it is never opened."""
        text = str(path)
        return any(text == key or text.startswith(key + os.sep) for key in self.refused)

    def _survey(self) -> None:
        # os.walk does not follow links to folders: a linked folder is judged as an entry here.
        for folder, folders, files in os.walk(self.root, onerror=None, followlinks=False):
            for name in [*folders, *files]:
                path = Path(folder) / name
                problem = self._judge(path)
                if problem is not None:
                    self.refused[str(path)] = problem

    def _judge(self, path: Path) -> Problem | None:
        try:
            mode = path.lstat().st_mode
            if stat.S_ISLNK(mode):
                real = os.path.realpath(path)
                if os.path.commonpath([real, self._real_root]) != self._real_root:
                    return self._outside(path)
                mode = path.stat().st_mode
        except (OSError, ValueError):
            return None  # gone, or a dangling link: reading it reports what is wrong
        kind = _special(mode)
        return self._special_problem(path, kind) if kind else None

    def _outside(self, path: Path) -> Problem:
        return Problem(
            Location(self.display(path)),
            "",
            "expected a file inside the content folder, found a symbolic link to a place "
            "outside it",
            _OUTSIDE_HINT,
            kind="file",
        )

    def _special_problem(self, path: Path, kind: str) -> Problem:
        return Problem(
            Location(self.display(path)),
            "",
            f"expected a plain file, found {kind}",
            _SPECIAL_HINT,
            kind="file",
        )

    def read_text(
        self, path: Path, file: str, limit: int = MAX_FILE_BYTES
    ) -> tuple[str | None, list[Problem]]:
        """Read one content file within the size limit and decode it; a refused file is
        never opened (its problem was already given by the survey)."""
        if self.is_refused(path):
            return None, []
        raw, found = self._read_bytes(path, file, limit)
        if raw is None:
            return None, found
        return decode_text(raw, file)

    def _read_bytes(self, path: Path, file: str, limit: int) -> tuple[bytes | None, list[Problem]]:
        real = os.path.realpath(path)
        if os.path.commonpath([real, self._real_root]) != self._real_root:
            return None, [self._outside(path)]  # a link made since the survey
        try:
            # O_NONBLOCK: a pipe put here after the survey opens at once instead of waiting.
            fd = os.open(real, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC | os.O_NOFOLLOW)
        except OSError as exc:
            return None, [_unreadable(file, exc)]
        with os.fdopen(fd, "rb") as handle:
            info = os.fstat(fd)
            if stat.S_ISDIR(info.st_mode):
                return None, [_unreadable(file, IsADirectoryError(21, "it is a folder"))]
            kind = _special(info.st_mode)
            if kind or not stat.S_ISREG(info.st_mode):
                return None, [self._special_problem(path, kind or "something else")]
            if info.st_size > limit:
                return None, [_too_big(file, info.st_size, limit)]
            raw = handle.read(limit + 1)
        if len(raw) > limit:  # grew while being read
            return None, [_too_big(file, len(raw), limit)]
        return raw, []


def _unreadable(file: str, exc: OSError) -> Problem:
    return Problem(
        Location(file),
        "",
        f"expected a file to read, found it cannot be read: {exc.strerror}",
        _NOT_READ,
        kind="missing-file",
    )


def _too_big(file: str, size: int, limit: int) -> Problem:
    return Problem(
        Location(file),
        "",
        f"file is {size:,} bytes; the limit for one content file is {limit:,} bytes",
        "split the content into several files (one per theme, for example)",
        kind="size",
    )


_TEMPORARY = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_CLOEXEC | getattr(os, "O_NOFOLLOW", 0)


def atomic_write(target: Path, data: bytes) -> None:
    """Write ``data`` to ``target`` through a temporary file beside it, renamed over it."""
    # A fixed temporary name beside the target, renamed over it: the file appears whole or not
    # at all. (One left by a killed build is not a wanted file, so the next write removes it.)
    # No random name and no chmod, as tempfile.mkstemp needs: 0.7 ms a file on this disk.
    temporary = target.with_name(f".{target.name}.bvpp-tmp")
    fd = os.open(temporary, _TEMPORARY, 0o666)  # a symlink planted there is refused
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        temporary.replace(target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
