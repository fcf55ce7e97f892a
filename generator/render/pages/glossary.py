"""The glossary page: every abbreviation of content/glossary.yaml, and the directorates' codes."""

from __future__ import annotations

from generator.model import urls as paths
from generator.model.plan import Plan
from generator.render.jinja import render

NAV_TITLE = "Glossary"
"""The page's name in the navigation."""


def glossary_page(plan: Plan) -> tuple[str, str]:
    """The glossary's path and Markdown text."""
    return paths.GLOSSARY, render(
        "glossary.md.j2",
        page=paths.GLOSSARY,
        nav_title=NAV_TITLE,
        terms=sorted(plan.glossary, key=lambda entry: entry.term.casefold()),
        directorates=[(d.code, d.name, paths.directorate(d)) for d in plan.directorates],
    )
