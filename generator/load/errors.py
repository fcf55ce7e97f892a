"""Pydantic's validation errors → located problems in plain English, each with a hint.

Pydantic names its errors by internal codes (``string_too_short``, ``literal_error``, …); an
officer must never see one. Every code a content model can raise has a row in
:data:`HANDLERS` (what the error means here, in words, and what to do); a test walks pydantic's
whole list of codes and fails on any that reaches a message unexplained.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, get_args

from pydantic import ValidationError

from generator.core.problems import Location, Problem, dotted, suggest_known
from generator.core.strictyaml import Path_, YamlDocument
from generator.load.error_words import GAP_HINT, LIST_HINT, PATTERN_WORDS, TYPE_HINTS, WANTED
from generator.model.base import ID_PATTERN, Model


def _invisible(char: str) -> bool:
    category = unicodedata.category(char)
    return category in {"Cc", "Cf", "Zl", "Zp"} or (category == "Zs" and char != " ")


def visible(text: str, limit: int = 80) -> str:
    """Text for a message: one line, invisible characters shown as <U+200B>, long text cut."""
    shown = "".join(f"<U+{ord(c):04X}>" if _invisible(c) else c for c in text)
    return shown if len(shown) <= limit else shown[: limit - 1] + "…"


def describe(value: Any) -> str:
    """What a value is, in words, for "found …" (text quoted and shown visibly)."""
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, dict):
        if len(value) == 1 and all(isinstance(v, str) for v in value.values()):
            return f"a mapping ({visible(_as_text(value))})"
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return f'"{visible(str(value))}"'


def _as_text(value: dict[str, str]) -> str:
    """``{"Budget": "2024"}`` back to the ``Budget: 2024`` an officer wrote."""
    return "".join(f"{key}: {text}" for key, text in value.items())


def _data_path(data: Any, loc: tuple[str | int, ...]) -> tuple[Path_, bool]:
    """Map pydantic's error location onto the data, skipping union branch labels.

    Returns the path and whether its last element names a field absent from the data.
    """
    path: list[str | int] = []
    node = data
    for index, part in enumerate(loc):
        in_dict = isinstance(node, dict) and isinstance(part, str) and part in node
        in_list = isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)
        if in_dict or in_list:
            node = node[part]
            path.append(part)
        elif index == len(loc) - 1 and isinstance(node, dict) and isinstance(part, str):
            path.append(part)
            return tuple(path), True
    return tuple(path), False


def _value_at(data: Any, path: Path_) -> Any:
    node = data
    for part in path:
        node = node[part]  # the path came from _data_path, so it exists
    return node


def translate_errors(exc: ValidationError, doc: YamlDocument, model: type[Model]) -> list[Problem]:
    """Turn one pydantic ValidationError into located problems, one per place."""
    by_path: dict[Path_, list[dict[str, Any]]] = {}
    absent: set[Path_] = set()
    for error in exc.errors():
        path, is_absent = _data_path(doc.data, tuple(error["loc"]))
        by_path.setdefault(path, []).append(dict(error))
        if is_absent:
            absent.add(path)
    type_errors = {"model_type", "dict_type", "list_type", "string_type", "model_attributes_type"}
    deeper = {path[:i] for path in by_path for i in range(len(path))}
    problems = []
    for path, errors in by_path.items():
        if path in deeper and {e["type"] for e in errors} <= type_errors:
            continue  # another union branch matched deeper: its errors say more
        location = doc.location(path[:-1]) if path in absent else doc.location(path)
        problems.append(_one_problem(Fault(doc, model, path, errors, location, path in absent)))
    return problems



@dataclass(frozen=True)
class Fault:
    """One place's errors, with what a handler needs to explain them."""

    doc: YamlDocument
    model: type[Model]
    path: Path_
    errors: list[dict[str, Any]]
    location: Location
    absent: bool

    @property
    def field(self) -> str:
        """The field's dotted name, as messages show it."""
        return dotted(self.path)

    @property
    def error(self) -> dict[str, Any]:
        """The first error at this place (the one explained when there is no union)."""
        return self.errors[0]

    @property
    def value(self) -> Any:
        """What the officer wrote here (None when the field is absent)."""
        return None if self.absent else _value_at(self.doc.data, self.path)

    @property
    def found(self) -> str:
        """What was found, in words."""
        return "nothing" if self.absent else describe(self.value)

    def ctx(self, name: str) -> Any:
        """A detail pydantic gave with the error (a limit, the allowed values, a reason)."""
        return self.error.get("ctx", {}).get(name, "")

    def problem(self, wanted: str, hint: str) -> Problem:
        """The usual shape: expected …, found …, and a hint."""
        return Problem(self.location, self.field, f"expected {wanted}, found {self.found}", hint)


def _missing(fault: Fault) -> Problem:
    if not fault.absent:  # pydantic says "missing" for a value it could not find: say so plainly
        return fault.problem("a value", "write the value after the colon")
    name = str(fault.path[-1])
    return Problem(fault.location, fault.field, "required field is missing", f"add '{name}: …' here")


def _extra(fault: Fault) -> Problem:
    name = str(fault.path[-1])
    return _unknown_field(fault.location, fault.field, name, known_fields(fault.model, fault.path[:-1]))


def _pattern(fault: Fault) -> Problem:
    return _pattern_problem(fault.location, fault.field, str(fault.ctx("pattern")), fault.value, fault.found)


def _literal(fault: Fault) -> Problem:
    return fault.problem(f"one of {fault.ctx('expected')}", "write one of these exactly as shown")


def _too_short(fault: Fault) -> Problem:
    least = fault.ctx("min_length")
    wanted = "at least one entry" if least in {"", 1} else f"at least {least} entries"
    return fault.problem(wanted, LIST_HINT)


def _too_long(fault: Fault) -> Problem:
    count = len(fault.value) if isinstance(fault.value, list) else 0
    return Problem(
        fault.location, fault.field,
        f"expected at most {fault.ctx('max_length')} entries, found {count}",
        "remove the entries beyond that, or join two of them",
    )


def _blank(fault: Fault) -> Problem:
    return fault.problem(
        "text (not blank)",
        "write the text after the colon; if the source leaves it out, write "
        "'missing: <what the source says>' instead",
    )


def _long_text(fault: Fault) -> Problem:
    most = fault.ctx("max_length")
    return fault.problem(
        f"at most {most} characters", "shorten it: this value becomes part of a web address"
    )


def _bound(fault: Fault) -> Problem:
    bound = fault.ctx("ge") if fault.error["type"] == "greater_than_equal" else fault.ctx("le")
    side = "at least" if fault.error["type"] == "greater_than_equal" else "at most"
    return fault.problem(f"a number {side} {bound}", "check the figure against the source")


def _rule(fault: Fault) -> Problem:
    reason = str(fault.ctx("error")) or "the value breaks this field's rule"
    return Problem(fault.location, fault.field, reason, "see the README for what this field holds")


def _typed(fault: Fault) -> Problem:
    kind, value = fault.error["type"], fault.value
    if kind == "string_type" and isinstance(value, dict) and len(value) == 1:
        return fault.problem(
            "text", f'if this is text containing \': \', put all of it in quotes: "{_as_text(value)}"'
        )
    reason = str(fault.ctx("error"))
    because = f" ({reason})" if reason and kind.startswith("date") else ""
    problem = fault.problem(WANTED[kind], TYPE_HINTS.get(kind, TYPE_HINTS["string_type"]))
    return Problem(problem.location, problem.field, problem.message + because, problem.hint)


HANDLERS: dict[str, Callable[[Fault], Problem]] = {
    "missing": _missing,
    "extra_forbidden": _extra,
    "string_pattern_mismatch": _pattern,
    "literal_error": _literal,
    "too_short": _too_short,
    "too_long": _too_long,
    "string_too_short": _blank,
    "string_too_long": _long_text,
    "greater_than_equal": _bound,
    "less_than_equal": _bound,
    "value_error": _rule,
    **{kind: _typed for kind in TYPE_HINTS},
}
"""Every pydantic error code a content model can raise, and how it is told."""


def _fallback(fault: Fault) -> Problem:
    """A code no model here raises today: plain words, never the code itself."""
    return fault.problem("a different value", "see the README for what this field holds")


_UNION_TYPES = {"string_type", "model_type", "dict_type", "list_type"}


def _wanted(error: dict[str, Any]) -> str:
    """What one error wanted, with its limit where it has one."""
    ctx, kind = error.get("ctx", {}), error["type"]
    if kind == "greater_than_equal" and "ge" in ctx:
        return f"a number at least {ctx['ge']}"
    if kind == "less_than_equal" and "le" in ctx:
        return f"a number at most {ctx['le']}"
    return WANTED.get(kind, "a different value")


def _union(fault: Fault) -> Problem:
    """A value that matched none of a union's branches: every branch's wish, in words."""
    types = {e["type"] for e in fault.errors}
    gap = {"model_type", "dict_type"} & types
    wanted = sorted({_wanted(e) for e in fault.errors if e["type"] not in gap})
    if gap:
        wanted.append("a gap ('missing: …')")
    value, hint = fault.value, GAP_HINT
    if isinstance(value, dict) and "text" in wanted:
        hint = f"if this is text containing ': ', put all of it in quotes; {hint}"
    elif (value is None and not fault.absent) or (isinstance(value, str) and not value.strip()):
        hint = (
            "write the value after the colon; if the source leaves it out, write "
            "'missing: <what the source says>' on the next line, indented under it"
        )
    elif isinstance(value, str) and any(w.startswith("a list") for w in wanted):
        hint = f"{TYPE_HINTS['list_type']}; {hint}"
    return fault.problem(" or ".join(wanted), hint)


def _one_problem(fault: Fault) -> Problem:
    types = {e["type"] for e in fault.errors}
    if fault.absent and "missing" in types:
        return _missing(fault)
    if "extra_forbidden" in types:
        return _extra(fault)
    if len(fault.errors) > 1 and (_UNION_TYPES & types):
        return _union(fault)
    return HANDLERS.get(fault.error["type"], _fallback)(fault)

def _pattern_problem(
    location: Location, field: str, pattern: str, value: Any, found: str
) -> Problem:
    wanted, hint = PATTERN_WORDS.get(
        pattern, ("text of another form", "see the README for what this field holds")
    )
    text = str(value)
    if any(_invisible(c) for c in text):
        codes = ", ".join(sorted({f"U+{ord(c):04X}" for c in text if _invisible(c)}))
        hint = (
            f"it contains invisible characters ({codes}); retype it, as text pasted from "
            "Word or the web can carry them"
        )
    elif pattern == ID_PATTERN:
        slug = re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-")
        if slug and slug != text:
            hint = f'{hint}; for example "{slug}"'
    return Problem(location, field, f"expected {wanted}, found {found}", hint)


def _unknown_field(location: Location, field: str, name: str, known: list[str]) -> Problem:
    invisible = [c for c in name if not c.isprintable() or c in "\u200b\u200c\u200d\ufeff\u00a0"]
    if invisible:
        codes = ", ".join(f"U+{ord(c):04X}" for c in invisible)
        return Problem(
            location,
            visible(field),
            f'unknown field "{visible(name)}": it contains invisible characters ({codes})',
            "retype the name; text pasted from Word or the web can carry such characters",
        )
    hint = suggest_known(name, known)
    listing = f"known fields here: {', '.join(known)}"
    message = f'expected one of the known fields, found an unknown field "{name}"'
    return Problem(location, field, message, f"{hint} {listing}".strip())


def _models_in(annotation: Any) -> list[type[Model]]:
    if isinstance(annotation, type) and issubclass(annotation, Model):
        return [annotation]
    return [m for arg in get_args(annotation) for m in _models_in(arg)]


def known_fields(root: type[Model], path: Path_) -> list[str]:
    """The field names allowed at ``path`` inside a document of model ``root``."""
    models: list[type[Model]] = [root]
    for part in path:
        if isinstance(part, int):
            continue
        models = [
            inner
            for model in models
            if part in model.model_fields
            for inner in _models_in(model.model_fields[part].annotation)
        ]
    real = [model for model in models if model.__name__ != "Gap"] or models
    return sorted({name for model in real for name in model.model_fields})
