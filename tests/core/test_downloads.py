"""A download's size in words, and JSON laid out one record per line."""

from __future__ import annotations

import json

import pytest

from generator.core.downloads import Download, json_lines, readable_json


@pytest.mark.parametrize(
    ("size", "text"),
    [(0, "0 bytes"), (999, "999 bytes"), (1000, "1 KB"), (12_499, "12 KB"), (999_499, "999 KB"),
     (1_000_000, "1.0 MB"), (1_420_000, "1.4 MB")],
)
def test_size_text_reads_as_people_say_it(size: int, text: str) -> None:
    assert Download("data/x.csv", "X", "All of x", "CSV", size).size_text == text


def test_readable_json_puts_one_record_on_a_line_and_round_trips() -> None:
    data = {"name": "Harrow £", "rows": [{"a": 1}, {"b": [2, 3]}], "empty": {}, "none": []}
    text = readable_json(data)
    assert json.loads(text) == data
    assert text.decode("utf-8").splitlines() == [
        "{",
        '  "name": "Harrow £",',
        '  "rows": [',
        '    {"a": 1},',
        '    {"b": [2, 3]}',
        "  ],",
        '  "empty": {},',
        '  "none": []',
        "}",
    ]


def test_json_lines_lays_out_items_already_written() -> None:
    assert json_lines(['{"a": 1}', '{"b": 2}']) == b'[\n  {"a": 1},\n  {"b": 2}\n]\n'
    assert json_lines([]) == b"[]\n"
