"""In a real browser, a page open on ``bvpp serve`` reloads itself after a save.

And while the saved content is broken, the page stays and says so (as text, in an alert).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from benchmarks.live import PAGE, serving
from generator.pipeline import Project

if TYPE_CHECKING:
    from playwright.sync_api import Page

pytestmark = [pytest.mark.site, pytest.mark.browser]


def _replace(project: Project, old: str, new: str) -> None:
    file = project.content / "themes" / "environment.yaml"
    text = file.read_text(encoding="utf-8")
    assert old in text
    file.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_an_open_page_reloads_itself_after_a_save(project: Project, page: Page) -> None:
    from playwright.sync_api import Error as BrowserError

    with serving(project.root) as port:
        url = f"http://127.0.0.1:{port}{PAGE}"
        for _attempt in range(600):  # until the first build is served (one minute at most)
            try:
                page.goto(url)
                break
            except BrowserError:  # connection refused while the server starts
                page.wait_for_timeout(100)
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
