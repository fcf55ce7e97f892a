"""The live preview's site: built in full when it must be, otherwise only the pages that changed.

Used by ``bvpp serve`` only, for its own folder (``build/preview/site``); ``bvpp build`` always
builds and publishes in full. After an edit that changes only the text of existing pages, MkDocs
runs as ``mkdocs build --dirty``: it renders just the pages whose Markdown the write stage
rewrote (their Markdown is then newer than their HTML) and copies just the changed downloads.
Every other page's HTML depends only on its own Markdown and on what stays the same between
such builds (the navigation, mkdocs.yml, the theme, the set of pages), so it is still right.
The search index is then built again over the whole preview site (Pagefind reads the HTML:
0.9 s for the bundled plan, 3 s at 1,000 outcomes), so it always matches the pages served.

Anything else — the first build, a changed navigation or site setting, a page added or removed,
a change to mkdocs.yml or the theme, or a failed build before — means a full build, swapped in
whole as ``bvpp build`` does.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.publish.incremental import files_digest
from generator.publish.mkdocs import MkDocsSettings, build_mkdocs, index_search, publish
from generator.publish.write import MARKER, WriteResult


@dataclass
class PreviewSite:
    """What the last preview build was made from, to tell whether the next may be partial."""

    site: Path
    theme: Path
    built_from: tuple[Any, ...] | None = None
    docs_files: frozenset[str] = frozenset()

    def update(self, settings: MkDocsSettings, written: WriteResult) -> str:
        """Bring the preview site up to date with the docs folder; "full" or "pages"."""
        stamp = (settings.nav, settings.site_name, settings.extra, files_digest(settings.config_file),
                 files_digest(self.theme))
        docs_files = _docs_files(settings.docs_dir)
        partial = (
            self.built_from == stamp
            and docs_files == self.docs_files
            and not written.removed
            and (self.site / "index.html").is_file()
        )
        self.built_from = None  # until this build has succeeded
        if partial:
            build_mkdocs(settings, self.site, dirty=True)
            index_search(self.site)
        else:
            publish(settings, self.site)  # indexed for search before it is swapped in
        self.built_from, self.docs_files = stamp, docs_files
        return "pages" if partial else "full"


def _docs_files(docs: Path) -> frozenset[str]:
    files = (path for path in docs.rglob("*") if path.is_file() and path.name != MARKER)
    return frozenset(path.relative_to(docs).as_posix() for path in files)
