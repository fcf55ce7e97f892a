"""Write stage: generated pages → the generated docs folder, touching only what changed.

Files whose bytes are unchanged are left alone (so their modification times, and MkDocs'
live reload, stay quiet); files no longer generated are removed; every write goes to a
temporary file first and is moved into place with :func:`os.replace`. Nothing is ever written
or removed outside the folder, and a folder that the generator did not create is refused.
"""

from __future__ import annotations

import os
import posixpath
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

MARKER = ".bvpp-generated"
"""A file in the generated folder that says the generator owns it (and may prune it)."""


class UnsafeOutputError(Exception):
    """The generator was asked to write somewhere it must not."""


@dataclass
class WriteResult:
    """What a write changed, for progress output and tests."""

    written: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: int = 0


def check_page_paths(pages: Mapping[str, object]) -> list[str]:
    """Problems with page paths: escapes from the folder, and two pages at one URL."""
    problems: list[str] = []
    urls: dict[str, str] = {}
    for path in pages:
        normal = posixpath.normpath(path)
        if path.startswith("/") or normal != path or normal.startswith("..") or "\\" in path:
            problems.append(f"{path}: page path is not a plain relative path inside the site")
            continue
        stem = path.removesuffix(".md").removesuffix("/index").removesuffix("index")
        url = stem.rstrip("/")
        key = url.casefold()
        if key in urls:
            problems.append(f"{path}: has the same address as {urls[key]}")
        urls[key] = path
    return problems


Signature = tuple[int, int, int]
"""A file's inode, size and modification time in nanoseconds."""


@dataclass
class WriteMemo:
    """What one process last wrote or checked in a folder: ``bvpp serve`` keeps one.

    A file whose new content equals what this process last wrote there, and whose inode, size
    and modification time have not moved since, is not read back to compare: after an edit,
    thousands of unchanged files cost a ``stat`` each instead of a read. Stale files are the ones
    it wrote before and no longer wants, so the folder is not walked either (a file someone else
    put there stays until a build without a memo). ``bvpp build`` keeps none: it compares every
    file's bytes and removes every file it did not generate.
    """

    files: dict[str, tuple[str | bytes, Signature]] = field(default_factory=dict)


def _signature(path: Path) -> Signature | None:
    try:
        stat = path.stat()
    except FileNotFoundError:
        return None
    return stat.st_ino, stat.st_size, stat.st_mtime_ns


def write_tree(
    pages: Mapping[str, str | bytes], out_dir: Path, memo: WriteMemo | None = None
) -> WriteResult:
    """Make ``out_dir`` hold exactly ``pages``; rewrite only files whose bytes changed.

    Text (Markdown pages) is written as UTF-8; bytes (the PDF, open data files) as they are.
    """
    problems = check_page_paths(pages)
    if problems:
        raise UnsafeOutputError("; ".join(problems))
    _claim(out_dir)
    result = WriteResult()
    wanted = set()
    folders = {out_dir}
    known = memo.files if memo else {}
    seen: dict[str, tuple[str | bytes, Signature]] = {}
    for rel, text in sorted(pages.items()):
        target = out_dir / rel
        wanted.add(target)
        last = known.get(rel)
        if last is not None and (last[0] is text or last[0] == text) and _signature(target) == last[1]:
            result.unchanged += 1
            seen[rel] = last
            continue
        data = text.encode("utf-8") if isinstance(text, str) else text
        try:
            unchanged = target.read_bytes() == data
        except FileNotFoundError:
            unchanged = False
        if not unchanged:
            if target.parent not in folders:
                target.parent.mkdir(parents=True, exist_ok=True)
                folders.add(target.parent)
            _atomic_write(target, data)
            result.written.append(rel)
        else:
            result.unchanged += 1
        signature = _signature(target) if memo else None
        if signature is not None:
            seen[rel] = (text, signature)
    if known:  # this process wrote the folder: what it wrote before and no longer wants is stale
        _remove(out_dir, sorted(set(known) - set(pages)), result)
    else:
        _prune(out_dir, wanted, result)
    if memo is not None:
        memo.files = seen
    return result


def _remove(out_dir: Path, stale: list[str], result: WriteResult) -> None:
    """Remove these files, then their folders left empty (without walking the whole folder)."""
    folders: set[Path] = set()
    for rel in stale:
        target = out_dir / rel
        target.unlink(missing_ok=True)
        result.removed.append(rel)
        folders.update(p for p in target.parents if p != out_dir and out_dir in p.parents)
    for folder in sorted(folders, key=lambda p: len(p.parts), reverse=True):
        with os.scandir(folder) as entries:
            empty = next(entries, None) is None
        if empty:
            folder.rmdir()


def _prune(out_dir: Path, wanted: set[Path], result: WriteResult) -> None:
    """Remove files no longer generated, then folders left empty (one walk, bottom up)."""
    for folder, _dirs, files in os.walk(out_dir, topdown=False):
        base = Path(folder)
        for name in files:
            existing = base / name
            if existing not in wanted and name != MARKER:
                existing.unlink()
                result.removed.append(existing.relative_to(out_dir).as_posix())
        if base != out_dir:
            with os.scandir(base) as entries:
                if next(entries, None) is None:
                    base.rmdir()
    result.removed.sort()


def _claim(out_dir: Path) -> None:
    if out_dir.exists() and not (out_dir / MARKER).exists() and any(out_dir.iterdir()):
        raise UnsafeOutputError(
            f"{out_dir} is not empty and was not made by bvpp; refusing to write into it"
        )
    out_dir.mkdir(parents=True, exist_ok=True)
    marker = out_dir / MARKER
    if not marker.exists():
        marker.write_text("Generated by bvpp: do not edit; every build replaces this folder.\n")


_TEMPORARY = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_CLOEXEC | getattr(os, "O_NOFOLLOW", 0)


def _atomic_write(target: Path, data: bytes) -> None:
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


def atomic_write(target: Path, data: bytes) -> None:
    """Write ``data`` to ``target`` whole or not at all (for writers outside the docs tree)."""
    _atomic_write(target, data)
