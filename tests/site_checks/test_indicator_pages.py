"""Indicator pages in a real browser: axe-core (WCAG 2.2 AA) on the chart, the status and the rule."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from tests.site_checks.browsing import axe_violations, describe

if TYPE_CHECKING:
    from playwright.sync_api import Page

pytestmark = pytest.mark.browser

PAGES = {
    "indicator with a chart, a target and at risk": "indicators/recycling-rate/",
    "indicator with a placeholder value": "indicators/bvpi-12/",
    "BVPI 157": "indicators/bvpi-157/",
    "the rule": "indicators/how-we-rate-performance/",
    "theme with its cited indicators": "themes/customer-focussed-council/",
}


@pytest.mark.parametrize("path", list(PAGES.values()), ids=list(PAGES))
def test_indicator_page_has_no_wcag_violations(page: Page, site_url: str, path: str) -> None:
    page.goto(site_url + path)
    violations = axe_violations(page, site_url)
    assert not violations, f"axe-core on /{path}:\n{describe(violations)}"


def test_the_chart_is_one_image_named_by_its_title_and_description(page: Page, site_url: str) -> None:
    page.goto(site_url + "indicators/bvpi-157/")
    chart = page.get_by_role("img", name="BVPI 157: values and targets")
    assert chart.count() == 1
    assert chart.evaluate("e => e.getAttribute('aria-labelledby')") == "chart-bvpi-157-title chart-bvpi-157-desc"
    box = chart.bounding_box()
    assert box is not None and box["width"] > 300  # drawn at a readable size, not a thumbnail
