"""Every table readable on a 390 px phone, and legible charts: measured in Chromium.

On one page of every kind the page must not scroll sideways, no table may be wider than the
screen outside a scroll region, and no word in a table may break across lines or stick out of
its cell (``layout.js`` measures each word with a DOM Range). The indicator chart's labels must
be at least 12 px high. Desktop tables have rules and shaded headings.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Page

pytestmark = pytest.mark.browser

LAYOUT = (Path(__file__).parent / "layout.js").read_text(encoding="utf-8")

PAGES = {
    "home": "",
    "theme with its indicators": "themes/environment/",
    "priority (five-column table)": "themes/health-and-social-care/priority-c/",
    "outcome": "outcomes/improvements-to-road-safety/",
    "directorates": "directorates/",
    "directorate": "directorates/ul/",
    "contacts": "contacts/",
    "gaps": "gaps/",
    "section with data tables": "plan/councils-finances/",
    "corrections": "corrections/",
    "glossary": "glossary/",
    "accessibility statement": "accessibility/",
    "indicators": "indicators/",
    "indicator with figures": "indicators/bvpi-157/",
    "indicator without figures": "indicators/bvpi-1/",
    "progress": "progress/",
    "progress plan": "progress/cpa-idea-improvement-plan/",
    "progress report": "progress/cpa-idea-improvement-plan/2003-09/",
    "downloads": "data/",
}
"""One page of every kind the site has."""


@pytest.mark.parametrize("path", list(PAGES.values()), ids=list(PAGES))
def test_a_phone_shows_every_table_without_sideways_scroll_or_broken_words(
    page: Page, site_url: str, path: str
) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    response = page.goto(site_url + path)
    assert response is not None and response.ok, path
    problems = page.evaluate(LAYOUT)
    assert problems == [], "\n".join(problems)


def test_the_check_finds_a_table_that_does_not_fit(page: Page, site_url: str) -> None:
    # the same measurement, made to fail: a list table forced back to columns, words kept whole
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(site_url + "data/")
    page.add_style_tag(
        content=".md-typeset table.bvpp-cards, .md-typeset table.bvpp-cards * { display: revert !important; }"
        " .bvpp-table-wrap { overflow: visible !important; }"
        " .md-typeset table.bvpp-cards td { word-break: break-all; }"
    )
    problems = page.evaluate(LAYOUT)
    assert any("broken across lines" in p for p in problems), problems


def test_chart_labels_are_at_least_12_px_on_a_phone(page: Page, site_url: str) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(site_url + "indicators/bvpi-157/")
    sizes = page.evaluate(
        """() => [...document.querySelectorAll('.bvpp-chart__svg text')].map(t => {
            const svg = t.ownerSVGElement;
            const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
            return parseFloat(getComputedStyle(t).fontSize) * scale;
        })"""
    )
    assert sizes and min(sizes) >= 12, sizes
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 390


def test_desktop_tables_have_rules_and_shaded_bold_headings(page: Page, site_url: str) -> None:
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(site_url + "themes/environment/priority-a/")
    style = page.locator("table.bvpp-outcomes thead th").first.evaluate(
        """th => { const s = getComputedStyle(th);
            return [s.backgroundColor, s.fontWeight, s.borderBottomStyle, s.paddingLeft]; }"""
    )
    background, weight, rule, padding = style
    assert background not in ("rgba(0, 0, 0, 0)", "transparent") and int(weight) >= 700
    assert rule == "solid" and float(padding.removesuffix("px")) >= 8
    cell = page.locator("table.bvpp-outcomes tbody td").first
    assert cell.evaluate("td => getComputedStyle(td).borderBottomStyle") == "solid"
