"""CSV text → cells that remember their line and column, or every problem, located at its fault.

The csv module (strict mode) splits records; what it cannot say well is said here: an unclosed
quote is reported where the quote opened (the module notices only at the end of the file), text
after a closing quote at that text, and invisible control or direction characters in a cell
are refused as they are in YAML (:mod:`generator.core.strictyaml`): a NUL byte in a cell would
otherwise be published into the page and the downloads.
"""

from __future__ import annotations

import csv
import re

from generator.core.cache import cached
from generator.core.problems import Location, Problem
from generator.core.text import DIRECTION_CONTROLS, control_problem, direction_problem, line_column

Record = list[tuple[str, Location]]

# What YAML refuses as unprintable (C0 but tab and line breaks, DEL, C1, the non-characters),
# plus the direction controls that make text display in another order than it reads.
_INVISIBLE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff" + "".join(map(chr, DIRECTION_CONTROLS)) + "]"
)
_QUOTING_HINT = 'a cell containing a comma or a quote is written in double quotes, with any " doubled'


def read_csv(text: str, file: str) -> tuple[list[Record], list[Problem]]:
    """The records of a CSV text, each cell with its location; or the problems.

    Inside :func:`generator.core.cache.active` (``bvpp serve``), a text read by the previous build
    is not read again (callers must not change the records they are given).
    """
    records, problems = cached(("csv", file, text), lambda: _read_csv(text, file))
    return records, list(problems)


def _read_csv(text: str, file: str) -> tuple[list[Record], list[Problem]]:
    invisible = _invisible_problems(text, file)
    if invisible:
        return [], invisible
    lines = [line + "\n" for line in text.split("\n")]
    if lines[-1] == "\n":
        lines.pop()
    reader = csv.reader(iter(lines), strict=True)
    records: list[Record] = []
    start = 1
    try:
        for fields in reader:
            if fields:  # a blank line holds no cells
                starts = _cell_starts("".join(lines[start - 1 : reader.line_num]), file, start)
                starts += [starts[-1]] * (len(fields) - len(starts))
                records.append(list(zip(fields, starts, strict=False)))
            start = reader.line_num + 1
    except csv.Error as exc:
        return [], [_syntax_problem("".join(lines[start - 1 :]), file, start, str(exc))]
    if not records:
        return [], [
            Problem(
                Location(file, 1, 1),
                "",
                "expected a header row and rows of figures, found an empty file",
                "save the table again from its spreadsheet as CSV UTF-8, or restore the file",
                kind="syntax",
            )
        ]
    return records, []


def _invisible_problems(text: str, file: str) -> list[Problem]:
    """One problem per line holding an invisible character (the first on that line)."""
    problems: list[Problem] = []
    seen: set[int] = set()
    for match in _INVISIBLE.finditer(text):
        line, column = line_column(text, match.start())
        if line in seen:
            continue
        seen.add(line)
        where = Location(file, line, column)
        char = match.group()
        if ord(char) in DIRECTION_CONTROLS:
            problems.append(direction_problem(where, "", char))
        else:
            problems.append(control_problem(where, "", ord(char)))
    return problems


def _syntax_problem(rest: str, file: str, line: int, reason: str) -> Problem:
    """Where the record starting at ``line`` goes wrong, following RFC 4180 quoting."""
    column, state, opened = 1, "start", Location(file, line, 1)
    for char in rest:
        if state == "closed" and char not in ',"\n':
            if opened.line != line:  # a quote left open swallowed line breaks up to a later one
                return _unclosed(opened, f"a quote only on line {line}, followed by {char!r}")
            return Problem(
                Location(file, line, column),
                "",
                f"expected a comma after the closing quote, found {char!r}",
                f"{_QUOTING_HINT}: put the whole cell in the quotes",
                kind="syntax",
            )
        if char in ",\n" and state != "quoted":
            state = "start"
        elif state == "start":
            state = "quoted" if char == '"' else "unquoted"
            opened = Location(file, line, column)
        elif char == '"' and state in {"quoted", "closed"}:
            state = "closed" if state == "quoted" else "quoted"
        if char == "\n":
            line, column = line + 1, 0
        column += 1
    if state == "quoted":
        return _unclosed(opened, "the end of the file")
    return Problem(opened, "", f"not valid CSV: {reason}", _QUOTING_HINT, kind="syntax")


def _unclosed(opened: Location, found: str) -> Problem:
    return Problem(
        opened,
        "",
        f"expected a closing double quote for the cell that opens here, found {found}",
        f"close the quote at the end of the cell's text; {_QUOTING_HINT}",
        kind="syntax",
    )


def _cell_starts(raw: str, file: str, line: int) -> list[Location]:
    """Where each cell of one record begins, following RFC 4180 quoting."""
    starts = [Location(file, line, 1)]
    column, state = 1, "start"
    for char in raw:
        if state in {"start", "unquoted", "closed"} and char == ",":
            starts.append(Location(file, line, column + 1))
            state = "start"
        elif state == "start":
            state = "quoted" if char == '"' else "unquoted"
        elif state == "quoted" and char == '"':
            state = "closed"
        elif state == "closed":
            state = "quoted" if char == '"' else "unquoted"
        if char == "\n":
            line, column = line + 1, 0
        column += 1
    return starts
