"""The small pieces every outcome and priority page repeats, written in Python.

These were Jinja macros. A 5,000-outcome plan calls them some 160,000 times, and a macro call
costs Jinja tens of microseconds of bookkeeping, a third of the build stage. As plain functions
(template globals) they keep the same output, checked by the golden pages, and the same rule:
every piece of data passes through :mod:`generator.core.escape`, and each function returns
``Markup`` assembled only from escaped parts and fixed markup.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Protocol

from markupsafe import Markup

from generator.core.escape import html_attr, html_text, md_text
from generator.model import urls as paths
from generator.model.base import Gap
from generator.model.plan import Outcome
from generator.render.phones import phone_html


class Linker(Protocol):
    """Outcome text with indicator codes as links (:class:`~generator.derive.citations.CodeLinks`)."""

    def md(self, text: str, page: str) -> Markup: ...

    def html(self, text: str, page: str) -> Markup: ...


class Named(Protocol):
    """A directorate or contact as pages show it."""

    @property
    def name(self) -> str: ...

    @property
    def path(self) -> str: ...


class Reachable(Named, Protocol):
    """A contact: a name, a page and perhaps a phone number."""

    @property
    def phone(self) -> str | None: ...

    @property
    def role(self) -> str | None: ...


def gap_html(gap: Gap, gaps_href: str) -> Markup:
    """The visible marker for a missing value: words and an icon, never colour alone."""
    return Markup(
        '<span class="bvpp-gap"><span class="bvpp-gap__label">Not yet provided</span> '
        '<span class="bvpp-gap__source">({words})</span> '
        '<a class="bvpp-gap__link" href="{href}">see all gaps</a></span>'
    ).format(words=html_text(gap.missing), href=html_attr(gaps_href))


def gap_marker(gap: Gap, page: str) -> Markup:
    """The marker on ``page``, linking the site's gaps page."""
    return gap_html(gap, paths.html_link(page, "gaps.md"))


def text_md(item: str, page: str, links: Linker | None = None) -> Markup:
    """One text from data for Markdown; with ``links``, its indicator codes become links."""
    return links.md(item, page) if links else md_text(item or "")


def text_html(item: str, page: str, links: Linker | None = None) -> Markup:
    """One text from data for raw HTML; with ``links``, its indicator codes become links."""
    return links.html(item, page) if links else html_text(item or "")


# Below, pieces are put together with f-strings and wrapped in Markup once: every value placed
# is itself Markup from generator.core.escape (or a fragment above) and the rest is fixed markup.
# Markup's own "+", join() and format() escape-check each piece again (a fifth of a 5,000-outcome
# build). Never "+" a str to a Markup here: Markup escapes the str, fixed markup included.


def md_texts(value: list[str] | Gap, page: str, links: Linker | None = None) -> Markup:
    """A text field in Markdown: one paragraph, a bullet list, or the gap marker."""
    if isinstance(value, Gap):
        return gap_marker(value, page)
    if len(value) == 1:
        return text_md(value[0], page, links)
    return Markup("\n".join([f"- {text_md(item, page, links)}" for item in value]))


def html_texts(value: list[str] | Gap, page: str, links: Linker | None = None) -> Markup:
    """The same in raw HTML, for table cells."""
    if isinstance(value, Gap):
        return gap_marker(value, page)
    if len(value) == 1:
        return text_html(value[0], page, links)
    return Markup(f"<ul>{_items(value, page, links)}</ul>")


def _items(texts: list[str], page: str, links: Linker | None) -> str:
    return "".join([f"<li>{text_html(item, page, links)}</li>" for item in texts])


def _link(page: str, target: str, inner: str) -> str:
    """A link in raw HTML from ``page`` to the page ``target``; ``inner`` is already escaped."""
    return f'<a href="{html_attr(paths.html_link(page, target))}">{inner}</a>'


def statement_html(outcome: Outcome, page: str) -> Markup:
    """The outcome's statement in raw HTML, or the gap marker."""
    if isinstance(outcome.statement, Gap):
        return gap_marker(outcome.statement, page)
    return html_text(outcome.statement)


def directorate_links(outcome: Outcome, page: str, directorates: Mapping[str, Named]) -> Markup:
    """The lead directorates' codes, each an abbreviation linking its page."""
    if isinstance(outcome.lead_directorates, Gap):
        return gap_marker(outcome.lead_directorates, page)
    links = []
    for code in outcome.lead_directorates:
        directorate = directorates[code]
        abbr = f'<abbr title="{html_text(directorate.name)}">{html_text(code)}</abbr>'
        links.append(_link(page, directorate.path, abbr))
    return Markup(", ".join(links))


def contact_links(outcome: Outcome, page: str, contacts: Mapping[str, Reachable]) -> Markup:
    """The outcome's contacts as a list of links, with their phone numbers."""
    if isinstance(outcome.contacts, Gap):
        return gap_marker(outcome.contacts, page)
    items = []
    for cid in outcome.contacts:
        contact = contacts[cid]
        name, number, role = outcome.printed(cid, contact.name, contact.phone)
        role = role or contact.role  # as this row prints it, else as the contacts list gives it
        label = f" ({html_text(role)})" if role else ""
        phone = f" {phone_html(number)}" if number else ""
        items.append(f"<li>{_link(page, contact.path, html_text(name))}{label}{phone}</li>")
    return Markup('<ul class="bvpp-contacts">' + "".join(items) + "</ul>")


def outcome_row(
    outcome: Outcome,
    page: str,
    columns: Columns,
    directorates: Mapping[str, Named],
    contacts: Mapping[str, Reachable],
    links: Linker | None = None,
) -> Markup:
    """One row of the BVPP's five-column table, in raw HTML.

    Each cell carries its column's heading (``columns``, from :func:`outcome_columns`, worked
    out once per table) as ``data-label``, for the phone layout, where the
    rows become cards and the headings are shown inside them (theme/assets/stylesheets/bvpp.css);
    the explicit roles keep the table a table to screen readers when its display changes.
    """
    related = ""
    if outcome.related:
        related = f'<ul class="bvpp-related">{_items(outcome.related, page, links)}</ul>'
    statement = _link(page, paths.outcome(outcome), statement_html(outcome, page))
    lead, done, planned, more = _data_labels(columns)
    return Markup(
        f'<tr id="{html_text(outcome.id)}" role="row"><th scope="row" role="rowheader">'
        f"{statement}</th>"
        f'<td role="cell" data-label="{lead}">{directorate_links(outcome, page, directorates)}</td>'
        f'<td role="cell" data-label="{done}">{html_texts(outcome.what_we_did, page, links)}</td>'
        f'<td role="cell" data-label="{planned}">{html_texts(outcome.actions_planned, page, links)}</td>'
        f'<td role="cell" data-label="{more}">{related}{contact_links(outcome, page, contacts)}</td></tr>'
    )


Columns = tuple[str, str, str, str, str]
"""The five-column table's headings, in order."""


@functools.lru_cache(maxsize=8)
def _data_labels(columns: Columns) -> tuple[str, str, str, str]:
    """The data cells' headings as attribute values (the statement's cell is the row's heading)."""
    _statement, lead, done, planned, more = (html_attr(label) for label in columns)
    return lead, done, planned, more


def outcome_columns(labels: Mapping[str, str]) -> Columns:
    """The five-column table's headings, in order, from the plan's field labels."""
    return (
        labels["statement"],
        labels["lead_directorates"],
        labels["what_we_did"],
        labels["actions_planned"],
        f"{labels['related']}; {labels['contacts']}",
    )


GLOBALS = {
    f.__name__: f
    for f in (
        gap_marker, text_md, text_html, md_texts, html_texts, statement_html, directorate_links,
        contact_links, outcome_row, outcome_columns,
    )
}
"""The template globals this module provides."""
