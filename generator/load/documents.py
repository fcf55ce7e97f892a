"""One content file → its typed model: the content folder's layout, YAML files parsed strictly
(:mod:`generator.core.strictyaml`) and validated against their models, sections read with their
front matter, and every model told where it was written. Nothing here raises for bad content:
problems come back as values, all of them, so an officer sees every mistake in one run.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any, TypeVar, overload

from pydantic import BaseModel, ValidationError

from generator.core.cache import SameObject, cached
from generator.core.files import ContentFiles
from generator.core.problems import Location, Problem
from generator.core.strictyaml import Path_, YamlDocument, parse_yaml
from generator.load.errors import describe, translate_errors
from generator.model.base import Model, Section

M = TypeVar("M", bound=Model)


class _Under:
    """A file or folder of the content folder, read as an attribute of :class:`ContentLayout`."""

    def __init__(self, name: str) -> None:
        self.name = name

    @overload
    def __get__(self, layout: None, owner: type[ContentLayout]) -> _Under: ...

    @overload
    def __get__(self, layout: ContentLayout, owner: type[ContentLayout]) -> Path: ...

    def __get__(self, layout: ContentLayout | None, owner: type[ContentLayout]) -> Path | _Under:
        """The path under this layout's root (the descriptor itself, read from the class)."""
        return self if layout is None else layout.root / self.name


@dataclass(frozen=True)
class ContentLayout:
    """Where each kind of content lives under the content folder."""

    root: Path

    plan = _Under("plan.yaml")
    """The plan's own settings and contents order."""
    directorates = _Under("directorates.yaml")
    """The directorates."""
    contacts = _Under("contacts.yaml")
    """The contact officers."""
    corrections = _Under("corrections.yaml")
    """Repairs of the source's text (optional)."""
    glossary = _Under("glossary.yaml")
    """The abbreviations the pages spell out (optional)."""
    themes = _Under("themes")
    """One YAML file per theme."""
    sections = _Under("sections")
    """One Markdown file per narrative section."""
    tables_file = _Under("tables.yaml")
    """The data tables' ids, titles and checks (optional)."""
    tables = _Under("tables")
    """One CSV file per data table."""

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

    def text(self, path: Path, problems: list[Problem]) -> str | None:
        """One content file's text; None, with why in ``problems``, when it cannot be read."""
        text, found = self.read_text(path)
        problems.extend(found)
        return text

    def required_text(
        self, path: Path, problems: list[Problem], missing: Callable[[], Problem]
    ) -> str | None:
        """A file that must be there: its text, or None. A refused file was explained by the
        survey and is never opened; a file that is not there is explained by ``missing()``."""
        if self.files.is_refused(path):
            return None
        if not path.is_file():
            problems.append(missing())
            return None
        return self.text(path, problems)

    def listing(self, folder: Path, pattern: str) -> list[Path]:
        """The files in ``folder`` matching ``pattern``, in name order, refused ones left out."""
        if self.files.is_refused(folder) or not folder.is_dir():
            return []
        return sorted(p for p in folder.glob(pattern) if not self.files.is_refused(p))


def load_yaml_file(
    layout: ContentLayout, path: Path, model: type[M], problems: list[Problem]
) -> M | None:
    """Read, parse and validate one YAML content file; None (and problems) when it fails."""
    file = layout.display(path)
    missing = Problem(
        Location(file),
        "",
        "required file is missing",
        f"restore it, or create it: it holds {_holds(model)}",
        kind="missing-file",
    )
    text = layout.required_text(path, problems, lambda: missing)
    if text is None:
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

    Inside :func:`generator.core.cache.active`, the same document (the very object the YAML cache
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
                f"expected a mapping of fields (name: value), found {describe(data)}",
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
    text = layout.text(path, problems)
    if text is None:
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


def _holds(model: type[Model]) -> str:
    """What a file's model holds, from its docstring: "`content/x.yaml`: what it holds."."""
    first = (model.__doc__ or model.__name__).strip().splitlines()[0]
    return first.split(": ", 1)[-1].rstrip(".")
