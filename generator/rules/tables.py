"""Where tables are placed, and the rules over them: markers, placement, arithmetic, gaps.

A narrative section places a table with a line of its own, ``{{ table: ID }}``. These rules
need the whole plan (sections and tables together), so they run in the validate stage and
return problems as values: an unknown or malformed marker is an error at the section's line,
a table no section places is a warning, a sum the published figures do not satisfy is an
``arithmetic`` warning at the total's CSV cell. Missing figures that a check needs are draft
gaps, reported through :mod:`generator.derive.gaps` like every other gap.
"""

from __future__ import annotations

from collections.abc import Iterator

from generator.core.problems import Location, Problem, Severity, suggest_known
from generator.derive.arithmetic import check_table, describe
from generator.derive.markers import GAP_MARKER, PROGRESS_MARKER, placements, scan_markers
from generator.model.plan import Plan


def table_problems(plan: Plan) -> list[Problem]:
    """Marker errors, unplaced tables, and the arithmetic the published figures fail."""
    return [*_marker_problems(plan), *_unplaced(plan), *_arithmetic(plan)]


def _marker_problems(plan: Plan) -> Iterator[Problem]:
    known = sorted(table.id for table in plan.tables)
    first: dict[str, Location] = {}
    for section in plan.sections:
        for marker in scan_markers(section):
            if marker.table_id is None and (
                GAP_MARKER.match(marker.text) or PROGRESS_MARKER.match(marker.text)
            ):
                continue
            if marker.table_id is None:
                yield Problem(
                    marker.location,
                    "body",
                    f"not a table marker: {marker.text!r}",
                    "a table is placed with a line of its own: {{ table: ID }}; a progress "
                    "plan's table with {{ progress: PLAN-ID }}; a gap in the text with "
                    "{{ missing: the draft's words }}",
                )
            elif marker.table_id not in known:
                yield Problem(
                    marker.location,
                    "body",
                    f'unknown table "{marker.table_id}"',
                    suggest_known(marker.table_id, known)
                    or "list the table in content/tables.yaml; its id is the CSV file name without .csv",
                )
            elif marker.table_id in first:
                yield Problem(
                    marker.location,
                    "body",
                    f'table "{marker.table_id}" is already placed at {first[marker.table_id]}',
                    "place each table once; link to it from other places instead",
                )
            else:
                first[marker.table_id] = marker.location


def _unplaced(plan: Plan) -> Iterator[Problem]:
    placed = placements(plan)
    for table in plan.tables:
        if table.id not in placed:
            yield Problem(
                table.spec.where("id"),
                "id",
                f'table "{table.id}" is not placed in any section, so it is not published',
                f"add a line {{{{ table: {table.id} }}}} where it belongs in a section",
                Severity.WARNING,
                kind="table",
            )


def _arithmetic(plan: Plan) -> Iterator[Problem]:
    for table in plan.tables:
        for comparison in check_table(table):
            if comparison.status == "disagrees":
                yield Problem(
                    comparison.sum.total.location,
                    table.heading(comparison.sum.total.column),
                    f"{table.spec.title}: {describe(comparison, table)}",
                    f'the check "{comparison.sum.check}" in content/tables.yaml; compare the '
                    "figures with the source: the site shows them as published, with this note",
                    Severity.WARNING,
                    kind="arithmetic",
                )
