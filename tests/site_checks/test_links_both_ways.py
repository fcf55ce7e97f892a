"""Links both ways, walked in the built site: every indicator → outcome link has its way back."""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

from tests.site_checks.conftest import BuiltSite
from tests.site_checks.html_scan import scan_html


def _targets(page: str, html: str, folder: str) -> set[str]:
    """The pages under ``folder/`` that ``page`` links to, as ``folder/name/``."""
    found = set()
    for link in scan_html(html).links:
        path = posixpath.normpath(posixpath.join(posixpath.dirname(page), link.split("#")[0]))
        if re.fullmatch(rf"{folder}/[^/]+/index\.html|{folder}/[^/]+", path):
            found.add(path.removesuffix("/index.html").removesuffix("index.html").rstrip("/") + "/")
    return found


def _pages(root: Path, folder: str) -> dict[str, str]:
    return {
        p.parent.relative_to(root).as_posix() + "/": p.read_text(encoding="utf-8")
        for p in (root / folder).glob("*/index.html")
    }


def test_every_indicator_to_outcome_link_has_its_reverse(built_site: BuiltSite) -> None:
    root = built_site.root
    indicators, outcomes = _pages(root, "indicators"), _pages(root, "outcomes")
    pairs = [
        (indicator, outcome)
        for indicator, html in indicators.items()
        for outcome in _targets(indicator + "index.html", html, "outcomes")
    ]
    assert len(pairs) >= 57, f"only {len(pairs)} indicator → outcome links: is the walk reading pages?"
    missing = [
        f"{indicator} → {outcome}, but {outcome} does not link back"
        for indicator, outcome in pairs
        if indicator not in _targets(outcome + "index.html", outcomes[outcome], "indicators")
    ]
    assert not missing, "\n".join(missing)


def test_an_outcome_whose_indicator_lists_it_shows_the_latest_figure_and_status(built_site: BuiltSite) -> None:
    html = (root := built_site.root / "outcomes").joinpath(
        next(p.parent.name for p in root.glob("*/index.html")
             if "Improved levels of collected recyclable waste" in p.read_text(encoding="utf-8")),
        "index.html",
    ).read_text(encoding="utf-8")
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))
    assert "None given" not in text
    assert "Percentage of recyclables collected — latest 14.5% (February 2004); ✗ Off target" in text


def test_the_lpsa_table_links_its_12_areas_to_their_indicator_pages(built_site: BuiltSite) -> None:
    page = "plan/local-public-services-agreement/index.html"
    html = (built_site.root / page).read_text(encoding="utf-8")
    linked = _targets(page, html, "indicators")
    assert {f"indicators/lpsa-{n}/" for n in range(1, 13)} <= linked
    assert all((built_site.root / target / "index.html").is_file() for target in linked)
    assert re.search(r'<th scope="row"><a href="\.\./\.\./indicators/lpsa-2/">LPSA 2</a></th>', html)
