"""The download page's words for a column: its meaning, its kind and whether it is always given."""

from __future__ import annotations

from generator.render.opendata.resource import Column
from generator.render.pages.downloads import meaning


def test_a_column_reads_as_a_sentence_with_its_kind() -> None:
    assert meaning(Column("priorities", "integer", "How many priorities", required=True)) == (
        "How many priorities. A whole number, always given."
    )
    assert meaning(Column("title", "string", "The priority's title")) == "The priority's title."
    assert meaning(Column("id", "string", "The id", required=True)) == "The id. Always given."
    assert meaning(Column("due", "date", "When it is due")) == "When it is due. A date, written as 2004-03-31."
    assert meaning(Column("actions", "string", "What is planned", many=True)) == (
        "What is planned. A list: one item per line in CSV, an array in JSON."
    )
