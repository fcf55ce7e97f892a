"""The one place where text from data enters Markdown or HTML.

Every value from the content goes through :func:`md_text` (for Markdown) or :func:`html_text`
(for raw HTML that the generator writes) before it reaches a page. The templates refuse any
plain string that did not (see :mod:`generator.render`), so a forgotten filter is an error,
not a hole. The recipe is the one measured in FIELD-NOTES: collapse whitespace, escape HTML,
then backslash-escape exactly the characters the project's Markdown instance treats as
escapable. Literal text therefore renders as literal text: ``<script>``, ``[x](javascript:…)``,
``{: onclick=… }``, ``--8<--``, a leading ``#``, ``1.``, ``-`` or ``>``, and ``|`` in a table.
"""

from __future__ import annotations

import functools
import html
import re

import markdown
from markupsafe import Markup

MARKDOWN_EXTENSIONS: tuple[str, ...] = (
    "abbr",
    "admonition",
    "attr_list",
    "def_list",
    "md_in_html",
    "tables",
    "toc",
)
"""The Markdown extensions the site uses; mkdocs.yml must list exactly these (a test checks)."""

_SPACE = re.compile(r"\s+")


@functools.cache
def escaped_chars() -> frozenset[str]:
    """The characters a backslash escapes in the project's exact Markdown configuration."""
    md = markdown.Markdown(extensions=list(MARKDOWN_EXTENSIONS))
    return frozenset(md.ESCAPED_CHARS)


def collapse(text: str) -> str:
    """All runs of whitespace (newlines, tabs, non-breaking spaces) become one space."""
    return _SPACE.sub(" ", text).strip()


def md_text(text: str) -> Markup:
    """Text from data, safe to place anywhere inline in Markdown, table cells included."""
    chars = escaped_chars()
    # quote=False: quotes mean nothing in Markdown text, and the '#' of "&#x27;" would be
    # backslash-escaped, which leaves "x27" in heading ids and "&#x27;" in the TOC.
    escaped = html.escape(collapse(text), quote=False)
    return Markup("".join("\\" + c if c in chars else c for c in escaped))


@functools.cache
def _html_references() -> dict[int, str]:
    # Raw HTML that is not a block (a <span> in a paragraph, list item or table cell) is
    # still read by Markdown for inline syntax, so Markdown's characters become character
    # references too. '#', '+', '-' and '.' only act at the start of a line, which text
    # inside a tag never is: they stay readable, in URLs above all.
    table = {ord(c): f"&#{ord(c)};" for c in escaped_chars() - set("#+-.")}
    table.update({ord(c): html.escape(c, quote=True) for c in "&<>\"'"})
    return table


def html_text(text: str) -> Markup:
    """Text from data, safe inside HTML that the generator writes, even where Markdown reads it."""
    return Markup(collapse(text).translate(_html_references()))


def html_attr(text: str) -> Markup:
    """Text from data, safe inside a double-quoted HTML attribute."""
    return html_text(text)
