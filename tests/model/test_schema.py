"""The JSON Schemas for editors: current with the models, valid, and true to the bundled content."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator
from pydantic import TypeAdapter, ValidationError

from generator.cli import main
from generator.core.strictyaml import parse_yaml
from generator.model.base import Model
from generator.model.schema import (
    CONTENT_SCHEMAS,
    FOLDER,
    INTEGER_TEXT,
    NUMBER_TEXT,
    ContentSchema,
    json_schema,
    modeline,
    schema_texts,
    stale_schemas,
)
from tests.conftest import ROOT

CONTENT = ROOT / "content"


def validator(entry: ContentSchema) -> Draft202012Validator:
    """A validator for one schema that also checks formats (``date``)."""
    return Draft202012Validator(
        json_schema(entry), format_checker=Draft202012Validator.FORMAT_CHECKER
    )


def content_files(entry: ContentSchema) -> list[Path]:
    """The bundled content files that use this schema."""
    return sorted(CONTENT.glob(entry.content))


def loaded(path: Path) -> Any:
    """A content file's data exactly as the loader reads it (every scalar text)."""
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".md":  # front matter only: between the first two '---' lines
        lines = text.split("\n")
        end = next(i for i, line in enumerate(lines[1:], start=1) if line.strip() == "---")
        text = "\n" + "\n".join(lines[1:end])
    doc, problems = parse_yaml(text, path.name)
    assert doc is not None, problems
    return doc.data


def schema_errors(entry: ContentSchema, data: Any) -> list[str]:
    """Every schema error for ``data`` as ``path: message``, with those under each anyOf."""
    found: list[str] = []
    pending = list(validator(entry).iter_errors(data))
    while pending:
        error = pending.pop(0)
        found.append(f"{'/'.join(map(str, error.absolute_path))}: {error.message}")
        pending.extend(error.context or [])
    return found


def test_committed_schemas_are_the_generated_ones() -> None:
    stale = stale_schemas(ROOT / FOLDER)
    assert not stale, f"{stale} differ from the models: run 'bvpp schema' and commit {FOLDER}/"


def test_no_stray_schema_files() -> None:
    assert sorted(p.name for p in (ROOT / FOLDER).glob("*.json")) == sorted(schema_texts())


@pytest.mark.parametrize("entry", CONTENT_SCHEMAS, ids=lambda e: e.file)
def test_schema_is_draft_2020_12_and_strict(entry: ContentSchema) -> None:
    schema = json_schema(entry)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(schema)
    objects = [schema, *schema.get("$defs", {}).values()]
    for node in objects:
        assert node["type"] == "object"
        assert node["additionalProperties"] is False, node["title"]
        assert node["title"] and node["description"]
    assert schema["title"] == (entry.model.__doc__ or "").strip().split("\n\n")[0].replace(
        "\n", " "
    )


def test_section_schema_leaves_out_what_the_file_sets() -> None:
    (section,) = (e for e in CONTENT_SCHEMAS if e.file == "section.schema.json")
    properties = json_schema(section)["properties"]
    assert "body" not in properties and "body_line" not in properties
    assert {"id", "title", "missing", "summary"} <= properties.keys()


def test_every_content_yaml_file_has_a_schema() -> None:
    covered = {path for entry in CONTENT_SCHEMAS for path in content_files(entry)}
    assert sorted(set(CONTENT.rglob("*.yaml")) - covered) == []
    assert all(content_files(entry) for entry in CONTENT_SCHEMAS)


@pytest.mark.parametrize(
    ("entry", "path"),
    [
        (entry, path)
        for entry in CONTENT_SCHEMAS
        if entry.content.endswith(".yaml")
        for path in content_files(entry)
    ],
    ids=lambda v: v.relative_to(CONTENT).as_posix() if isinstance(v, Path) else "",
)
def test_content_yaml_names_its_schema(entry: ContentSchema, path: Path) -> None:
    first_line = path.read_text(encoding="utf-8").split("\n", 1)[0]
    assert first_line == modeline(entry.file, path, CONTENT)
    target = (path.parent / first_line.split("$schema=", 1)[1]).resolve()
    assert target == (ROOT / FOLDER / entry.file).resolve()


@pytest.mark.parametrize(
    ("entry", "path"),
    [(entry, path) for entry in CONTENT_SCHEMAS for path in content_files(entry)],
    ids=lambda v: v.relative_to(CONTENT).as_posix() if isinstance(v, Path) else "",
)
def test_bundled_content_validates(entry: ContentSchema, path: Path) -> None:
    assert schema_errors(entry, loaded(path)) == []


PLAN = next(e for e in CONTENT_SCHEMAS if e.file == "plan.schema.json")
THEME = next(e for e in CONTENT_SCHEMAS if e.file == "theme.schema.json")
SECTION = next(e for e in CONTENT_SCHEMAS if e.file == "section.schema.json")


def _edited(data: Any, path: tuple[str | int, ...], value: Any) -> Any:
    """A copy of ``data`` with the value at ``path`` replaced (or added)."""
    if not path:
        return value
    head, rest = path[0], path[1:]
    if isinstance(data, list):
        assert isinstance(head, int)
        return [_edited(v, rest, value) if i == head else v for i, v in enumerate(data)]
    return {**data, head: _edited(data.get(head), rest, value)}


WRONG = [
    ("plan: unknown field", PLAN, "plan.yaml", ("colour",), "red", "Additional properties"),
    ("plan: list as text", PLAN, "plan.yaml", ("contents",), "about-harrow", "is not of type"),
    ("plan: date not a date", PLAN, "plan.yaml", ("date",), "7 April 2004", "is not a 'date'"),
    ("plan: status not allowed", PLAN, "plan.yaml", ("status",), "published", "is not one of"),
    (
        "theme: unknown field in an outcome",
        THEME,
        "themes/environment.yaml",
        ("priorities", 0, "outcomes", 0, "lead_directorate"),
        ["UL"],
        "Additional properties",
    ),
    (
        "theme: gap without its words",
        THEME,
        "themes/environment.yaml",
        ("priorities", 0, "title"),
        {"mising": "to be completed"},
        "is not valid under any of the given schemas",
    ),
    (
        "section: body in front matter",
        SECTION,
        "sections/02-about-harrow.md",
        ("body",),
        "text",
        "Additional properties",
    ),
]


@pytest.mark.parametrize(
    ("entry", "file", "path", "value", "message"),
    [case[1:] for case in WRONG],
    ids=[case[0] for case in WRONG],
)
def test_wrong_content_fails_the_schema_and_the_model(
    entry: ContentSchema, file: str, path: tuple[str | int, ...], value: Any, message: str
) -> None:
    data = _edited(loaded(CONTENT / file), path, value)
    errors = schema_errors(entry, data)
    assert any(message in error for error in errors), errors
    if entry is not SECTION:  # the loader refuses body in front matter itself
        with pytest.raises(ValidationError):
            entry.model.model_validate(data)


class _Measured(Model):
    """A made-up model with a number, a whole number and a date."""

    share: float
    count: int
    on: dt.date


MEASURED = ContentSchema(_Measured, "measured.schema.json", "measured.yaml")


def test_numbers_and_dates_written_as_text_are_accepted() -> None:
    good = {"share": "2.5", "count": "3", "on": "2004-04-07"}
    assert schema_errors(MEASURED, good) == []
    _Measured.model_validate(good)
    assert schema_errors(MEASURED, {"share": 2.5, "count": 3, "on": "2004-04-07"}) == []
    bad = {"share": "half", "count": "three", "on": "April"}
    assert {error.split(":")[0] for error in schema_errors(MEASURED, bad)} == set(bad)
    with pytest.raises(ValidationError):
        _Measured.model_validate(bad)


@settings(max_examples=300, deadline=None)
@given(st.from_regex(INTEGER_TEXT, fullmatch=True), st.from_regex(NUMBER_TEXT, fullmatch=True))
def test_number_patterns_accept_only_what_pydantic_reads(whole: str, number: str) -> None:
    TypeAdapter(int).validate_python(whole)
    TypeAdapter(float).validate_python(number)


# --- bvpp schema ---------------------------------------------------------------------


def test_cli_writes_then_checks(tmp_path: Path) -> None:
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    runner = CliRunner()
    stale = runner.invoke(main, ["schema", "--check", "--project", str(tmp_path)])
    assert stale.exit_code == 1
    for name in schema_texts():
        assert f"{FOLDER}/{name}" in stale.output

    written = runner.invoke(main, ["schema", "--project", str(tmp_path)])
    assert written.exit_code == 0, written.output
    assert {p.name: p.read_text(encoding="utf-8") for p in (tmp_path / FOLDER).iterdir()} == (
        schema_texts()
    )
    assert runner.invoke(main, ["schema", "--check", "--project", str(tmp_path)]).exit_code == 0

    (tmp_path / FOLDER / "theme.schema.json").write_text("{}\n", encoding="utf-8")
    one = runner.invoke(main, ["schema", "--check", "--project", str(tmp_path)])
    assert one.exit_code == 1
    assert "theme.schema.json" in one.output and "plan.schema.json" not in one.output
    again = runner.invoke(main, ["schema", "--project", str(tmp_path)])
    assert "1 schema file written" in again.output
