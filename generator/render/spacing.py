"""A space between table cells, and between a list's terms and descriptions, for the search index.

Pagefind, which indexes the built site, reads cells and terms that touch as one word: a header
row ``<th>Period</th><th>Ends</th>`` became "PeriodEnds", a programme's ``<dt>From</dt><dd>Harrow
Council</dd>`` "FromHarrow Council", and a row header ran into the row above. A search for
"Harrow" then missed those places and the result excerpts read as run-on words. A browser
ignores white space between cells, rows and list items, so one space after each closing tag
that touches the next tag changes nothing on the page and keeps every word its own in the index.
"""

from __future__ import annotations

import re

_TOUCHING = re.compile(r"(</(?:th|td|tr|dt|dd)>)(?=<)")


def spaced(page: str) -> str:
    """``page`` with a space after every closing cell, row, term or description that touches
    the next tag (``</th><th>`` → ``</th> <th>``)."""
    return _TOUCHING.sub(r"\1 ", page)
