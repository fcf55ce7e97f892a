"""What the browser tests do to a page: run axe, search, move around with the keyboard."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from tests.conftest import ROOT

if TYPE_CHECKING:
    from playwright.sync_api import Page

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
"""axe-core, installed from package-lock.json by scripts/setup.sh (``npm ci``)."""

AXE_URL = "__tests__/axe.min.js"
"""Where the test server serves axe-core (outside the site, so no scan of the site sees it)."""

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
"""The axe-core rule tags for WCAG 2.0, 2.1 and 2.2 at levels A and AA."""


def axe_violations(page: Page, site_url: str) -> list[dict[str, Any]]:
    """Run axe-core on the loaded page against WCAG 2.x A and AA; return its violations.

    axe is loaded from the test server (``AXE_URL``), so the browser parses it once and
    caches it for every later page.
    """
    page.add_script_tag(url=site_url + AXE_URL)
    result: dict[str, Any] = page.evaluate(
        """async (tags) => await axe.run(document, {
            runOnly: {type: "tag", values: tags},
            resultTypes: ["violations"],
        })""",
        WCAG_TAGS,
    )
    violations: list[dict[str, Any]] = result["violations"]
    return violations


def describe(violations: list[dict[str, Any]]) -> str:
    """A readable account of axe's findings, for the assertion message."""
    lines = []
    for v in violations:
        lines.append(f"{v['id']} ({v['impact']}): {v['help']}")
        for node in v["nodes"][:5]:
            summary = " ".join(node["failureSummary"].split())
            lines.append(f"    {node['target']}: {summary[:300]}")
    return "\n".join(lines)


SEARCH_BOX = "#bvpp-search-input"
RESULT_LINKS = ".bvpp-search__results a"


def search(page: Page, query: str) -> list[str]:
    """Type ``query`` into the site's own search field; return the result links, best first.

    The field is cleared first, then the query is typed; the form's ``data-state`` turns "done"
    once the results of this very query are listed (theme/assets/javascripts/bvpp-search.js).
    Each link is given relative to the site root, with its fragment (``contacts/#a-name``).
    """
    box = page.locator(SEARCH_BOX)
    box.click()
    box.fill("")
    box.fill(query)
    page.wait_for_function(
        """q => { const f = document.querySelector("form.bvpp-search");
                  return f.dataset.query === q && f.dataset.state === "done"; }""",
        arg=query,
    )
    hrefs: list[str] = page.eval_on_selector_all(RESULT_LINKS, "links => links.map(a => a.href)")
    root = urlsplit(page.url)
    links = []
    for href in hrefs:
        parts = urlsplit(href)
        assert parts.netloc == root.netloc, href
        links.append(parts.path.lstrip("/") + (f"#{parts.fragment}" if parts.fragment else ""))
    return links


def result_pages(links: list[str]) -> list[str]:
    """The distinct pages among search result links, in order."""
    return list(dict.fromkeys(link.split("#")[0] for link in links))


def focused(page: Page) -> dict[str, Any]:
    """What has keyboard focus: tag, classes, text, whether it is on screen with a focus ring."""
    info: dict[str, Any] = page.evaluate(
        """() => {
            const el = document.activeElement;
            if (!el || el === document.body) return {tag: "body"};
            const style = getComputedStyle(el);
            const box = el.getBoundingClientRect();
            return {
                tag: el.tagName.toLowerCase(),
                classes: el.className && el.className.baseVal === undefined ? el.className : "",
                text: (el.innerText || el.value || el.getAttribute("aria-label") || "").trim().slice(0, 60),
                outline: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2,
                shadow: style.boxShadow !== "none",
                visible: box.width > 0 && box.height > 0 && style.visibility !== "hidden"
                    && box.right > 0 && box.left < innerWidth && box.bottom > 0 && box.top < innerHeight,
                inContent: !!el.closest(".md-content"),
            };
        }"""
    )
    return info


def tab_until(page: Page, selector: str, limit: int) -> list[dict[str, Any]]:
    """Press Tab until an element matching ``selector`` has focus; return every stop on the way."""
    stops: list[dict[str, Any]] = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        stops.append(focused(page))
        if page.evaluate("sel => document.activeElement?.matches(sel) ?? false", selector):
            return stops
    raise AssertionError(
        f"{limit} presses of Tab never reached {selector}; stops: "
        + ", ".join(f"{s['tag']}.{s.get('classes', '')}" for s in stops)
    )
