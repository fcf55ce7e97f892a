"""The open data's dictionary: every resource it declares is published and every published
resource is declared; the indicators' columns match the files written; a mistake in the file
fails here, by name; and the file ships in the package."""

from __future__ import annotations

import fnmatch
import importlib.resources
import string
import tomllib

import pytest
from pydantic import ValidationError

from generator.derive.changes import report
from generator.model.plan import Plan
from generator.render.opendata import dictionary as dictionary_module
from generator.render.opendata.dictionary import FILE, declared, dictionary, parse, phrase
from generator.render.opendata.indicator_files import INDICATOR_COLUMNS, VALUE_COLUMNS
from generator.render.opendata.registry import report_resources, resources, source_for
from tests.conftest import ROOT


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_declared_resource_is_published_and_every_published_one_declared(bundled_plan: Plan) -> None:
    published = resources(source_for(bundled_plan)) + report_resources(report(None, {}))
    declared_names = set(dictionary().resources)
    table_names = {f"table-{table.id}" for table in bundled_plan.tables}
    assert {r.name for r in published} - table_names == declared_names - {"table-{id}"}
    assert table_names <= {r.name for r in published}


def test_the_indicator_columns_are_the_ones_the_indicator_files_write(bundled_plan: Plan) -> None:
    published = {r.name: r for r in resources(source_for(bundled_plan))}
    assert tuple(c.name for c in published["indicators"].columns) == INDICATOR_COLUMNS
    assert tuple(c.name for c in published["indicator-values"].columns) == VALUE_COLUMNS


def test_a_gap_column_is_followed_by_its_missing_column() -> None:
    themes = declared("themes", ())
    names = [c.name for c in themes.columns]
    assert names[names.index("intro") + 1] == "intro_missing"
    missing = next(c for c in themes.columns if c.name == "intro_missing")
    assert missing.description == phrase("missing", field="intro")
    assert "'intro'" in missing.description and "{" not in missing.description


def test_every_placeholder_is_one_the_providers_fill() -> None:
    """The words the providers pass (the five columns' headings, a table's, the comparison)."""
    filled = {"statement", "lead_directorates", "what_we_did", "actions_planned", "related", "contacts",
              "id", "title", "summary_and_units", "compared"} | set(dictionary().phrases)
    for name, entry in dictionary().resources.items():
        texts = [name, entry.title, entry.description]
        texts += [c.description for c in entry.columns or () if not isinstance(c, str)]
        for text in texts:
            assert _placeholders(text) <= filled, (name, text)


def test_a_placeholder_left_unfilled_fails_by_name() -> None:
    with pytest.raises(KeyError, match="statement"):
        declared("outcomes", ())


def test_columns_come_from_the_dictionary_or_the_plan_never_both() -> None:
    with pytest.raises(ValueError, match="themes: columns"):
        declared("themes", (), columns=())
    with pytest.raises(ValueError, match=r"table-\{id\}: columns"):
        declared("table-{id}", (), words={"id": "t", "title": "T", "summary_and_units": "S"})


def test_a_mistake_in_the_file_fails_loudly() -> None:
    text = importlib.resources.files(dictionary_module.__package__).joinpath(FILE).read_text("utf-8")
    assert parse(text) == dictionary()
    with pytest.raises(ValidationError, match="descripton"):
        parse(text.replace("description: The theme's short name", "descripton: The theme's short name"))
    with pytest.raises(ValidationError, match="type"):
        parse(text.replace("type: integer", "type: int", 1))
    with pytest.raises(ValueError, match="duplicate"):
        parse(text.replace("  themes:\n", "  themes:\n    title: Again\n", 1))


def test_the_file_ships_in_the_package() -> None:
    package_data = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["setuptools"]["package-data"]
    assert any(fnmatch.fnmatch(FILE, pattern) for pattern in package_data["generator.render.opendata"])
