"""Privacy and weight: the site asks nothing of any other host, and a resident's page is light.

Two proofs. Statically, no page, style sheet or script of the build would fetch from another
host. In the browser, every request made while a page loads and while it searches goes to the
local test server, and the bytes it actually loaded stay within the budget.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pytest

from tests.site_checks.browsing import search
from tests.site_checks.conftest import BuiltSite, RequestLog, is_local
from tests.site_checks.html_scan import css_urls, is_external, scan_html

if TYPE_CHECKING:
    from playwright.sync_api import Page, Response

PAGE_BUDGET = 500_000
"""Bytes (uncompressed) of HTML, CSS, JavaScript, fonts and images one outcome page may load."""

VISIT_BUDGET = 500_000
"""Bytes (uncompressed) of a page plus one search: the page, the search engine and the pieces
of the index the search needs (issue 19: at most this at 5,000 outcomes, so surely here)."""

RESIDENT_PAGE = "outcomes/improved-recycling-levels/"

DORMANT_URLS = {
    "https://example.com": "Pagefind parses result addresses against it; never fetched",
}
"""Addresses in the scripts the pages load that the site never fetches, and why. Material's
own script names many more (GitHub's API, unpkg, licence comments) but no page loads it:
theme/main.html, and the check of each page's scripts below."""

_JS_URL = re.compile(r"""https?://[a-z0-9.-]+\.[a-z]{2,}[^\s"'`)]*""", re.IGNORECASE)


def test_no_page_or_style_sheet_fetches_from_another_host(built_site: BuiltSite) -> None:
    found = []
    for path in sorted(built_site.root.rglob("*.html")):
        scan = scan_html(path.read_text(encoding="utf-8"))
        urls = scan.fetches + [u for css in scan.inline_css for u in css_urls(css)]
        found += [f"{path.relative_to(built_site.root)}: {u}" for u in urls if is_external(u)]
    for path in sorted(built_site.root.rglob("*.css")):
        urls = css_urls(path.read_text(encoding="utf-8"))
        found += [f"{path.relative_to(built_site.root)}: {u}" for u in urls if is_external(u)]
    assert not found, "\n".join(found[:20])


def test_scripts_name_no_other_host_except_dormant_ones(built_site: BuiltSite) -> None:
    assets = built_site.root / "assets" / "javascripts"
    # Material's own script is copied into the site but no page loads it (theme/main.html)
    loaded = [*assets.glob("bvpp*.js"), built_site.root / "pagefind" / "pagefind.js"]
    assert len(loaded) == 3 and all(path.is_file() for path in loaded), loaded
    home = (built_site.root / "index.html").read_text(encoding="utf-8")
    assert re.findall(r'<script src="([^"]+)"', home) == [
        "assets/javascripts/bvpp.js", "assets/javascripts/bvpp-search.js"
    ], "the pages load a script this test does not check"
    unexpected = sorted(
        {
            url
            for script in loaded
            for url in _JS_URL.findall(script.read_text(encoding="utf-8"))
            if not any(url.startswith(prefix) for prefix in DORMANT_URLS)
        }
    )
    assert not unexpected, f"scripts name other hosts: {unexpected}"


def test_no_generator_credit_and_no_font_service(built_site: BuiltSite) -> None:
    home = (built_site.root / "index.html").read_text(encoding="utf-8")
    assert "Made with" not in home and "fonts.googleapis.com" not in home
    assert "fonts.gstatic.com" not in home


@pytest.mark.browser
def test_loading_and_searching_asks_only_this_site(
    page: Page, site_url: str, request_log: RequestLog
) -> None:
    first = len(request_log.urls)
    page.goto(site_url + RESIDENT_PAGE, wait_until="networkidle")
    search(page, "recycling")
    page.locator(".bvpp-search__results a").first.click()
    page.wait_for_load_state("networkidle")
    urls = request_log.urls[first:]
    assert any(u.endswith(".pf_index") for u in urls), "search never loaded its index"
    assert all(is_local(u) for u in urls), [u for u in urls if not is_local(u)]
    assert not request_log.blocked, f"the browser tried other hosts: {request_log.blocked}"


@pytest.mark.browser
def test_a_residents_page_and_a_search_stay_within_their_weight_budgets(page: Page, site_url: str) -> None:
    responses: list[Response] = []
    page.on("response", lambda response: responses.append(response))
    page.goto(site_url + RESIDENT_PAGE, wait_until="networkidle")
    by_type: dict[str, int] = {}
    for response in responses:
        kind = response.request.resource_type
        by_type[kind] = by_type.get(kind, 0) + len(response.body())
    total = sum(by_type.values())
    report = ", ".join(f"{k} {v:,}" for k, v in sorted(by_type.items()))
    assert by_type.get("document") and by_type.get("stylesheet") and by_type.get("script"), report
    assert not [r.url for r in responses if "/pagefind/" in r.url], "search loaded before it was used"
    assert total <= PAGE_BUDGET, f"{RESIDENT_PAGE} loads {total:,} bytes ({report}); budget {PAGE_BUDGET:,}"
    del responses[:]
    search(page, "Rayners Lane")
    page.wait_for_load_state("networkidle")
    searched = sum(len(r.body()) for r in responses)
    assert any(r.url.endswith(".pf_index") for r in responses)
    assert total + searched <= VISIT_BUDGET, f"page {total:,} + search {searched:,} bytes; budget {VISIT_BUDGET:,}"
    print(f"\n{RESIDENT_PAGE}: {total:,} bytes ({report}); one search {searched:,} bytes")
