"""Where every page and file lives: stable paths from ids, and relative links between them.

A page's source path (``themes/environment/priority-a.md``) maps to a URL directory
(``themes/environment/priority-a/``) because the site uses directory URLs. Paths come only
from ids, so a page keeps its address while its title or position changes. The open data files
(``data/…``) and the indicator pages and downloads have their addresses here too, so that one
module answers "where does this go?" for the docs folder and the site.
"""

from __future__ import annotations

import posixpath

from generator.model.base import Section
from generator.model.plan import Contact, Directorate, Outcome, Priority, Theme

HOME = "index.md"
GAPS = "gaps.md"
CORRECTIONS = "corrections.md"
CONTACTS = "contacts.md"
DIRECTORATES = "directorates/index.md"
ACCESSIBILITY = "accessibility.md"
GLOSSARY = "glossary.md"
PROGRESS = "progress/index.md"
DATA_RIVER = "data-river.md"
CHANGES = "changes.md"
"""What has changed since the last publication."""

RESERVED_IDS = frozenset(
    {
        "index", "search", "assets", "404", "sitemap", "themes", "outcomes", "directorates",
        "contacts", "gaps", "corrections", "plan", "downloads", "data", "indicators", "reports", "tasks",
        "accessibility", "progress", "data-river", "glossary", "con", "prn", "aux", "nul",
        *(f"com{i}" for i in range(10)),
        *(f"lpt{i}" for i in range(10)),
    }
)
"""Ids that would clash with the site's own folders or with names Windows cannot store."""

INDICATORS = "indicators/index.md"
"""The indicators index: by family, theme and status."""
RATING_RULE = "indicators/how-we-rate-performance.md"
"""The published rating rule."""
RESERVED_INDICATOR_IDS = frozenset({"index", "how-we-rate-performance"})
"""Indicator ids that would clash with the pages above."""

DATA_FOLDER = "data"
"""The open data files' folder."""
DATA_PAGE = f"{DATA_FOLDER}/index.md"
"""The "Download the data" page."""
DATA_DESCRIPTOR = f"{DATA_FOLDER}/datapackage.json"
"""The Frictionless Data descriptor of every open data file."""
INDICATORS_CSV = f"{DATA_FOLDER}/indicators.csv"
"""Every indicator, one row each, with its latest value and status."""
INDICATOR_VALUES_CSV = f"{DATA_FOLDER}/indicator-values.csv"
"""Every indicator's values, one row per indicator and period."""
INDICATORS_JSON = f"{DATA_FOLDER}/indicators.json"
"""Every indicator with its values and rating, and the rule's settings."""


def theme(t: Theme) -> str:
    """The theme's page."""
    return f"themes/{t.id}/index.md"


def priority(t: Theme, p: Priority) -> str:
    """A priority's page, under its theme."""
    return f"themes/{t.id}/{p.slug}.md"


def other_activity(t: Theme) -> str:
    """The theme's 'Other areas of activity' page."""
    return f"themes/{t.id}/other-areas-of-activity.md"


def outcome(o: Outcome) -> str:
    """An outcome's page: flat, so it keeps its address if it moves between priorities."""
    return f"outcomes/{o.id}.md"


def directorate(d: Directorate) -> str:
    """A directorate's page."""
    return f"directorates/{d.code.lower()}.md"


def section(s: Section) -> str:
    """A narrative section's page."""
    return f"plan/{s.id}.md"


def contact_anchor(c: Contact) -> str:
    """A contact's entry on the contacts page."""
    return f"{CONTACTS}#{c.id}"


def progress_plan(plan_id: str) -> str:
    """A progress plan's page: its tasks and latest statuses (tasks are anchors on it)."""
    return f"progress/{plan_id}/index.md"


def progress_report(plan_id: str, period_id: str) -> str:
    """A progress plan's report for one reporting period."""
    return f"progress/{plan_id}/{period_id}.md"


def progress_browse(plan_id: str) -> str:
    """A progress plan's tasks by status, owner and directorate."""
    return f"progress/{plan_id}/browse.md"


def indicator(indicator_id: str) -> str:
    """An indicator's page."""
    return f"indicators/{indicator_id}.md"


def resource_file(name: str, extension: str, folder: str = "") -> str:
    """An open data file in the docs folder, e.g. ``data/outcomes.csv``."""
    sub = f"{folder}/" if folder else ""
    return f"{DATA_FOLDER}/{sub}{name}.{extension}"


def indicator_csv(indicator_id: str) -> str:
    """An indicator's values as CSV."""
    return resource_file(indicator_id, "csv", "indicators")


def indicator_json(indicator_id: str) -> str:
    """An indicator, its values and its rating as JSON."""
    return resource_file(indicator_id, "json", "indicators")


def table_csv(table_id: str) -> str:
    """A data table's CSV, figures as published, e.g. ``data/tables/lpsa-areas.csv``."""
    return resource_file(table_id, "csv", "tables")


def url_of(path: str) -> str:
    """The URL directory a page is served from, relative to the site root."""
    stem = path.removesuffix(".md")
    if stem == "index":
        return ""
    return stem.removesuffix("/index") + "/"


def site_url(target: str) -> str:
    """A page's address relative to the site's root, with its anchor if it has one (``outcomes/x/#a``)."""
    page, _, anchor = target.partition("#")
    return url_of(page) + (f"#{anchor}" if anchor else "")


def relative(target: str, start: str) -> str:
    """``posixpath.relpath`` for the site's own clean relative paths, without its per-call
    ``os.getcwd()`` (a 5,000-outcome build makes some 70,000 links)."""
    to = [part for part in target.split("/") if part not in ("", ".")]
    base = [part for part in start.split("/") if part not in ("", ".")]
    common = 0
    for a, b in zip(to, base, strict=False):
        if a != b:
            break
        common += 1
    return "/".join([".."] * (len(base) - common) + to[common:]) or "."


def _split_anchor(target: str) -> tuple[str, str]:
    page, sep, anchor = target.partition("#")
    return page, sep + anchor


def md_link(source: str, target: str) -> str:
    """A relative link to ``target`` for Markdown on page ``source`` (MkDocs resolves it)."""
    page, anchor = _split_anchor(target)
    return relative(page, posixpath.dirname(source) or ".") + anchor


def html_link(source: str, target: str) -> str:
    """A relative href to ``target`` for raw HTML on page ``source`` (used as written)."""
    page, anchor = _split_anchor(target)
    rel = relative(url_of(page) or ".", url_of(source) or ".")
    return ("./" if rel == "." else rel + "/") + anchor


def file_href(source: str, target: str) -> str:
    """A relative href to a file such as ``data/outcomes.csv`` for raw HTML on page ``source``."""
    return relative(target, url_of(source) or ".")
