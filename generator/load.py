"""Load stage: content files → one typed :class:`~generator.models.Plan`, or every problem.

Each YAML file is parsed strictly (:mod:`generator.strictyaml`), validated against its model,
and every model is told where it was written. Nothing here raises for bad content: problems
come back as values, all of them, so an officer sees every mistake in one run.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar, get_args

from pydantic import BaseModel, ValidationError

from generator.models import (
    ContactsFile,
    CorrectionsFile,
    DirectoryFile,
    Model,
    Plan,
    PlanFile,
    Section,
    Theme,
)
from generator.problems import Location, Problem
from generator.strictyaml import Path_, YamlDocument, dotted, parse_yaml, read_text

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

    def display(self, path: Path) -> str:
        """The path as shown in messages: relative to the content folder's parent."""
        try:
            return path.relative_to(self.root.parent).as_posix()
        except ValueError:
            return path.as_posix()


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
    plan_file = _load_yaml_file(layout, layout.plan, PlanFile, problems)
    directory = _load_yaml_file(layout, layout.directorates, DirectoryFile, problems)
    contacts = _load_yaml_file(layout, layout.contacts, ContactsFile, problems)
    corrections = (
        _load_yaml_file(layout, layout.corrections, CorrectionsFile, problems)
        if layout.corrections.exists()
        else CorrectionsFile(corrections=[])
    )
    themes = [
        theme
        for path in sorted(layout.themes.glob("*.yaml"))
        if (theme := _load_yaml_file(layout, path, Theme, problems)) is not None
    ]
    sections = [
        section
        for path in sorted(layout.sections.glob("*.md"))
        if (section := load_section(layout, path, problems)) is not None
    ]
    if plan_file is None or directory is None or contacts is None or problems:
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
    )
    return plan, problems


def _load_yaml_file(
    layout: ContentLayout, path: Path, model: type[M], problems: list[Problem]
) -> M | None:
    file = layout.display(path)
    if not path.is_file():
        problems.append(
            Problem(
                Location(file),
                "",
                "required file is missing",
                f"create it; see the README for what a {model.__name__} holds",
                kind="missing-file",
            )
        )
        return None
    text, found = read_text(path, file)
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
    """Validate a parsed document against ``model``; locate every error it has."""
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
        return None
    try:
        instance = model.model_validate({**data, **(extra or {})})
    except ValidationError as exc:
        problems.extend(translate_errors(exc, doc, model))
        return None
    attach_locations(instance, doc, ())
    return instance


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
    text, found = read_text(path, file)
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
    "date_from_datetime_parsing": "a date written as YYYY-MM-DD",
    "date_parsing": "a date written as YYYY-MM-DD",
    "date_type": "a date written as YYYY-MM-DD",
    "too_short": "at least one entry",
}


def _kind(value: Any) -> str:
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return f'"{value}"'


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
    found = _kind(_value_at(doc.data, path)) if not absent else "nothing"
    if len(errors) > 1 and ({"string_type", "model_type", "dict_type", "list_type"} & types):
        gap = {"model_type", "dict_type"} & types
        wanted = sorted(
            {_TYPE_WORDS.get(e["type"], e["type"]) for e in errors if e["type"] not in gap}
        )
        if gap:
            wanted.append("a gap ('missing: …')")
        return Problem(
            location,
            field,
            f"expected {' or '.join(wanted)}, found {found}",
            "a missing value is written as a mapping: 'missing: <what the source says>'",
        )
    error = errors[0]
    kind = error["type"]
    if kind == "string_pattern_mismatch":
        pattern = str(error.get("ctx", {}).get("pattern", ""))
        return Problem(
            location, field, f"expected text matching {pattern}, found {found}", _pattern_hint(pattern)
        )
    if kind == "literal_error":
        expected = error.get("ctx", {}).get("expected", "")
        return Problem(location, field, f"expected one of {expected}, found {found}")
    if kind in {"too_short", "too_long"}:
        return Problem(location, field, f"{error['msg'].lower()}, found {found}")
    if kind in _TYPE_WORDS:
        return Problem(location, field, f"expected {_TYPE_WORDS[kind]}, found {found}")
    return Problem(location, field, f"{error['msg']}, found {found}")


def _pattern_hint(pattern: str) -> str:
    if "a-z0-9" in pattern:
        return "ids are lower-case letters and digits joined by single hyphens, e.g. 'street-scene'"
    if "A-Z]{2,4}" in pattern:
        return "directorate codes are 2 to 4 capital letters, e.g. 'UL'"
    if "\\d{4}/\\d{2}" in pattern:
        return "write a year as 2004/05"
    return ""


def _unknown_field(location: Location, field: str, name: str, known: list[str]) -> Problem:
    invisible = [c for c in name if not c.isprintable() or c in "\u200b\u200c\u200d\ufeff\u00a0"]
    if invisible:
        codes = ", ".join(f"U+{ord(c):04X}" for c in invisible)
        return Problem(
            location,
            field,
            f"unknown field {name!r}: it contains invisible characters ({codes})",
            "retype the name; text pasted from Word or the web can carry such characters",
        )
    hint = suggest_known(name, known)
    listing = f"known fields here: {', '.join(known)}"
    return Problem(location, field, f'unknown field "{name}"', f"{hint} {listing}".strip())


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
