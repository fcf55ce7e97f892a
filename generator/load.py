"""Load stage: content files → one typed :class:`~generator.models.Plan`, or every problem.

Each YAML file is parsed strictly (:mod:`generator.strictyaml`), validated against its model,
and every model is told where it was written. Nothing here raises for bad content: problems
come back as values, all of them, so an officer sees every mistake in one run.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any, TypeVar, get_args

from pydantic import BaseModel, ValidationError

from generator.cache import SameObject, cached
from generator.files import ContentFiles
from generator.models import (
    ID_PATTERN,
    ContactsFile,
    CorrectionsFile,
    DirectoryFile,
    Model,
    Plan,
    PlanFile,
    Section,
    Theme,
)
from generator.problems import Location, Problem, Severity
from generator.strictyaml import Path_, YamlDocument, dotted, parse_yaml

M = TypeVar("M", bound=Model)


@dataclass(frozen=True)
class ContentLayout:
    """Where each kind of content lives under the content folder."""

    root: Path

    @property
    def plan(self) -> Path:
        """The plan's own settings and contents order."""
        return self.root / "plan.yaml"

    @property
    def directorates(self) -> Path:
        """The directorates."""
        return self.root / "directorates.yaml"

    @property
    def contacts(self) -> Path:
        """The contact officers."""
        return self.root / "contacts.yaml"

    @property
    def corrections(self) -> Path:
        """Repairs of the source's text (optional)."""
        return self.root / "corrections.yaml"

    @property
    def themes(self) -> Path:
        """One YAML file per theme."""
        return self.root / "themes"

    @property
    def sections(self) -> Path:
        """One Markdown file per narrative section."""
        return self.root / "sections"

    @cached_property
    def files(self) -> ContentFiles:
        """The content folder surveyed once: the only way the loaders list and read files."""
        return ContentFiles(self.root, self.root.parent)

    def display(self, path: Path) -> str:
        """The path as shown in messages: relative to the content folder's parent."""
        return self.files.display(path)

    def read_text(self, path: Path) -> tuple[str | None, list[Problem]]:
        """One content file's text (never a refused one), or the problems reading it."""
        return self.files.read_text(path, self.display(path))

    def listing(self, folder: Path, pattern: str) -> list[Path]:
        """The files in ``folder`` matching ``pattern``, in name order, refused ones left out."""
        if self.files.is_refused(folder) or not folder.is_dir():
            return []
        return sorted(p for p in folder.glob(pattern) if not self.files.is_refused(p))


def load_content(root: Path) -> tuple[Plan | None, list[Problem]]:
    """Load every content file under ``root``; the plan, or None and the problems."""
    layout = ContentLayout(root)
    problems: list[Problem] = []
    if not root.is_dir():
        return None, [
            Problem(
                Location(root.as_posix()),
                "",
                "the content folder does not exist",
                "pass --content with the folder holding plan.yaml",
                kind="usage",
            )
        ]
    problems.extend(layout.files.problems())  # before anything is opened
    plan_file = load_yaml_file(layout, layout.plan, PlanFile, problems)
    directory = load_yaml_file(layout, layout.directorates, DirectoryFile, problems)
    contacts = load_yaml_file(layout, layout.contacts, ContactsFile, problems)
    corrections = (
        load_yaml_file(layout, layout.corrections, CorrectionsFile, problems)
        if layout.corrections.exists() or layout.files.is_refused(layout.corrections)
        else CorrectionsFile(corrections=[])
    )
    themes = [
        theme
        for path in layout.listing(layout.themes, "*.yaml")
        if (theme := load_yaml_file(layout, path, Theme, problems)) is not None
    ]
    sections = [
        section
        for path in layout.listing(layout.sections, "*.md")
        if (section := load_section(layout, path, problems)) is not None
    ]
    from generator.tables import load_tables  # tables.py builds on this module's helpers

    tables, found = load_tables(layout)
    problems.extend(found)
    from generator.indicators.catalogue import load_indicators  # builds on this module

    indicators, found = load_indicators(layout)
    problems.extend(found)
    from generator.progress import load_progress  # progress.py builds on this module too

    progress, found = load_progress(layout)
    problems.extend(found)
    failed = any(p.severity is Severity.ERROR for p in problems)
    if plan_file is None or directory is None or contacts is None or failed:
        return None, problems
    order = {item: index for index, item in enumerate(plan_file.contents)}
    themes.sort(key=lambda theme: order.get(theme.id, len(order)))
    sections.sort(key=lambda section: order.get(section.id, len(order)))
    plan = Plan(
        plan=plan_file,
        directorates=list(directory.directorates),
        contacts=list(contacts.contacts),
        themes=themes,
        sections=sections,
        corrections=list(corrections.corrections) if corrections else [],
        tables=tuple(tables),
        indicators=indicators,
        progress=tuple(progress),
    )
    return plan, problems


def load_yaml_file(
    layout: ContentLayout, path: Path, model: type[M], problems: list[Problem]
) -> M | None:
    """Read, parse and validate one YAML content file; None (and problems) when it fails."""
    file = layout.display(path)
    if layout.files.is_refused(path):
        return None  # the survey said why; it is never opened
    if not path.is_file():
        problems.append(
            Problem(
                Location(file),
                "",
                "required file is missing",
                f"restore it, or create it: it holds {_holds(model)}",
                kind="missing-file",
            )
        )
        return None
    text, found = layout.read_text(path)
    if text is None:
        problems.extend(found)
        return None
    doc, found = parse_yaml(text, file)
    if doc is None:
        problems.extend(found)
        return None
    return validate_document(doc, model, problems)


def validate_document(
    doc: YamlDocument, model: type[M], problems: list[Problem], extra: dict[str, Any] | None = None
) -> M | None:
    """Validate a parsed document against ``model``; locate every error it has.

    Inside :func:`generator.cache.active`, the same document (the very object the YAML cache
    handed back) validated against the same model is not validated again.
    """
    frozen = tuple(sorted((extra or {}).items()))
    instance, found = cached(
        ("model", SameObject(doc), model, frozen), lambda: _validated(doc, model, extra)
    )
    problems.extend(found)
    return instance


def _validated(
    doc: YamlDocument, model: type[M], extra: dict[str, Any] | None
) -> tuple[M | None, tuple[Problem, ...]]:
    problems: list[Problem] = []
    data = doc.data
    if not isinstance(data, dict):
        problems.append(
            Problem(
                doc.location(()),
                "",
                f"expected a mapping of fields (name: value), found {_kind(data)}",
                f"the top of the file must hold the fields of a {model.__name__}",
            )
        )
        return None, tuple(problems)
    try:
        instance = model.model_validate({**data, **(extra or {})})
    except ValidationError as exc:
        problems.extend(translate_errors(exc, doc, model))
        return None, tuple(problems)
    attach_locations(instance, doc, ())
    return instance, ()


def attach_locations(instance: BaseModel, doc: YamlDocument, path: Path_) -> None:
    """Tell a model and every model inside it where in ``doc`` it was written."""
    if isinstance(instance, Model):
        instance._doc = doc
        instance._path = path
    for name in type(instance).model_fields:
        value = getattr(instance, name)
        if isinstance(value, BaseModel):
            attach_locations(value, doc, (*path, name))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                if isinstance(item, BaseModel):
                    attach_locations(item, doc, (*path, name, index))


def load_section(layout: ContentLayout, path: Path, problems: list[Problem]) -> Section | None:
    """A narrative Markdown file: front matter between ``---`` lines, then the body."""
    file = layout.display(path)
    text, found = layout.read_text(path)
    if text is None:
        problems.extend(found)
        return None
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        problems.append(
            Problem(
                Location(file, 1, 1),
                "",
                "expected front matter: a first line '---', the fields, then '---'",
                "start the file with ---, id: …, title: …, ---",
            )
        )
        return None
    try:
        end = next(i for i, line in enumerate(lines[1:], start=1) if line.strip() == "---")
    except StopIteration:
        problems.append(
            Problem(
                Location(file, 1, 1),
                "",
                "front matter is not closed: no second '---' line",
                "add a line '---' after the last field",
            )
        )
        return None
    front = "\n" + "\n".join(lines[1:end])
    doc, found = parse_yaml(front, file)
    if doc is None:
        problems.extend(found)
        return None
    if isinstance(doc.data, dict) and ({"body", "body_line"} & doc.data.keys()):
        problems.append(
            Problem(doc.location(()), "body", "is set by the file's text, not front matter")
        )
        return None
    body = "\n".join(lines[end + 1 :]).strip("\n") + "\n"
    first_body_line = end + 2
    return validate_document(
        doc, Section, problems, extra={"body": body, "body_line": first_body_line}
    )


# --- pydantic errors → located, plain-English problems ---------------------------------

_TYPE_WORDS = {
    "string_type": "text",
    "list_type": "a list (lines starting with '- ')",
    "dict_type": "a mapping (name: value lines)",
    "model_type": "a mapping (name: value lines)",
    "model_attributes_type": "a mapping (name: value lines)",
    "int_parsing": "a whole number",
    "float_parsing": "a number",
    "decimal_parsing": "a number",
    "date_from_datetime_parsing": "a date written as YYYY-MM-DD",
    "date_parsing": "a date written as YYYY-MM-DD",
    "date_type": "a date written as YYYY-MM-DD",
    "too_short": "at least one entry",
}


def _holds(model: type[Model]) -> str:
    """What a file's model holds, from its docstring: "`content/x.yaml`: what it holds."."""
    first = (model.__doc__ or model.__name__).strip().splitlines()[0]
    return first.split(": ", 1)[-1].rstrip(".")


def _invisible(char: str) -> bool:
    category = unicodedata.category(char)
    return category in {"Cc", "Cf", "Zl", "Zp"} or (category == "Zs" and char != " ")


def visible(text: str, limit: int = 80) -> str:
    """Text for a message: one line, invisible characters shown as <U+200B>, long text cut."""
    shown = "".join(f"<U+{ord(c):04X}>" if _invisible(c) else c for c in text)
    return shown if len(shown) <= limit else shown[: limit - 1] + "…"


def _kind(value: Any) -> str:
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
        problems.append(_one_problem(doc, model, path, errors, location, path in absent))
    return problems


def _one_problem(
    doc: YamlDocument,
    model: type[Model],
    path: Path_,
    errors: list[dict[str, Any]],
    location: Location,
    absent: bool,
) -> Problem:
    field = dotted(path)
    types = {e["type"] for e in errors}
    if absent and "missing" in types:
        name = str(path[-1])
        return Problem(
            location, field, "required field is missing", f"add '{name}: …' here"
        )
    if "extra_forbidden" in types:
        name = str(path[-1])
        return _unknown_field(location, field, name, known_fields(model, path[:-1]))
    value = _value_at(doc.data, path) if not absent else None
    found = _kind(value) if not absent else "nothing"
    if len(errors) > 1 and ({"string_type", "model_type", "dict_type", "list_type"} & types):
        gap = {"model_type", "dict_type"} & types
        wanted = sorted(
            {_TYPE_WORDS.get(e["type"], e["type"]) for e in errors if e["type"] not in gap}
        )
        if gap:
            wanted.append("a gap ('missing: …')")
        hint = "a missing value is written as a mapping: 'missing: <what the source says>'"
        if isinstance(value, dict) and "text" in wanted:
            hint = f"if this is text containing ': ', put all of it in quotes; {hint}"
        elif value is None and not absent:
            hint = (
                "write the value after the colon; if the source leaves it out, write "
                "'missing: <what the source says>' on the next line, indented under it"
            )
        elif isinstance(value, str) and any(w.startswith("a list") for w in wanted):
            hint = f"{_TYPE_HINTS['list_type']}; {hint}"
        return Problem(location, field, f"expected {' or '.join(wanted)}, found {found}", hint)
    error = errors[0]
    kind = error["type"]
    if kind == "string_pattern_mismatch":
        pattern = str(error.get("ctx", {}).get("pattern", ""))
        return _pattern_problem(location, field, pattern, value, found)
    if kind == "literal_error":
        expected = error.get("ctx", {}).get("expected", "")
        return Problem(
            location, field, f"expected one of {expected}, found {found}",
            "write one of these exactly as shown",
        )
    if kind in {"too_short", "too_long"}:
        return Problem(
            location, field, f"{error['msg'].lower()}, found {found}",
            "add at least one entry, or write the gap as 'missing: <what the source says>'",
        )
    if kind == "string_type" and isinstance(value, dict) and len(value) == 1:
        return Problem(
            location, field, f"expected text, found {found}",
            f'if this is text containing \': \', put all of it in quotes: "{_as_text(value)}"',
        )
    if kind in _TYPE_WORDS:
        reason = str(error.get("ctx", {}).get("error", ""))
        because = f" ({reason})" if reason and kind.startswith("date") else ""
        return Problem(
            location, field, f"expected {_TYPE_WORDS[kind]}, found {found}{because}",
            _TYPE_HINTS.get(kind, _TYPE_HINTS["string_type"]),
        )
    return Problem(
        location, field, f"{error['msg']}, found {found}",
        "see the README for what this field holds",
    )


_TYPE_HINTS = {
    "string_type": "write the text on the same line as the field's name, in quotes if it "
    "contains ': ' or ' #'",
    "list_type": "write one entry per line, each starting with '- ', or all on one line "
    'as ["A", "B"]',
    "dict_type": "write the fields as 'name: value' lines, indented under this one",
    "model_type": "write the fields as 'name: value' lines, indented under this one",
    "model_attributes_type": "write the fields as 'name: value' lines, indented under this one",
    "int_parsing": "write digits only, e.g. 12",
    "float_parsing": "write digits only, with a point for decimals, e.g. 12.5",
    "decimal_parsing": "write digits only, with a point for decimals, e.g. 12.5",
    "date_from_datetime_parsing": 'write a real date as YYYY-MM-DD in quotes, e.g. "2004-04-07"',
    "date_parsing": 'write a real date as YYYY-MM-DD in quotes, e.g. "2004-04-07"',
    "date_type": 'write a real date as YYYY-MM-DD in quotes, e.g. "2004-04-07"',
}

_PATTERN_WORDS = {
    ID_PATTERN: (
        "an id (lower-case letters and digits joined by single hyphens)",
        "ids become web addresses: use lower-case letters, digits and single hyphens only",
    ),
    r"^[A-Z]{2,4}$": (
        "a directorate code (2 to 4 capital letters)",
        'use a code from directorates.yaml, e.g. "UL"',
    ),
    r"^\d{4}/\d{2}$": ("a year written as 2004/05", 'write the year in quotes, e.g. "2004/05"'),
    r"^[A-Z]$": ("one capital letter", 'write the priority\'s letter in quotes, e.g. "A"'),
}


def _pattern_problem(
    location: Location, field: str, pattern: str, value: Any, found: str
) -> Problem:
    wanted, hint = _PATTERN_WORDS.get(pattern, (f"text matching {pattern}", ""))
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


def suggest_known(name: str, known: list[str]) -> str:
    """A 'did you mean' hint from a list of known names."""
    close = difflib.get_close_matches(name, known, n=1)
    if close:
        return f'did you mean "{close[0]}"?'
    return ""
