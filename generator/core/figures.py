"""Figures as the plan publishes them: ``9,161``, ``-1.75%``, ``£1033.89``, ``-0.377``, ``-``.

A figure keeps its published text; its value is read exactly (``Decimal``, never float) so
that sums compare without binary rounding. ``-`` and an empty cell are *no figure*: they have
no value and nothing here ever supplies one.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

Unit = Literal["", "%", "£"]

_FIGURE = re.compile(
    r"^(?P<sign>[-+\u2212]?)(?P<pound>£?)"
    r"(?P<whole>\d{1,3}(?:,\d{3})+|\d+)(?:\.(?P<fraction>\d+))?(?P<percent>%?)$"
)
NO_FIGURE = frozenset({"", "-", "\u2013", "\u2014", "\u2212"})
"""Cells that hold no figure: empty, or a dash (hyphen, en dash, em dash, minus sign)."""


@dataclass(frozen=True)
class Figure:
    """One published figure, or a published absence of one (``value`` is None)."""

    text: str
    value: Decimal | None
    unit: Unit = ""
    decimals: int = 0
    grouped: bool = False

    @property
    def missing(self) -> bool:
        """True for an empty cell or a dash: the draft gives no figure here."""
        return self.value is None

    @property
    def blank(self) -> bool:
        """True for an empty cell (as opposed to a published dash)."""
        return self.value is None and self.text == ""


def parse_figure(text: str) -> Figure | None:
    """Read a cell as a figure; None when it is words, not a figure.

    Accepted: an optional sign, an optional ``£``, digits with or without thousands commas
    (``9,161`` but not ``91,61``), optional decimals, an optional ``%``. ``-`` and an empty cell
    give a figure with no value.
    """
    stripped = text.strip()
    if stripped in NO_FIGURE:
        return Figure(stripped, None)
    match = _FIGURE.match(stripped)
    if match is None or (match["pound"] and match["percent"]):
        return None
    fraction = match["fraction"] or ""
    number = Decimal(match["whole"].replace(",", "") + (f".{fraction}" if fraction else ""))
    if match["sign"] in {"-", "\u2212"}:
        number = -number
    unit: Unit = "£" if match["pound"] else "%" if match["percent"] else ""
    return Figure(stripped, number, unit, len(fraction), "," in match["whole"])


def format_figure(value: Decimal, like: list[Figure]) -> str:
    """Write a computed value in the style of the published figures it is compared with.

    Decimals and thousands commas follow the published figures, but never hide digits: a
    value that needs more decimals than they show keeps them.
    """
    shown = [f for f in like if f.value is not None]
    decimals = shown[0].decimals if shown else 0
    exponent = value.normalize().as_tuple().exponent
    if isinstance(exponent, int) and -exponent > decimals:
        decimals = -exponent
    grouped = any(f.grouped for f in shown)
    unit = next((f.unit for f in shown if f.unit), "")
    body = f"{abs(value):{',' if grouped else ''}.{decimals}f}"
    sign = "-" if value < 0 else ""
    if unit == "£":
        return f"{sign}£{body}"
    return f"{sign}{body}{unit}"


def shown(text: str, unit: str | None) -> str:
    """A figure with its unit as the site writes it: ``35%``, ``9.98``."""
    return f"{text}%" if unit == "%" else text


def long_date(day: dt.date) -> str:
    """A date as the site writes it, e.g. ``31 March 2004`` (``%-d`` is glibc-only: not used)."""
    return f"{day.day} {day:%B %Y}"
