"""No internal words on a public page or in the open data (CONTENT-STYLE.md, issue 16).

Every built page's visible text and every open-data file is scanned for words that belong to
the people who make the site, not the residents who read it: "seed", content file names and
paths, ".yaml", "(s)" plurals, and a "no more than 0%" setting. The plan's own words are never
rewritten, so a "(s)" that the plan itself prints ("Renewing local partnership(s)") is allowed:
it must then be in the content, word for word.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from tests.conftest import ROOT, require
from tests.site_checks.conftest import BuiltSite

INTERNAL = re.compile(
    r"\bseeds?\b"
    r"|\b[\w./-]+\.(?:ya?ml|j2|py)\b"
    r"|\bcontent/[\w./-]+"
    r"|\b(?:themes|sections|progress)/[\w./-]+\.md\b"  # a published data file (tables/x.csv) is public
    r"|\b\w+\(s\)"
    r"|no more than 0%",
    re.IGNORECASE,
)


class _Visible(HTMLParser):
    """The text a reader sees (and a screen reader reads): no scripts, styles or templates."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.hidden = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style", "template"):
            self.hidden += 1
        for name, value in attrs:  # what assistive technology reads aloud
            if name in ("alt", "title", "aria-label") and value:
                self.parts.append(value)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "template"):
            self.hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


def visible_text(html: str) -> str:
    """A page's visible text, one string."""
    parser = _Visible()
    parser.feed(html)
    return " ".join(parser.parts)


SOURCE_PLURALS = frozenset({"partnership(s)", "officer(s)"})
"""The only "(s)" a page may print: the source's own words, quoted as it prints them (the
CPA/IDeA plan's priority area "Renewing local partnership(s)" and its task "Identify budget and
lead officer(s) …"; a test below finds each in the source documents).
Any other "(s)", in bvpp's words or an editor's note, is an internal word."""


def internal_words(text: str) -> list[str]:
    """The internal words in ``text``, leaving out a "(s)" the source itself prints."""
    return [m.group(0) for m in INTERNAL.finditer(text) if m.group(0).lower() not in SOURCE_PLURALS]


def test_each_plural_let_through_is_the_sources_own() -> None:
    seeds = ROOT.parent / "shared" / "seeds"
    require(seeds.is_dir(), "../shared/seeds beside the project")
    source = "\n".join(p.read_text(encoding="utf-8", errors="replace") for p in seeds.glob("*.txt"))
    for words in SOURCE_PLURALS:
        assert words in source, words
    assert internal_words("Renewing local partnership(s)") == []
    assert internal_words("Identify lead officer(s) and 3 outcome(s)") == ["outcome(s)"]


def test_the_scan_finds_each_kind_of_internal_word() -> None:
    # the test can fail: each phrase issue 16 found on the site is caught
    for phrase in ("Figures (seed 000)", "content/indicators/indicators.yaml", "45 outcome(s)",
                   "a change of no more than 0%", "themes/environment.yaml: x", "sections/09-x.md"):
        assert internal_words(phrase), phrase
    assert not internal_words("Renewing local partnership(s)")  # the source's own heading
    assert not internal_words("the field was seeded; 45 outcomes; no more than 5%")


def test_no_page_and_no_open_data_file_has_internal_words(built_site: BuiltSite) -> None:
    root: Path = built_site.root
    found: dict[str, list[str]] = {}
    files = [p for p in root.rglob("*.html")] + [
        p for p in (root / "data").rglob("*") if p.suffix in (".csv", ".json")
    ]
    assert len(files) > 250, f"only {len(files)} files: is the scan reading the site?"
    for path in files:
        text = path.read_text(encoding="utf-8")
        words = internal_words(visible_text(text) if path.suffix == ".html" else text)
        if words:
            found[path.relative_to(root).as_posix()] = sorted(set(words))
    assert not found, "\n".join(f"{page}: {words}" for page, words in sorted(found.items())[:30])
