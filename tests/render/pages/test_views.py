"""The view types more than one page shows: one link, one group of gaps, used by every page."""

from __future__ import annotations

from generator.render.pages.views import Link


def test_a_link_without_a_page_is_its_title_alone() -> None:
    assert Link("Cabinet").path is None
    assert Link("Indicators", "indicators/index.md").path == "indicators/index.md"

