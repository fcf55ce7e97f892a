"""Rules for the glossary and the council's contact route, which pages everywhere rely on."""

from __future__ import annotations

from collections.abc import Iterator

from generator.core.problems import FirstGiven, Problem
from generator.model.plan import FeedbackRoute, Plan


def glossary_problems(plan: Plan) -> Iterator[Problem]:
    """A term listed twice, or a term that is a directorate's code (those come from directorates.yaml)."""
    terms: FirstGiven[str, int] = FirstGiven()
    codes = {d.code for d in plan.directorates}
    for index, entry in enumerate(plan.glossary):
        if (first := terms.earlier(entry.term, index)) is not None:
            yield Problem(
                entry.where("term"),
                f"terms[{index}].term",
                f'"{entry.term}" is already listed (terms[{first}])',
                "keep one entry per abbreviation",
            )
        if entry.term in codes:
            yield Problem(
                entry.where("term"),
                f"terms[{index}].term",
                f'"{entry.term}" is a directorate code',
                "pages spell out directorate codes from directorates.yaml: remove this entry",
            )


def contact_problems(plan: Plan) -> Iterator[Problem]:
    """A contact route with no way to reach the council."""
    route = plan.plan.contact
    if isinstance(route, FeedbackRoute) and not (route.email or route.phone or route.address):
        yield Problem(
            plan.plan.where("contact"),
            "contact",
            "expected at least one of email, phone or address, found none",
            'give one, or write missing: "…" with the plan\'s own words while it gives none',
        )


def site_problems(plan: Plan) -> Iterator[Problem]:
    """Every problem of the glossary and the contact route."""
    yield from glossary_problems(plan)
    yield from contact_problems(plan)


