"""Published builds that cost what changed: MkDocs renders the changed pages, the rest is linked.

A published build starts from nothing only when it must. Otherwise MkDocs runs as
``mkdocs build --dirty`` into the empty staging folder, told by the :class:`SkipUnchanged`
plugin that every page and file whose published copy is newer than its source is unchanged
(MkDocs' own test, ``File.is_modified``, applied to the published site): it renders just the
pages whose Markdown the write stage rewrote, and its static templates (404 page, sitemap).
Only then is every other file the new site makes hard-linked from the published site into the
staging folder (:func:`link_unchanged`: a link per file, nothing copied), the search index built
again over the whole of it, and the result swapped in as a clean build is. MkDocs never sees a
file it shares with the published site, so no write of a build, finished or failed, can reach
the published site; and a file the new build does not make (a removed outcome's page) is
simply not linked.

When it may: the published site records what it was built from (:data:`BUILT_FROM`, a digest
of everything MkDocs' output depends on besides each page's own Markdown: the navigation, the
site's name and settings, ``mkdocs.yml``, every theme file, every installed package's version
and bvpp's own code). A build reuses the site only when its own digest is the same; any
difference, a site without the record, a configuration that adds MkDocs plugins or hooks (their
output cannot be accounted for), a file system without hard links, or ``bvpp build --clean``
means a clean build. Every page's HTML then depends only on its own Markdown and on what the
digest covers, so the result is the clean build's, byte for byte
(tests/publish/test_incremental_publish.py).
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import re
import sys
from importlib import metadata
from pathlib import Path
from typing import Any

BUILT_FROM = ".bvpp-built-from"
"""A hidden file in a published site: the digest of what it was built from (MkDocs neither
publishes nor removes hidden files)."""

KNOWN_PLUGINS = frozenset({"bvpp-template-cache"})
"""The MkDocs plugins whose writes a partial build accounts for (ours; it writes nothing)."""

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
    digest.update(files_digest(Path(config.config_file_path)).encode())
    for folder in _theme_folders(config):
        digest.update(files_digest(folder).encode())
    digest.update(_installed().encode())
    digest.update(_own_code().encode())
    return digest.hexdigest()


def _theme_folders(config: Any) -> list[Path]:
    """The theme's folders that are not inside an installed package (those are versioned)."""
    custom = config.theme.custom_dir
    return [Path(custom)] if custom else []


def files_digest(path: Path) -> str:
    """A file's bytes, or every file's name and bytes under a folder (an edit can keep a file's
    size and time); Python's compiled copies aside (written as modules are first imported, they
    follow the code)."""
    digest = hashlib.blake2b()
    if path.is_file():
        digest.update(path.read_bytes())
        return digest.hexdigest()
    for file in sorted(p for p in path.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        digest.update(file.relative_to(path).as_posix().encode() + b"\0")
        digest.update(file.read_bytes())
    return digest.hexdigest()


def code_digest() -> str:
    """bvpp's code, every installed package's version and Python's: what a result kept from an
    earlier process (the render cache) is valid for."""
    return hashlib.sha256(f"{sys.version}\n{_installed()}\n{_own_code()}".encode()).hexdigest()


@functools.cache
def _installed() -> str:
    """Every installed distribution and its version: MkDocs, Material, Markdown, Pygments…"""
    versions = {(d.metadata["Name"] or "").lower(): d.version for d in metadata.distributions()}
    return json.dumps(sorted(versions.items()))


@functools.cache
def _own_code() -> str:
    """bvpp's own code: a new version may change what the partial build relies on."""
    return files_digest(Path(__file__).resolve().parent.parent)


def built_from(site: Path) -> str | None:
    """The digest the published ``site`` was built from, if it recorded one."""
    try:
        return (site / BUILT_FROM).read_text(encoding="utf-8").strip() or None
    except (FileNotFoundError, NotADirectoryError, UnicodeDecodeError):
        return None


def record(staging: Path, digest: str) -> None:
    """Record in the staging folder what its site is built from."""
    (staging / BUILT_FROM).write_text(digest + "\n", encoding="utf-8")


def can_link(site: Path, staging: Path) -> bool:
    """Whether files of ``site`` can be hard-linked into ``staging`` (same file system, allowed)."""
    probe = staging / ".bvpp-link-probe"
    try:
        os.link(site / BUILT_FROM, probe, follow_symlinks=False)
    except OSError:
        return False
    probe.unlink()
    return True


def link_unchanged(site: Path, staging: Path, made: set[str]) -> int:
    """Hard-link into ``staging`` each file of ``site`` that the new build ``made`` and MkDocs did
    not write (those it wrote are there already); return how many."""
    linked = 0
    folders = {staging}
    for name in sorted(made):
        source, target = site / name, staging / name
        if target.exists() or not source.is_file():  # MkDocs wrote it (new or changed)
            continue
        if target.parent not in folders:
            target.parent.mkdir(parents=True, exist_ok=True)
            folders.add(target.parent)
        os.link(source, target, follow_symlinks=False)
        linked += 1
    return linked


def skip_unchanged(published: Path) -> Any:
    """An MkDocs plugin for a dirty build into an empty folder: every file whose ``published``
    copy is newer than its source counts as unchanged; it also notes every file the build makes."""
    plugin = _plugin_class()()
    plugin.published = published
    return plugin


@functools.cache
def _plugin_class() -> type[Any]:
    from mkdocs.plugins import BasePlugin  # only builds need MkDocs

    class SkipUnchanged(BasePlugin):  # type: ignore[type-arg,no-untyped-call]
        """Runs after the files are gathered and before any is read or written (``on_files``)."""

        published = Path()
        made: set[str] = set()  # noqa: RUF012 (set per build in on_files)
        rendered: set[str] = set()  # noqa: RUF012 (the pages' HTML this build writes)
        kept: list[Path] = []  # noqa: RUF012 (the Markdown of the pages it does not render)

        def on_files(self, files: Any, /, *, config: Any) -> Any:
            made, rendered, kept = set(), set(), []
            for file in files:
                made.add(file.dest_uri)
                if _unchanged(file, self.published / file.dest_uri):
                    file.is_modified = _no  # a dirty build neither reads nor writes it
                    if file.is_documentation_page():
                        kept.append(Path(file.abs_src_path))
                elif file.is_documentation_page():
                    rendered.add(file.dest_uri)
            self.rendered, self.kept = rendered, kept
            templates = [*config.theme.static_templates, *config.extra_templates]
            made.update(templates, (f"{t}.gz" for t in templates if t.endswith(".xml")))
            self.made = made
            return files

    return SkipUnchanged


def unchecked_anchor_links(site: Path, staging: Path, plugin: Any) -> list[str]:
    """Anchors that a page rendered again no longer has, and that a page not rendered names.

    MkDocs checks a page's links to anchors in other pages only when it renders that page, so
    a partial build would not see that an unchanged page links to an anchor an edit removed; a
    clean build would (and fail, strictly). Such an anchor means a clean build. Naming it is
    enough (``#anchor`` anywhere in the page's Markdown): a false alarm costs a clean build.
    """
    removed: set[str] = set()
    for name in plugin.rendered:
        try:
            before = _ids((site / name).read_text(encoding="utf-8"))
        except (FileNotFoundError, UnicodeDecodeError):
            continue  # a new page: nothing linked to it before
        removed |= before - _ids((staging / name).read_text(encoding="utf-8"))
    if not removed:
        return []
    named = re.compile("#(" + "|".join(re.escape(a) for a in sorted(removed)) + r")(?![\w-])")
    return sorted({m[1] for path in plugin.kept for m in named.finditer(path.read_text(encoding="utf-8"))})


_ID = re.compile(r"""\sid=(?:"([^"]*)"|'([^']*)'|([^\s>]+))""")


def _ids(html: str) -> set[str]:
    return {next(g for g in match.groups() if g is not None) for match in _ID.finditer(html)}


def _no() -> bool:
    return False


def _unchanged(file: Any, published: Path) -> bool:
    """MkDocs' ``File.is_modified``, negated, with the published copy as the destination."""
    if file.abs_src_path is None:
        # Made in memory: always written. MkDocs' public API (File.generated with content, the
        # content_string and content_bytes setters) leaves a file held in memory no source path.
        return False
    try:
        return published.stat().st_mtime >= Path(file.abs_src_path).stat().st_mtime
    except OSError:
        return False
