"""In a real browser, a page open on ``bvpp serve`` reloads itself after a save.

And while the saved content is broken, the page stays and says so (as text, in an alert).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from benchmarks.live import PAGE, serving
from generator.pipeline import Project
from tests.site_checks.browsing import result_pages, search

if TYPE_CHECKING:
    from playwright.sync_api import Page

pytestmark = [pytest.mark.site, pytest.mark.browser]


def _replace(project: Project, old: str, new: str) -> None:
    file = project.content / "themes" / "environment.yaml"
    text = file.read_text(encoding="utf-8")
    assert old in text
    file.write_text(text.replace(old, new, 1), encoding="utf-8")


def _open_when_served(page: Page, url: str) -> None:
    from playwright.sync_api import Error as BrowserError

    for _attempt in range(600):  # until the first build is served (one minute at most)
        try:
            page.goto(url)
            return
        except BrowserError:  # connection refused while the server starts
            page.wait_for_timeout(100)


def test_what_the_readme_tells_a_newcomer_to_open_works(project: Project, page: Page) -> None:
    """README: "`.venv/bin/bvpp serve`, then open http://127.0.0.1:8000/" — the home page, a
    click into a theme, and the search box all work there."""
    with serving(project.root) as port:
        _open_when_served(page, f"http://127.0.0.1:{port}/")
        page.get_by_role("link", name="Environment").first.click()
        page.wait_for_url(f"http://127.0.0.1:{port}/themes/environment/")
        assert page.locator("h1").inner_text().startswith("Environmental priorities")
        results = search(page, "graffiti")
        assert any("removal-of-all-graffiti" in href for href in result_pages(results))


def test_an_open_page_reloads_itself_after_a_save(project: Project, page: Page) -> None:
    with serving(project.root) as port:
        _open_when_served(page, f"http://127.0.0.1:{port}{PAGE}")
        assert page.locator("h1").inner_text().startswith("Improvements to park safety")
        page.wait_for_function("() => document.querySelector('script[src^=\"/__bvpp__/live.js\"]')")
        page.wait_for_timeout(300)  # the page's event stream is open

        _replace(project, 'lead_directorates: ["PF"]', "lead_directorates: 5")
        alert = page.locator(".bvpp-live-problems[role=alert]")
        alert.wait_for(timeout=60_000)
        assert "content/themes/environment.yaml:" in alert.inner_text()
        assert "last good build" in alert.inner_text()

        _replace(project, "lead_directorates: 5", 'lead_directorates: ["PF"]')
        _replace(project, '"Improvements to park safety."', '"Improvements to park safety, reloaded."')
        page.wait_for_function(
            "() => document.querySelector('h1').textContent.includes('reloaded')", timeout=60_000
        )
        assert page.locator(".bvpp-live-problems").count() == 0
