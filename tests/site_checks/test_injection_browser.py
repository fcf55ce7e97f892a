"""A browser over a site whose ten title fields all hold script: nothing runs (issue 14).

The injected site is built once for this module only (its own fixture, not the session's
bundled build), so the other browser tests do not pay for it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

from generator import pipeline
from tests.conftest import copy_project
from tests.injection import MARK, inject
from tests.site_checks.browsing import search
from tests.site_checks.conftest import served

if TYPE_CHECKING:
    from playwright.sync_api import Page

pytestmark = [pytest.mark.browser, pytest.mark.site]

WORD = "zqxjv"
"""A word in every payload and nowhere else, to search for."""


def payload(field: str, index: int) -> str:
    """Every way in at once, with the field's name so a finding says where it came from."""
    return (
        f"{field} {WORD} <img src=x onerror=alert(1)> <script>alert(2)</script> "
        f'<svg/onload=alert(3)> "><{MARK} onclick=alert(4)>{WORD}</{MARK}> '
        f"</title><script>alert(5)</script> &lt;img src=x onerror=alert(6)&gt; Parks & open"
    )


@pytest.fixture(scope="module")
def injected_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The bundled plan with :func:`payload` in all ten title fields, built and served."""
    project = copy_project(tmp_path_factory.mktemp("injected") / "project")
    inject(project, payload)
    pipeline.build(project, pdf=False)
    with served(project.site) as url:
        yield url


PAGES = {
    "home": "",
    "theme": "themes/environment/",
    "priority": "themes/environment/priority-a/",
    "outcome": "outcomes/upgrading-shopping-centre-landscaping/",
    "directorate": "directorates/ul/",
    "indicator": "indicators/bvpi-12/",
    "section": "plan/about-harrow/",
    "progress plan": "progress/hsp-work-plan/",
    "progress report": "progress/hsp-work-plan/2007-06/",
    "directorate index": "directorates/",
}

_LIVE = f"""() => [
    ...document.querySelectorAll('{MARK}, img[src="x"], svg[onload], [onerror], [onclick], [onload]'),
    ...[...document.scripts].filter(s => s.textContent.includes('alert(')),
].map(e => e.outerHTML.slice(0, 80))"""


def _visit(page: Page, url: str, dialogs: list[str]) -> list[str]:
    page.goto(url)
    page.wait_for_load_state("load")
    live: list[str] = page.evaluate(_LIVE)
    assert not dialogs, f"{url}: a dialog fired: {dialogs}"
    return live


def test_no_payload_runs_on_any_kind_of_page_or_in_search(page: Page, injected_url: str) -> None:
    dialogs: list[str] = []

    def on_dialog(dialog: object) -> None:
        dialogs.append(getattr(dialog, "message", "?"))
        dialog.dismiss()  # type: ignore[attr-defined]

    page.on("dialog", on_dialog)
    for kind, path in PAGES.items():
        live = _visit(page, injected_url + path, dialogs)
        assert not live, f"{kind} page: live injected elements {live}"
        # the site name (council and plan title) reads as text in the tab: escaped once, not twice
        assert "Parks & open" in page.title() and "&amp;" not in page.title(), page.title()
    page.goto(injected_url)
    for query in (WORD, "alert", "onerror", "img", "Parks"):
        results = search(page, query)
        if query == WORD:
            assert results, "the payload's word should find the injected pages"
        live = page.evaluate(_LIVE)
        assert not live, f"search {query!r}: live injected elements {live}"
        assert not dialogs, f"search {query!r}: a dialog fired: {dialogs}"
