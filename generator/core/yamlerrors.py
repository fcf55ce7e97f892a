"""libyaml's parser errors in plain words, at the place an officer has to look.

One row per kind of mistake the error corpus shows (tests/corpus): the words libyaml uses, and
what we say instead, with a hint. A message no row knows is still shown, prefixed "not valid
YAML", so nothing is ever hidden.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import yaml

from generator.core.problems import Location, Problem, dotted

FieldAt = Callable[[int], "tuple[str | int, ...] | None"]
"""The path of the field written on a line, if the parser got that far."""

_SYNTAX_HINT = (
    "check quotes, colons and indentation near this place; "
    "a value containing ': ' or ' #' or starting with a quote must be quoted whole"
)


def quote_suggestion(line: str) -> str:
    """``title: Budget: 2024`` → ``title: "Budget: 2024"``, for hints; "" if not a field line."""
    match = re.match(r'^\s*((?:- )?[^\s:#"\'][^:#]*?):\s+(\S.*?)\s*$', line)
    if not match:
        return ""
    value = match.group(2).replace("\\", "\\\\").replace('"', '\\"')
    return f'{match.group(1)}: "{value}"'


@dataclass(frozen=True)
class _Said:
    """What one libyaml error means: the message and hint, and the mark to point at."""

    message: str
    hint: str = _SYNTAX_HINT
    mark: Any = None


def _unclosed_quote(exc: yaml.MarkedYAMLError, lines: list[str]) -> _Said:
    return _Said(
        "expected a closing quote for the value starting here, found the end of the file",
        "end the value with the same quote it starts with; the file may have been cut short",
        exc.context_mark,
    )


def _second_colon(exc: yaml.MarkedYAMLError, lines: list[str]) -> _Said:
    mark = exc.problem_mark
    suggestion = quote_suggestion(lines[mark.line]) if mark else ""
    return _Said(
        "expected one 'name: value' on this line, found a second ': ' inside the value",
        f"put the whole value in quotes: {suggestion}" if suggestion else _SYNTAX_HINT,
    )


def _unclosed_bracket(exc: yaml.MarkedYAMLError, lines: list[str]) -> _Said:
    opened = exc.context_mark.line + 1 if exc.context_mark else 0
    closer, what = ("]", "list") if "sequence" in (exc.context or "") else ("}", "mapping")
    mark = exc.problem_mark
    found = "the end of the file" if mark and mark.line >= len(lines) - 1 else "something else"
    return _Said(
        f"expected ',' or '{closer}' to go on with the {what} opened at line {opened}, found {found}",
        f"close the {what} with '{closer}'; the file may have been cut short",
    )


def _bad_start(exc: yaml.MarkedYAMLError, lines: list[str]) -> _Said:
    mark = exc.problem_mark
    char = lines[mark.line][mark.column : mark.column + 1] if mark else ""
    return _Said(
        f"expected a value, found {char!r}, which cannot start a value without quotes",
        "put the whole value in quotes",
    )


def _misaligned(exc: yaml.MarkedYAMLError, lines: list[str]) -> _Said:
    return _Said(
        "expected the next field or list entry, lined up with the ones above it",
        "indent this line with spaces exactly as far as the other lines of the same item",
    )


def _no_colon(exc: yaml.MarkedYAMLError, lines: list[str]) -> _Said:
    return _Said(
        "expected 'name: value', found a line without ': '",
        "add ': ' after the name, or if this line continues a value, put that value in quotes",
        exc.context_mark or exc.problem_mark,
    )


_Rule = tuple[Callable[[yaml.MarkedYAMLError], bool], Callable[[yaml.MarkedYAMLError, list[str]], _Said]]
_RULES: list[_Rule] = [
    (lambda e: "end of stream" in (e.problem or "") and "quoted scalar" in (e.context or "")
     and e.context_mark is not None, _unclosed_quote),
    (lambda e: "mapping values are not allowed" in (e.problem or "") and e.problem_mark is not None,
     _second_colon),
    (lambda e: "did not find expected ',' or" in (e.problem or "") and e.context_mark is not None,
     _unclosed_bracket),
    (lambda e: "cannot start any token" in (e.problem or "") and e.problem_mark is not None, _bad_start),
    (lambda e: "did not find expected key" in (e.problem or "")
     or "expected '-' indicator" in (e.problem or ""), _misaligned),
    (lambda e: "could not find expected ':'" in (e.problem or ""), _no_colon),
]


def syntax_problem(exc: yaml.MarkedYAMLError, text: str, file: str, field_at: FieldAt) -> Problem:
    """A parser error in plain words, at the place an officer has to look."""
    lines = text.split("\n")
    said = next((handle(exc, lines) for matches, handle in _RULES if matches(exc)), None)
    if said is None:
        context = exc.context or ""
        said = _Said(f"not valid YAML: {f'{context}: ' if context else ''}{exc.problem or ''}")
    mark = said.mark or exc.problem_mark or exc.context_mark
    if mark is None:
        return Problem(Location(file), "", said.message, said.hint, kind="syntax")
    where = Location(file, mark.line + 1, mark.column + 1)
    return Problem(where, dotted(field_at(where.line) or ()), said.message, said.hint, kind="syntax")
