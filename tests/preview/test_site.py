"""The live preview's site: pages only when only pages' text changed, in full otherwise. A real
MkDocs and Material build of a small site. (Its search index is Pagefind's, rebuilt after each
build: tests/preview/test_serve.py and the search tests cover it.)"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.preview.site import PreviewSite
from generator.publish.mkdocs import MkDocsSettings
from generator.publish.write import WriteResult

pytestmark = pytest.mark.site


def settings(root: Path) -> MkDocsSettings:
    docs = root / "docs"
    nav = [{"Home": "index.md"}, *({p.stem: p.name} for p in sorted(docs.glob("*.md")) if p.name != "index.md")]
    return MkDocsSettings(root / "mkdocs.yml", docs, nav, "Preview test", {})


@pytest.fixture
def root(tmp_path: Path) -> Path:
    (tmp_path / "docs").mkdir()
    (tmp_path / "theme").mkdir()
    (tmp_path / "mkdocs.yml").write_text("site_name: x\ntheme:\n  name: material\n", encoding="utf-8")
    (tmp_path / "docs" / "index.md").write_text("# Home\n\nWelcome.\n", encoding="utf-8")
    (tmp_path / "docs" / "b.md").write_text("# Bee\n\nFirst words.\n", encoding="utf-8")
    return tmp_path


def test_only_changed_pages_are_rebuilt(root: Path) -> None:
    site = PreviewSite(root / "site", root / "theme")
    assert site.update(settings(root), WriteResult(written=["index.md", "b.md"])) == "full"
    home = (root / "site" / "index.html").stat().st_mtime_ns

    (root / "docs" / "b.md").write_text("# Bee\n\nSecond words.\n", encoding="utf-8")
    assert site.update(settings(root), WriteResult(written=["b.md"])) == "pages"
    assert "Second words." in (root / "site" / "b" / "index.html").read_text(encoding="utf-8")
    assert (root / "site" / "index.html").stat().st_mtime_ns == home  # not rebuilt


def test_a_new_page_or_a_theme_change_means_a_full_build(root: Path) -> None:
    site = PreviewSite(root / "site", root / "theme")
    site.update(settings(root), WriteResult())
    (root / "docs" / "c.md").write_text("# Sea\n", encoding="utf-8")
    assert site.update(settings(root), WriteResult(written=["c.md"])) == "full"
    (root / "theme" / "extra.css").write_text("body {}\n", encoding="utf-8")
    assert site.update(settings(root), WriteResult()) == "full"
    (root / "docs" / "c.md").unlink()
    assert site.update(settings(root), WriteResult(removed=["c.md"])) == "full"
    assert not (root / "site" / "c").exists()
    assert site.update(settings(root), WriteResult()) == "pages"  # nothing changed: nothing to do in full
