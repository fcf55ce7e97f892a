"""The whole plan as a PDF: its text (poppler's pdftotext), its pages as images (pdftoppm), its HTML."""

from __future__ import annotations

import dataclasses
import multiprocessing
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from generator import pipeline
from generator.derive.gaps import find_gaps
from generator.model.base import Gap
from generator.model.plan import Plan
from generator.pipeline import Project
from generator.render.pages import build as build_pages
from generator.render.pages.common import priority_title
from generator.render.pdf import pdf_html, pdf_path, plan_pdf
from tests.conftest import require
from tests.downloads.conftest import FullBuild


def _words(text: str) -> str:
    """Text compared the way it reads: whitespace as one space, no hyphens (lines break at them)."""
    return re.sub(r"\s+", " ", re.sub(r"-\s*", "", text)).strip()


def _entry(title: str) -> str:
    """A contents entry's title: a title's own last full stop runs into the leader dots."""
    return _words(title).rstrip(". ")


def _body(page: str) -> str:
    """A page's text without its running header (DRAFT and the plan's title), as _words."""
    return _words(" ".join([line for line in page.split("\n") if line.strip()][2:]))


@pytest.fixture(scope="module")
def pages(full_build: FullBuild) -> list[str]:
    """The PDF's text, one string per page."""
    require(shutil.which("pdftotext") is not None, "pdftotext (poppler-utils)")
    out = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(full_build.pdf), "-"], capture_output=True, check=True
    ).stdout.decode("utf-8")
    return out.split("\f")[:-1]


@pytest.fixture(scope="module")
def contents(full_build: FullBuild, pages: list[str]) -> dict[str, int]:
    """Each contents entry's title (as _entry) and the page number it gives."""
    last = max(i for i, page in enumerate(pages[:6]) if ". . ." in page) + 1
    laid_out = subprocess.run(  # -layout keeps each entry's number on its line
        ["pdftotext", "-layout", "-enc", "UTF-8", "-f", "2", "-l", str(last), str(full_build.pdf), "-"],
        capture_output=True,
        check=True,
    ).stdout.decode("utf-8")
    entries: dict[str, int] = {}
    pending: list[str] = []  # a title that wraps onto the next line
    for page in laid_out.split("\f"):
        for line in page.split("\n")[1:]:  # past the running header
            entry = re.fullmatch(r"(.*?)\s*(?:\.\s*){2,}(\d+)", line.strip())
            if entry:
                entries[_entry(" ".join([*pending, entry[1]]))] = int(entry[2])
                pending = []
            elif line.strip() and line.strip() != "Contents":
                pending.append(line)
            else:
                pending = []
    return entries


def test_the_build_publishes_the_pdf_and_the_home_page_links_it_with_its_size(full_build: FullBuild) -> None:
    assert full_build.pdf.is_file()
    assert full_build.result.pdf is not None
    size = full_build.result.pdf.size_text
    assert full_build.pdf.stat().st_size == full_build.result.pdf.size
    home = (full_build.project.site / "index.html").read_text(encoding="utf-8")
    assert f'href="{pdf_path(full_build.result.plan)}"' in home
    assert f"(PDF, {size})" in home


def test_the_pdf_is_tagged_and_has_the_plan_as_its_title(full_build: FullBuild) -> None:
    require(shutil.which("pdfinfo") is not None, "pdfinfo (poppler-utils)")
    info = subprocess.run(["pdfinfo", str(full_build.pdf)], capture_output=True, check=True).stdout.decode()
    assert re.search(r"^Tagged:\s+yes$", info, re.M)  # screen readers get headings, lists, tables
    assert re.search(r"^Title:\s+Harrow Council: Best Value Performance Plan 2004/05$", info, re.M)


def test_the_title_page_names_council_title_draft_and_date(pages: list[str]) -> None:
    cover = _words(pages[0])
    for words in ["Harrow Council", "Best Value Performance Plan 2004/05", "DRAFT", "Draft 1", "7 April 2004"]:
        assert _words(words) in cover


def test_every_theme_heading_and_priority_title_is_in_the_pdf(full_build: FullBuild, pages: list[str]) -> None:
    text = _words(" ".join(pages))
    plan = full_build.result.plan
    expected = [t.heading for t in plan.themes] + [
        p.title for t in plan.themes for p in t.priorities if isinstance(p.title, str)
    ]
    assert len(expected) == 6 + 33
    assert [title for title in expected if _words(title) not in text] == []


def test_every_outcome_statement_is_in_the_pdf(full_build: FullBuild, pages: list[str]) -> None:
    plan = full_build.result.plan

    def terms_only(words: str) -> str:  # the PDF spells each term out where it is first used
        for entry in plan.glossary:
            if isinstance(entry.expansion, str):
                spelled = re.escape(_words(entry.expansion)) + r"s? \(" + re.escape(entry.term) + r"(s?)\)"
                words = re.sub(spelled, entry.term + r"\1", words)
        return words

    text = terms_only(_words(" ".join(pages[5:])))  # past the contents: the tables themselves
    statements = [o.statement for _t, _p, o in plan.outcomes() if isinstance(o.statement, str)]
    assert len(statements) > 100
    assert [s for s in statements if terms_only(_words(s)) not in text] == []


def test_draft_at_the_top_of_every_page_and_page_numbers_at_the_foot(pages: list[str]) -> None:
    assert len(pages) > 50
    assert [i + 1 for i, page in enumerate(pages) if "DRAFT" not in page] == []
    for number, page in enumerate(pages[1:], start=2):
        assert f"Page {number} of {len(pages)}" in page


def test_contents_give_the_page_each_theme_and_priority_starts_on(
    full_build: FullBuild, pages: list[str], contents: dict[str, int]
) -> None:
    plan = full_build.result.plan
    for theme in plan.themes:
        number = contents[_entry(theme.heading)]
        assert _words(theme.heading) in _words(pages[number - 1]), theme.heading
        for priority in theme.priorities:
            entry = _entry(priority_title(priority))
            start = contents[entry]
            assert _body(pages[start - 1]).startswith(entry), (entry, start)


def test_gaps_are_shown_as_not_yet_provided_and_listed_at_the_end(
    full_build: FullBuild, pages: list[str], contents: dict[str, int]
) -> None:
    text = _words(" ".join(pages))
    gaps = find_gaps(full_build.result.plan)
    parts = {"Narrative sections", *(theme.title for theme in full_build.result.plan.themes)}
    in_fields = [g for g in gaps if g.explicit and g.group in parts]  # each has its marker
    assert text.count("Not yet provided") >= len(in_fields)
    listing = _words(" ".join(pages[contents[_entry("What is still missing from this draft")] - 1 :]))
    assert f"The draft leaves {len(gaps)} places unfinished" in listing
    road_safety = _words("Improvements to road safety.")
    assert road_safety in listing


def _render(pdf: Path, page: int, folder: Path) -> tuple[int, int, float]:
    """One page as a greyscale image: its width, its height, and the share of ink on it."""
    require(shutil.which("pdftoppm") is not None, "pdftoppm (poppler-utils)")
    root = folder / f"page-{page}"
    subprocess.run(
        ["pdftoppm", "-gray", "-r", "24", "-f", str(page), "-l", str(page), "-singlefile", str(pdf), str(root)],
        check=True,
    )
    data = root.with_suffix(".pgm").read_bytes()
    header = re.match(rb"P5\s+(\d+)\s+(\d+)\s+(\d+)\s", data)
    assert header is not None
    width, height = int(header[1]), int(header[2])
    pixels = data[header.end() :]
    return width, height, sum(1 for value in pixels if value < 160) / len(pixels)


def test_priority_tables_are_on_landscape_pages_and_no_page_is_blank(
    full_build: FullBuild, contents: dict[str, int], tmp_path: Path
) -> None:
    plan = full_build.result.plan
    environment = next(t for t in plan.themes if t.id == "environment")
    priority_a = contents[_entry(priority_title(environment.priorities[0]))]
    finances = contents[_entry("The Council's finances")]
    for page, landscape in [(1, False), (2, False), (finances, False), (priority_a, True), (priority_a + 1, True)]:
        width, height, ink = _render(full_build.pdf, page, tmp_path)
        assert (width > height) is landscape, page
        assert ink > 0.004, f"page {page} looks blank ({ink:.2%} ink)"


def test_the_pdf_html_places_tables_and_gaps_like_the_site(full_build: FullBuild) -> None:
    html = pdf_html(full_build.result.plan)
    assert "{{" not in html
    for table in full_build.result.plan.tables:
        assert f'id="table-{table.id}"' in html
    assert 'id="section-councils-finances-overview"' in html  # Markdown headings, ids kept unique
    plan = full_build.result.plan
    tables = sum(isinstance(p.outcomes, list) for t in plan.themes for p in t.priorities)
    tables += sum(isinstance(t.other_activity, list) and bool(t.other_activity) for t in plan.themes)
    assert html.count('<table class="outcomes">') == tables  # one five-column table per priority
    assert 'href="#gaps"' in html


def test_a_final_plan_has_no_draft_marking(full_build: FullBuild) -> None:
    plan: Plan = full_build.result.plan
    final = dataclasses.replace(plan, plan=plan.plan.model_copy(update={"status": "final"}))
    assert "DRAFT" in pdf_html(plan)
    assert "DRAFT" not in pdf_html(final)


def test_text_from_data_is_escaped_in_the_pdf(project: Project) -> None:
    theme = project.content / "themes/environment.yaml"
    text = theme.read_text(encoding="utf-8")
    theme.write_text(
        text.replace('"Improvements to road safety."', '"<script>alert(1)</script> & road safety"', 1),
        encoding="utf-8",
    )
    result = pipeline.check(project)
    assert result.plan is not None
    html = pdf_html(result.plan)
    assert "<script>" not in html
    assert "&lt;script&gt;alert" in html and "&lt;/script&gt; &amp; road safety" in html


def test_a_gap_in_an_outcome_is_said_in_words(full_build: FullBuild) -> None:
    outcome = next(o for _t, _p, o in full_build.result.plan.outcomes() if o.id == "improvements-to-road-safety")
    assert isinstance(outcome.actions_planned, Gap)
    html = pdf_html(full_build.result.plan)
    row = html[html.index('id="outcome-improvements-to-road-safety"') :]
    row = row[: row.index("</tr>")]
    assert "Not yet provided" in row and "to be completed" in row


def test_build_no_pdf_leaves_the_pdf_and_its_links_out(project: Project) -> None:
    from click.testing import CliRunner

    from generator.cli import main

    done = CliRunner().invoke(main, ["build", "--project", str(project.root), "--no-pdf"])
    assert done.exit_code == 0, done.output
    assert not (project.site / "downloads").exists()
    home = (project.site / "index.html").read_text(encoding="utf-8")
    assert "downloads/" not in home and 'href="data/"' in home
    assert "The whole plan as a PDF" not in (project.site / "data/index.html").read_text(encoding="utf-8")


def test_the_pdf_made_alongside_the_pages_is_the_serial_builds(full_build: FullBuild) -> None:
    # The build renders the PDF in a second process while it builds the pages: the docs it
    # hands MkDocs, and so the site, and the PDF must be what rendering first, here, gives.
    plan = full_build.result.plan
    serial = plan_pdf(plan)  # in this process, no cache
    assert full_build.pdf.read_bytes() == serial.data
    assert full_build.result.pdf == serial.download
    sources = build_pages(plan, serial.download, None)  # the fixture's build was a first publication
    docs = full_build.project.docs
    assert {path: (docs / path).read_text(encoding="utf-8") for path in sources.pages} == sources.pages
    assert {path: (docs / path).read_bytes() for path in sources.files} == sources.files
    assert not multiprocessing.active_children()


def test_the_collector_runs_rarely_while_rendering_and_as_before_after() -> None:
    import gc

    from generator.render.pdf import _rare_collections

    before = gc.get_threshold()
    with _rare_collections():
        assert gc.get_threshold() == (50_000, before[1], before[2])
    assert gc.get_threshold() == before
