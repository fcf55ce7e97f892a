"""JSON Schemas for the content files, generated from the models, for editors to check against.

Each YAML content file names its schema in a first-line comment
(``# yaml-language-server: $schema=../schemas/plan.schema.json``), so an editor with a YAML
language server completes field names, shows each field's description and underlines an
unknown field or a wrong type while the officer types. The schemas are generated here from
:mod:`generator.model.plan`, never written by hand, and a test fails when the committed ones are
stale. They guide; the models still decide (``bvpp check``).

The loader reads every scalar as text (:mod:`generator.core.strictyaml`), so where a model wants a
number the schema accepts the number written as text too; a date is already text in the
schema (``format: date``).
"""

from __future__ import annotations

import inspect
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue
from pydantic_core import core_schema

from generator.core.files import atomic_write
from generator.model.base import Model, Section
from generator.model.glossary import GlossaryFile
from generator.model.indicators import IndicatorsFile
from generator.model.plan import ContactsFile, CorrectionsFile, DirectoryFile, PlanFile, Theme
from generator.model.progress import ProgressPlanFile, TasksFile, UpdatesFile
from generator.model.tables import TablesFile

DIALECT = "https://json-schema.org/draft/2020-12/schema"
FOLDER = "schemas"
"""The project's folder for schema files, beside content/."""

INTEGER_TEXT = r"^[+-]?[0-9]+(?:_[0-9]+)*(?:\.0+)?$"
"""A whole number written as text, as pydantic reads one (``3``, ``+3``, ``3_000``, ``3.0``)."""
NUMBER_TEXT = r"^[+-]?(?:[0-9]+(?:_[0-9]+)*(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$"
"""A number written as text, as pydantic reads one (``3.5``, ``1e3``)."""


@dataclass(frozen=True)
class ContentSchema:
    """One kind of content file: its model, its schema file and which files use it."""

    model: type[Model]
    file: str
    content: str
    """The content files that use this schema, as a glob relative to the content folder."""
    set_by_file: tuple[str, ...] = ()
    """Fields the loader fills from the file itself; they are not written in the YAML."""


CONTENT_SCHEMAS = (
    ContentSchema(PlanFile, "plan.schema.json", "plan.yaml"),
    ContentSchema(DirectoryFile, "directorates.schema.json", "directorates.yaml"),
    ContentSchema(ContactsFile, "contacts.schema.json", "contacts.yaml"),
    ContentSchema(CorrectionsFile, "corrections.schema.json", "corrections.yaml"),
    ContentSchema(GlossaryFile, "glossary.schema.json", "glossary.yaml"),
    ContentSchema(Theme, "theme.schema.json", "themes/*.yaml"),
    ContentSchema(TablesFile, "tables.schema.json", "tables.yaml"),
    ContentSchema(IndicatorsFile, "indicators.schema.json", "indicators/indicators.yaml"),
    ContentSchema(ProgressPlanFile, "progress-plan.schema.json", "progress/*/plan.yaml"),
    ContentSchema(TasksFile, "progress-tasks.schema.json", "progress/*/tasks.yaml"),
    ContentSchema(UpdatesFile, "progress-updates.schema.json", "progress/*/updates/*.yaml"),
    # A section's front matter: the body and where it starts come from the Markdown file.
    ContentSchema(Section, "section.schema.json", "sections/*.md", ("body", "body_line")),
)


class _ContentJsonSchema(GenerateJsonSchema):
    """Pydantic's generator, adjusted to what editors show and what the loader reads."""

    def model_schema(self, schema: core_schema.ModelSchema) -> JsonSchemaValue:
        json_schema = super().model_schema(schema)
        doc = inspect.getdoc(schema["cls"])
        if doc and "title" in json_schema:
            # An officer sees "An officer named as the contact…", not "Contact".
            json_schema["title"] = doc.split("\n\n")[0].replace("\n", " ")
        return json_schema

    def int_schema(self, schema: core_schema.IntSchema) -> JsonSchemaValue:
        return {"anyOf": [super().int_schema(schema), {"type": "string", "pattern": INTEGER_TEXT}]}

    def float_schema(self, schema: core_schema.FloatSchema) -> JsonSchemaValue:
        number = super().float_schema(schema)
        return {"anyOf": [number, {"type": "string", "pattern": NUMBER_TEXT}]}


def json_schema(entry: ContentSchema) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) for one kind of content file."""
    schema = entry.model.model_json_schema(mode="validation", schema_generator=_ContentJsonSchema)
    for name in entry.set_by_file:
        del schema["properties"][name]
        if name in schema.get("required", []):
            schema["required"].remove(name)
    return {"$schema": DIALECT, **schema}


def schema_texts() -> dict[str, str]:
    """Every schema file's name and its exact text, as committed under schemas/."""
    return {
        entry.file: json.dumps(json_schema(entry), indent=2, ensure_ascii=False) + "\n"
        for entry in CONTENT_SCHEMAS
    }


def stale_schemas(folder: Path) -> list[str]:
    """The schema files in ``folder`` that are missing or differ from the models."""
    stale = []
    for name, text in schema_texts().items():
        try:
            current = (folder / name).read_text(encoding="utf-8")
        except FileNotFoundError:
            current = None
        if current != text:
            stale.append(name)
    return stale


def write_schemas(folder: Path) -> list[str]:
    """Write every schema file into ``folder``; return the names of those that changed."""
    folder.mkdir(parents=True, exist_ok=True)
    changed = stale_schemas(folder)
    texts = schema_texts()
    for name in changed:
        atomic_write(folder / name, texts[name].encode("utf-8"))
    return changed


def modeline(schema_file: str, content_file: Path, content_root: Path) -> str:
    """The first-line comment that points a content file's editor at its schema.

    ``content_root`` is the content folder; the schemas folder sits beside it.
    """
    depth = len(content_file.relative_to(content_root).parts) - 1
    return f"# yaml-language-server: $schema={'../' * (depth + 1)}{FOLDER}/{schema_file}"
