"""WCAG 2.2 AA in a real browser: axe-core on every kind of page, and the keyboard by hand.

axe-core finds what a machine can; the keyboard tests do what a keyboard user does: Tab from
the top of a page to the search box, use the skip link, see where focus is, and scroll a wide
table with the arrow keys.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

import pytest

from tests.site_checks.browsing import (
    SEARCH_BOX,
    axe_violations,
    describe,
    focused,
    search,
    tab_until,
)
from tests.site_checks.conftest import BuiltSite

if TYPE_CHECKING:
    from playwright.sync_api import Page

pytestmark = pytest.mark.browser

PAGES = {
    "home": "",
    "theme": "themes/environment/",
    "priority": "themes/health-and-social-care/priority-c/",  # indicator links in its table
    "outcome (with gaps)": "outcomes/improvements-to-road-safety/",
    "directorates": "directorates/",
    "directorate": "directorates/ul/",
    "contacts": "contacts/",
    "gaps": "gaps/",
    "section with data tables": "plan/councils-finances/",
    "corrections": "corrections/",
    "accessibility statement": "accessibility/",
    "not found": "404.html",
}
"""One page of every kind the site has, by what it is."""

LATER_KINDS = ["indicators", "progress", "data"]
"""Folders other parts of the product add (indicators, progress reports, the open data page);
each is checked (its index and first pages) once it exists."""


@pytest.mark.parametrize("path", list(PAGES.values()), ids=list(PAGES))
def test_page_has_no_wcag_violations(page: Page, site_url: str, path: str) -> None:
    page.goto(site_url + path)
    violations = axe_violations(page, site_url)
    assert not violations, f"axe-core on /{path}:\n{describe(violations)}"


@pytest.mark.parametrize("folder", LATER_KINDS)
def test_later_kinds_of_page_have_no_wcag_violations(
    page: Page, site_url: str, built_site: BuiltSite, folder: str
) -> None:
    root = built_site.root / folder
    if not (root / "index.html").is_file():
        pytest.skip(f"the site has no {folder}/ pages yet")
    # the index, its first page, and that page's first page (a plan's first report)
    children = sorted(p.parent.relative_to(root).as_posix() for p in root.glob("*/index.html"))
    grandchildren = sorted(p.parent.relative_to(root).as_posix() for p in root.glob("*/*/index.html"))
    for rel in ["", *children[:1], *grandchildren[:1]]:
        path = f"{folder}/{rel}/" if rel else f"{folder}/"
        page.goto(site_url + path)
        violations = axe_violations(page, site_url)
        assert not violations, f"axe-core on /{path}:\n{describe(violations)}"


def test_every_page_has_no_wcag_violations_when_asked(
    page: Page, site_url: str, built_site: BuiltSite
) -> None:
    # One page of each kind runs always (above); this runs axe on all of them (about two
    # minutes), for a release: BVPP_AXE_ALL=1 scripts/test.sh -m browser -k every_page
    if not os.environ.get("BVPP_AXE_ALL"):
        pytest.skip("set BVPP_AXE_ALL=1 to run axe-core on every page of the site")
    failures = []
    for html in sorted(built_site.root.rglob("index.html")):
        path = html.parent.relative_to(built_site.root).as_posix()
        path = "" if path == "." else path + "/"
        page.goto(site_url + path)
        violations = axe_violations(page, site_url)
        if violations:
            failures.append(f"/{path}:\n{describe(violations)}")
    assert not failures, "\n".join(failures[:10])


def test_open_search_with_results_has_no_wcag_violations(page: Page, site_url: str) -> None:
    page.goto(site_url + "outcomes/improvements-to-road-safety/")
    assert search(page, "graffiti"), "no results to check"
    # A result link under the pointer must still read (CI's pointer once rested on a result).
    page.locator(".bvpp-search__page").first.hover()
    violations = axe_violations(page, site_url)
    assert not violations, f"axe-core with search results open:\n{describe(violations)}"


def test_search_results_are_reached_and_left_by_keyboard(page: Page, site_url: str) -> None:
    page.goto(site_url + "outcomes/improved-recycling-levels/")
    tab_until(page, SEARCH_BOX, limit=8)
    links = search(page, "Rayners Lane")
    assert links, "no results"
    page.keyboard.press("ArrowDown")
    first = focused(page)
    assert first["tag"] == "a" and first["outline"] and first["visible"], first
    page.keyboard.press("ArrowUp")
    assert page.evaluate("sel => document.activeElement.matches(sel)", SEARCH_BOX)
    page.keyboard.press("Escape")
    assert page.locator(".bvpp-search__panel").is_hidden()
    search(page, "Rayners Lane")
    page.keyboard.press("Enter")  # Enter in the field opens the first result
    page.wait_for_url("**/outcomes/regeneration-of-rayners-lane-estate/")


def test_tab_from_the_top_reaches_skip_link_then_search_box(page: Page, site_url: str) -> None:
    page.goto(site_url + "outcomes/improved-recycling-levels/")
    stops = tab_until(page, SEARCH_BOX, limit=8)
    assert "md-skip" in stops[0]["classes"], f"the first Tab stop is {stops[0]}, not the skip link"
    assert stops[0]["text"] == "Skip to content"


def test_skip_link_is_shown_and_moves_past_the_navigation(page: Page, site_url: str) -> None:
    page.goto(site_url + "themes/environment/priority-a/")
    page.keyboard.press("Tab")
    skip = page.locator("a.md-skip")
    assert page.evaluate("() => document.activeElement.classList.contains('md-skip')")
    assert skip.is_visible()
    box = skip.bounding_box()
    assert box is not None and box["y"] >= 0 and box["x"] >= 0, f"skip link off screen: {box}"
    heading_id = page.locator("article h1").first.get_attribute("id")
    page.keyboard.press("Enter")
    assert page.url.endswith(f"#{heading_id}")
    page.keyboard.press("Tab")
    after = focused(page)
    assert after["inContent"], f"after the skip link, Tab went to {after}, outside the page content"


@pytest.mark.parametrize("width", [1280, 600], ids=["wide", "narrow"])
def test_focus_is_always_visible(page: Page, site_url: str, width: int) -> None:
    # On screen and outlined at every Tab stop; on a narrow screen (or at high zoom) the
    # closed navigation drawer must not take Tab stops from off screen.
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(site_url + "outcomes/improvements-to-road-safety/")
    for _ in range(30):
        page.keyboard.press("Tab")
        stop = focused(page)
        if stop["tag"] == "body":
            continue
        assert stop["visible"], f"focus went to an element that cannot be seen: {stop}"
        assert stop["outline"] or stop["shadow"], f"no visible focus indicator on {stop}"


def test_menu_opens_and_closes_from_the_keyboard_on_a_narrow_screen(page: Page, site_url: str) -> None:
    page.set_viewport_size({"width": 600, "height": 800})
    page.goto(site_url + "themes/environment/")
    button = 'label.md-header__button[for="__drawer"]'
    stops = tab_until(page, button, limit=6)
    assert page.locator(button).get_attribute("aria-expanded") == "false", stops[-1]
    page.keyboard.press("Enter")
    assert page.locator(button).get_attribute("aria-expanded") == "true"
    page.wait_for_function("() => document.activeElement.closest('.md-sidebar--primary') !== null")
    page.wait_for_function(
        "() => document.activeElement.getBoundingClientRect().left >= 0", timeout=2000
    )  # the drawer slides in
    page.keyboard.press("Tab")
    assert focused(page)["visible"], "a Tab stop in the open menu is not on screen"
    page.keyboard.press("Escape")
    assert page.locator(button).get_attribute("aria-expanded") == "false"
    assert page.evaluate("sel => document.activeElement.matches(sel)", button)


def test_wide_table_can_be_focused_and_scrolled_by_keyboard(page: Page, site_url: str) -> None:
    # a tablet's width: wider than the phone layout (cards, below), narrower than the table
    page.set_viewport_size({"width": 740, "height": 800})
    page.goto(site_url + "themes/environment/priority-a/")
    region = page.locator(".bvpp-table-wrap").first
    assert region.evaluate("el => el.scrollWidth > el.clientWidth"), "the table should overflow here"
    assert region.get_attribute("role") == "region" and region.get_attribute("aria-label")
    stops = tab_until(page, ".bvpp-table-wrap", limit=120)
    assert stops[-1]["outline"] or stops[-1]["shadow"], "the focused table region shows no focus"
    for _ in range(5):
        page.keyboard.press("ArrowRight")
    # Scrolling may be smooth (animated): wait for the table to move, or fail after 2 s.
    page.wait_for_function("el => el.scrollLeft > 0", arg=region.element_handle(), timeout=2000)


def test_on_a_phone_outcomes_are_cards_that_keep_their_headings_and_table_roles(
    page: Page, site_url: str
) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(site_url + "themes/environment/priority-a/")
    region = page.locator(".bvpp-table-wrap").first
    assert region.evaluate("el => el.scrollWidth <= el.clientWidth"), "the table still scrolls sideways"
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 390
    headings = page.locator("table.bvpp-outcomes thead th").all_inner_texts()
    assert len(headings) == 5
    rows = page.locator("table.bvpp-outcomes tbody tr")
    assert rows.count() > 1
    for i in range(rows.count()):
        shown = rows.nth(i).locator("td").evaluate_all(
            """cells => cells.map(c => getComputedStyle(c, "::before").content)"""
        )
        # each cell shows its own column's heading (the statement is the card's heading)
        assert shown == [f'"{h}" / ""' for h in headings[1:]], shown
    # still a table to a screen reader: the roles survive the change of layout
    table = page.get_by_role("table", name=page.locator("table.bvpp-outcomes caption").inner_text())
    assert table.get_by_role("columnheader").count() == 5
    assert table.get_by_role("rowheader").count() == rows.count()
    assert table.get_by_role("cell").count() == 4 * rows.count()
    violations = axe_violations(page, site_url)
    assert not violations, f"axe-core on a phone:\n{describe(violations)}"


def test_missing_values_are_shown_by_words_and_shape_not_colour(page: Page, site_url: str) -> None:
    page.goto(site_url + "outcomes/improvements-to-road-safety/")
    gaps = page.locator(".bvpp-gap")
    assert gaps.count() > 0
    for i in range(gaps.count()):
        style = gaps.nth(i).evaluate(
            """el => ({text: el.innerText, border: getComputedStyle(el).borderTopStyle,
                       icon: getComputedStyle(el, "::before").content})"""
        )
        assert "Not yet provided" in style["text"]
        assert style["border"] == "dashed", style
        assert "⚠" in style["icon"], style
    banner = page.locator(".bvpp-draft-banner")
    assert "Best Value Performance Plan 2004/05, Draft 1: not final" in banner.inner_text()


def test_check_results_are_given_by_icon_and_words(page: Page, site_url: str) -> None:
    page.goto(site_url + "plan/councils-finances/")
    checks = page.locator(".bvpp-check")
    assert checks.count() > 0
    for i in range(checks.count()):
        text = checks.nth(i).inner_text()
        assert any(icon in text for icon in "✓✗⚠"), text
        assert any(word in text for word in ("Checked", "do not add up", "Not checked")), text
