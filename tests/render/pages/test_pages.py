"""Build stage: generated Markdown, compared with golden files, and the plan's shape.

Refresh the golden files after an intended change with:

    BVPP_REFRESH_GOLDEN=1 .venv/bin/python -m pytest tests/render/pages/test_pages.py

then read the diff (``git diff tests/golden``) before committing it.
"""

from __future__ import annotations

import os

import pytest

from generator import pipeline
from generator.model.plan import Plan
from generator.pipeline import Project
from generator.render import pages
from generator.render.pages.common import shortened
from tests.conftest import ROOT

GOLDEN = ROOT / "tests" / "golden"

GOLDEN_PAGES = {
    "theme-environment.md": "themes/environment/index.md",
    "priority-environment-a.md": "themes/environment/priority-a.md",
    "outcome-improvements-to-road-safety.md": "outcomes/improvements-to-road-safety.md",
    "outcome-improved-recycling-levels.md": "outcomes/improved-recycling-levels.md",
}


@pytest.fixture(scope="module")
def bundled() -> tuple[Plan, dict[str, str]]:
    project = Project.at(ROOT)
    result = pipeline.check(project)
    assert result.plan is not None
    return result.plan, pages.build(result.plan).pages


@pytest.mark.parametrize("golden,path", sorted(GOLDEN_PAGES.items()))
def test_page_matches_golden(bundled: tuple[Plan, dict[str, str]], golden: str, path: str) -> None:
    text = bundled[1][path]
    target = GOLDEN / golden
    if os.environ.get("BVPP_REFRESH_GOLDEN"):
        target.write_text(text, encoding="utf-8")
    assert text == target.read_text(encoding="utf-8"), f"{path} differs from {target}"


def test_every_outcome_has_a_page_and_a_row_on_its_priority_page(
    bundled: tuple[Plan, dict[str, str]],
) -> None:
    plan, built = bundled
    for theme, priority, outcome in plan.outcomes():
        assert f"outcomes/{outcome.id}.md" in built
        parent = (
            f"themes/{theme.id}/priority-{priority.letter.lower()}.md"
            if priority
            else f"themes/{theme.id}/other-areas-of-activity.md"
        )
        assert f'<tr id="{outcome.id}" role="row">' in built[parent]


def test_nav_is_shallow_outcomes_are_not_in_it(bundled: tuple[Plan, dict[str, str]]) -> None:
    plan, _ = bundled
    flat = repr(pages.build_nav(plan))
    assert "outcomes/" not in flat
    assert flat.count("priority-") == sum(len(t.priorities) for t in plan.themes)


def test_directorate_pages_list_exactly_their_outcomes(bundled: tuple[Plan, dict[str, str]]) -> None:
    plan, built = bundled
    for directorate in plan.directorates:
        page = built[f"directorates/{directorate.code.lower()}.md"]
        led = [
            o for _t, _p, o in plan.outcomes()
            if isinstance(o.lead_directorates, list) and directorate.code in o.lead_directorates
        ]
        assert page.count("](../outcomes/") == len(led)


def test_gaps_page_lists_every_gap(bundled: tuple[Plan, dict[str, str]]) -> None:
    plan, built = bundled
    from generator.derive.gaps import find_gaps

    gaps = find_gaps(plan)
    page = built["gaps.md"]
    assert f"This draft leaves {len(gaps)} places unfinished" in page
    # one row per part of the plan in the summary table, then one row per gap
    # (a table of 3 or more columns carries explicit roles for its phone layout, generator/render/cards.py)
    rows = page.count('<tr><th scope="row"><a href="')
    rows += page.count('<tr role="row"><th scope="row" role="rowheader"><a href="')
    assert rows - len({g.group for g in gaps}) == len(gaps)


def test_draft_banner_only_while_draft(bundled: tuple[Plan, dict[str, str]]) -> None:
    plan, built = bundled
    assert '!!! warning "This is a draft"' in built["index.md"]
    final = Plan(
        plan=plan.plan.model_copy(update={"status": "final"}),
        directorates=plan.directorates,
        contacts=plan.contacts,
        themes=plan.themes,
        sections=plan.sections,
        corrections=plan.corrections,
    )
    assert "This is a draft" not in pages.build(final).pages["index.md"]


@pytest.mark.parametrize(
    ("title", "short"),
    [
        ("Removal of graffiti", "Removal of graffiti"),
        (
            "Removal of all graffiti from public buildings within 48 hours of it being reported",
            "Removal of all graffiti from public buildings within 48…",
        ),
        ("a" * 59 + " bcd", "a" * 59 + "…"),  # the cut falls on a space: every word kept whole
        (
            "Recycling, composting, waste minimisation, and the collection of bulky waste",
            "Recycling, composting, waste minimisation, and the…",
        ),
        ("x" * 70, "x" * 59 + "…"),  # one word longer than the limit: nothing else fits
    ],
)
def test_breadcrumb_titles_are_shortened_between_words(title: str, short: str) -> None:
    assert shortened(title) == short
    assert len(shortened(title)) <= 60
