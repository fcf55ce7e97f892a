"""The view types more than one page shows: one link, one group of gaps, used by every page."""

from __future__ import annotations

from generator.core.escape import html_text
from generator.derive.facts import derive_facts
from generator.model.plan import Plan
from generator.render.pages.common import lookups
from generator.render.pages.indexes import index_pages
from generator.render.pages.views import GapGroup, Link, gap_groups
from generator.render.pdf import pdf_html


def test_a_link_without_a_page_is_its_title_alone() -> None:
    assert Link("Cabinet").path is None
    assert Link("Indicators", "indicators/index.md").path == "indicators/index.md"


def test_gaps_are_grouped_by_part_in_order_of_first_gap(bundled_plan: Plan) -> None:
    gaps = list(derive_facts(bundled_plan).gaps)
    groups = gap_groups(gaps)
    assert len(groups) > 1
    assert [group.title for group in groups] == list(dict.fromkeys(g.group for g in gaps))
    for group in groups:
        assert group.gaps == [g for g in gaps if g.group == group.title]  # all of its part, in order


def test_a_groups_anchor_is_its_title_as_an_id() -> None:
    assert GapGroup("Tables", []).anchor == "tables"
    assert GapGroup("Theme 1: A clean & safe place", []).anchor == "theme-1-a-clean-safe-place"


def test_the_gaps_page_and_the_pdf_list_the_same_groups(bundled_plan: Plan) -> None:
    facts = derive_facts(bundled_plan)
    pages = dict(index_pages(bundled_plan, lookups(bundled_plan, facts)))
    gaps_page = next(text for path, text in pages.items() if path.endswith("gaps.md"))
    document = pdf_html(bundled_plan, facts)
    for group in gap_groups(facts.gaps):
        assert f'href="#{group.anchor}"' in gaps_page
        assert f"<caption>{html_text(group.title)} ({len(group.gaps)})</caption>" in document
