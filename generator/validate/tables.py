"""Where tables are placed, and the rules over them: markers, placement, arithmetic, gaps.

A narrative section places a table with a line of its own, ``{{ table: ID }}``. These rules
need the whole plan (sections and tables together), so they run in the validate stage and
return problems as values: an unknown or malformed marker is an error at the section's line,
a table no section places is a warning, a sum the published figures do not satisfy is an
``arithmetic`` warning at the total's CSV cell. Missing figures that a check needs are draft
gaps, reported through :mod:`generator.derive.gaps` like every other gap.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from generator.core.problems import Location, Problem, Severity
from generator.derive.arithmetic import check_table, describe
from generator.load.plan import suggest_known
from generator.load.tables import Cell, Table
from generator.model import urls as paths
from generator.model.plan import Plan, Section

MARKER = re.compile(r"^\{\{\s*table:\s*(?P<id>[^\s{}]+)\s*\}\}$")
GAP_MARKER = re.compile(r"^\{\{\s*missing:\s*(?P<words>[^{}]+?)\s*\}\}$")
"""``{{ missing: chart here }}``: a narrative gap, in the draft's own words."""
PROGRESS_MARKER = re.compile(r"^\{\{\s*progress:\s*(?P<id>[^\s{}]+)\s*\}\}$")
"""``{{ progress: PLAN-ID }}``: a progress plan's summary table (see generator/progress_rules.py)."""
_LOOKS_LIKE_MARKER = re.compile(r"^\{\{.*\}\}$")


@dataclass(frozen=True)
class Marker:
    """A ``{{ table: ID }}`` line in a section (``table_id`` is None when it is malformed)."""

    table_id: str | None
    text: str
    index: int
    """The line's index in the section's body."""
    location: Location


@dataclass(frozen=True)
class MissingFigure:
    """A cell a check needs that holds no figure in the draft."""

    table: Table
    cell: Cell
    page: str


def scan_markers(section: Section) -> list[Marker]:
    """Every marker line in a section's body, outside code fences."""
    found: list[Marker] = []
    in_fence = False
    for index, line in enumerate(section.body.split("\n")):
        stripped = line.strip()
        if stripped.startswith(("```", "~~~")):
            in_fence = not in_fence
        if in_fence or not _LOOKS_LIKE_MARKER.match(stripped):
            continue
        match = MARKER.match(stripped)
        column = len(line) - len(line.lstrip()) + 1
        location = Location(section.where().file, section.body_line + index, column)
        found.append(Marker(match["id"] if match else None, stripped, index, location))
    return found


def table_anchor(table: Table) -> str:
    """The HTML id of a placed table, for links from the gaps page."""
    return f"table-{table.id}"


def placements(plan: Plan) -> dict[str, tuple[Section, Marker]]:
    """The first place each known table is put: its section and marker line."""
    known = {table.id for table in plan.tables}
    placed: dict[str, tuple[Section, Marker]] = {}
    for section in plan.sections:
        for marker in scan_markers(section):
            if marker.table_id in known and marker.table_id not in placed:
                placed[marker.table_id] = (section, marker)
    return placed


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


def missing_figures(plan: Plan) -> list[MissingFigure]:
    """Every cell that a check needs and the draft leaves without a figure, once each."""
    placed = placements(plan)
    found: dict[tuple[str, Location], MissingFigure] = {}
    for table in plan.tables:
        section = placed.get(table.id)
        page = f"{paths.section(section[0])}#{table_anchor(table)}" if section else paths.GAPS
        for comparison in check_table(table):
            for cell in comparison.missing:
                found.setdefault((table.id, cell.location), MissingFigure(table, cell, page))
    return list(found.values())
