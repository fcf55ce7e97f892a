"""Properties: a return of what is already published changes nothing; what import writes re-loads
to the same bytes; a cell's number enters as Excel displays it."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.core.strictyaml import parse_yaml
from generator.load.documents import ContentLayout, validate_document
from generator.load.indicators import load_indicators
from generator.model.progress import StatusUpdate, UpdatesFile
from generator.returns.cells import number_text
from generator.returns.check import Changes, FigureChange
from generator.returns.content import updates_text, values_text
from generator.returns.rows import ReturnPeriod
from tests.conftest import ROOT, copy_project
from tests.returns.helpers import bvpp, fill

PUBLISHED = sorted(
    {(row.period, row.date) for i in load_indicators(ContentLayout(ROOT / "content"))[0].indicators
     for row in i.rows if row.date is not None and row.actual.given}
)
"""Every dated period that holds a published actual in the bundled plan."""

# Text an officer may type: any printable character, quotes and YAML/CSV specials included.
typed = st.text(
    st.characters(blacklist_categories=("Cc", "Cf", "Cs", "Zl", "Zp", "Co", "Cn")), min_size=1, max_size=40
).map(str.strip).filter(bool)


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(period=st.sampled_from(PUBLISHED), as_number=st.booleans())
def test_a_return_of_the_published_figures_changes_nothing(
    tmp_path_factory: pytest.TempPathFactory, period: tuple[str, dt.date], as_number: bool
) -> None:
    project = copy_project(tmp_path_factory.mktemp("unchanged") / "project")
    out = project.root / "return.xlsx"
    made = bvpp(project, "returns", "template", "--period", period[0], "--ends", period[1].isoformat(),
                "--out", str(out))
    assert made.exit_code == 0, made.output
    catalogue = load_indicators(ContentLayout(project.content))[0]

    def published(sheet, _tasks):  # type: ignore[no-untyped-def]
        for row in sheet.iter_rows(min_row=2):
            indicator = catalogue.get(row[0].value)
            own = [r for r in indicator.rows if r.period == period[0] and r.actual.given] if indicator else []
            if own:
                text = own[0].actual.text
                if as_number and "," not in text:  # typed as a number, shown with its decimals
                    decimals = len(text.partition(".")[2])
                    row[8].value = float(text)
                    row[8].number_format = "0." + "0" * decimals if decimals else "0"
                else:
                    row[8].value = text

    filled = fill(out, project.root / "filled.xlsx", published)
    before = {p: p.read_bytes() for p in project.content.rglob("*") if p.is_file()}
    result = bvpp(project, "returns", "import", str(filled))
    assert result.exit_code == 0, result.output
    assert not [line for line in result.output.splitlines() if line.startswith(("added", "changed"))]
    assert {p: p.read_bytes() for p in project.content.rglob("*") if p.is_file()} == before


@given(
    updates=st.lists(
        st.tuples(st.sampled_from(["achieved", "underway", None]), st.lists(typed, max_size=3),
                  st.lists(typed, max_size=2), st.none() | typed),
        min_size=1, max_size=4,
    )
)
def test_an_update_file_written_by_import_reloads_to_the_same_bytes(
    updates: list[tuple[str | None, list[str], list[str], str | None]],
) -> None:
    entries = [
        StatusUpdate(task=f"task-{n}", status=status, progress=words or None, next_actions=actions or None, note=note)
        for n, (status, words, actions, note) in enumerate(updates)
    ]
    text = updates_text(None, entries, "2004/05 Q1")
    doc, problems = parse_yaml(text, "updates.yaml")
    assert doc is not None and not problems, problems
    loaded = validate_document(doc, UpdatesFile, problems)
    assert loaded is not None and not problems, problems
    assert updates_text(text, loaded.updates, "2004/05 Q1") == text


@given(actual=st.decimals(min_value=-10**6, max_value=10**6, places=2).map(str), source=typed, note=typed)
def test_values_written_by_import_reload_to_the_same_cells_and_bytes(actual: str, source: str, note: str) -> None:
    original = (ROOT / "content/indicators/values.csv").read_text(encoding="utf-8")
    period = ReturnPeriod("2004/05 Q1", dt.date(2004, 6, 30))
    change = FigureChange("recycling-rate", "Recycling", period.label, actual, note, source, None)
    text = values_text(original, [change], Changes(period, ""))
    rows = list(csv.reader(io.StringIO(text)))
    assert ["recycling-rate", "2004/05 Q1", "2004-06-30", actual, "", "", source, note] in rows
    assert all(line in text for line in original.splitlines(keepends=True)), "published records keep their bytes"
    again = values_text(text, [], Changes(period, ""))
    assert again == text


@pytest.mark.parametrize(
    ("value", "number_format", "shown"),
    [
        (48, "General", "48"),
        (48.5, "0.00", "48.50"),
        (0.1 + 0.2, "General", "0.3"),
        (1234.5, "#,##0", "1,235"),
        (0.485, "0.0%", "48.5%"),
        (-2.25, "0.0", "-2.3"),
        (17.0, "@", "17"),
    ],
)
def test_a_number_enters_as_excel_displays_it(value: float, number_format: str, shown: str) -> None:
    assert number_text(value, number_format) == shown

