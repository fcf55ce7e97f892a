"""A spreadsheet cell's text as the officer typed or saw it, never a float's digits.

Excel stores 48.50 as the number 48.5 and shows it through the cell's number format; what the
return means is what was shown, so the format decides the text: ``0.00`` gives ``48.50``,
``#,##0`` gives ``1,234``, ``0.0%`` gives ``48.5%``. A formula's value is used only when the
workbook stored it (Excel does when it saves); otherwise the cell is refused, located.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import ROUND_HALF_UP, Decimal

_NUMBER_FORMAT = re.compile(r"^(?P<grouped>#,##)?0(?:\.(?P<decimals>0+))?(?P<percent>%?)$")

Refusal = tuple[str, str]
"""A message and a hint."""


def cell_text(
    raw: object, stored: object, number_format: str, formula: bool = False
) -> tuple[str, Refusal | None]:
    """The text of a cell from its raw value, its stored (cached) value and its format."""
    if formula:
        if stored is None:
            shown = raw if isinstance(raw, str) else "an array formula"
            return "", (
                f"expected a value, found the formula {shown} with no value stored",
                "type the figure itself; or open and save the workbook in Excel so that it stores the value",
            )
        raw = stored
    if raw is None:
        return "", None
    if isinstance(raw, bool):
        return ("TRUE" if raw else "FALSE"), None
    if isinstance(raw, (dt.date, dt.datetime, dt.time)):
        whole_day = isinstance(raw, dt.datetime) and raw.time() == dt.time()
        day = raw.date().isoformat() if isinstance(raw, dt.datetime) and whole_day else raw.isoformat()
        return "", (
            f"expected a number or text, found a date ({day})",
            "Excel turned what was typed into a date: format the cell as Text and type it again",
        )
    if isinstance(raw, (int, float)):
        return number_text(raw, number_format), None
    return str(raw).replace("\r\n", "\n").strip(), None


def number_text(value: int | float, number_format: str) -> str:
    """A number as Excel displays it in ``number_format`` (General: up to 15 significant digits)."""
    exact = Decimal(value) if isinstance(value, int) else Decimal(repr(value))
    section = number_format.split(";")[0].strip()
    match = _NUMBER_FORMAT.match(section)
    if match is None:
        return _general(exact)
    if match["percent"]:
        exact *= 100
    places = len(match["decimals"] or "")
    rounded = exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    body = f"{abs(rounded):{',' if match['grouped'] else ''}.{places}f}"
    return f"{'-' if rounded < 0 else ''}{body}{match['percent']}"


def _general(exact: Decimal) -> str:
    # Excel holds 15 significant digits: 0.1 + 0.2 shows as 0.3, not 0.30000000000000004.
    text = f"{float(exact):.15g}" if exact != exact.to_integral_value() else f"{exact:.0f}"
    return text if "e" not in text else format(exact.normalize(), "f")
