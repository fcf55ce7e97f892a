"""A space between touching cells and terms: the page looks the same, the index reads words."""

from __future__ import annotations

from generator.render.spacing import spaced


def test_touching_cells_rows_and_terms_are_parted_by_one_space() -> None:
    row = '<tr><th scope="col">Period</th><th>Ends</th></tr><tr><td>1</td><td>2</td></tr>'
    assert spaced(row) == '<tr><th scope="col">Period</th> <th>Ends</th> </tr> <tr><td>1</td> <td>2</td> </tr>'
    assert spaced("<dl><dt>From</dt><dd>Harrow</dd><dt>Kind</dt></dl>") == (
        "<dl><dt>From</dt> <dd>Harrow</dd> <dt>Kind</dt> </dl>"
    )


def test_text_and_other_tags_are_left_as_they_are() -> None:
    text = "<p>a</p><p>b</p> <td>x</td>\n<td>y</td> Totals</td>s"
    assert spaced(text) == text
