"""Marker lines in narrative sections, ``{{ table: ID }}``, ``{{ missing: … }}`` and
``{{ progress: PLAN-ID }}``, found once: the gaps, the pages, the PDF and the rules all read them."""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.core.problems import Location
from generator.derive.arithmetic import check_table
from generator.model import urls as paths
from generator.model.base import Section
from generator.model.plan import Plan
from generator.model.tables import Cell, Table

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


def progress_placements(plan: Plan) -> dict[str, str]:
    """The section id where each progress plan's table is placed (the first place)."""
    placed: dict[str, str] = {}
    for section in plan.sections:
        for marker in scan_markers(section):
            match = PROGRESS_MARKER.match(marker.text)
            if match is not None:
                placed.setdefault(match["id"], section.id)
    return placed
