"""Rules over indicators that need the whole plan: references, polarity, and codes in outcome text.

An unknown or ambiguous code in an outcome's text is a warning at that text's line (the page
shows it unlinked), and so is a reference from indicators.yaml to an outcome, a contact or a
directorate that does not exist (the page leaves it out: a theme file being rewritten does
not stop the build). A reserved id, or values without a polarity, is an error: the rating
cannot be worked out.
"""

from __future__ import annotations

from collections.abc import Iterator

from generator.core.problems import Problem, Severity, dotted, suggest_known
from generator.derive.citations import IndicatorIndex
from generator.model import urls as paths
from generator.model.plan import Plan


def indicator_problems(plan: Plan, index: IndicatorIndex) -> list[Problem]:
    """Every indicator problem in the plan: broken references first, then unresolved codes."""
    return [*_references(plan, index), *_unresolved(index)]


def _references(plan: Plan, index: IndicatorIndex) -> Iterator[Problem]:
    outcomes = {outcome.id for _t, _p, outcome in plan.outcomes()}
    contacts = {contact.id for contact in plan.contacts}
    directorates = {d.code for d in plan.directorates}
    for indicator in index.catalogue.indicators:
        spec = indicator.spec
        if spec.id in paths.RESERVED_INDICATOR_IDS:
            yield Problem(
                spec.where("id"), dotted(spec.field_path("id")), f'"{spec.id}" is a reserved name',
                "the indicators folder uses it for its own page; choose another id",
            )
        for field, known, what in (("outcomes", outcomes, "outcome"), ("contacts", contacts, "contact")):
            for position, item in enumerate(getattr(spec, field)):
                if item not in known:
                    yield Problem(
                        spec.where(field, position),
                        dotted(spec.field_path(field, position)),
                        f'unknown {what} "{item}": the indicator\'s page leaves it out',
                        suggest_known(item, sorted(known)) or f"use the id of an existing {what}",
                        Severity.WARNING,
                        kind="indicator",
                    )
        if spec.owner is not None and spec.owner not in directorates:
            yield Problem(
                spec.where("owner"), dotted(spec.field_path("owner")),
                f'unknown directorate "{spec.owner}" (known: {", ".join(sorted(directorates))})',
                "add it to directorates.yaml or correct the code",
                Severity.WARNING,
                kind="indicator",
            )
        if spec.polarity is None and any(row.actual.given for row in indicator.rows):
            yield Problem(
                spec.where("id"), dotted(spec.field_path("id")),
                f"{spec.label} has values in values.csv but no polarity",
                "add 'polarity: higher' or 'polarity: lower' (which way is better): the rating needs it",
            )


def _unresolved(index: IndicatorIndex) -> Iterator[Problem]:
    for item in index.unresolved:
        mention = item.mention
        if item.candidates:
            message = (
                f'indicator code "{mention.written}" is ambiguous: it could be '
                f"{', '.join(item.candidates)}"
            )
            hint = "write the full code as the catalogue has it, so that it links to one page"
        else:
            message = f'indicator code "{mention.written}" ({mention.label}) is not in the catalogue'
            hint = (
                "add it to content/indicators/indicators.yaml (with only what the sources say), "
                "or correct the code; until then it is shown without a link"
            )
        yield Problem(item.location, item.field, message, hint, Severity.WARNING, kind="indicator")
