"""Running a table's checks: the published parts added up and compared with the published total.

Each :class:`~generator.load.tables.Sum` gives one :class:`Comparison`: the cells compared, the sum
they come to, the total the table shows and the difference. Where a part or the total is
missing in the draft the comparison cannot be made, and says so; nothing is ever filled in.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from generator.core.figures import Figure, format_figure
from generator.model.tables import Cell, Sum, Table

Status = Literal["agrees", "disagrees", "cannot check"]

MISSING_WORDS = "cannot check: figure missing in the draft"
"""How a comparison with a missing figure is described: neither a pass nor a failure."""


@dataclass(frozen=True)
class Comparison:
    """The result of one sum: which cells, what they add up to, what the table shows."""

    sum: Sum
    expected: Decimal | None
    """What the published parts add up to; None when a part is missing."""
    published: Decimal | None
    """The published total; None when it is missing."""
    missing: tuple[Cell, ...]
    """The cells (parts or total) that hold no figure in the draft."""

    @property
    def difference(self) -> Decimal | None:
        """The published total minus the sum of the parts (None when they cannot be compared)."""
        if self.expected is None or self.published is None:
            return None
        return self.published - self.expected

    @property
    def status(self) -> Status:
        """``agrees`` within the check's tolerance, ``disagrees``, or ``cannot check``."""
        difference = self.difference
        if difference is None:
            return "cannot check"
        return "agrees" if abs(difference) <= self.sum.tolerance else "disagrees"

    @property
    def rounded(self) -> bool:
        """True when the figures agree only within the tolerance allowed for rounding."""
        return self.status == "agrees" and self.difference != 0


def compare(one: Sum) -> Comparison:
    """Add up one sum's published parts and compare them with its published total."""
    cells = [cell for _, cell in one.terms] + [one.total]
    missing = tuple(cell for cell in cells if _value(cell) is None)
    published = _value(one.total)
    if any(cell is not one.total for cell in missing):
        return Comparison(one, None, published, missing)
    expected = sum((sign * (_value(cell) or Decimal(0)) for sign, cell in one.terms), Decimal(0))
    return Comparison(one, expected, published, missing)


def check_table(table: Table) -> list[Comparison]:
    """Every comparison the table's checks make, in the order the checks are listed."""
    return [compare(one) for one in table.sums]


def _value(cell: Cell) -> Decimal | None:
    return cell.figure.value if cell.figure is not None else None


def _figures(comparison: Comparison) -> list[Figure]:
    cells = [comparison.sum.total] + [cell for _, cell in comparison.sum.terms]
    return [cell.figure for cell in cells if cell.figure is not None]


def place(cell: Cell, table: Table) -> str:
    """A cell named as an officer would find it: its row label and column heading."""
    return f"{cell.row}, {table.heading(cell.column)}"


def describe(comparison: Comparison, table: Table) -> str:
    """One sentence saying what a comparison found, for pages and for ``bvpp check``."""
    where = place(comparison.sum.total, table)
    parts = {"down": "the rows", "across": "the columns", "cells": "the figures"}[
        comparison.sum.direction
    ]
    if comparison.status == "cannot check":
        what = "; ".join(
            f"{place(cell, table)} is " + (f'"{cell.text}"' if cell.text else "empty")
            for cell in comparison.missing
        )
        return f"{where}: {MISSING_WORDS} ({what})"
    like = _figures(comparison)
    expected = format_figure(comparison.expected or Decimal(0), like)
    shown = comparison.sum.total.text
    difference = comparison.difference or Decimal(0)
    if comparison.status == "disagrees":
        direction = "more" if difference > 0 else "less"
        return (
            f"{where}: {parts} add up to {expected} but the table shows {shown} "
            f"({format_figure(abs(difference), like)} {direction} than the sum)"
        )
    if comparison.rounded:
        return (
            f"{where}: {parts} add up to {expected}; the table shows {shown}, "
            f"within rounding (difference {format_figure(abs(difference), like)})"
        )
    return f"{where}: {parts} add up to {expected}, as the table shows"


def expression(comparison: Comparison, table: Table) -> str:
    """The sum written out with the published figures, e.g. ``357.3 − 18.9 − 95.8 = 242.5``."""
    pieces: list[str] = []
    for index, (sign, cell) in enumerate(comparison.sum.terms):
        text = cell.text if cell.text else "(empty)"
        operator = "−" if sign < 0 else "+"
        lead = "" if index == 0 and sign > 0 else f"{operator} "
        joiner = " " if index else ""
        name = table.heading(cell.column) if comparison.sum.direction == "across" else cell.row
        pieces.append(f"{joiner}{lead}{name} ({text})")
    total = comparison.sum.total
    name = table.heading(total.column) if comparison.sum.direction == "across" else total.row
    return f"{''.join(pieces)} = {name} ({total.text or '(empty)'})"
