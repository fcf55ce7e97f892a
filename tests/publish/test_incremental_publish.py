"""Published builds brought up to date from the last site equal clean builds, file by file.

The property: whatever is edited, ``bvpp build`` in the same folder publishes exactly what
``bvpp build --clean`` publishes from the same content and the same last publication (the
changes page compares with it). Edits of each kind are made in a random order with random
targets and words; edits of pages' text must take the partial path, edits of what every page
depends on (a title in the navigation, a theme file, mkdocs.yml) must fall back to a clean build.

Real builds of the bundled plan (no PDF): one example makes 18 of them. More examples:
``BVPP_PROPERTY_EXAMPLES=5 .venv/bin/python -m pytest tests/publish/test_incremental_publish.py``.
"""

from __future__ import annotations

import csv
import functools
import hashlib
import io
import os
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from generator import pipeline
from generator.pipeline import Project
from generator.publish import incremental
from generator.publish.incremental import can_link, link_unchanged
from generator.publish.mkdocs import SiteBuildError
from tests.conftest import copy_project

WORDS = st.lists(
    st.sampled_from(["borough", "library", "repairs", "Pinner", "recycling", "£1.2m", "5%", "Q3"]),
    min_size=1,
    max_size=4,
).map(" ".join)

Edit = Callable[[Project, st.DataObject], str]
"""Changes the project's content, theme or settings; returns the build path it must take."""


def _replace_in(path: Path, pattern: str, make: Callable[[re.Match[str]], str], data: st.DataObject) -> None:
    text = path.read_text(encoding="utf-8")
    matches = list(re.finditer(pattern, text, flags=re.MULTILINE))
    assert matches, f"{pattern} not in {path}"
    match = data.draw(st.sampled_from(matches))
    path.write_text(text[: match.start()] + make(match) + text[match.end():], encoding="utf-8")


def _theme_file(project: Project, data: st.DataObject) -> Path:
    return data.draw(st.sampled_from(sorted((project.content / "themes").glob("*.yaml"))))


def edit_outcome_text(project: Project, data: st.DataObject) -> str:
    words = data.draw(WORDS)
    _replace_in(_theme_file(project, data), r'^( {10}- ")([^"\n]+)"$',
                lambda m: f'{m[1]}{m[2]} {words}"', data)
    return "pages"


def edit_priority_title(project: Project, data: st.DataObject) -> str:
    words = data.draw(WORDS)
    _replace_in(_theme_file(project, data), r'^(  - letter: "\w+"\n    title: ")([^"\n]+)"$',
                lambda m: f'{m[1]}{m[2]} {words}"', data)
    return "pages"  # shown on several pages, but the navigation says "Priority A"


def edit_section_title(project: Project, data: st.DataObject) -> str:
    words = data.draw(WORDS)
    section = data.draw(st.sampled_from(sorted((project.content / "sections").glob("*.md"))))
    _replace_in(section, r'^(title: ")([^"\n]+)"$', lambda m: f'{m[1]}{m[2]} {words}"', data)
    return "full"  # in the navigation of every page


def edit_indicator_figure(project: Project, data: st.DataObject) -> str:
    path = project.content / "indicators" / "values.csv"
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
    numeric = [r for r in rows if re.fullmatch(r"\d+(\.\d+)?", r["actual"])]
    row = data.draw(st.sampled_from(numeric))
    row["actual"] = str(float(row["actual"]) + data.draw(st.integers(1, 50)))
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")
    return "pages"


def edit_task_status(project: Project, data: st.DataObject) -> str:
    path = project.content / "progress" / "hsp-work-plan" / "updates" / "2007-06.yaml"
    _replace_in(path, r"^(    status: )(outstanding|completed)$",
                lambda m: m[1] + ("completed" if m[2] == "outstanding" else "outstanding"), data)
    return "pages"


def edit_narrative(project: Project, data: st.DataObject) -> str:
    words = data.draw(WORDS)
    section = data.draw(st.sampled_from(sorted((project.content / "sections").glob("*.md"))))
    with section.open("a", encoding="utf-8") as file:
        file.write(f"\nThe plan adds: {words}.\n")
    return "pages"


def edit_table_cell(project: Project, data: st.DataObject) -> str:
    words = data.draw(WORDS)
    path = project.content / "tables" / "cpa-scores.csv"
    _replace_in(path, r"^(Overall performance,\w+,)([^\n]+)$", lambda m: f"{m[1]}{m[2]} {words}", data)
    return "pages"


def edit_theme_file(project: Project, data: st.DataObject) -> str:
    size = data.draw(st.integers(1, 40))
    with (project.root / "theme" / "assets" / "stylesheets" / "bvpp.css").open("a", encoding="utf-8") as file:
        file.write(f"\n.md-typeset .bvpp-edited {{ margin-top: {size}px; }}\n")
    return "full"


def edit_mkdocs_yml(project: Project, data: st.DataObject) -> str:
    words = data.draw(WORDS)
    _replace_in(project.config_file, r"^(      permalink_title: )(.+)$", lambda m: f'{m[1]}"Link to {words}"', data)
    return "full"


EDITS: list[Edit] = [
    edit_outcome_text, edit_priority_title, edit_section_title, edit_indicator_figure, edit_task_status,
    edit_narrative, edit_table_cell, edit_theme_file, edit_mkdocs_yml,
]


def _note(said: dict[str, str], stage: str, _seconds: float, detail: str) -> None:
    said[stage] = detail


def _afresh(said: dict[str, str]) -> int:
    """How many pages the build stage rendered afresh ("259 pages, 4 rendered afresh")."""
    return int(said["build"].split(", ")[1].split()[0])


def _tree(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled project, built and published once: every example starts from a copy."""
    project = copy_project(tmp_path_factory.mktemp("published") / "project")
    assert pipeline.build(project, site_url=ADDRESS).rendered == "full"
    return project.root


EXAMPLES = int(os.environ.get("BVPP_PROPERTY_EXAMPLES", "1"))
ADDRESS = "https://council.example.org/plan/"
"""The builds are given a public address, so the sitemap lists every page and is compared too."""


# no shrinking: each step is two real builds, and the failing edit is named in the message
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck),
          phases=[Phase.explicit, Phase.generate])
@given(order=st.permutations(EDITS), data=st.data())
def test_every_kind_of_edit_publishes_what_a_clean_build_does(
    published: Path, tmp_path_factory: pytest.TempPathFactory, order: list[Edit], data: st.DataObject
) -> None:
    root = tmp_path_factory.mktemp("edits") / "project"
    shutil.copytree(published, root, symlinks=True)  # copy2: times kept, as on the user's disk
    project = Project.at(root)
    for edit in order:
        before = root.parent / f"before-{edit.__name__}"
        shutil.copytree(project.site, before, symlinks=True)  # the last publication, for --clean
        expected = edit(project, data)
        assert pipeline.build(project, site_url=ADDRESS).rendered == expected, edit.__name__
        said: dict[str, str] = {}
        clean = pipeline.build(Project.at(root, site=before), site_url=ADDRESS, clean=True,
                               progress=functools.partial(_note, said))
        assert clean.rendered == "full"
        # independent of the kept pages: every page rendered afresh, so the comparison proves them
        assert _afresh(said) >= clean.pages, said["build"]
        assert _tree(project.site) == _tree(before), edit.__name__


def test_an_unchanged_plan_renders_no_page_again(published: Path, tmp_path: Path) -> None:
    root = tmp_path / "project"
    shutil.copytree(published, root, symlinks=True)
    page = root / "site" / "index.html"
    written = page.stat().st_mtime_ns
    result = pipeline.build(Project.at(root), site_url=ADDRESS)
    assert result.rendered == "pages"
    assert page.stat().st_mtime_ns == written  # the same file, linked, not rendered again


def test_the_published_site_is_untouched_by_a_partial_build(published: Path, tmp_path: Path) -> None:
    """The files a partial build rewrites are new files: the old site's stay as they were.

    (tests/test_corpus.py crashes MkDocs half-way through writing, in a partial build too.)"""
    root = tmp_path / "project"
    shutil.copytree(published, root, symlinks=True)
    project = Project.at(root)
    home = project.site / "index.html"
    old = home.read_bytes()
    kept = (root / "kept-home.html")
    os.link(home, kept)  # a second name for the published file, as a web server might hold it
    (project.content / "sections" / "01-leaders-foreword.md").open("a").write("\nA new sentence.\n")
    assert pipeline.build(project, site_url=ADDRESS).rendered == "pages"
    assert kept.read_bytes() == old  # the published inode was not written into


def test_a_removed_outcome_loses_its_page_in_a_partial_build(published: Path, tmp_path: Path) -> None:
    root = tmp_path / "project"
    shutil.copytree(published, root, symlinks=True)
    project = Project.at(root)
    theme = project.content / "themes" / "environment.yaml"
    text = theme.read_text(encoding="utf-8")
    start = text.index("      - id: improved-park-safety")
    theme.write_text(text[:start] + text[text.index("      - id: improved-playground-equipment"):])
    assert (project.site / "outcomes" / "improved-park-safety" / "index.html").is_file()
    assert pipeline.build(project, site_url=ADDRESS).rendered == "pages"
    assert not (project.site / "outcomes" / "improved-park-safety").exists()


def test_a_site_without_its_record_is_built_afresh(published: Path, tmp_path: Path) -> None:
    root = tmp_path / "project"
    shutil.copytree(published, root, symlinks=True)
    (root / "site" / incremental.BUILT_FROM).unlink()
    assert pipeline.build(Project.at(root), site_url=ADDRESS).rendered == "full"
    assert incremental.built_from(root / "site")  # and records it for the next


def test_a_plugin_in_mkdocs_yml_means_a_full_build(published: Path, tmp_path: Path) -> None:
    root = tmp_path / "project"
    shutil.copytree(published, root, symlinks=True)
    config = root / "mkdocs.yml"
    config.write_text(config.read_text().replace("plugins: []", "plugins:\n  - tags"))
    assert pipeline.build(Project.at(root), site_url=ADDRESS).rendered == "full"  # every time: it is not accounted for


def test_only_files_the_new_build_makes_and_mkdocs_did_not_write_are_linked(tmp_path: Path) -> None:
    site, staging = tmp_path / "site", tmp_path / "staging"
    for name in ("a/index.html", "b/index.html", "removed/index.html", "pagefind/x.pf_meta"):
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text(f"old {name}")
    (site / incremental.BUILT_FROM).write_text("digest\n")
    (staging / "b").mkdir(parents=True)
    (staging / "b" / "index.html").write_text("new b")  # what MkDocs wrote
    assert can_link(site, staging)
    assert link_unchanged(site, staging, {"a/index.html", "b/index.html", "c/new.html"}) == 1
    assert (staging / "a" / "index.html").stat().st_ino == (site / "a" / "index.html").stat().st_ino
    assert (staging / "b" / "index.html").read_text() == "new b"
    assert not (staging / "removed").exists() and not (staging / "pagefind").exists()
    assert sorted(p.name for p in staging.iterdir()) == ["a", "b"]  # no probe left behind


def test_compiled_python_files_do_not_change_the_digest(tmp_path: Path) -> None:
    """Python writes __pycache__ as modules are first imported: that is not a change of code."""
    folder = tmp_path / "code"
    (folder / "pkg").mkdir(parents=True)
    (folder / "pkg" / "a.py").write_text("x = 1\n")
    before = incremental.files_digest(folder)
    (folder / "pkg" / "__pycache__").mkdir()
    (folder / "pkg" / "__pycache__" / "a.cpython-311.pyc").write_bytes(b"compiled")
    assert incremental.files_digest(folder) == before
    (folder / "pkg" / "a.py").write_text("x = 2\n")  # same size: still a change
    assert incremental.files_digest(folder) != before


def test_a_link_to_an_anchor_an_edit_removes_fails_as_a_clean_build_does(tmp_path: Path) -> None:
    """MkDocs checks links to anchors only on pages it renders: the unchanged page that links
    to a heading an edit removed must still be checked, so the build fails, strictly, as a clean
    build does, and the published site stays as it was."""
    project = copy_project(tmp_path / "project")
    sections = project.content / "sections"
    foreword, about = sections / "01-leaders-foreword.md", sections / "02-about-harrow.md"
    foreword.write_text(foreword.read_text() + "\nSee [the borough](about-harrow.md#the-borough-today).\n")
    about.write_text(about.read_text() + "\n## The borough today\n\nA sentence.\n")
    assert pipeline.build(project, site_url=ADDRESS).rendered == "full"
    published = _tree(project.site)
    about.write_text(about.read_text().replace("## The borough today", "## The borough now"))
    with pytest.raises(SiteBuildError, match="the-borough-today"):
        pipeline.build(project, site_url=ADDRESS)
    assert _tree(project.site) == published
    with pytest.raises(SiteBuildError, match="the-borough-today"):
        pipeline.build(project, site_url=ADDRESS, clean=True)


def test_a_removed_anchor_that_nothing_names_keeps_the_build_partial(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    about = project.content / "sections" / "02-about-harrow.md"
    about.write_text(about.read_text() + "\n## The borough today\n\nA sentence.\n")
    assert pipeline.build(project, site_url=ADDRESS).rendered == "full"
    about.write_text(about.read_text().replace("## The borough today", "## The borough now"))
    assert pipeline.build(project, site_url=ADDRESS).rendered == "pages"


def test_the_next_build_renders_again_only_the_pages_an_edit_changed(published: Path, tmp_path: Path) -> None:
    """Rendered pages are kept in build/ between runs (pipeline.RENDER_CACHE), like a new process."""
    root = tmp_path / "project"
    shutil.copytree(published, root, symlinks=True)
    project = Project.at(root)
    said: dict[str, str] = {}
    theme = project.content / "themes" / "environment.yaml"
    theme.write_text(theme.read_text().replace("Removal of all graffiti", "Removal of every graffito", 1))
    pipeline.build(project, site_url=ADDRESS, progress=lambda stage, _s, detail: said.update({stage: detail}))
    assert 1 <= _afresh(said) <= 10, said["build"]  # of 259 pages; the rest are the last build's
    # (--clean renders every page: the property test's clean builds compare with these)
