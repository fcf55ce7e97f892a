"""The accessibility statement: the UK public-sector model, filled in from the plan itself.

Everything the statement says about the site that can change with the data (the council's
name, whether the plan is a draft, how many places are still missing) is computed from the
model, so the statement can never disagree with the pages it describes.
"""

from __future__ import annotations

from generator.model import urls as paths
from generator.model.plan import Plan
from generator.render.jinja import render

NAV_TITLE = "Accessibility statement"
"""The statement's name in the navigation and the footer of every page."""


def accessibility_page(plan: Plan, gap_count: int) -> tuple[str, str]:
    """The statement's path and Markdown text."""
    return paths.ACCESSIBILITY, render(
        "accessibility.md.j2",
        page=paths.ACCESSIBILITY,
        plan=plan.plan,
        nav_title=NAV_TITLE,
        gap_count=gap_count,
        has_corrections=bool(plan.corrections),
        has_indicators=plan.indicators is not None,
        has_progress=bool(plan.progress),
    )
