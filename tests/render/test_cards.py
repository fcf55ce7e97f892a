"""List tables of three or more columns become cards on a phone and stay tables to a reader."""

from __future__ import annotations

from generator.render.cards import as_cards

HEAD = '<thead><tr><th scope="col">Name</th><th scope="col">Code <abbr>x</abbr></th><th scope="col">Led</th></tr></thead>'


def table(head: str, rows: str) -> str:
    return f'<table class="bvpp-list">{head}<tbody>{rows}</tbody></table>'


def test_each_data_cell_gets_its_heading_and_every_part_its_role() -> None:
    page = "Before\n" + table(HEAD, '<tr><th scope="row">Environment</th><td>UL</td><td>3</td></tr>') + "\nAfter"
    cards = as_cards(page)
    assert cards.startswith("Before\n<table class=\"bvpp-list bvpp-cards\" role=\"table\">")
    assert '<thead role="rowgroup"><tr role="row"><th scope="col" role="columnheader">Name</th>' in cards
    assert ('<tr role="row"><th scope="row" role="rowheader">Environment</th>'
            '<td role="cell" data-label="Code x">UL</td><td role="cell" data-label="Led">3</td></tr>') in cards
    assert cards.endswith("</table>\nAfter")


def test_two_columns_fit_a_phone_as_they_are() -> None:
    two = table('<thead><tr><th scope="col">A</th><th scope="col">B</th></tr></thead>', "<tr><td>1</td><td>2</td></tr>")
    assert as_cards(two) == two


def test_a_column_empty_in_every_row_is_dropped() -> None:
    rows = "<tr><td>a</td><td> </td><td>1</td></tr><tr><td>b</td><td></td><td>2</td></tr>"
    cards = as_cards(table(HEAD, rows))
    assert "<td></td>" not in cards and "<td> </td>" not in cards
    assert cards.count("<td") == 4  # two rows of two: then under three columns, left a plain table
    assert "bvpp-cards" not in cards


def test_a_page_without_list_tables_is_unchanged() -> None:
    page = "<table><tr><td>a</td><td>b</td><td>c</td></tr></table>"
    assert as_cards(page) is page
