"""Accessibility facts every built page must show, read from the HTML without a browser.

These run in the ordinary suite (no Chromium needed) over every page of one real build.
"""

from __future__ import annotations

import functools
from pathlib import Path

import pytest

from generator.derive.gaps import find_gaps
from tests.site_checks.conftest import BuiltSite
from tests.site_checks.html_scan import PageScan, scan_html


@functools.cache
def _scans(root: Path) -> dict[str, PageScan]:
    return {
        p.relative_to(root).as_posix(): scan_html(p.read_text(encoding="utf-8"))
        for p in sorted(root.rglob("*.html"))
    }


@pytest.fixture(scope="module")
def scans(built_site: BuiltSite) -> dict[str, PageScan]:
    """Every HTML page of the build, scanned."""
    return _scans(built_site.root)


def test_every_table_has_a_caption_headings_and_a_keyboard_region(
    scans: dict[str, PageScan],
) -> None:
    problems = []
    count = 0
    for path, scan in scans.items():
        for table in scan.tables:
            count += 1
            name = table.wrapper.get("aria-label") or table.wrapper.get("aria-labelledby")
            if not table.caption.strip():
                problems.append(f"{path}: a table has no caption")
            if table.headers == 0:
                problems.append(f"{path}: table {table.caption!r} has no <th scope=col|row> headings")
            if table.wrapper.get("role") != "region" or table.wrapper.get("tabindex") != "0" or not name:
                problems.append(f"{path}: table {table.caption!r} is not in a named, focusable region")
    assert count > 100, f"only {count} tables found: is the scan still reading the pages?"
    assert not problems, "\n".join(problems[:20])


def test_no_page_title_is_made_up_from_its_file_name(scans: dict[str, PageScan]) -> None:
    # MkDocs names a page that has no title of its own after its file ("Index", "Ul",
    # "2003 04"): a title that says nothing (WCAG 2.4.2). Every generated page sets its title.
    problems = []
    for path, scan in scans.items():
        parts = path.split("/")
        if len(parts) < 2:
            continue
        stub = parts[-2].replace("-", " ").replace("_", " ").capitalize()
        own = scan.title.split(" - ")[0]
        if own.casefold() in (stub.casefold(), "index") and own.casefold() not in scan.h1.casefold():
            problems.append(f"{path}: <title> {own!r}, but its heading says {scan.h1!r}")
    assert not problems, "\n".join(problems[:20])


def test_every_page_links_to_the_accessibility_statement(scans: dict[str, PageScan]) -> None:
    missing = [
        path for path, scan in scans.items()
        if not any(link.rstrip("/").endswith("accessibility") for link in scan.links)
    ]
    assert not missing, missing[:10]


def test_statement_is_the_plans_own_and_says_what_is_not_yet_accessible(built_site: BuiltSite) -> None:
    text = (built_site.root / "accessibility" / "index.html").read_text(encoding="utf-8")
    plan = built_site.result.plan
    assert f"Accessibility statement for {plan.plan.council}" in text
    assert f"This website is run by {plan.plan.council}." in text
    assert f"{len(find_gaps(plan))} places in it still say" in text
    for heading in (
        "How accessible this website is", "Feedback and contact information",
        "Enforcement procedure", "Compliance status", "How this website was tested",
    ):
        assert heading in text
    assert "Search needs JavaScript" in text
    assert "partially compliant" in text
