"""No message names a validator's internals: every pydantic error code is told in plain words.

The corpus (tests/corpus/) pins the wording of each code a content model raises today through
real content; this walks pydantic's whole list of codes, so that a code a future model starts
raising can never reach an officer as ``expected string_too_short``.
"""

from __future__ import annotations

import re
from typing import get_args

import pytest
from pydantic_core.core_schema import ErrorType

from generator.core.problems import Location
from generator.core.strictyaml import parse_yaml
from generator.load.error_words import PATTERN_WORDS, WANTED
from generator.load.errors import HANDLERS, Fault, _one_problem
from generator.model.plan import Outcome

CODES = sorted(get_args(ErrorType))
_INTERNAL = re.compile(r"\b[a-z]+(?:_[a-z]+)+\b")


def _fault(codes: list[str]) -> Fault:
    doc, _ = parse_yaml("statement: '   '\n", "content/themes/x.yaml")
    assert doc is not None
    errors = [{"type": code, "loc": ("statement",), "msg": "internal words", "ctx": {}} for code in codes]
    return Fault(doc, Outcome, ("statement",), errors, Location("content/themes/x.yaml", 1, 12), False)


@pytest.mark.parametrize("code", CODES)
def test_every_code_is_told_without_its_name(code: str) -> None:
    problem = _one_problem(_fault([code]))
    told = f"{problem.message}\n{problem.hint}"
    assert code not in told
    assert "internal words" not in told  # pydantic's own sentence is never passed through
    assert problem.hint, code
    assert not [w for w in _INTERNAL.findall(told) if w in CODES], told


@pytest.mark.parametrize("code", CODES)
def test_every_code_in_a_union_is_told_without_its_name(code: str) -> None:
    problem = _one_problem(_fault([code, "model_type"]))
    names = [name for name in (code, "model_type") if "_" in name]  # "missing" is also a word
    assert not [name for name in names if name in problem.message], problem.message
    assert problem.message.startswith("expected "), problem.message


def test_every_handled_code_has_its_words() -> None:
    """A handled code used in a union must say what it wanted, not fall back to vague words."""
    assert set(HANDLERS) - {"missing", "extra_forbidden"} <= set(WANTED)
    assert set(HANDLERS) <= set(CODES), "a code pydantic does not have"


def test_a_blank_statement_is_told_as_blank_text() -> None:
    """The reported case: a whitespace-only statement got 'expected string_too_short'."""
    problem = _one_problem(_fault(["string_too_short", "model_type"]))
    assert problem.message == "expected text (not blank) or a gap ('missing: …'), found \"   \""
    assert "missing: <what the source says>" in problem.hint


def _patterns(schema: object) -> set[str]:
    if isinstance(schema, dict):
        found = {schema["pattern"]} if isinstance(schema.get("pattern"), str) else set()
        return found.union(*(_patterns(v) for v in schema.values()))
    if isinstance(schema, list):
        return set().union(*(_patterns(v) for v in schema))
    return set()


def test_every_pattern_a_model_uses_has_words() -> None:
    """A pattern without words would be told as 'text of another form': vague, so refused."""
    from generator.model.schema import CONTENT_SCHEMAS

    used = set().union(*(_patterns(c.model.model_json_schema()) for c in CONTENT_SCHEMAS))
    assert used, "no patterns found: the walk is broken"
    assert used <= set(PATTERN_WORDS), used - set(PATTERN_WORDS)
