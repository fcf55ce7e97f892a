"""The plan's own records as open data: themes, priorities, outcomes, directorates, contacts, gaps.

Every value comes from the model; counts are computed from it, so the files agree with the
pages. ``page`` columns hold the address of the record's page relative to the site's root.
What each column means is in the dictionary (:mod:`generator.render.opendata.dictionary`).
"""

from __future__ import annotations

from collections.abc import Iterator

from generator.derive.gaps import field_labels
from generator.model import urls as paths
from generator.model.base import Gap
from generator.model.plan import Outcome, Plan, Priority, Theme
from generator.render.opendata.dictionary import declared
from generator.render.opendata.resource import Resource, Row, Source, text_fields


def themes(source: Source) -> Iterator[Resource]:
    """One record per theme, in the plan's order."""
    plan = source.plan
    records: list[Row] = []
    for theme in plan.themes_in_order():
        records.append(
            {
                "id": theme.id,
                "title": theme.title,
                "heading": theme.heading,
                **text_fields("intro", theme.intro),
                "priorities": len(theme.priorities),
                "outcomes": sum(1 for _ in theme.outcomes()),
                "other_activity_missing": _gap_words(theme.other_activity),
                "indicators_table_missing": _gap_words(theme.indicators_table),
                "page": paths.site_url(paths.theme(theme)),
            }
        )
    yield declared("themes", tuple(records))


def _gap_words(value: object) -> str | None:
    return value.missing if isinstance(value, Gap) else None


def priorities(source: Source) -> Iterator[Resource]:
    """One record per priority of every theme."""
    plan = source.plan
    records: list[Row] = []
    for theme in plan.themes_in_order():
        for priority in theme.priorities:
            outcomes = priority.outcomes
            records.append(
                {
                    "theme_id": theme.id,
                    "letter": priority.letter,
                    **text_fields("title", priority.title),
                    "outcomes": len(outcomes) if isinstance(outcomes, list) else 0,
                    "outcomes_missing": _gap_words(outcomes),
                    "page": paths.site_url(paths.priority(theme, priority)),
                }
            )
    yield declared("priorities", tuple(records))


def outcomes(source: Source) -> Iterator[Resource]:
    """One record per outcome row: every field of the plan's five columns."""
    plan = source.plan
    records = [_outcome_row(theme, priority, outcome) for theme, priority, outcome in _in_order(plan)]
    yield declared("outcomes", tuple(records), words=field_labels(plan))


def _in_order(plan: Plan) -> Iterator[tuple[Theme, Priority | None, Outcome]]:
    for theme in plan.themes_in_order():
        for priority, outcome in theme.outcomes():
            yield theme, priority, outcome


def _outcome_row(theme: Theme, priority: Priority | None, outcome: Outcome) -> Row:
    return {
        "id": outcome.id,
        "theme_id": theme.id,
        "priority": priority.letter if priority else None,
        "part": f"Priority {priority.letter}" if priority else "Other areas of activity",
        **text_fields("statement", outcome.statement),
        **text_fields("lead_directorates", outcome.lead_directorates),
        **text_fields("what_we_did", outcome.what_we_did),
        **text_fields("actions_planned", outcome.actions_planned),
        "related": list(outcome.related),
        **text_fields("contacts", outcome.contacts),
        "note": outcome.note,
        "page": paths.site_url(paths.outcome(outcome)),
    }


def directorates(source: Source) -> Iterator[Resource]:
    """The directorates, with how many outcomes each leads."""
    plan = source.plan
    led = plan.lead_counts()
    yield declared(
        "directorates",
        tuple(
            {
                "code": d.code,
                "name": d.name,
                "outcomes_led": led[d.code],
                "page": paths.site_url(paths.directorate(d)),
            }
            for d in plan.directorates
        ),
        page=paths.DIRECTORATES,
    )


def contacts(source: Source) -> Iterator[Resource]:
    """The contact officers the plan names, with how many outcomes each is named for."""
    plan = source.plan
    named = plan.contact_counts()
    yield declared(
        "contacts",
        tuple(
            {
                "id": c.id,
                "name": c.name,
                "phone": c.phone,
                "outcomes": named[c.id],
                "page": paths.site_url(paths.contact_anchor(c)),
            }
            for c in plan.contacts
        ),
        page=paths.CONTACTS,
    )


def gaps(source: Source) -> Iterator[Resource]:
    """Every place the draft leaves unfinished, as the gaps page lists them."""
    yield declared(
        "gaps",
        tuple(
            {
                "part": gap.group,
                "place": gap.context,
                "field": gap.field,
                "words": gap.words,
                "kind": "missing value" if gap.explicit else "placeholder in text",
                "page": paths.site_url(gap.page),
            }
            for gap in source.facts.gaps
        ),
        page=paths.GAPS,
    )
