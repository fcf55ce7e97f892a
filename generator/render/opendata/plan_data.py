"""The plan's own records as open data: themes, priorities, outcomes, directorates, contacts, gaps.

Every value comes from the model; counts are computed from it, so the files agree with the
pages. ``page`` columns hold the address of the record's page relative to the site's root.
"""

from __future__ import annotations

from collections.abc import Iterator

from generator.derive.gaps import field_labels
from generator.model import urls as paths
from generator.model.base import Gap
from generator.model.plan import Outcome, Plan, Priority, Theme
from generator.render.opendata.resource import (
    Column,
    ForeignKey,
    Resource,
    Row,
    Source,
    gap_columns,
    text_fields,
)

PAGE = Column("page", "string", "The address of the record's page, relative to the site's root")


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
    yield Resource(
        "themes",
        "Themes",
        "The plan's themes in order, with how many priorities and outcomes each has.",
        (
            Column("id", "string", "The theme's id, as used in its address", required=True),
            Column("title", "string", "The theme's short name", required=True),
            Column("heading", "string", "The theme's section heading in the plan", required=True),
            *gap_columns("intro", "string", "The line introducing the theme's priorities"),
            Column("priorities", "integer", "How many priorities the theme has", required=True),
            Column(
                "outcomes",
                "integer",
                "How many outcomes the theme has, other areas of activity included",
            ),
            Column(
                "other_activity_missing",
                "string",
                "Set when the draft leaves the theme's 'Other areas of activity' table out: the "
                "draft's words",
            ),
            Column(
                "indicators_table_missing",
                "string",
                "Set while the draft only promises the theme's table of BVPIs and local PIs: the "
                "draft's words",
            ),
            PAGE,
        ),
        tuple(records),
        primary_key=("id",),
    )


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
    yield Resource(
        "priorities",
        "Priorities",
        "Every priority (A, B, …) of every theme.",
        (
            Column("theme_id", "string", "The id of the priority's theme", required=True),
            Column("letter", "string", "The priority's letter", required=True),
            *gap_columns("title", "string", "The priority's title"),
            Column("outcomes", "integer", "How many outcome rows the priority has"),
            Column(
                "outcomes_missing",
                "string",
                "Set when the draft gives no outcome rows: the draft's words",
            ),
            PAGE,
        ),
        tuple(records),
        primary_key=("theme_id", "letter"),
        foreign_keys=(ForeignKey("theme_id", "themes", "id"),),
    )


def outcomes(source: Source) -> Iterator[Resource]:
    """One record per outcome row: every field of the plan's five columns."""
    plan = source.plan
    labels = field_labels(plan)
    records = [_outcome_row(theme, priority, outcome) for theme, priority, outcome in _in_order(plan)]
    yield Resource(
        "outcomes",
        "Outcomes",
        "Every outcome row of the plan's five-column tables, in plan order. Where the draft "
        "leaves a field out, the field is empty and its '_missing' column gives the draft's words.",
        (
            Column("id", "string", "The outcome's id, as used in its address", required=True),
            Column("theme_id", "string", "The id of the outcome's theme", required=True),
            Column(
                "priority",
                "string",
                "The priority's letter; empty for the theme's other areas of activity",
            ),
            Column(
                "part",
                "string",
                "Where the outcome sits: 'Priority A' or 'Other areas of activity'",
                required=True,
            ),
            *gap_columns("statement", "string", labels["statement"]),
            *gap_columns(
                "lead_directorates", "string", f"{labels['lead_directorates']}: directorate codes", many=True
            ),
            *gap_columns("what_we_did", "string", labels["what_we_did"], many=True),
            *gap_columns("actions_planned", "string", labels["actions_planned"], many=True),
            Column("related", "string", labels["related"], many=True),
            *gap_columns("contacts", "string", f"{labels['contacts']}: ids of contacts", many=True),
            Column("note", "string", "An editor's note on how the row was read from the source"),
            PAGE,
        ),
        tuple(records),
        primary_key=("id",),
        foreign_keys=(ForeignKey("theme_id", "themes", "id"),),
    )


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
    yield Resource(
        "directorates",
        "Directorates",
        "The council's directorates that lead outcomes.",
        (
            Column("code", "string", "The directorate's code, as used in the outcomes", required=True),
            Column("name", "string", "The directorate's name", required=True),
            Column("outcomes_led", "integer", "How many outcomes name it as a lead directorate"),
            PAGE,
        ),
        tuple(
            {
                "code": d.code,
                "name": d.name,
                "outcomes_led": led[d.code],
                "page": paths.site_url(paths.directorate(d)),
            }
            for d in plan.directorates
        ),
        primary_key=("code",),
        page=paths.DIRECTORATES,
    )


def contacts(source: Source) -> Iterator[Resource]:
    """The contact officers the plan names, with how many outcomes each is named for."""
    plan = source.plan
    named = plan.contact_counts()
    yield Resource(
        "contacts",
        "Contacts",
        "The officers the plan names as contacts for further information, telephone numbers as published.",
        (
            Column("id", "string", "The contact's id, as used in the outcomes", required=True),
            Column("name", "string", "The officer's name as the plan gives it", required=True),
            Column("phone", "string", "Telephone number or extension as published; empty when none is given"),
            Column("outcomes", "integer", "How many outcomes name the officer as a contact"),
            PAGE,
        ),
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
        primary_key=("id",),
        page=paths.CONTACTS,
    )


def gaps(source: Source) -> Iterator[Resource]:
    """Every place the draft leaves unfinished, as the gaps page lists them."""
    yield Resource(
        "gaps",
        "What is still missing from this draft",
        "Every place the draft leaves unfinished: a value it leaves out ('missing value') or a "
        "placeholder in its text such as 'XXX' or 'to be completed' ('placeholder in text').",
        (
            Column(
                "part",
                "string",
                "The part of the plan: a theme, 'Narrative sections' or 'Tables'",
                required=True,
            ),
            Column("place", "string", "Where in that part", required=True),
            Column("field", "string", "The field or column that is unfinished", required=True),
            Column("words", "string", "What the draft says there, word for word", required=True),
            Column("kind", "string", "'missing value' or 'placeholder in text'", required=True),
            PAGE,
            # No content file, line or column: the open data is for residents, and a file path
            # is an internal word (CONTENT-STYLE); officers get them from 'bvpp check'.
        ),
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
