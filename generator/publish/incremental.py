"""Published builds that cost what changed: the last site, linked, brought up to date by MkDocs.

A published build starts from nothing only when it must. Otherwise the new site is made from
the published one: every file of it is hard-linked into the staging folder (a link per file,
no copying), MkDocs runs as ``mkdocs build --dirty`` there (it renders just the pages whose
Markdown is newer than their HTML: those the write stage rewrote), the search index is built
again over the whole staging folder, and the result is swapped in as a clean build is.

When it may: the published site records what it was built from (:data:`BUILT_FROM`, a digest
of everything MkDocs' output depends on besides each page's own Markdown: the navigation, the
site's name and settings, ``mkdocs.yml``, every theme file, every installed package's version,
and bvpp's own code). A build reuses the site only when
its own digest is the same; any difference, a site without the record, a configuration that
adds MkDocs plugins or hooks (their writes cannot be accounted for), or ``bvpp build --clean``
means a clean build. Every page's HTML then depends only on its own Markdown and on what the
digest covers, so the result is the clean build's, byte for byte (tests/publish/test_incremental.py).

Linked files are shared with the published site, so nothing may be written into them: before
MkDocs writes anything, the :class:`Unshare` plugin removes from the staging folder every file
that MkDocs is about to write (by MkDocs' own rule, ``File.is_modified``), so each write makes
a new file; and it removes every linked file that the new build would not make (the page of a
removed outcome, a download no longer offered), as a clean build would not have it.
:func:`check_unshared` then proves, file by file, that no shared file changed.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

BUILT_FROM = ".bvpp-built-from"
"""A hidden file in a published site: the digest of what it was built from (MkDocs neither
publishes nor removes hidden files)."""

KNOWN_PLUGINS = frozenset({"bvpp-template-cache"})
"""The MkDocs plugins whose writes a partial build accounts for (ours; it writes nothing)."""

NOT_LINKED = frozenset({".bvpp-site", BUILT_FROM, "pagefind"})
"""Top-level names of the published site a partial build does not take over: the staging
folder's own marker and record, and the search index (always built afresh)."""


def fingerprint(config: Any, settings: dict[str, Any]) -> str | None:
    """The digest of what a site built with ``config`` depends on besides each page's Markdown.

    ``settings`` are the values the generator gives MkDocs (navigation, site name, extras).
    None when the configuration runs code whose output this cannot
    account for (a plugin other than bvpp's, or hooks): such a site is always built afresh.
    """
    if set(config.plugins) - KNOWN_PLUGINS or config.hooks:
        return None
    digest = hashlib.sha256()
    digest.update(json.dumps(settings, sort_keys=True, default=str).encode())
    digest.update(_file_digest(Path(config.config_file_path)).encode())
    for folder in _theme_folders(config):
        digest.update(_folder_digest(folder).encode())
    digest.update(_installed().encode())
    digest.update(_own_code().encode())
    return digest.hexdigest()


def _theme_folders(config: Any) -> list[Path]:
    """The theme's folders that are not inside an installed package (those are versioned)."""
    custom = config.theme.custom_dir
    return [Path(custom)] if custom else []


def _file_digest(path: Path) -> str:
    return hashlib.blake2b(path.read_bytes()).hexdigest()


def _folder_digest(folder: Path) -> str:
    """Every file's name and a hash of its bytes (an edit can keep a file's size and time)."""
    digest = hashlib.blake2b()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(path.relative_to(folder).as_posix().encode() + b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()


@functools.cache
def _installed() -> str:
    """Every installed distribution and its version: MkDocs, Material, Markdown, Pygments…"""
    versions = {(d.metadata["Name"] or "").lower(): d.version for d in metadata.distributions()}
    return json.dumps(sorted(versions.items()))


@functools.cache
def _own_code() -> str:
    """bvpp's own code: a new version may change what the partial build relies on."""
    return _folder_digest(Path(__file__).resolve().parent.parent)


def built_from(site: Path) -> str | None:
    """The digest the published ``site`` was built from, if it recorded one."""
    try:
        return (site / BUILT_FROM).read_text(encoding="utf-8").strip() or None
    except (FileNotFoundError, NotADirectoryError, UnicodeDecodeError):
        return None


def record(staging: Path, digest: str) -> None:
    """Record in the staging folder what its site is built from."""
    (staging / BUILT_FROM).write_text(digest + "\n", encoding="utf-8")


Signature = tuple[int, int, int]
"""A linked file's inode, size and modification time (ns) when it was linked."""


@dataclass
class Linked:
    """The files a partial build took over from the published site, as they were."""

    files: dict[str, Signature]


def link_site(site: Path, staging: Path) -> Linked:
    """Hard-link every file of ``site`` into ``staging`` (same folders), but :data:`NOT_LINKED`.

    Raises OSError when the system cannot link (another file system, links not supported):
    the caller then builds afresh.
    """
    files: dict[str, Signature] = {}
    for base, folders, names in os.walk(site):
        here = Path(base)
        relative = here.relative_to(site)
        if relative == Path():
            folders[:] = [f for f in folders if f not in NOT_LINKED]
            names = [n for n in names if n not in NOT_LINKED]
        target = staging / relative
        for folder in folders:
            (target / folder).mkdir(exist_ok=True)
        for name in names:
            source = here / name
            os.link(source, target / name, follow_symlinks=False)
            info = source.lstat()
            files[(relative / name).as_posix()] = (info.st_ino, info.st_size, info.st_mtime_ns)
    return Linked(files)


class SharedFileWrittenError(Exception):
    """A partial build wrote into a file it shares with the published site (a bug)."""


def check_unshared(staging: Path, linked: Linked) -> None:
    """Raise :class:`SharedFileWrittenError` if any file still linked changed since linking."""
    changed = []
    for relative, (inode, size, mtime) in linked.files.items():
        try:
            info = (staging / relative).lstat()
        except FileNotFoundError:
            continue
        if info.st_ino == inode and (info.st_size, info.st_mtime_ns) != (size, mtime):
            changed.append(relative)
    if changed:
        raise SharedFileWrittenError(
            f"a partial build wrote into {len(changed)} file(s) shared with the published site, "
            f"the first {changed[0]}; build again with --clean"
        )


def unshare_plugin(linked: Linked) -> Any:
    """An MkDocs plugin that removes each file MkDocs is about to write, before it writes any,
    and each of the ``linked`` files that this build does not make."""
    plugin = _plugin_class()()
    plugin.linked = linked
    return plugin


@functools.cache
def _plugin_class() -> type[Any]:
    from mkdocs.plugins import BasePlugin  # only builds need MkDocs

    class Unshare(BasePlugin):  # type: ignore[type-arg,no-untyped-call]
        """Runs after the files are gathered and before anything is written (``on_files``)."""

        linked = Linked({})

        def on_files(self, files: Any, /, *, config: Any) -> Any:
            site = Path(config.site_dir)
            made = set()
            for file in files:
                made.add(file.dest_uri)
                if file.is_modified():  # what a dirty build copies or renders (MkDocs' own test)
                    _unlink(file.abs_dest_path)
            templates = [*config.theme.static_templates, *config.extra_templates]
            for name in [*templates, *(f"{t}.gz" for t in templates if t.endswith(".xml"))]:
                made.add(name)
                _unlink(site / name)  # written on every build
            _prune(site, set(self.linked.files) - made)  # the last site had them; this build does not
            return files

    return Unshare


def _prune(site: Path, stale: set[str]) -> None:
    """Remove these files, then the folders they leave empty, as a clean build would not have them."""
    folders: set[Path] = set()
    for name in stale:
        _unlink(site / name)
        folders.update(p for p in (site / name).parents if site in p.parents)
    for folder in sorted(folders, key=lambda p: len(p.parts), reverse=True):
        with contextlib.suppress(OSError):  # not empty: something this build makes is in it
            folder.rmdir()


def _unlink(path: str | Path) -> None:
    with contextlib.suppress(FileNotFoundError, IsADirectoryError, NotADirectoryError):
        Path(path).unlink()
