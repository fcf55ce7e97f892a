"""Text from an attacker in every field that becomes a title, a nav entry or the site name.

Shared by the build property (tests/test_title_escaping.py) and the browser test
(tests/site_checks/test_injection_browser.py). :func:`inject` rewrites a copy of the bundled
content so that the ten title fields carry given texts; :func:`live_injections` finds what of
such a payload came out as markup (an element or attribute) in HTML, parsed with
``html.parser`` as a browser would read it, only stricter (tags inside ``<title>`` count).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import yaml

from generator.pipeline import Project

FIELDS: tuple[str, ...] = (
    "outcome statement",
    "directorate name",
    "indicator title",
    "section title",
    "theme title",
    "priority title",
    "progress plan title",
    "progress period title",
    "plan title",
    "council",
)
"""The ten fields whose text reaches a page title, a nav entry or the site name."""

MARK = "bvppx"
"""A tag name no page uses: an element of this name can only come from a payload."""

PAYLOADS: tuple[str, ...] = (
    "<img src=x onerror=alert(1)>",
    "<script>alert(1)</script>",
    "<svg/onload=alert(1)>",
    '"><img src=x onerror=alert(1)>',
    "'><svg onload=alert(1)>",
    "</title><script>alert(1)</script>",
    "</span><bvppx onclick=alert(1)>",
    "&lt;img src=x onerror=alert(1)&gt;",
    "&#60;script&#62;alert(1)&#60;/script&#62;",
    "<details open ontoggle=alert(1)>",
    "<a href=javascript:alert(1)>x</a>",
    "[x](javascript:alert(1))",
    "{: onclick=alert(1) }",
    "<!-- <img src=x onerror=alert(1)> -->",
    "<iframe srcdoc='<script>alert(1)</script>'>",
    "Parks & open spaces",
)
"""Known ways in, each complete; the property also builds its own from pieces."""

Texts = Callable[[str, int], str]
"""The text for a field's ``index``-th place (the same index always gets the same text)."""


def _yaml(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _dump(path: Path, data: Any) -> None:
    # one line per value: PyYAML folds a long value at a space, and a folded line that starts
    # with a generated no-break space is refused by the loader as pasted indentation
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=float("inf"))
    path.write_text(text, encoding="utf-8")


def _counter() -> Iterator[int]:
    n = 0
    while True:
        yield n
        n += 1


def inject(project: Project, text: Texts) -> dict[str, int]:
    """Give every place of the ten fields in ``project``'s content its ``text``.

    Returns how many places each field has (a field's texts are ``text(field, 0..n-1)``).
    """
    content = project.content
    places: dict[str, Iterator[int]] = {name: _counter() for name in FIELDS}

    def next_text(field: str) -> str:
        return text(field, next(places[field]))

    plan = _yaml(content / "plan.yaml")
    plan["council"], plan["title"] = next_text("council"), next_text("plan title")
    _dump(content / "plan.yaml", plan)

    directory = _yaml(content / "directorates.yaml")
    for directorate in directory["directorates"]:
        directorate["name"] = next_text("directorate name")
    _dump(content / "directorates.yaml", directory)

    catalogue = _yaml(content / "indicators" / "indicators.yaml")
    for indicator in catalogue["indicators"]:
        indicator["title"] = next_text("indicator title")
    _dump(content / "indicators" / "indicators.yaml", catalogue)

    for theme_file in sorted((content / "themes").glob("*.yaml")):
        theme = _yaml(theme_file)
        theme["title"] = next_text("theme title")
        for priority in theme["priorities"]:
            if isinstance(priority.get("title"), str):  # a missing title stays a gap
                priority["title"] = next_text("priority title")
            for outcome in priority["outcomes"] if isinstance(priority["outcomes"], list) else []:
                if isinstance(outcome.get("statement"), str):
                    outcome["statement"] = next_text("outcome statement")
        _dump(theme_file, theme)

    for section_file in sorted((content / "sections").glob("*.md")):
        lines = section_file.read_text(encoding="utf-8").split("\n")
        at = next(i for i, line in enumerate(lines) if line.startswith("title:"))
        lines[at] = "title: " + json.dumps(next_text("section title"), ensure_ascii=False)
        section_file.write_text("\n".join(lines), encoding="utf-8")

    for plan_file in sorted((content / "progress").glob("*/plan.yaml")):
        progress = _yaml(plan_file)
        progress["title"] = next_text("progress plan title")
        for period in progress.get("periods", []):
            period["title"] = next_text("progress period title")
        _dump(plan_file, progress)

    return {name: next(counter) for name, counter in places.items()}


_URL_ATTRIBUTES = frozenset({"href", "src", "action", "formaction", "xlink:href", "data"})


class _Scan(HTMLParser):
    """Collects every element or attribute that a payload could have made."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._in_script = tag == "script"
        if tag == MARK:
            self.found.append(f"<{tag}> element")
        for name, value in attrs:
            if name.startswith("on") or name == "srcdoc":
                self.found.append(f"<{tag} {name}=…>: script in an attribute")
            elif name in _URL_ATTRIBUTES and (value or "").strip().lower().startswith("javascript:"):
                self.found.append(f"<{tag} {name}={value!r}>: a javascript: address")

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script and "alert(" in data:
            self.found.append(f"<script> running {data.strip()[:40]!r}")


def live_injections(html_text: str) -> list[str]:
    """What in ``html_text`` is an element or attribute that only a payload could have made."""
    scan = _Scan()
    scan.feed(html_text)
    scan.close()
    return scan.found


def site_injections(site: Path) -> list[str]:
    """Every live injection in a built site's HTML files.

    The search index (Pagefind's, compressed) is not scanned: the search field shows its
    titles and excerpts as text only, which the browser tests prove by searching for payloads."""
    found = []
    for page in sorted(site.rglob("*.html")):
        found += [f"{page.relative_to(site)}: {f}" for f in live_injections(page.read_text(encoding="utf-8"))]
    return found
