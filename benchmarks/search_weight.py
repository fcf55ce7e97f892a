"""What one search costs a resident: bytes fetched for a page plus one search, and the wait.

    python benchmarks/search_weight.py SITE [--query "Rayners Lane"] [--json]
    python benchmarks/search_weight.py SITE --worst [--query …] [--json]
    python benchmarks/search_weight.py --prune-lunr SITE/search/search_index.json

The first form serves a built site over http (search needs http, not ``file://``), opens its
home page in headless Chromium (Debian's, /usr/bin/chromium), waits until the page has loaded,
then types the query into the site's search field and waits for the results. Every response is
counted, uncompressed as served (the local server sends no compression, so the body's length
is what was fetched). Time to first results runs from the last key to the results list being
filled (the field's ``data-state`` turns "done"). The bytes are also given by kind of file
(``page_by_kind``, ``search_by_kind``: HTML, Material's CSS, the site's own, Pagefind's script,
WebAssembly, page list, index chunks, fragments). ``search_bytes_per_visit(site)`` is the one
figure, for benchmarks/run.py.

With ``--worst``, each of ``WORST_QUERIES`` (or each ``--query`` given) is one fresh visit (a
new browser profile: nothing cached from the one before), and the largest visit is reported
with a line for every query: a budget for one search must hold for the search that lists the
heaviest results, not only for a typical one.

The second form measures the alternative considered before Pagefind (BENCHMARKS.md, "Search"):
Material's lunr index pruned to one entry per page holding its title and first paragraph only.
It prints the bytes of that index as a browser would fetch it.
"""

from __future__ import annotations

import argparse
import html
import http.server
import json
import re
import shutil
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script: make `benchmarks` importable, as run.py does
    sys.path.insert(0, str(ROOT))

from benchmarks.serving import serve_folder  # noqa: E402

if TYPE_CHECKING:
    from playwright.sync_api import Browser

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
QUERY = "Rayners Lane"
"""A place the synthetic plans and the bundled plan both name."""

WORST_QUERIES = (
    # one of each kind of page a search can list; every word is in the bundled plan and so in
    # the synthetic ones (their outcomes' words are drawn from it, benchmarks/synthetic.py)
    "fly tipping",      # an outcome's phrase
    "Rayners Lane",     # a place
    "Andrew Trehern",   # an officer: the contacts page
    "Urban Living",     # a directorate's page
    "health and social care",  # a theme's page, by its name
    "BV157",            # an indicator's page and the pages citing it
    "contacts",         # the contacts page by its name
    "telephone",        # on the contacts page, once an officer
    "homelessness",     # a priority's title
    "the",              # the commonest words: every page matches
    "council",
    "and",
    # a priority's title pasted whole: the most index pieces (one a word searched)
    "Improving the standard of education, skills, training and learning for all age groups",
)
"""The queries ``--worst`` runs, each as its own visit."""

KINDS = (
    # (kind, how its path looks): the first that matches names a response
    ("pagefind.js", re.compile(r"/pagefind/pagefind\.js$")),
    ("wasm", re.compile(r"/pagefind/wasm\.")),
    ("pf_meta", re.compile(r"\.pf_meta$")),
    ("index chunks", re.compile(r"\.pf_index$")),
    ("filters", re.compile(r"\.pf_filter$")),
    ("fragments", re.compile(r"\.pf_fragment$")),
    ("other pagefind", re.compile(r"/pagefind/")),
    ("Material CSS", re.compile(r"/assets/stylesheets/(main|palette)\.[0-9a-f]+\.min\.css$")),
    ("Material JS", re.compile(r"/assets/javascripts/bundle\.[0-9a-f]+\.min\.js$")),
    ("site CSS/JS", re.compile(r"/assets/(stylesheets|javascripts)/bvpp")),
    ("HTML", re.compile(r"(/|\.html)(\?.*)?$")),
)
"""What each response is, for the breakdown of a visit's bytes."""


class _Counting(http.server.SimpleHTTPRequestHandler):
    """Serves files and records each one sent, with its size: the count the browser cannot hide
    (a search worker's fetches are not all reported to the page)."""

    sent: list[tuple[str, int]]

    def copyfile(self, source: Any, outputfile: Any) -> None:
        """Send the file, counting its bytes."""
        data = source.read()
        outputfile.write(data)
        self.sent.append((self.path, len(data)))

    def log_message(self, format: str, *args: Any) -> None:
        """No log lines."""


@contextmanager
def served(site: Path, sent: list[tuple[str, int]] | None = None) -> Iterator[str]:
    """``site`` over http on a free local port; each file sent is appended to ``sent``."""
    counting = type("Handler", (_Counting,), {"sent": [] if sent is None else sent})
    with serve_folder(site, counting) as url:
        yield url


def kind_of(path: str) -> str:
    """The kind of file a served path is (``KINDS``), or "other"."""
    return next((kind for kind, pattern in KINDS if pattern.search(path)), "other")


def breakdown(sent: list[tuple[str, int]]) -> dict[str, list[int]]:
    """Bytes and files of each kind among ``sent``: ``{kind: [bytes, files]}``."""
    kinds: dict[str, list[int]] = {}
    for path, size in sent:
        figures = kinds.setdefault(kind_of(path), [0, 0])
        figures[0] += size
        figures[1] += 1
    return kinds


def search_bytes_per_visit(site: Path, query: str = QUERY) -> int:
    """Bytes a resident fetches to load ``site``'s home page and search it once (the figure
    benchmarks/run.py reports as ``search_bytes_per_visit``)."""
    bytes_fetched: int = measure(site, query)["search_bytes_per_visit"]
    return bytes_fetched


def measure(site: Path, query: str = QUERY) -> dict[str, Any]:
    """Bytes for the home page, then for one search of ``query``; seconds to its results."""
    return measure_visits(site, [query])[0]


def worst(site: Path, queries: tuple[str, ...] | list[str] = WORST_QUERIES) -> dict[str, Any]:
    """Each of ``queries`` as a fresh visit: the largest visit, and a summary of every one."""
    visits = measure_visits(site, list(queries))
    largest = max(visits, key=lambda visit: visit["search_bytes_per_visit"])
    return {
        "worst": largest,
        "visits": [
            {key: visit[key] for key in ("query", "search_bytes_per_visit", "search_bytes",
                                         "search_files", "results_shown", "first_results_s")}
            for visit in visits
        ],
    }


def measure_visits(site: Path, queries: list[str]) -> list[dict[str, Any]]:
    """One visit per query, each in a new browser profile (nothing cached between them)."""
    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    sent: list[tuple[str, int]] = []
    with served(site, sent) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        try:
            return [_visit(browser, url, sent, query) for query in queries]
        finally:
            browser.close()


def _visit(browser: Browser, url: str, sent: list[tuple[str, int]], query: str) -> dict[str, Any]:
    """Load the home page in a new profile, then search ``query``; what each step fetched."""
    from playwright.sync_api import Request

    del sent[:]
    context = browser.new_context()
    try:
        requested: list[str] = []

        def note(request: Request) -> None:
            requested.append(request.url)

        context.on("request", note)
        page = context.new_page()
        page.goto(url, wait_until="networkidle")
        page_bytes = sum(size for _path, size in sent)
        page_files = len(sent)
        page_kinds = breakdown(sent)
        del sent[:]
        box = page.locator("#bvpp-search-input")
        box.click()
        started = time.perf_counter()
        box.fill(query)
        page.wait_for_function(
            """q => { const f = document.querySelector("form.bvpp-search");
                      return f.dataset.query === q && f.dataset.state === "done"; }""",
            arg=query,
            timeout=60_000,
        )
        first_results_s = time.perf_counter() - started
        page.wait_for_load_state("networkidle")
        shown = page.locator(".bvpp-search__page").count()
        time.sleep(0.5)  # any fetch still in flight is counted too
        search_bytes = sum(size for _path, size in sent)
        foreign = [u for u in requested if not u.startswith(url) and not u.startswith(("data:", "blob:"))]
        biggest = sorted(((size, path) for path, size in sent), reverse=True)[:5]
        search_files = len(sent)
        search_kinds = breakdown(sent)
    finally:
        context.close()
    return {
        "query": query,
        "page_bytes": page_bytes,
        "page_files": page_files,
        "search_bytes": search_bytes,
        "search_files": search_files,
        "search_bytes_per_visit": page_bytes + search_bytes,
        "first_results_s": first_results_s,
        "results_shown": shown,
        "largest_search_files": biggest,
        "page_by_kind": page_kinds,
        "search_by_kind": search_kinds,
        "other_hosts": foreign,
    }


_FIRST_PARAGRAPH = re.compile(r"<p>(.*?)</p>", re.DOTALL)


def prune_lunr(index: dict[str, Any]) -> dict[str, Any]:
    """Material's lunr index cut to one entry per page: its title and first paragraph."""
    pages = []
    for entry in index.get("docs", []):
        if "#" in entry.get("location", ""):
            continue  # a section of a page: dropped
        found = _FIRST_PARAGRAPH.search(entry.get("text", ""))
        first = re.sub(r"<[^>]+>", "", found.group(1)) if found else ""
        pages.append({"location": entry["location"], "title": entry["title"], "text": html.unescape(first)})
    return {**index, "docs": pages}


def main(argv: list[str] | None = None) -> int:
    """The command line (see the module docstring)."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("site", type=Path, help="a built site folder (or, with --prune-lunr, a lunr index)")
    parser.add_argument("--query", action="append", help=f"what to search for (default {QUERY!r}); "
                        "with --worst, give it again for each query (default: WORST_QUERIES)")
    parser.add_argument("--worst", action="store_true", help="the largest of several visits, one per query")
    parser.add_argument("--json", action="store_true", help="one JSON object")
    parser.add_argument("--prune-lunr", action="store_true", help="size of a pruned lunr index")
    args = parser.parse_args(argv)
    if args.prune_lunr:
        full = json.loads(args.site.read_text(encoding="utf-8"))
        pruned = json.dumps(prune_lunr(full), ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        figures: dict[str, Any] = {
            "full_bytes": args.site.stat().st_size,
            "full_entries": len(full.get("docs", [])),
            "pruned_bytes": len(pruned),
            "pruned_entries": len(prune_lunr(full)["docs"]),
        }
    elif args.worst:
        figures = worst(args.site, args.query or WORST_QUERIES)
    else:
        if args.query and len(args.query) > 1:
            parser.error("several --query need --worst")
        figures = measure(args.site, (args.query or [QUERY])[0])
    print(json.dumps(figures) if args.json else json.dumps(figures, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
