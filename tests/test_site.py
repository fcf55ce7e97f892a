"""The whole site through the real ``mkdocs build --strict``: pages, links, search, safety."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pytest

from generator import pipeline
from generator.core.problems import ContentError
from generator.pipeline import Project
from tests.conftest import copy_project

pytestmark = pytest.mark.site


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Project, pipeline.BuildResult]:
    project = copy_project(tmp_path_factory.mktemp("site") / "project")
    return project, pipeline.build(project)


def _tree_digest(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_every_page_is_built(built: tuple[Project, pipeline.BuildResult]) -> None:
    project, result = built
    assert result.plan is not None
    for _theme, _priority, outcome in result.plan.outcomes():
        assert (project.site / "outcomes" / outcome.id / "index.html").is_file()
    for path in ["index.html", "gaps/index.html", "contacts/index.html", "directorates/ul/index.html",
                 "themes/environment/priority-a/index.html", "plan/about-harrow/index.html"]:
        assert (project.site / path).is_file(), path


def test_every_environment_outcome_is_on_its_priority_page(
    built: tuple[Project, pipeline.BuildResult],
) -> None:
    project, result = built
    environment = next(t for t in result.plan.themes if t.id == "environment")
    for priority, outcome in environment.outcomes():
        assert priority is not None
        html = (project.site / "themes/environment" / priority.slug / "index.html").read_text()
        assert f'href="../../../outcomes/{outcome.id}/"' in html


def test_the_search_index_holds_every_page_and_no_lunr_index(
    built: tuple[Project, pipeline.BuildResult],
) -> None:
    # what it finds is proven in the browser (tests/site_checks/test_search.py)
    project, _ = built
    entry = json.loads((project.site / "pagefind" / "pagefind-entry.json").read_text())
    with_article = [p for p in project.site.rglob("*.html") if "<article" in p.read_text(encoding="utf-8")]
    assert entry["languages"]["en"]["page_count"] == len(with_article) > 150
    assert not (project.site / "search" / "search_index.json").exists()  # Material's search is off


_LINK = re.compile(r'(?:href|src)="([^"#?]*)(?:[#?][^"]*)?"')


def test_every_internal_link_resolves(built: tuple[Project, pipeline.BuildResult]) -> None:
    project, _ = built
    broken = []
    # 404.html is served at any address, so MkDocs gives it root-relative links: skip it.
    for page in project.site.rglob("*.html"):
        if page.name == "404.html":
            continue
        for target in _LINK.findall(page.read_text()):
            if not target or re.match(r"^[a-z][a-z0-9+.-]*:", target):
                continue
            resolved = (page.parent / target).resolve()
            if not (resolved.is_file() or (resolved / "index.html").is_file()):
                broken.append(f"{page.relative_to(project.site)} → {target}")
    assert broken == []


def test_no_request_leaves_the_site(built: tuple[Project, pipeline.BuildResult]) -> None:
    project, _ = built
    external = set()
    for page in project.site.rglob("*.html"):
        for match in re.findall(r'(?:src|href)="(https?://[^"]+)"', page.read_text()):
            if not match.startswith("https://squidfunk.github.io/mkdocs-material/"):
                external.add(match)
    assert not any("fonts.g" in url for url in external)


def test_draft_banner_on_every_page(built: tuple[Project, pipeline.BuildResult]) -> None:
    project, _ = built
    reports = sorted(project.site.glob("progress/*/*/index.html"))[:3]  # other documents: the plan is named
    for page in [project.site / "index.html", *list(project.site.glob("outcomes/*/index.html"))[:5], *reports]:
        assert "Best Value Performance Plan 2004/05, Draft 1: not final" in page.read_text()


def test_failed_build_leaves_the_published_site_untouched(
    built: tuple[Project, pipeline.BuildResult],
) -> None:
    project, _ = built
    before = _tree_digest(project.site)
    theme = project.content / "themes/environment.yaml"
    original = theme.read_text()
    theme.write_text(original.replace('lead_directorates: ["PF"]', 'lead_directorates: ["UX"]'))
    try:
        with pytest.raises(ContentError):
            pipeline.build(project)
        assert _tree_digest(project.site) == before
    finally:
        theme.write_text(original)


def test_two_builds_are_byte_identical(
    built: tuple[Project, pipeline.BuildResult], tmp_path: Path
) -> None:
    project, _ = built
    again = Project.at(project.root, site=tmp_path / "again")
    pipeline.build(again)
    assert _tree_digest(again.site) == _tree_digest(project.site)
