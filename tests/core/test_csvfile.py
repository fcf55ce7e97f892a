"""CSV text read into cells that know their line and column; faults located where they are."""

from __future__ import annotations

from generator.core.csvfile import read_csv
from generator.core.problems import Location


def test_each_cell_knows_its_line_and_column() -> None:
    records, problems = read_csv('label,2004\n"Fees, charges",12\n\nGrants,7\n', "tables/x.csv")
    assert problems == []
    assert [[cell for cell, _ in record] for record in records] == [
        ["label", "2004"], ["Fees, charges", "12"], ["Grants", "7"],
    ]
    assert records[1][1][1] == Location("tables/x.csv", 2, 17)
    assert records[2][0][1] == Location("tables/x.csv", 4, 1)  # the blank line 3 holds no record


def test_an_unclosed_quote_is_reported_where_it_opens() -> None:
    records, problems = read_csv('label,2004\n"Fees,12\nGrants,7\n', "tables/x.csv")
    assert records == []
    assert [(p.location.line, p.location.column, p.kind) for p in problems] == [(2, 1, "syntax")]


def test_an_invisible_character_in_a_cell_is_refused() -> None:
    records, problems = read_csv("label,2004\nFees\x00,12\n", "tables/x.csv")
    assert records == []
    assert problems and all(p.location.line == 2 for p in problems)


def test_an_empty_file_asks_for_a_header_row() -> None:
    records, problems = read_csv("", "tables/x.csv")
    assert records == []
    assert [p.message for p in problems] == ["expected a header row and rows of figures, found an empty file"]
