"""List tables that become cards on a phone, and stay tables to a screen reader.

The ``list_table`` macro writes the table's headings and its callers write the rows. This pass
gives each data cell its column's heading (``data-label``, shown above the cell by the phone
layout in theme/assets/stylesheets/bvpp.css) and every part of the table its explicit ARIA
role: CSS that changes a table's ``display`` makes Chromium and Safari forget it is a table.
The headings are the macro's own, already escaped; tags inside them are dropped. A column that
is empty in every row is dropped too (a list of indicators named only by their titles).
"""

from __future__ import annotations

import re

_TABLE = re.compile(r'<table class="bvpp-list">.*?</table>', re.DOTALL)
_HEADINGS = re.compile(r"<thead>(.*?)</thead>", re.DOTALL)
_CELL = re.compile(r"<(th|td)\b([^>]*)>", re.DOTALL)
_ROW = re.compile(r"<tr>(.*?)</tr>", re.DOTALL)
_TAG = re.compile(r"<[^>]*>")
_HEADING = re.compile(r"<th\b[^>]*>(.*?)</th>", re.DOTALL)

_ROLES = (
    ('<table class="bvpp-list">', '<table class="bvpp-list bvpp-cards" role="table">'),
    ("<thead>", '<thead role="rowgroup">'),
    ("<tbody>", '<tbody role="rowgroup">'),
    ('<th scope="col">', '<th scope="col" role="columnheader">'),
    ('<th scope="row">', '<th scope="row" role="rowheader">'),
)


def _labelled_row(row: re.Match[str], labels: list[str]) -> str:
    column = -1

    def cell(found: re.Match[str]) -> str:
        nonlocal column
        column += 1
        if found[1] == "th" or column >= len(labels):
            return found.group(0)
        return f'<td role="cell" data-label="{labels[column]}"{found[2]}>'

    return f'<tr role="row">{_CELL.sub(cell, row[1])}</tr>'


_WHOLE_CELL = re.compile(r"<(th|td)\b[^>]*>(.*?)</\1>", re.DOTALL)


def _without_empty_columns(table: str) -> str:
    """``table`` without the columns whose data cells are empty in every row."""
    head = _HEADINGS.search(table)
    rows = [_WHOLE_CELL.findall(row) for row in _ROW.findall(table[head.end() :])] if head else []
    if not rows or not head:
        return table
    width = min(len(cells) for cells in rows)
    empty = {i for i in range(1, width) if all(not cells[i][1].strip() for cells in rows)}
    if not empty:
        return table

    def drop(row: re.Match[str]) -> str:
        cells = [m.group(0) for m in _WHOLE_CELL.finditer(row[1])]
        return "<tr>" + "".join(c for i, c in enumerate(cells) if i not in empty) + "</tr>"

    return _ROW.sub(drop, table)


def _cards(table: re.Match[str]) -> str:
    text = _without_empty_columns(table.group(0))
    head = _HEADINGS.search(text)
    if head is None:
        return text
    labels = [" ".join(_TAG.sub("", h).split()) for h in _HEADING.findall(head[1])]
    if len(labels) < 3:  # a heading and one value fit a phone as they are
        return text
    body_start = head.end()
    text = text[:body_start] + _ROW.sub(lambda row: _labelled_row(row, labels), text[body_start:])
    text = text[:body_start].replace("<tr>", '<tr role="row">', 1) + text[body_start:]
    for plain, with_role in _ROLES:
        text = text.replace(plain, with_role)
    return text


def as_cards(page: str) -> str:
    """``page`` with each list table of 3 or more columns ready to become cards on a phone."""
    if '<table class="bvpp-list">' not in page:
        return page
    return _TABLE.sub(_cards, page)
