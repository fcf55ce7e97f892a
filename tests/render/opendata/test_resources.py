"""Each kind of open data record, provider by provider: one record per thing in the plan, every
record's fields the resource's columns, and the figures as published."""

from __future__ import annotations

import csv
import dataclasses
import io
import json

import pytest

from generator.derive.arithmetic import check_table
from generator.derive.citations import indicator_index
from generator.derive.gaps import find_gaps
from generator.model.plan import Plan
from generator.render.opendata import indicator_data, plan_data, progress_data, table_data
from generator.render.opendata.indicator_files import indicator_files
from generator.render.opendata.registry import source_for
from generator.render.opendata.resource import Resource


def one(resources: list[Resource], name: str) -> Resource:
    return next(r for r in resources if r.name == name)


def csv_rows(resource: Resource) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(resource.render("csv").decode("utf-8-sig"))))


def test_the_plans_records_are_one_per_thing(bundled_plan: Plan) -> None:
    outcomes = list(bundled_plan.outcomes())
    expected = {
        "themes": len(bundled_plan.themes),
        "priorities": sum(len(t.priorities) for t in bundled_plan.themes),
        "outcomes": len(outcomes),
        "directorates": len(bundled_plan.directorates),
        "contacts": len(bundled_plan.contacts),
        "gaps": len(find_gaps(bundled_plan)),
    }
    providers = {"themes": plan_data.themes, "priorities": plan_data.priorities, "outcomes": plan_data.outcomes,
                 "directorates": plan_data.directorates, "contacts": plan_data.contacts, "gaps": plan_data.gaps}
    for name, provider in providers.items():
        resource = one(list(provider(source_for(bundled_plan))), name)
        assert len(resource.rows) == expected[name], name
        columns = [c.name for c in resource.columns]
        assert all(list(row) == columns for row in resource.rows), name
        assert resource.path("csv") == f"data/{name}.csv"
    first = one(list(plan_data.outcomes(source_for(bundled_plan))), "outcomes").rows[0]
    assert first["id"] == outcomes[0][2].id


def test_a_cell_that_a_spreadsheet_would_run_is_guarded_in_csv(bundled_plan: Plan) -> None:
    edited = bundled_plan.themes[0].model_copy(update={"title": '=HYPERLINK("http://x")'})
    plan = dataclasses.replace(bundled_plan, themes=[edited, *bundled_plan.themes[1:]])
    resource = one(list(plan_data.themes(source_for(plan))), "themes")
    assert resource.rows[0]["title"] == '=HYPERLINK("http://x")'  # the record holds the plan's text
    assert csv_rows(resource)[0]["title"] == """'=HYPERLINK("http://x")"""  # the CSV cannot run it


def test_progress_records_cover_every_task_and_update(bundled_plan: Plan) -> None:
    tasks = one(list(progress_data.progress_tasks(source_for(bundled_plan))), "progress-tasks")
    assert len(tasks.rows) == sum(len(p.tasks()) for p in bundled_plan.progress)
    updates = one(list(progress_data.progress_updates(source_for(bundled_plan))), "progress-updates")
    assert {(row["plan_id"], row["period"]) for row in updates.rows} <= {
        (p.id, period.id) for p in bundled_plan.progress for period in p.config.periods
    }
    assert json.loads(updates.render("json"))  # lists stay lists in JSON


def test_each_table_is_published_as_printed_with_its_checks(bundled_plan: Plan) -> None:
    resources = list(table_data.data_tables(source_for(bundled_plan)))
    assert len(one(resources, "tables").rows) == len(bundled_plan.tables)
    for table in bundled_plan.tables:
        assert one(resources, f"table-{table.id}").path("csv") == f"data/tables/{table.id}.csv"
    checks = one(list(table_data.table_checks(source_for(bundled_plan))), "table-checks")
    assert len(checks.rows) == sum(len(check_table(t)) for t in bundled_plan.tables)
    assert {row["status"] for row in checks.rows} >= {"agrees"}


def test_indicators_as_open_data(bundled_plan: Plan) -> None:
    index = indicator_index(bundled_plan)
    resources = list(indicator_data.indicators(source_for(bundled_plan)))
    listed = csv_rows(one(resources, "indicators"))
    assert [row["id"] for row in listed] == [i.id for i in index.catalogue.indicators]
    files = indicator_files(index)
    assert {"data/indicators.csv", "data/indicator-values.csv", "data/indicators.json"} <= set(files)
    values = list(csv.DictReader(io.StringIO(files["data/indicators/bvpi-157.csv"].decode("utf-8-sig"))))
    assert [(v["period"], v["actual"]) for v in values] == [("2003/04, third quarter", "35"), ("March 2005", "")]
    whole = json.loads(files["data/indicators/bvpi-157.json"])
    assert "bvpi-157" in json.dumps(whole)


@pytest.mark.parametrize("name", ["indicators", "indicator-values"])
def test_indicator_resources_describe_the_files_the_indicator_module_writes(bundled_plan: Plan, name: str) -> None:
    resource = one(list(indicator_data.indicators(source_for(bundled_plan))), name)
    files = indicator_files(indicator_index(bundled_plan))
    assert resource.render("csv") == files[resource.path("csv")]
