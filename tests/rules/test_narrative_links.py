"""Narrative link addresses: https, mailto, tel or relative pass; anything that could run code fails."""

from __future__ import annotations

import pytest

from generator.rules.plan import unsafe_url


@pytest.mark.parametrize(
    "url",
    [
        "https://www.harrow.gov.uk/",
        "HTTPS://example.org/a_(b)",
        "mailto:info@harrow.gov.uk",
        "tel:+442088631234",
        "../plan/about-harrow/",
        "#contacts",
        "contacts.md#andrew-trehern",
        "?page=2",
    ],
)
def test_safe_addresses_pass(url: str) -> None:
    assert not unsafe_url(url)


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        " javascript:alert(1)",
        "java\tscript:alert(1)",
        "&#106;avascript:alert(1)",
        "data:text/html;base64,PHNjcmlwdD4=",
        "vbscript:msgbox(1)",
        "http://example.org/",
        "//evil.example/",
        "file:///etc/passwd",
    ],
)
def test_addresses_that_could_run_code_or_leak_fail(url: str) -> None:
    assert unsafe_url(url)


# --- relative links reach a page of the site, found before MkDocs runs ------------------------

from pathlib import Path  # noqa: E402

from generator.load.plan import load_content  # noqa: E402
from generator.pipeline import check  # noqa: E402
from generator.render import pages  # noqa: E402
from generator.rules.narrative import site_pages  # noqa: E402
from tests.conftest import ROOT, copy_project  # noqa: E402

ABOUT = "content/sections/02-about-harrow.md"


def test_site_pages_are_exactly_the_pages_the_build_makes() -> None:
    plan, problems = load_content(ROOT / "content")
    assert plan is not None, problems
    assert site_pages(plan) == set(pages.build(plan).pages)


def _about_with(tmp_path: Path, line: str) -> list[str]:
    project = copy_project(tmp_path / "p")
    section = project.content / "sections" / "02-about-harrow.md"
    section.write_text(section.read_text(encoding="utf-8") + f"\n{line}\n", encoding="utf-8")
    lines = section.read_text(encoding="utf-8").split("\n")
    number = lines.index(line) + 1
    found = check(project).report.errors
    return [f"{p.location}: {p.message} | {p.hint}".replace(f":{number}:", ":LINE:") for p in found]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("See [our contacts](../contact.md).",
         f"{ABOUT}:LINE:20: expected a link to a page of this site, found '../contact.md', which "
         'reaches none | did you mean "../contacts.md"? link to the page\'s file, ending .md'),
        ("See [the environment](../themes/environment/).",
         f"{ABOUT}:LINE:23: expected a link to a page of this site, found '../themes/environment/', "
         'which reaches none | did you mean "../themes/environment/index.md"? link to the page\'s '
         "file, ending .md"),
        ("See [contacts](/contacts.md).",
         f"{ABOUT}:LINE:16: expected a relative link, found the absolute link '/contacts.md' | "
         'write it relative to this page: "../contacts.md"'),
        ("[foreword]: 01-leaders-forward.md",
         f"{ABOUT}:LINE:13: expected a link to a page of this site, found '01-leaders-forward.md', "
         'which reaches none | did you mean "leaders-foreword.md"? link to the page\'s file, '
         "ending .md"),
    ],
)
def test_a_broken_link_is_located_in_the_section_with_the_nearest_page(
    tmp_path: Path, line: str, expected: str
) -> None:
    assert _about_with(tmp_path, line) == [expected]


@pytest.mark.parametrize(
    "line",
    ["See [contacts](../contacts.md#andrew-trehern) and [home](../index.md).",
     "See [the foreword](leaders-foreword.md) and [the data](../data/outcomes.csv).",
     "Code is shown, not linked: `[x](nowhere.md)`."],
)
def test_links_to_pages_that_exist_pass(tmp_path: Path, line: str) -> None:
    assert _about_with(tmp_path, line) == []


@pytest.mark.site
def test_links_we_accept_are_accepted_by_mkdocs_strict(tmp_path: Path) -> None:
    """Our rule must not be looser than the engine's: the passing links build under --strict."""
    from generator.pipeline import build

    project = copy_project(tmp_path / "p")
    section = project.content / "sections" / "02-about-harrow.md"
    extra = "\nSee [contacts](../contacts.md) and [the foreword](leaders-foreword.md), " \
            "[environment](../themes/environment/index.md) and [home](../index.md).\n"
    section.write_text(section.read_text(encoding="utf-8") + extra, encoding="utf-8")
    build(project)  # raises on any MkDocs warning (strict)
    assert (project.site / "plan" / "about-harrow" / "index.html").is_file()
