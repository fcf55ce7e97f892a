"""The one place where text from data enters Markdown or HTML.

Every value from the content goes through :func:`md_text` (for Markdown) or :func:`html_text`
(for raw HTML that the generator writes) before it reaches a page; every title that MkDocs
and Material print (front matter, nav, site name) through :func:`title_html`. The templates refuse any
plain string that did not (see :mod:`generator.render.jinja`), so a forgotten filter is an error,
not a hole. The recipe is the one measured in FIELD-NOTES: collapse whitespace, escape HTML,
then backslash-escape exactly the characters the project's Markdown instance treats as
escapable. Literal text therefore renders as literal text: ``<script>``, ``[x](javascript:…)``,
``{: onclick=… }``, ``--8<--``, a leading ``#``, ``1.``, ``-`` or ``>``, and ``|`` in a table.
"""

from __future__ import annotations

import functools
import html
import json
import re
from collections.abc import Callable, Iterable, Iterator

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


@functools.cache
def escaped_chars() -> frozenset[str]:
    """The characters a backslash escapes in the project's exact Markdown configuration."""
    md = markdown.Markdown(extensions=list(MARKDOWN_EXTENSIONS))
    return frozenset(md.ESCAPED_CHARS)


def collapse(text: str) -> str:
    """All runs of whitespace (newlines, tabs, non-breaking spaces) become one space."""
    # str.split() splits on exactly the characters that \s matches, twice as fast as re.sub
    return " ".join(text.split())


def md_text(text: str) -> Markup:
    """Text from data, safe to place anywhere inline in Markdown, table cells included."""
    # quote=False: quotes mean nothing in Markdown text, and the '#' of "&#x27;" would be
    # backslash-escaped, which leaves "x27" in heading ids and "&#x27;" in the TOC.
    escaped = html.escape(collapse(text), quote=False)
    return Markup(_md_special().sub(r"\\\g<0>", escaped))


@functools.cache
def _md_special() -> re.Pattern[str]:
    # one substitution in C: a join over every character cost a third of a 5,000-page build
    return re.compile("[" + re.escape("".join(sorted(escaped_chars()))) + "]")


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
    references = _html_references()
    return Markup(_html_special().sub(lambda m: references[ord(m.group())], collapse(text)))


@functools.cache
def _html_special() -> re.Pattern[str]:
    return re.compile("[" + re.escape("".join(sorted(map(chr, _html_references())))) + "]")


def html_attr(text: str) -> Markup:
    """Text from data, safe inside a double-quoted HTML attribute."""
    return html_text(text)


def title_html(text: str) -> Markup:
    """A title for MkDocs and Material: a nav entry, the site name, a page's front-matter title.

    Material prints ``page.title``, nav titles and ``config.site_name`` without escaping them
    (header bar, nav, ``<title>``) and copies a page's title into the search index, whose
    script inserts it as markup: so a title must reach MkDocs already HTML-escaped. It comes
    back as ``Markup`` so that Material's own ``| e`` (the logo's ``title`` attribute) leaves
    it as it is instead of escaping it a second time.
    """
    if isinstance(text, Markup):  # escaped already: a second escape would show "&amp;" to readers
        raise TypeError(f"title_html() takes the plain text, not Markup: {text[:60]!r}")
    return Markup(html.escape(collapse(text), quote=True))


def front_matter_title(text: str) -> Markup:
    """A page's ``title:`` line value: :func:`title_html`, quoted for YAML front matter."""
    # JSON's string syntax is a subset of YAML's double-quoted scalars; MkDocs reads the
    # value back as a plain str, which Material prints raw: hence the HTML escape inside.
    return Markup(json.dumps(str(title_html(text)), ensure_ascii=False))


def plain_titles(value: object) -> object:
    """``value`` (a nav, a site name) with every ``Markup`` made a plain ``str`` again.

    For writing the settings as YAML (``build/mkdocs.generated.yml``): the text stays escaped,
    only the marker type goes, which PyYAML cannot represent.
    """
    if isinstance(value, str):
        return str(value)
    if isinstance(value, dict):
        return {plain_titles(k): plain_titles(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain_titles(v) for v in value]
    return value


Span = tuple[int, int, str]
"""Part of a text to make a link: start, end (in the collapsed text) and a relative href."""

_SAFE_HREF = re.compile(r"^[A-Za-z0-9_./#-]+$")


def _pieces(text: str, spans: Iterable[Span]) -> Iterator[tuple[str, str | None]]:
    """The collapsed text cut at the spans: (piece, href or None), in order, covering it all."""
    position = 0
    for start, end, href in spans:
        if not position <= start < end <= len(text) or not _SAFE_HREF.match(href):
            raise ValueError(f"bad link span {(start, end, href)!r} in {text!r}")
        if start > position:
            yield text[position:start], None
        yield text[start:end], href
        position = end
    if position < len(text):
        yield text[position:], None


def _keep_spaces(piece: str, escaped: Markup) -> Markup:
    """``escaped`` with the single spaces that collapse() left at the piece's edges."""
    if not piece.strip():
        return Markup(" ")
    return Markup(" " * piece.startswith(" ")) + escaped + Markup(" " * piece.endswith(" "))


def md_linked(text: str, find: Callable[[str], Iterable[Span]]) -> Markup:
    """Like :func:`md_text`, with the spans ``find`` picks in the collapsed text as Markdown links.

    Each piece is escaped exactly as :func:`md_text` escapes text; only the link brackets and
    the (checked, relative) addresses are written raw.
    """
    flat = collapse(text)
    spans = list(find(flat))
    if not spans:  # most texts cite nothing: the plain escape, without the piecework
        return md_text(flat)
    out = Markup()
    for piece, href in _pieces(flat, spans):
        escaped = _keep_spaces(piece, md_text(piece))
        out += Markup("[{}]({})").format(escaped, Markup(href)) if href else escaped
    return out


def html_linked(text: str, find: Callable[[str], Iterable[Span]]) -> Markup:
    """Like :func:`html_text`, with the spans ``find`` picks in the collapsed text as ``<a>`` links."""
    flat = collapse(text)
    spans = list(find(flat))
    if not spans:
        return html_text(flat)
    out = Markup()
    for piece, href in _pieces(flat, spans):
        escaped = _keep_spaces(piece, html_text(piece))
        out += Markup('<a href="{}">{}</a>').format(Markup(href), escaped) if href else escaped
    return out


_FIGURE = re.compile(r"^[-+]?[£$]?[\d.,]*%?$")


def guard_formula(text: str) -> str:
    """Text a spreadsheet would run as a formula (``=…``, ``@…``, ``-x+…``) gets a leading ``'``.

    Figures such as ``-0.377`` or ``-1.75%``, and a lone ``-``, stay exactly as published.
    """
    if text[:1] in ("=", "@", "\t", "\r") or (text[:1] in ("+", "-") and not _FIGURE.match(text)):
        return "'" + text
    return text
