"""Links in narrative sections: safe schemes only, and a relative link must reach a page of the site.

MkDocs checks relative links too, but only in the generated ``plan/<id>.md``, so an officer was
told of a line in a file they never edit, with no hint. Here each link is checked against the
site's own page addresses before anything is built, located in ``content/sections/…`` and
answered with the nearest existing page. Links to other files (the data downloads, the PDF) and
to anchors inside pages are still checked by MkDocs when the site is built.
"""

from __future__ import annotations

import difflib
import posixpath
import re
from collections.abc import Callable, Iterator
from urllib.parse import unquote, urlsplit

from generator.core.problems import Location, Problem
from generator.core.text import line_column
from generator.model import urls as paths
from generator.model.base import Section
from generator.model.plan import Plan

_CODE = re.compile(r"`[^`\n]*`")
INLINE_LINK = re.compile(r"\]\(\s*<?((?:[^()\s>]|\([^()\s]*\))*)")
REFERENCE_LINK = re.compile(r"^ {0,3}\[[^\]\n]+\]:[ \t]*<?([^\s>]+)", re.MULTILINE)
_SAFE_SCHEMES = ("https://", "mailto:", "tel:")


def unsafe_url(url: str) -> bool:
    """True unless a link address is https, mailto, tel or relative (no scheme at all)."""
    address = re.sub(r"[\x00-\x20\x7f]", "", url).lower()
    if address.startswith(_SAFE_SCHEMES):
        return False
    head = re.split(r"[/?#]", address, maxsplit=1)[0]
    return address.startswith("//") or any(c in head for c in ":&\\")


def mask_code(body: str) -> str:
    """The body with fenced code and code spans blanked: they are shown, never run or linked."""
    lines, in_fence = [], False
    for line in body.split("\n"):
        fence = line.lstrip().startswith(("```", "~~~"))
        lines.append(" " * len(line) if in_fence or fence else line)
        in_fence = in_fence != fence
    return _CODE.sub(lambda m: " " * len(m.group(0)), "\n".join(lines))


def locator(section: Section, body: str) -> Callable[[int], Location]:
    """Offset in the (masked) body → its place in the section's file."""

    def at(index: int) -> Location:
        line, column = line_column(body, index)
        return Location(section.where().file, section.body_line + line - 1, column)

    return at


def link_addresses(body: str) -> Iterator[tuple[int, str]]:
    """Every inline and reference link address in a masked body, with its offset."""
    for pattern in (INLINE_LINK, REFERENCE_LINK):
        for match in pattern.finditer(body):
            yield match.start(1), match.group(1)


def site_pages(plan: Plan) -> frozenset[str]:
    """Every page the build makes, as a source path (``contacts.md``); pinned to the real
    build by tests/test_narrative_links.py."""
    found = {paths.HOME, paths.DIRECTORATES, paths.CONTACTS, paths.GAPS, paths.ACCESSIBILITY,
             paths.CHANGES, paths.GLOSSARY, paths.DATA_PAGE}
    found.update(paths.section(s) for s in plan.sections)
    found.update(paths.directorate(d) for d in plan.directorates)
    if plan.corrections:
        found.add(paths.CORRECTIONS)
    for theme in plan.themes:
        found.add(paths.theme(theme))
        found.update(paths.priority(theme, p) for p in theme.priorities)
        if isinstance(theme.other_activity, list) and theme.other_activity:
            found.add(paths.other_activity(theme))
        found.update(paths.outcome(o) for _p, o in theme.outcomes())
    if plan.indicators is not None and plan.indicators.rule is not None:
        found.update({paths.INDICATORS, paths.RATING_RULE})
        found.update(paths.indicator(i.id) for i in plan.indicators.indicators)
    if plan.progress:
        found.update({paths.PROGRESS, paths.DATA_RIVER})
    for progress in plan.progress:
        found.add(paths.progress_plan(progress.id))
        if progress.config.periods:  # a programme with no reports yet has no statuses to browse
            found.add(paths.progress_browse(progress.id))
        found.update(paths.progress_report(progress.id, p.id) for p in progress.config.periods)
    return frozenset(found)


def link_problems(plan: Plan) -> Iterator[Problem]:
    """Relative links in narrative sections that reach no page of the site."""
    pages: frozenset[str] | None = None  # worked out only when a section links somewhere
    for section in plan.sections:
        body = mask_code(section.body)
        at = locator(section, body)
        source = paths.section(section)
        for offset, url in link_addresses(body):
            parts = urlsplit(url)
            if unsafe_url(url) or parts.scheme or parts.netloc or not parts.path:
                continue  # unsafe ones are refused elsewhere; https and #anchors are not pages
            pages = pages if pages is not None else site_pages(plan)
            problem = _page_problem(source, unquote(parts.path), url, pages)
            if problem is not None:
                message, hint = problem
                yield Problem(at(offset), "body", message, hint)


def _page_problem(
    source: str, path: str, url: str, pages: frozenset[str]
) -> tuple[str, str] | None:
    if path.startswith(("/", "\\")):
        target = posixpath.normpath(path.lstrip("/\\"))
        if target in pages:
            return (f"expected a relative link, found the absolute link {url!r}",
                    f'write it relative to this page: "{_relative(target, source)}"')
    else:
        target = posixpath.normpath(posixpath.join(posixpath.dirname(source), path))
        if target in pages:
            return None
        if not target.endswith(".md") and posixpath.splitext(target)[1]:
            return None  # a download or another file: MkDocs checks those
    return (f"expected a link to a page of this site, found {url!r}, which reaches none",
            _nearest(target, source, pages))


def _nearest(target: str, source: str, pages: frozenset[str]) -> str:
    """The page the officer most likely meant, as a link from ``source``."""
    stem = target.removesuffix(".md").rstrip("/")
    guesses = [f"{stem}.md", f"{stem}/index.md"]  # a web address written instead of a file
    exact = [g for g in guesses if g in pages]
    close = exact or difflib.get_close_matches(target, sorted(pages), n=1, cutoff=0.6)
    if close:
        return f'did you mean "{_relative(close[0], source)}"? link to the page\'s file, ending .md'
    return ("link to a page by its file, relative to this page, e.g. \"../contacts.md\"; "
            "no page of the site has an address like this one")


def _relative(target: str, source: str) -> str:
    return paths.md_link(source, target)
