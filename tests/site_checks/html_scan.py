"""Reading built pages without a browser: tables, titles, links and what a page would fetch."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

FETCHING_LINK_RELS = frozenset(
    {"stylesheet", "icon", "shortcut", "apple-touch-icon", "preload", "modulepreload",
     "prefetch", "preconnect", "dns-prefetch", "manifest"}
)
"""``<link rel>`` values that make a browser fetch (or connect to) the ``href``."""

FETCHING_ATTRIBUTES = {
    "script": ("src",), "img": ("src", "srcset"), "iframe": ("src",), "source": ("src", "srcset"),
    "video": ("src", "poster"), "audio": ("src",), "embed": ("src",), "object": ("data",),
    "track": ("src",), "input": ("src",),
}
"""Attributes whose URL a browser fetches as soon as the page loads."""


@dataclass
class Table:
    """One ``<table>`` in a page's content, and what makes it accessible."""

    caption: str = ""
    headers: int = 0
    """``<th scope="col">`` or ``<th scope="row">`` cells."""
    wrapper: dict[str, str] = field(default_factory=dict)


@dataclass
class PageScan:
    """What one built HTML page contains."""

    title: str = ""
    h1: str = ""
    tables: list[Table] = field(default_factory=list)
    fetches: list[str] = field(default_factory=list)
    inline_css: list[str] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)


class _Scanner(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.scan = PageScan()
        self._open: list[tuple[str, dict[str, str]]] = []
        self._in: str | None = None
        self._in_article = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if "id" in a:
            self.scan.ids.add(a["id"])
        if tag == "a" and "href" in a:
            self.scan.links.append(a["href"])
        if tag == "link" and FETCHING_LINK_RELS & set(a.get("rel", "").lower().split()):
            self.scan.fetches.append(a.get("href", ""))
        for name in FETCHING_ATTRIBUTES.get(tag, ()):
            if a.get(name):
                self.scan.fetches.append(a[name])
        if "style" in a:
            self.scan.inline_css.append(a["style"])
        if tag == "article":
            self._in_article += 1
        if tag == "table" and self._in_article:
            parent = self._open[-1][1] if self._open else {}
            self.scan.tables.append(Table(wrapper=parent))
        if tag == "th" and a.get("scope") in ("col", "row") and self.scan.tables and self._in_article:
            self.scan.tables[-1].headers += 1
        if tag in ("title", "h1", "caption", "style"):
            self._in = tag
        if tag not in ("meta", "link", "img", "br", "hr", "input", "source", "wbr", "col"):
            self._open.append((tag, a))

    def handle_endtag(self, tag: str) -> None:
        if tag == "article":
            self._in_article -= 1
        if tag == self._in:
            self._in = None
        while self._open:
            if self._open.pop()[0] == tag:
                break

    def handle_data(self, data: str) -> None:
        if self._in == "title":
            self.scan.title += data
        elif self._in == "h1" and self._in_article:
            self.scan.h1 += data
        elif self._in == "caption" and self.scan.tables:
            self.scan.tables[-1].caption += data
        elif self._in == "style":
            self.scan.inline_css.append(data)


def scan_html(text: str) -> PageScan:
    """Parse one page."""
    scanner = _Scanner()
    scanner.feed(text)
    scanner.close()
    scan = scanner.scan
    scan.title, scan.h1 = " ".join(scan.title.split()), " ".join(scan.h1.split()).rstrip("¶ ")
    return scan


_CSS_URL = re.compile(r"""url\(\s*(['"]?)(?P<url>[^'")]*)\1\s*\)|@import\s+(['"])(?P<imp>[^'"]+)\3""")


def css_urls(css: str) -> list[str]:
    """Every ``url(...)`` and ``@import`` target in a style sheet."""
    return [m.group("url") or m.group("imp") for m in _CSS_URL.finditer(css)]


def is_external(url: str) -> bool:
    """True when fetching ``url`` would contact another host (absolute or protocol-relative)."""
    u = url.strip().lower()
    return u.startswith(("http:", "https:", "//", "ftp:", "ws:", "wss:"))
