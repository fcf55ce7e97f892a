"""The site's search index: Pagefind run over a finished site, whichever engine built it.

Material's own search (lunr) puts every page's text in one file that each searching visitor
downloads and indexes on their device: 6.6 MB at 1,000 outcomes, about 33 MB at 5,000.
Pagefind reads the built HTML and writes its index in small pieces under ``pagefind/``; a
search fetches only the pieces for its words (BENCHMARKS.md, "Search"). It is a step after the
engine, before the site is published: it needs no plan, only the HTML, so the same call
indexes what MkDocs, ProperDocs or Zensical built, and gives the same index for the same pages.

What is indexed is each page's article (``article``: the page's title and content), less the
parts that would make every page match the same words: the breadcrumbs (marked
``data-search-exclude`` by the page templates), the "¶" heading links, and the lists that
repeat other pages: a priority's table of outcomes and any table of indicators but for their
titles or codes, and the lists of outcomes on the theme, directorate and contacts pages
(``data-search-exclude``, the templates' ``unindexed`` macro). A search lists a page by
fetching its "fragment" (its indexed text): these lists made the contacts page's 185 KB at
5,000 outcomes, a theme's 37 KB, the indicators page's 34 KB.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from generator.core.problems import Location, Problem

INDEX_FOLDER = "pagefind"
"""The index's folder under the site; theme/main.html's search field loads it from there."""

PAGEFIND_OPTIONS = (
    "--root-selector", "article",
    "--exclude-selectors", "[data-search-exclude]",
    "--exclude-selectors", ".headerlink",
    # A priority's table repeats, row by row, the text of its outcomes' own pages: indexed, it
    # made each priority page's result fragment (fetched to list it) up to 167 KB at 5,000
    # outcomes and put the priority above the outcome for the outcome's own words. The row
    # headers (the outcomes' titles) stay indexed.
    "--exclude-selectors", "table.bvpp-outcomes td",
    # Likewise a table of indicators (the indicators page, a theme's) but for their codes: each
    # indicator's page holds its title and figures; the indicators page's fragment was 34 KB.
    "--exclude-selectors", ".bvpp-table-wrap--indicators td",
    "--force-language", "en",  # one index for the site, whatever a page's lang says
    "--output-subdir", INDEX_FOLDER,
    "--silent",
)
"""How ``pagefind`` is run over a site (also the command docs/publishing.md gives)."""

TIMEOUT = 600.0
"""Seconds Pagefind may take: it indexed 8,287 pages (5,000 outcomes) in 11 s here."""


def pagefind_command(site: Path) -> list[str]:
    """The command that indexes ``site`` (the binary from the ``pagefind-bin`` package)."""
    from pagefind_bin import get_executable  # type: ignore[import-untyped]

    return [str(get_executable()), "--site", str(site), *PAGEFIND_OPTIONS]


def index_site(site: Path) -> list[Problem]:
    """Write ``site``'s search index into ``site/pagefind/``; return why it failed, if it did.

    An index already there is removed first: its pieces are named by their contents, so
    re-indexing in place (the preview does) would leave the old pieces beside the new.
    """
    shutil.rmtree(site / INDEX_FOLDER, ignore_errors=True)
    try:
        command = pagefind_command(site)
    except (ImportError, FileNotFoundError) as exc:
        return [_problem(
            f"the search indexer is missing: {exc}",
            "run scripts/setup.sh: it installs pagefind and pagefind-bin as uv.lock pins them",
        )]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return [_problem(f"the search indexer did not run: {exc}", "the published site was left as it was")]
    if done.returncode != 0:
        said = " ".join((done.stderr or done.stdout).split())[:500]
        return [_problem(
            f"the search indexer failed (exit {done.returncode}): {said}",
            "the published site was left as it was",
        )]
    return []


def _problem(message: str, hint: str) -> Problem:
    return Problem(Location(INDEX_FOLDER), "", message, hint, kind="mkdocs")
