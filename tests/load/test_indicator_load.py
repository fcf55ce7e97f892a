"""Loading content/indicators/: strict, located errors for the YAML and the spreadsheet of values."""

from __future__ import annotations

from collections.abc import Callable

from generator import pipeline
from generator.core.problems import Severity
from generator.load.indicators import COLUMNS
from generator.pipeline import Project
from tests.conftest import ROOT

HEADER = ",".join(COLUMNS)


def messages(project: Project, severity: Severity = Severity.ERROR) -> list[str]:
    report = pipeline.check(project).report
    return [
        f"{p.location}: {p.field}: {p.message}"
        for p in report.sorted()
        if p.severity is severity and "indicators" in p.location.file
    ]


def test_the_bundled_catalogue_loads_with_its_values() -> None:
    result = pipeline.check(Project.at(ROOT))
    assert result.plan is not None and result.plan.indicators is not None
    catalogue = result.plan.indicators
    bvpi_157 = catalogue.get("bvpi-157")
    assert bvpi_157 is not None
    assert [(r.period, r.actual.text, r.target.text) for r in bvpi_157.rows] == [
        ("2003/04, third quarter", "35", ""), ("March 2005", "", "73"),
    ]
    sickness = catalogue.get("bvpi-12")
    assert sickness is not None
    # Seed 000 gives 10.65 → 9.98 in 2002-03; the BVPP draft's next figure is still XXX.
    assert [r.actual.text for r in sickness.rows[:2]] == ["10.65", "9.98"]
    assert sickness.rows[2].actual.missing == "XXX"
    assert all(row.source for i in catalogue.indicators for row in i.rows)


def test_every_bad_cell_is_reported_at_its_place(write_content: Callable[[dict[str, str]], Project]) -> None:
    values = "\n".join([
        HEADER,
        "bvpi-157,June 2003,2003-06-31,35,,,quote",
        "bvpi-517,June 2003,,35,,,quote",
        "bvpi-157,July 2003,,35 percent,,,quote",
        "bvpi-157,August 2003,,£35,,,quote",
        "bvpi-157,,,36,,,",
        "bvpi-157,September 2003,2003-09-30,36,,,quote",
        "bvpi-157,September 2003,2003-08-01,37,,,quote",
        "bvpi-157,October 2003,,,,",
    ]) + "\n"
    project = write_content({"indicators/values.csv": values})
    assert messages(project) == [
        'content/indicators/values.csv:2:20: date: expected a date written as YYYY-MM-DD, found "2003-06-31" '
        "(day is out of range for month)",
        'content/indicators/values.csv:3:1: indicator: expected the id of an indicator in indicators.yaml, '
        'found "bvpi-517"',
        'content/indicators/values.csv:4:21: actual: expected a number such as 14.5, an empty cell, or '
        '"missing: <the source\'s words>", found "35 percent"',
        'content/indicators/values.csv:5:23: actual: expected a number such as 14.5, an empty cell, or '
        '"missing: <the source\'s words>", found "£35"',
        "content/indicators/values.csv:6:10: period: expected the period as the source names it, found an "
        "empty cell",
        "content/indicators/values.csv:6:17: source: expected the sentence of the plan this figure comes "
        "from, found an empty cell",
        "content/indicators/values.csv:8:1: date: bvpi-157: 2003-08-01 comes before the date of the row above "
        "it (2003-09-30, line 7)",
        'content/indicators/values.csv:8:1: period: bvpi-157: period "September 2003" is already given at line 7',
        "content/indicators/values.csv:9:26: : expected 7 cells as in the header, found 6",
    ]


def test_a_bad_header_is_reported_once(write_content: Callable[[dict[str, str]], Project]) -> None:
    project = write_content({"indicators/values.csv": "indicator,period,dates,actual,target,source\n"})
    assert messages(project) == [
        'content/indicators/values.csv:1:1: : required column "date" is missing from the header',
        'content/indicators/values.csv:1:1: : required column "stretch_target" is missing from the header',
        'content/indicators/values.csv:1:18: dates: expected one of the columns indicator, period, date, '
        'actual, target, stretch_target, source, note, found "dates"',
    ]


def test_the_yaml_is_checked_like_every_content_file(
    write_content: Callable[[dict[str, str]], Project],
) -> None:
    yaml = (ROOT / "content/indicators/indicators.yaml").read_text(encoding="utf-8")
    yaml = yaml.replace('  tolerance_percent: "5"', '  tolerance_percent: "five"', 1)
    yaml = yaml.replace('    family: "LPSA"\n    code: "1"\n', '    family: "LPSA"\n    code: "1.1"\n', 1)
    yaml = yaml.replace('    family: "PAF"\n    code: "C27"\n', '    family: "PAF"\n    code: "C 27"\n', 1)
    project = write_content({"indicators/indicators.yaml": yaml})
    found = messages(project)
    assert len(found) == 2, found
    assert found[0].startswith("content/indicators/indicators.yaml:9:22: rating.tolerance_percent: expected a number")
    assert "code: " in found[1] and 'found "C 27"' in found[1]
    yaml = yaml.replace('"five"', '"5"').replace('"C 27"', '"C27"')
    found = messages(write_content({"indicators/indicators.yaml": yaml}))
    assert len(found) == 1 and "indicators[" in found[0] and "LPSA 1.1 is already defined at" in found[0]


def test_values_need_a_polarity_and_references_must_exist(
    write_content: Callable[[dict[str, str]], Project],
) -> None:
    yaml = (ROOT / "content/indicators/indicators.yaml").read_text(encoding="utf-8")
    yaml = yaml.replace('    unit: "%"\n    polarity: "higher"\n    frequency: "quarterly"',
                        '    unit: "%"\n    frequency: "quarterly"', 1)
    yaml = yaml.replace('outcomes: ["improved-recycling-levels"]', 'outcomes: ["improved-recycling-level"]', 1)
    project = write_content({"indicators/indicators.yaml": yaml})
    (error,) = messages(project)
    assert error.endswith("id: BVPI 157 has values in values.csv but no polarity")
    (warning,) = messages(project, Severity.WARNING)
    assert 'outcomes[0]: unknown outcome "improved-recycling-level"' in warning


def test_no_indicators_folder_means_no_indicator_pages(write_content: Callable[[dict[str, str]], Project]) -> None:
    project = write_content({"indicators/indicators.yaml": "", "indicators/values.csv": ""})
    result = pipeline.check(project)
    assert result.plan is not None and not result.report.errors
    from generator.render import pages

    built = pages.build(result.plan)
    assert not [path for path in built.pages if path.startswith("indicators/")]
    assert "Indicators" not in str(built.nav)
    orphan = write_content({"indicators/indicators.yaml": ""})
    assert messages(orphan) == [
        "content/indicators/indicators.yaml: : required file is missing: values.csv needs the indicators it names"
    ]
