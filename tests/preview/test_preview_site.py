"""The live preview rebuilds only changed pages, and ends up exactly where a full build would.

A partial (dirty) MkDocs build is only ever used for ``bvpp serve``'s own folder; these tests
hold it to the published build's result: the same HTML for every page, the same search index.
"""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from generator import pipeline
from generator.pipeline import Project
from generator.preview.serve import Preview

pytestmark = pytest.mark.site

THEME = Path("themes") / "environment.yaml"


def _edit(project: Project, old: str, new: str) -> None:
    file = project.content / THEME
    text = file.read_text(encoding="utf-8")
    assert text.count(old) == 1
    file.write_text(text.replace(old, new), encoding="utf-8")


def _site(folder: Path) -> dict[str, object]:
    """Every file of a site (the search index's pieces included), gzip without its timestamp."""
    files: dict[str, object] = {}
    for path in folder.rglob("*"):
        if not path.is_file():
            continue
        rel = path.relative_to(folder).as_posix()
        if rel.endswith(".gz"):
            files[rel] = gzip.decompress(path.read_bytes())
        else:
            files[rel] = path.read_bytes()
    return files


def test_a_text_edit_rebuilds_its_pages_only_and_equals_a_full_build(project: Project) -> None:
    preview = Preview(project, lambda _line: None)
    assert preview.rebuild() and preview.last_kind == "full"
    _edit(project, '"Improvements to park safety."', '"Improvements to park safety, now safer."')
    assert preview.rebuild() and preview.last_kind == "pages"
    pipeline.build(project)  # the published build: full and clean, from the same content
    assert _site(preview.project.site) == _site(project.site)


def test_a_new_page_or_a_theme_change_means_a_full_build(project: Project) -> None:
    preview = Preview(project, lambda _line: None)
    preview.rebuild()
    _edit(project, "      - id: improved-park-safety", "      - id: improved-park-safety-renamed")
    assert preview.rebuild() and preview.last_kind == "full"  # a page went, another came
    css = project.root / "theme" / "assets" / "stylesheets" / "bvpp.css"
    css.write_text(css.read_text(encoding="utf-8") + "\n/* edited */\n", encoding="utf-8")
    assert preview.rebuild() and preview.last_kind == "full"
    assert "/* edited */" in (preview.project.site / "assets" / "stylesheets" / "bvpp.css").read_text()


def test_broken_content_keeps_the_preview_until_it_is_fixed(project: Project) -> None:
    preview = Preview(project, lambda _line: None)
    preview.rebuild()
    page = preview.project.site / "outcomes" / "improved-park-safety" / "index.html"
    before = page.read_bytes()
    _edit(project, 'lead_directorates: ["PF"]', "lead_directorates: 5")
    assert not preview.rebuild()
    assert preview.state.problems
    assert page.read_bytes() == before  # the last good preview stays
    _edit(project, "lead_directorates: 5", 'lead_directorates: ["PF"]')
    _edit(project, '"Improvements to park safety."', '"Improvements to park safety, fixed."')
    assert preview.rebuild()
    assert preview.state.problems == ()
    assert b"Improvements to park safety, fixed" in page.read_bytes()  # a heading drops the closing full stop
