"""Search, proven in the browser: the site's own search box finds what residents ask for.

Each query is typed into the site's search field on a real page, and the pages it lists first
are compared with the page that answers it. The index is Pagefind's, built over the finished
site (generator/publish/search.py); docs/publishing.md, *Search*, says how it is tuned.
"""

from __future__ import annotations

import gzip
import html
import json
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

from tests.site_checks.browsing import result_pages, search
from tests.site_checks.conftest import BuiltSite, RequestLog, open_tab

if TYPE_CHECKING:
    from playwright.sync_api import BrowserContext, Page

pytestmark = pytest.mark.browser

E_GOV = "outcomes/meeting-central-government-e-gov-targets/"
"""The outcome whose plans and PIs list BVPI 157 (e-government)."""

QUERIES = [
    # (what a resident types, the page that answers it, the lowest place it may take)
    ("graffiti", "outcomes/removal-of-all-graffiti/", 1),
    ("Rayners Lane", "outcomes/regeneration-of-rayners-lane-estate/", 1),
    ("BVPI 157", E_GOV, 1),
    ("BV 157", E_GOV, 2),  # "BV Reviews" (BV in its title) may come first, nothing else
    ("BV157", E_GOV, 2),
    ("Andrew Trehern", "contacts/", 1),
    ("Urban Living", "directorates/ul/", 1),
]


@pytest.fixture(scope="module")
def home(browser: BrowserContext, request_log: RequestLog, site_url: str) -> Iterator[Page]:
    """One tab on the home page for every query: its search index loads once."""
    with open_tab(browser, request_log) as tab:
        tab.goto(site_url)
        yield tab


def _answers(result: str, expected: str) -> bool:
    # Once the site has indicator pages, the indicator's own page answers a code query too.
    return result == expected or (expected == E_GOV and result.startswith("indicators/"))


@pytest.mark.parametrize("query,expected,place", QUERIES, ids=[q for q, _e, _p in QUERIES])
def test_search_box_finds(home: Page, query: str, expected: str, place: int) -> None:
    pages = result_pages(search(home, query))
    assert any(_answers(r, expected) for r in pages[:place]), (
        f"searching {query!r}: expected {expected} in the first {place} result page(s), got {pages[:5]}"
    )


def test_an_officer_is_found_at_their_own_entry(home: Page) -> None:
    links = search(home, "Andrew Trehern")
    assert "contacts/#andrew-trehern" in links[:3], links[:5]
    links = search(home, "Trehern")
    assert "contacts/#andrew-trehern" in links[:3], links[:5]


@pytest.mark.parametrize("query", ["BVPI 157", "BV 157", "BV157"])
def test_a_code_finds_its_page_and_the_pages_that_cite_it_and_nothing_else(
    home: Page, built_site: BuiltSite, query: str
) -> None:
    # Issue 16: "BVPI 157" listed 215 results, every BVPI page marked "Missing: 157".
    pages = result_pages(search(home, query))
    assert pages and pages[0] in ("indicators/bvpi-157/", E_GOV), pages[:5]
    assert E_GOV in pages and "indicators/bvpi-157/" in pages
    for page in pages:
        text = (built_site.root / page / "index.html").read_text(encoding="utf-8")
        assert "157" in text, f"{page} is listed for {query!r} but does not carry 157"


@pytest.mark.parametrize("query", ["graffiti", "Urban Living", "recycling"])
def test_a_result_lists_no_section_named_as_its_page(home: Page, query: str) -> None:
    # A page's own heading is a section to Pagefind: listed, it repeated the page's link.
    search(home, query)
    results = home.eval_on_selector_all(
        ".bvpp-search__result",
        """items => items.map(li => [li.querySelector(".bvpp-search__page").textContent.trim(),
            Array.from(li.querySelectorAll(".bvpp-search__sections a"), a => a.textContent.trim())])""",
    )
    assert results, f"searching {query!r} listed nothing"
    repeated = [title for title, sections in results if title in sections]
    assert not repeated, f"searching {query!r}: these results list their own title as a section: {repeated}"


def test_the_commonest_words_are_searched_only_alone(
    browser: BrowserContext, request_log: RequestLog, site_url: str
) -> None:
    # Each word searched fetches the piece of the index holding it; the piece holding "and"
    # lists every page. Beside other words it is left out: the same pieces, the same results.
    plain = _searched(browser, request_log, site_url, "health social care")
    assert _searched(browser, request_log, site_url, "health and social care") == plain
    assert plain[1][0] == "themes/health-and-social-care/", plain[1][:3]
    alone = _searched(browser, request_log, site_url, "and")
    assert alone[0] and alone[1], "a common word alone is still searched"


def _searched(browser: BrowserContext, request_log: RequestLog, site_url: str, query: str) -> tuple[set[str], list[str]]:
    """The index pieces a fresh tab fetches to search ``query``, and the pages it lists."""
    with open_tab(browser, request_log) as tab:
        tab.goto(site_url)
        first = len(request_log.urls)
        pages = result_pages(search(tab, query))
        return {u for u in request_log.urls[first:] if u.endswith(".pf_index")}, pages


def test_a_title_pasted_whole_is_searched_by_its_longest_words(
    browser: BrowserContext, request_log: RequestLog, site_url: str
) -> None:
    # Each word fetches an index piece: of a long query only the three longest words are
    # searched (a priority's title pasted whole fetched ten pieces at 5,000 outcomes, 610 KB).
    title = "Improving the standard of education, skills, training and learning for all age groups"
    whole = _searched(browser, request_log, site_url, title)
    assert whole[0] == _searched(browser, request_log, site_url, "Improving standard education,")[0]
    # and the page holding the whole title still comes first
    assert whole[1][:1] == ["themes/lifelong-learning/priority-a/"], whole[1][:5]


def test_the_status_line_says_how_many_pages_match_what(home: Page) -> None:
    """The announced line names the words right after the count, as a sentence reads."""
    search(home, "graffiti")
    said = home.locator("form.bvpp-search [role=status]").inner_text()
    assert said.startswith("pages match “graffiti”", said.index(" ") + 1), said
    assert said.endswith("are listed.") or said.endswith("”."), said


def test_the_index_keeps_touching_cells_and_terms_apart(built_site: BuiltSite) -> None:
    """A word run into the next (``FromHarrow``) is in the index only where the page prints it so.

    Pagefind reads a header row's cells, a row header and the row above it, and a list's term and
    description as one word unless white space parts them (generator/render/spacing.py); then a
    search for the second word misses the place, and the excerpt reads as run-on text.
    """
    joined = re.compile(r"[a-z][A-Z][a-z]+")
    run_on: list[str] = []
    for fragment in (built_site.root / "pagefind" / "fragment").glob("*.pf_fragment"):
        raw = gzip.decompress(fragment.read_bytes())
        record = json.loads(raw[raw.index(b"{"):])
        page = built_site.root / record["url"].lstrip("/") / "index.html"
        printed = html.unescape(page.read_text(encoding="utf-8")) if page.is_file() else ""
        run_on += [f"{record['url']}: {m[0]}" for m in joined.finditer(record["content"]) if m[0] not in printed]
    assert run_on == []


@pytest.mark.parametrize("scrolled", [False, True], ids=["at-the-top", "scrolled"])
def test_on_a_phone_the_results_open_under_the_field_and_leave_it_in_view(
    page: Page, site_url: str, scrolled: bool
) -> None:
    """At 390 px the draft banner pushes the header down; the results must not cover the field
    (what was typed stays in sight) nor run off either side of the screen."""
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(site_url + "themes/environment/")
    if scrolled:
        page.mouse.wheel(0, 1200)
        page.wait_for_function("() => window.scrollY > 0")
    search(page, "recycling")
    field = page.locator("#bvpp-search-input").bounding_box()
    panel = page.locator("#bvpp-search-panel").bounding_box()
    assert field is not None and panel is not None
    assert field["y"] >= 0 and panel["y"] >= field["y"] + field["height"], (field, panel)
    assert panel["x"] >= 0 and panel["x"] + panel["width"] <= 390, panel
