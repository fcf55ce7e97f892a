"""Data tables: figures read as published, checks that add up (or say why not), located errors."""

from __future__ import annotations

import html
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest

from generator.core.figures import format_figure, parse_figure
from generator.core.problems import Problem, Severity
from generator.derive.arithmetic import Comparison, check_table, describe, expression
from generator.load.documents import ContentLayout
from generator.load.plan import load_content
from generator.load.tables import load_tables
from generator.model.tables import Table
from generator.pipeline import Project, build, check, generate
from tests.conftest import ROOT

# --- figures --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value", "unit", "decimals"),
    [
        ("9,161", Decimal(9161), "", 0),
        ("-5,434", Decimal(-5434), "", 0),
        ("188,898", Decimal(188898), "", 0),
        ("-1.75%", Decimal("-1.75"), "%", 2),
        ("3.27%", Decimal("3.27"), "%", 2),
        ("£1033.89", Decimal("1033.89"), "£", 2),
        ("£1,033.89", Decimal("1033.89"), "£", 2),
        ("-0.377", Decimal("-0.377"), "", 3),
        ("0.000", Decimal(0), "", 3),
        ("242.5", Decimal("242.5"), "", 1),
        ("0", Decimal(0), "", 0),
        ("\u22125", Decimal(-5), "", 0),  # a typographic minus sign, as Word writes it
        (" 625 ", Decimal(625), "", 0),
    ],
)
def test_figures_are_read_exactly_as_published(
    text: str, value: Decimal, unit: str, decimals: int
) -> None:
    figure = parse_figure(text)
    assert figure is not None
    assert (figure.value, figure.unit, figure.decimals) == (value, unit, decimals)
    assert figure.text == text.strip()
    assert not figure.missing


@pytest.mark.parametrize(("text", "blank"), [("", True), ("-", False), ("\u2013", False)])
def test_a_dash_or_an_empty_cell_is_no_figure(text: str, blank: bool) -> None:
    figure = parse_figure(text)
    assert figure is not None
    assert figure.value is None and figure.missing
    assert figure.blank is blank


@pytest.mark.parametrize("text", ["Fair", "2 out of 4", "91,61", "9,1610", "£5%", "1.2.3", "yes", "1."])
def test_words_are_not_figures(text: str) -> None:
    assert parse_figure(text) is None


def test_computed_values_are_written_like_the_published_ones() -> None:
    like = [parse_figure(t) for t in ("-2,291", "9,161")]
    figures = [f for f in like if f is not None]
    assert format_figure(Decimal(-2291), figures) == "-2,291"
    assert format_figure(Decimal("3.25"), [f for f in [parse_figure("3.27%")] if f]) == "3.25%"
    assert format_figure(Decimal("1071.2"), [f for f in [parse_figure("£1033.89")] if f]) == "£1071.20"
    # A sum with more decimals than the total shows them rather than hiding a difference.
    assert format_figure(Decimal("242.55"), [f for f in [parse_figure("242.5")] if f]) == "242.55"


# --- checks on a small table written for the test ------------------------------------------

SMALL_CSV = """line,a £000,b £000,total £000
One,"1,000",5,"1,005"
Two,200,-,198
Three,50,,40
Total,"1,250",5,"1,260"
"""

SMALL_SPEC = """tables:
  - id: small
    title: "Table 9: A small table"
    file: small.csv
    summary: "A table for the tests."
    checks:
      - name: "Total of the rows"
        down:
          add: [One, Two, Three]
          total: Total
        tolerance: "1"
      - name: "Each row across"
        across:
          add: [a £000]
          subtract: [b £000]
          total: total £000
          rows: [One, Two, Three]
        tolerance: "1"
"""


def small_table(tmp_path: Path, csv_text: str = SMALL_CSV, spec: str = SMALL_SPEC) -> tuple[list[Table], list[Problem]]:
    content = tmp_path / "content"
    (content / "tables").mkdir(parents=True)
    (content / "tables.yaml").write_text(spec, encoding="utf-8")
    (content / "tables" / "small.csv").write_text(csv_text, encoding="utf-8")
    return load_tables(ContentLayout(content))


def results(tmp_path: Path) -> dict[tuple[str, str, str], Comparison]:
    tables, problems = small_table(tmp_path)
    assert problems == []
    return {(c.sum.check, c.sum.total.row, c.sum.total.column): c for c in check_table(tables[0])}


def test_a_check_that_holds_agrees(tmp_path: Path) -> None:
    found = results(tmp_path)[("Total of the rows", "Total", "a £000")]
    # 1,000 + 200 + 50 = 1,250, as published
    assert found.status == "agrees"
    assert (found.expected, found.published, found.difference) == (Decimal(1250), Decimal(1250), Decimal(0))
    assert [cell.row for _, cell in found.sum.terms] == ["One", "Two", "Three"]


def test_a_check_that_fails_gives_the_exact_difference(tmp_path: Path) -> None:
    tables, _ = small_table(tmp_path)
    comparisons = {(c.sum.check, c.sum.total.row, c.sum.total.column): c for c in check_table(tables[0])}
    found = comparisons[("Total of the rows", "Total", "total £000")]
    # 1,005 + 198 + 40 = 1,243, but the table shows 1,260: 17 more
    assert found.status == "disagrees"
    assert (found.expected, found.published, found.difference) == (Decimal(1243), Decimal(1260), Decimal(17))
    assert describe(found, tables[0]) == (
        "Total, total £000: the rows add up to 1,243 but the table shows 1,260 (17 more than the sum)"
    )
    assert expression(found, tables[0]) == "One (1,005) + Two (198) + Three (40) = Total (1,260)"


def test_subtracted_columns_count_against_the_total(tmp_path: Path) -> None:
    tables, _ = small_table(tmp_path)
    one = next(c for c in check_table(tables[0]) if c.sum.check == "Each row across" and c.sum.total.row == "One")
    # 1,000 - 5 = 995, but the table shows 1,005: the sign is honoured, so this is 10 more
    assert (one.expected, one.difference, one.status) == (Decimal(995), Decimal(10), "disagrees")
    assert expression(one, tables[0]) == "a £000 (1,000) − b £000 (5) = total £000 (1,005)"


def test_a_missing_figure_means_cannot_check(tmp_path: Path) -> None:
    tables, _ = small_table(tmp_path)
    found = {(c.sum.check, c.sum.total.row, c.sum.total.column): c for c in check_table(tables[0])}
    column_b = found[("Total of the rows", "Total", "b £000")]
    assert column_b.status == "cannot check"
    assert column_b.expected is None and column_b.difference is None
    assert [(cell.row, cell.text) for cell in column_b.missing] == [("Two", "-"), ("Three", "")]
    assert describe(column_b, tables[0]) == (
        'Total, b £000: cannot check: figure missing in the draft (Two, b £000 is "-"; '
        "Three, b £000 is empty)"
    )
    assert found[("Each row across", "Three", "total £000")].status == "cannot check"


def test_rounding_within_the_tolerance_agrees_but_says_so(tmp_path: Path) -> None:
    csv_text = SMALL_CSV.replace('"1,260"', '"1,244"')  # rows add up to 1,243
    tables, _ = small_table(tmp_path, csv_text)
    total = next(c for c in check_table(tables[0]) if c.sum.total.column == "total £000" and c.sum.direction == "down")
    assert total.status == "agrees" and total.rounded and total.difference == 1
    assert "within rounding (difference 1)" in describe(total, tables[0])


# --- the bundled tables: the real published figures -------------------------------------------


@pytest.fixture(scope="module")
def bundled() -> dict[str, list[Comparison]]:
    plan, problems = load_content(ROOT / "content")
    assert plan is not None, [p.format() for p in problems]
    return {table.id: check_table(table) for table in plan.tables}


def test_every_bundled_table_is_loaded(bundled: dict[str, list[Comparison]]) -> None:
    assert sorted(bundled) == sorted(p.stem for p in (ROOT / "content" / "tables").glob("*.csv"))


def test_no_published_sum_disagrees_beyond_rounding(bundled: dict[str, list[Comparison]]) -> None:
    disagreeing = [c for comparisons in bundled.values() for c in comparisons if c.status == "disagrees"]
    assert disagreeing == []


def test_table_1_adds_up_exactly(bundled: dict[str, list[Comparison]]) -> None:
    comparisons = bundled["medium-term-budget-strategy"]
    # By hand, 2004-2005 £m: 229.337 - 0.377 + 7.265 + 2.457 - 2.227 + 0.267 + 11.879 - 0.515
    # - 1.900 - 3.670 = 242.516 (MTBS); 2005-2006: 253.379; 2006-2007: 267.216. Change %:
    # -1.75 - 0.45 + 8.67 + 2.93 - 2.66 + 0.32 - 10.74 + 14.19 - 0.61 - 2.27 - 4.38 = 3.25.
    # Net Position = MTBS + 0.017 = 242.533 (3.25% + 0.02% = 3.27%).
    assert [(c.sum.total.row, c.sum.total.column, c.expected, c.difference) for c in comparisons] == [
        ("MTBS", "2004-2005 £m", Decimal("242.516"), Decimal(0)),
        ("MTBS", "2005-2006 £m", Decimal("253.379"), Decimal(0)),
        ("MTBS", "2006-2007 £m", Decimal("267.216"), Decimal(0)),
        ("MTBS", "change %", Decimal("3.25"), Decimal(0)),
        ("Net Position", "2004-2005 £m", Decimal("242.533"), Decimal(0)),
        ("Net Position", "2005-2006 £m", Decimal("253.379"), Decimal(0)),
        ("Net Position", "2006-2007 £m", Decimal("267.216"), Decimal(0)),
        ("Net Position", "change %", Decimal("3.27"), Decimal(0)),
    ]


def test_sources_of_income_agree_only_within_rounding(bundled: dict[str, list[Comparison]]) -> None:
    gross_less, parts = bundled["sources-of-income"]
    # By hand: 357.3 - 18.9 - 95.8 = 242.6, but the table shows 242.5: 0.1 less, one unit in
    # the last place (the figures are rounded to £0.1m), so within the declared tolerance.
    assert (gross_less.expected, gross_less.published, gross_less.difference) == (
        Decimal("242.6"), Decimal("242.5"), Decimal("-0.1"),
    )
    assert gross_less.status == "agrees" and gross_less.rounded
    # 96.9 + 59.1 + 86.5 = 242.5 exactly.
    assert (parts.expected, parts.difference, parts.rounded) == (Decimal("242.5"), Decimal(0), False)


def test_budget_change_analysis_cannot_check_where_the_draft_leaves_figures_out(
    bundled: dict[str, list[Comparison]],
) -> None:
    comparisons = bundled["budget-change-analysis"]
    unchecked = [
        (c.sum.total.row, c.sum.total.column, [(m.row, m.column, m.text) for m in c.missing])
        for c in comparisons
        if c.status == "cannot check"
    ]
    # Organisational Development's capital financing is published as "-", and Chief Executive's
    # Office has no capital financing and no 2004-2005 original figure: every sum through
    # those cells cannot be checked (and none of them is filled in).
    assert unchecked == [
        ("Service Total", "capital financing £000", [
            ("Organisational Development", "capital financing £000", "-"),
            ("Chief Executive's Office", "capital financing £000", ""),
        ]),
        ("Service Total", "2004-2005 original £000", [
            ("Chief Executive's Office", "2004-2005 original £000", ""),
        ]),
        ("Organisational Development", "2004-2005 original £000", [
            ("Organisational Development", "capital financing £000", "-"),
        ]),
        ("Chief Executive's Office", "2004-2005 original £000", [
            ("Chief Executive's Office", "capital financing £000", ""),
            ("Chief Executive's Office", "2004-2005 original £000", ""),
        ]),
    ]
    agreed = {(c.sum.check, c.sum.total.row, c.sum.total.column): c.expected for c in comparisons if c.status == "agrees"}
    assert len(agreed) == len(comparisons) - 4 == 42
    assert all(c.difference == 0 for c in comparisons if c.status == "agrees")
    # By hand: Other £000 down the directorates, -664 - 2,194 + 396 - 22 + 2,577 - 2,384 = -2,291;
    # Corporate across, 9,161 + 625 - 10 - 664 + 0 - 5,434 = 3,678; To be raised from Council
    # Tax, 229,771 + 321 - 60,893 - 86,161 = 83,038 (2003-2004).
    assert agreed[("Service Total: the sum of the directorates", "Service Total", "other £000")] == -2291
    assert agreed[("2004-2005 Original: the 2003-2004 Original plus every change", "Corporate", "2004-2005 original £000")] == 3678
    to_be_raised = "To be raised from Council Tax: Total Net Expenditure less the Collection Fund, NNDR and RSG lines"
    assert agreed[(to_be_raised, "To be raised from Council Tax", "2003-2004 original £000")] == 83038


# --- through the pipeline: warnings, gaps, pages -----------------------------------------------


def test_a_changed_figure_is_an_arithmetic_warning_at_its_cell(
    write_content: Callable[[dict[str, str]], Project],
) -> None:
    csv_path = ROOT / "content" / "tables" / "budget-change-analysis.csv"
    text = csv_path.read_text(encoding="utf-8")
    assert '"-2,291"' in text
    project = write_content({"tables/budget-change-analysis.csv": text.replace('"-2,291"', '"-2,219"', 1)})
    arithmetic = [p for p in check(project).report.warnings if p.kind == "arithmetic"]
    # Counted by hand: Service Total is line 8; "Service Total," is 14 characters and each
    # quoted figure before Other takes its length plus a comma (10, 8, 8), so Other starts at
    # column 41 and 2004-2005 original (after "-2,219", "12,132", "-8,038") at column 68.
    # Sub-Total is line 13: "Sub-Total," + "229,876", + "9,723", + 419, puts Other at 33.
    # -2,219 breaks three sums, each by 72.
    assert [(str(p.location), p.field) for p in arithmetic] == [
        ("content/tables/budget-change-analysis.csv:8:41", "Other £000"),
        ("content/tables/budget-change-analysis.csv:8:68", "2004-2005 Original £000"),
        ("content/tables/budget-change-analysis.csv:13:33", "Other £000"),
    ]
    assert arithmetic[0].message == (
        "Analysis of the Change between financial years: Service Total, Other £000: the rows "
        "add up to -2,291 but the table shows -2,219 (72 more than the sum)"
    )
    assert "264,518 but the table shows 264,446 (72 less than the sum)" in arithmetic[1].message
    assert all(p.severity is Severity.WARNING for p in arithmetic)


def test_missing_figures_a_check_needs_are_draft_gaps(project: Project) -> None:
    gaps = [p for p in check(project).report.warnings if p.kind == "gap" and p.location.file.endswith(".csv")]
    assert [(str(p.location), p.field) for p in gaps] == [
        ("content/tables/budget-change-analysis.csv:4:39", "Capital Financing £000"),
        ("content/tables/budget-change-analysis.csv:5:33", "Capital Financing £000"),
        ("content/tables/budget-change-analysis.csv:5:46", "2004-2005 Original £000"),
    ]
    result = generate(project)
    gaps_page = (project.docs / "gaps.md").read_text(encoding="utf-8")
    assert "## Tables" in gaps_page
    assert 'href="../plan/councils-finances/#table-budget-change-analysis"' in gaps_page
    assert result.pages > 0


def test_the_section_page_shows_the_table_and_what_its_checks_found(project: Project) -> None:
    generate(project)
    page = (project.docs / "plan" / "councils-finances.md").read_text(encoding="utf-8")
    text = html.unescape(page)
    assert "{{ table:" not in page
    assert '<caption id="table-medium-term-budget-strategy-caption">Table 1: Medium Term Budget Strategy</caption>' in page
    assert '<th scope="col" class="bvpp-num">2004-2005 £m</th>' in page
    assert '<tr><th scope="row">Repriced Base Budget</th> <td class="bvpp-num">229.337</td>' in page
    assert "<strong>Checked: the figures add up.</strong> 8 sums checked." in page
    assert "Net revenue budget, Total £m: the figures add up to 242.6; the table shows 242.5, within rounding (difference 0.1)" in text
    assert "<strong>Not checked: 4 sums need figures missing in the draft:</strong>" in page
    assert "<strong>Checked: the other 42 sums add up.</strong>" in page
    # The missing 2004-2005 figure for Chief Executive's Office stays missing, and says so.
    row = next(line for line in text.splitlines() if line.startswith("<tr><th scope=\"row\">Chief Executive's Office"))
    assert row.count("Not yet provided") == 2 and "768" not in row
    assert page.index("table-medium-term-budget-strategy") < page.index("The base Revenue Budget for 2004-2005")


def test_a_disagreement_is_listed_under_the_table_in_words(
    write_content: Callable[[dict[str, str]], Project],
) -> None:
    text = (ROOT / "content" / "tables" / "sources-of-income.csv").read_text(encoding="utf-8")
    project = write_content({"tables/sources-of-income.csv": text.replace("86.5", "85.6")})
    generate(project)
    page = html.unescape((project.docs / "plan" / "councils-finances.md").read_text(encoding="utf-8"))
    assert '<span class="bvpp-check__icon" aria-hidden="true">✗</span> <strong>The published figures do not add up in 1 place:</strong>' in page
    # 96.9 + 59.1 + 85.6 = 241.6, and the table shows 242.5
    assert "Net revenue budget, Total £m: the figures add up to 241.6 but the table shows 242.5 (0.9 more than the sum)" in page
    assert "Revenue support grants (96.9) + National non-domestic rate (59.1) + Balance to be funded from Council Tax (85.6) = Net revenue budget (242.5)" in page


@pytest.mark.site
def test_the_built_site_keeps_the_table_html(project: Project) -> None:
    build(project)
    html = (project.site / "plan" / "councils-finances" / "index.html").read_text(encoding="utf-8")
    assert '<table class="bvpp-figures" aria-describedby="table-sources-of-income-summary">' in html
    assert "Checked: the figures add up." in html


def test_table_text_is_escaped(write_content: Callable[[dict[str, str]], Project]) -> None:
    text = (ROOT / "content" / "tables" / "lpsa-areas.csv").read_text(encoding="utf-8")
    project = write_content({"tables/lpsa-areas.csv": text.replace("Street scene", "<script>alert(1)</script> & [x](javascript:y)")})
    generate(project)
    page = (project.docs / "plan" / "local-public-services-agreement.md").read_text(encoding="utf-8")
    assert "<script>" not in page and "](javascript" not in page
    assert "<td><script>alert(1)</script> & [x](javascript:y)</td>" in html.unescape(page)


# --- located errors ------------------------------------------------------------------------


def messages(problems: list[Problem]) -> list[str]:
    return [p.format().split("\n")[0] for p in sorted(problems, key=Problem.sort_key)]


def test_a_ragged_row_is_located(tmp_path: Path) -> None:
    _, problems = small_table(tmp_path, SMALL_CSV.replace("Two,200,-,198", "Two,200,-,198,7"))
    assert messages(problems) == [
        'content/tables/small.csv:3:15: row "Two" has 5 cells but the header has 4 columns'
    ]
    _, problems = small_table(tmp_path / "short", SMALL_CSV.replace("Two,200,-,198", "Two,200"))
    assert messages(problems) == [
        'content/tables/small.csv:3:5: row "Two" has 2 cells but the header has 4 columns'
    ]


def test_bad_quoting_is_located(tmp_path: Path) -> None:
    _, problems = small_table(tmp_path, SMALL_CSV.replace('"1,000"', '"1,000"x'))
    assert messages(problems) == [
        "content/tables/small.csv:2:12: expected a comma after the closing quote, found 'x'"
    ]


def test_an_unclosed_quote_is_reported_where_it_opens(tmp_path: Path) -> None:
    """The csv module notices only at the end of the file, lines later."""
    _, problems = small_table(tmp_path, SMALL_CSV.replace('Two,200,-,198', 'Two,"200,-,198'))
    assert messages(problems) == [
        "content/tables/small.csv:3:5: expected a closing double quote for the cell that opens "
        "here, found a quote only on line 5, followed by '1'"
    ]
    _, problems = small_table(tmp_path / "end", SMALL_CSV.replace('5,"1,260"', '5,"1,260'))
    assert messages(problems) == [
        "content/tables/small.csv:5:17: expected a closing double quote for the cell that opens "
        "here, found the end of the file"
    ]


@pytest.mark.parametrize(
    ("char", "name"),
    [("\x00", "U+0000 (null)"), ("\x1b", "U+001B (escape)"), ("\x85", "U+0085 (a control"),
     ("\u202e", "U+202E (right-to-left override)")],
)
def test_control_and_direction_characters_in_cells_are_refused(
    tmp_path: Path, char: str, name: str
) -> None:
    _, problems = small_table(tmp_path, SMALL_CSV.replace("Three,50", f"Th{char}ree,50"))
    assert len(problems) == 1
    assert messages(problems)[0].startswith("content/tables/small.csv:4:3: expected text, found the invisible")
    assert name in messages(problems)[0]


def test_duplicate_labels_and_headings_are_located(tmp_path: Path) -> None:
    csv_text = SMALL_CSV.replace("Three,50", "One,50").replace("b £000,total", "a £000,total")
    _, problems = small_table(tmp_path, csv_text)
    assert messages(problems) == [
        'content/tables/small.csv:1:13: a £000: duplicate column heading "a £000"',
        'content/tables/small.csv:4:1: line: duplicate row label "One" (first at line 2)',
    ]


def test_a_check_naming_a_missing_row_or_column_is_located(tmp_path: Path) -> None:
    spec = SMALL_SPEC.replace("add: [One, Two, Three]", "add: [One, Tow, Three]").replace(
        "subtract: [b £000]", "subtract: [c £000]"
    )
    _, problems = small_table(tmp_path, spec=spec)
    assert messages(problems) == [
        'content/tables.yaml:9:22: tables[0].checks[0].down.add[1]: no row labelled "Tow" in content/tables/small.csv',
        'content/tables.yaml:15:22: tables[0].checks[1].across.subtract[0]: no column headed "c £000" in content/tables/small.csv',
    ]
    assert 'did you mean "Two"?' in problems[0].hint


def test_a_checked_cell_must_hold_a_figure(tmp_path: Path) -> None:
    _, problems = small_table(tmp_path, SMALL_CSV.replace("Two,200", "Two,about 200"))
    assert messages(problems) == [
        'content/tables/small.csv:3:5: a £000: Two: expected a figure such as 9,161, -1.75% or £1033.89, found "about 200"'
    ]


def test_a_check_needs_exactly_one_shape(tmp_path: Path) -> None:
    spec = SMALL_SPEC.replace('      - name: "Each row across"\n        across:', '      - name: "Each row across"\n        down:\n          add: [One]\n          total: Total\n        across:')
    _, problems = small_table(tmp_path, spec=spec)
    assert len(problems) == 1
    assert str(problems[0].location) == "content/tables.yaml:12:9"
    assert "give exactly one of down, across or cells (found down, across)" in problems[0].message


def test_an_unknown_table_file_is_located(tmp_path: Path) -> None:
    _, problems = small_table(tmp_path, spec=SMALL_SPEC.replace("file: small.csv", "file: smal.csv"))
    assert messages(problems) == [
        "content/tables.yaml:4:11: tables[0].file: no such table file: content/tables/smal.csv",
        "content/tables/small.csv: warning: this table is not listed in content/tables.yaml, so it is not published",
    ]
    assert problems[0].hint == 'did you mean "small.csv"?'


def test_an_unknown_marker_is_an_error_at_its_line(
    write_content: Callable[[dict[str, str]], Project],
) -> None:
    section = (ROOT / "content" / "sections" / "07-local-public-services-agreement.md").read_text(encoding="utf-8")
    lines = section.split("\n")
    index = lines.index("{{ table: lpsa-areas }}")
    lines[index] = "{{ table: lpsa-area }}"
    project = write_content({"sections/07-local-public-services-agreement.md": "\n".join(lines)})
    report = check(project).report
    assert [p.format() for p in report.errors] == [
        f"content/sections/07-local-public-services-agreement.md:{index + 1}:1: body: unknown table "
        '"lpsa-area"\n    hint: did you mean "lpsa-areas"?'
    ]
    unplaced = [p for p in report.warnings if p.kind == "table"]
    assert [(p.location.file, p.message) for p in unplaced] == [
        ("content/tables.yaml", 'table "lpsa-areas" is not placed in any section, so it is not published')
    ]


def test_a_check_adds_like_with_like(tmp_path: Path) -> None:
    _, problems = small_table(tmp_path, SMALL_CSV.replace('Total,"1,250"', 'Total,"12.5%"'))
    assert messages(problems) == [
        'content/tables/small.csv:5:7: a £000: the check "Total of the rows" adds figures of '
        'different kinds ("%" and plain numbers)'
    ]
