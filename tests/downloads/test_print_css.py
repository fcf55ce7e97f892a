"""Printing one page of the site from a browser: content only, links written out, tables landscape.

Real headless Chromium prints real pages of a real build to PDF; poppler reads the result.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from generator import pipeline
from tests.conftest import copy_project, require

pytestmark = pytest.mark.browser

LINK = "https://www.harrow.gov.uk/"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled plan, with a link that leaves the site added to one section, built without the PDF."""
    project = copy_project(tmp_path_factory.mktemp("print") / "project")
    section = project.content / "sections/02-about-harrow.md"
    section.write_text(
        section.read_text(encoding="utf-8") + f"\nMore at [the council's website]({LINK}).\n", encoding="utf-8"
    )
    pipeline.build(project, pdf=False)
    return project.site


def _print(site: Path, page: str, out: Path) -> tuple[str, list[tuple[float, float]]]:
    """Print a page with Chromium; return its text and each printed page's width and height."""
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    require(chromium is not None and shutil.which("pdfinfo") is not None, "chromium and poppler-utils")
    assert chromium is not None
    pdf = out / (page.strip("/").replace("/", "-") + ".pdf")
    subprocess.run(
        [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
         f"--print-to-pdf={pdf}", (site / page / "index.html").as_uri()],
        capture_output=True, timeout=120, check=True,
    )
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, check=True).stdout.decode()
    info = subprocess.run(
        ["pdfinfo", "-f", "1", "-l", "99", str(pdf)], capture_output=True, check=True
    ).stdout.decode()
    sizes = [(float(w), float(h)) for w, h in re.findall(r"size:\s+([\d.]+) x ([\d.]+) pts", info)]
    return re.sub(r"\s+", " ", text), sizes


def _no_chrome(text: str) -> Callable[[str], bool]:
    return lambda words: words not in text


def test_a_priority_page_prints_its_table_on_landscape_pages_without_the_site_around_it(
    site: Path, tmp_path: Path
) -> None:
    text, sizes = _print(site, "themes/environment/priority-a", tmp_path)
    assert sizes and all(width > height for width, height in sizes)
    assert "Priority A: Visibly improving the street scene" in text
    assert "Best Value Performance Plan 2004/05, Draft 1: not final" in text  # the draft notice stays on paper
    absent = _no_chrome(text)
    assert absent("Download the data") and absent("Skip to content") and absent("Accessibility statement")


def test_an_outcome_page_prints_portrait_with_its_gaps_in_words(site: Path, tmp_path: Path) -> None:
    text, sizes = _print(site, "outcomes/improvements-to-road-safety", tmp_path)
    assert sizes and all(width < height for width, height in sizes)
    assert "Not yet provided (to be completed)" in text
    assert "see all gaps" not in text
    assert "Download the data" not in text


def test_a_link_that_leaves_the_site_prints_its_address(site: Path, tmp_path: Path) -> None:
    text, _sizes = _print(site, "plan/about-harrow", tmp_path)
    assert f"the council's website <{LINK}>" in text
