"""No text from data runs as HTML, through a real build: the ten title fields (issue 14).

Material prints page titles, nav titles and the site name raw and its search UI inserts
index titles as markup, so these fields are where escaping once failed. A Hypothesis property
fills all ten with generated text (known payloads, tags built from parts, and arbitrary
characters), builds the real site with MkDocs and Material, and looks for live markup in
every HTML file and in the search index. A build costs seconds, so each build carries
hundreds of generated texts per field: a field with few places (the council, the plan's
title) holds many texts joined, which can only make more tags, never fewer.

A second test reads a title holding ``&``, ``<`` and quotes back from every output, so that
escaping for one context never shows up as ``&amp;`` in another.
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
import tempfile
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st

from generator import pipeline
from tests.conftest import copy_project
from tests.injection import FIELDS, MARK, PAYLOADS, inject, site_injections

pytestmark = pytest.mark.site

TEXTS_PER_BUILD = 340
"""Generated texts per field in one build; three builds make over 1,000 per field."""
BUILDS = 3

_tag = st.builds(
    "<{}{}{}={}{}>".format,
    st.sampled_from(["img", "svg", "script", "iframe", "details", "a", MARK]),
    st.sampled_from([" ", "/", "  "]),
    st.sampled_from(["onerror", "onload", "onclick", "ontoggle", "src", "href", "srcdoc"]),
    st.sampled_from(["alert(1)", "javascript:alert(1)", "'alert(1)'", '"alert(1)"', "x"]),
    st.sampled_from(["", " ", "/"]),
)
_characters = st.one_of(
    st.sampled_from(list("<>\"'&;/=`{}[]()#*_|\\!-:.")),
    # what the loader accepts in a one-line field: no control, format or private characters
    st.characters(exclude_categories=("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp")),
)
piece = st.one_of(st.sampled_from(PAYLOADS), _tag, st.text(_characters, min_size=1, max_size=8))
"""One generated text: a known payload, a tag from parts, or arbitrary characters."""

batch = st.lists(piece, min_size=TEXTS_PER_BUILD, max_size=TEXTS_PER_BUILD)
"""One build's texts. Every field gets all of them (each field is its own way to a page):
one list for ten fields keeps a build's draws within what Hypothesis generates per example."""

seen: Counter[str] = Counter()
"""Generated texts built per field, over every example (the count is part of the claim)."""


def _build(texts: list[str]) -> list[str]:
    """Build a project whose ten fields each hold all ``texts``; return the live injections found."""
    with tempfile.TemporaryDirectory(prefix="bvpp-titles-") as folder:
        project = copy_project(Path(folder) / "project")
        places = inject(project, lambda _f, _i: "")  # count each field's places first
        # field k starts its share at text k: the texts that sit side by side differ by field
        shares = {
            name: [(texts[k:] + texts[:k])[i :: places[name]] for i in range(places[name])]
            for k, name in enumerate(FIELDS)
        }
        # every place gets a fixed word first: a title is never empty, whatever was generated
        inject(project, lambda field, i: f"T{i} " + " ".join(shares[field][i]))
        pipeline.build(project, pdf=False)
        seen.update({name: len(texts) for name in FIELDS})
        return site_injections(project.site)


@settings(
    max_examples=BUILDS - 1,  # plus the explicit example below: BUILDS builds in all
    deadline=None,
    phases=[Phase.explicit, Phase.generate],  # shrinking would rebuild the site dozens of times
    suppress_health_check=[HealthCheck.data_too_large, HealthCheck.too_slow, HealthCheck.large_base_example],
)
@example([PAYLOADS[i % len(PAYLOADS)] for i in range(TEXTS_PER_BUILD)])
@given(batch)
def _no_live_markup(texts: list[str]) -> None:
    found = _build(texts)
    assert not found, f"{len(found)} live injection(s), first: " + "\n".join(found[:20])


def test_no_title_field_text_becomes_live_markup() -> None:
    seen.clear()
    _no_live_markup()
    assert all(seen[name] >= 1_000 for name in FIELDS), dict(seen)


# --- the same title reads the same everywhere -------------------------------------------

TITLE = "Parks & open <spaces> \"now\" 'here'"


@pytest.fixture(scope="module")
def readable_site(tmp_path_factory: pytest.TempPathFactory) -> pipeline.Project:
    """A build whose ten fields all hold :data:`TITLE` (no PDF: its source is checked below)."""
    project = copy_project(tmp_path_factory.mktemp("readable") / "project")
    inject(project, lambda _field, _i: TITLE)
    pipeline.build(project, pdf=False)
    return project


def _visible(markup: str) -> str:
    """The text a browser shows for ``markup`` (tags dropped, references decoded)."""
    from html.parser import HTMLParser

    parts: list[str] = []

    class Text(HTMLParser):
        def handle_data(self, data: str) -> None:
            parts.append(data)

    parser = Text(convert_charrefs=True)
    parser.feed(markup)
    parser.close()
    return "".join(parts)


def test_a_title_with_html_characters_reads_as_written_everywhere(readable_site: pipeline.Project) -> None:
    site = readable_site.site
    outcome = next((site / "outcomes").glob("*/index.html")).read_text(encoding="utf-8")
    title = outcome.split("<title>", 1)[1].split("</title>", 1)[0]
    assert _visible(title) == f"{TITLE} - {TITLE}: {TITLE}"  # page title - site name
    h1 = outcome.split("<h1", 1)[1].split("</h1>", 1)[0]
    assert _visible("<h1" + h1).replace("¶", "") == TITLE
    crumbs = outcome.split('aria-label="Breadcrumb"', 1)[1].split("</nav>", 1)[0]
    assert _visible(crumbs).endswith(TITLE)
    header = outcome.split('class="md-header__topic"', 1)[1].split("</div>", 1)[0]
    assert TITLE + ": " + TITLE in " ".join(_visible(header).split())
    logo = outcome.split('class="md-header__button md-logo"', 1)[0].rsplit("<a ", 1)[1]
    assert html.unescape(logo.split('title="', 1)[1].split('"', 1)[0]) == f"{TITLE}: {TITLE}"
    section = next((site / "plan").glob("*/index.html")).read_text(encoding="utf-8")
    entries = re.findall(r'<span class="md-ellipsis">(.*?)</span>', section, re.S)
    assert TITLE in {" ".join(_visible(e).split()) for e in entries}  # its nav entry
    assert "&amp;amp;" not in outcome and "&amp;lt;" not in outcome and "&amp;#" not in outcome
    # search results take their title from this h1, as text (test_injection_browser searches)


def _strings(value: object) -> set[str]:
    """Every string value in a JSON document."""
    if isinstance(value, str):
        return {value}
    items = value.values() if isinstance(value, dict) else value if isinstance(value, list) else []
    return set().union(*map(_strings, items)) if items else set()


def test_open_data_carries_the_plain_title(readable_site: pipeline.Project) -> None:
    site = readable_site.site
    csv_files = list(site.rglob("*.csv"))
    json_files = [p for p in site.rglob("*.json") if "search" not in p.parts]
    assert csv_files and json_files
    plain = [p for p in csv_files if any(TITLE in c for r in csv.reader(io.StringIO(p.read_text("utf-8"))) for c in r)]
    assert plain, "no CSV download carries the title as plain text"
    texts = [p.read_text(encoding="utf-8") for p in [*csv_files, *json_files]]
    assert any(TITLE in _strings(json.loads(t)) for t in texts[len(csv_files) :])
    assert not any("&amp;" in t or "&lt;" in t or "&#" in t for t in texts)


def test_the_pdf_source_escapes_the_title_once(readable_site: pipeline.Project) -> None:
    from generator.load.plan import load_content
    from generator.render.pdf import pdf_html

    plan, problems = load_content(readable_site.content)
    assert plan is not None, problems
    source = pdf_html(plan)
    assert "&amp;amp;" not in source and "&amp;lt;" not in source
    assert TITLE in _visible(source)
