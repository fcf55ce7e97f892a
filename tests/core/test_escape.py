"""Escaping: text from data always renders as exactly that text, through the real Markdown.

Each property renders escaped text through a ``markdown.Markdown`` built with exactly the
extensions (and settings) of mkdocs.yml, in the places the templates put it: a paragraph, a
pipe-table cell, a list item, a heading, and raw HTML (inline and as a block), then parses the
HTML and checks two things: no element came from the data, and the text read back is the
input with its whitespace collapsed.
"""

from __future__ import annotations

import functools
import html
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

import markdown
import markdown.extensions.toc as toc
import pytest
import yaml
from hypothesis import example, given, settings
from hypothesis import strategies as st

from generator.core.escape import MARKDOWN_EXTENSIONS, collapse, html_attr, html_text, md_text
from tests.conftest import ROOT

# --- the real Markdown ------------------------------------------------------------------


class _MkDocsLoader(yaml.SafeLoader):
    """Reads mkdocs.yml, tolerating the ``!!python/name:`` and ``!ENV`` tags MkDocs allows."""


_MkDocsLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def mkdocs_extensions() -> list[tuple[str, dict[str, Any]]]:
    """mkdocs.yml's markdown_extensions: each name with its settings."""
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_MkDocsLoader)
    found: list[tuple[str, dict[str, Any]]] = []
    for entry in config.get("markdown_extensions", []):
        if isinstance(entry, str):
            found.append((entry, {}))
        else:
            ((name, settings_),) = entry.items()
            found.append((name, settings_ or {}))
    return found


@functools.cache
def _markdown() -> markdown.Markdown:
    configs = dict(mkdocs_extensions())
    return markdown.Markdown(
        extensions=list(MARKDOWN_EXTENSIONS),
        extension_configs={name: configs.get(name, {}) for name in MARKDOWN_EXTENSIONS},
    )


def render(source: str) -> str:
    """Markdown source → HTML, as the site renders it."""
    return str(_markdown().reset().convert(source))


def test_mkdocs_yml_uses_exactly_the_escaped_for_extensions() -> None:
    names = [name for name, _settings in mkdocs_extensions()]
    assert sorted(names) == sorted(MARKDOWN_EXTENSIONS)
    assert len(set(names)) == len(names)


# --- reading the HTML back ---------------------------------------------------------------


@dataclass
class Element:
    """One parsed HTML element."""

    tag: str
    attrs: dict[str, str | None]
    children: list[Element | str] = field(default_factory=list)

    def text(self) -> str:
        """The element's text content, entities decoded."""
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def elements(self) -> list[Element]:
        """Every element inside this one, depth first."""
        inner = [c for c in self.children if isinstance(c, Element)]
        return [e for child in inner for e in (child, *child.elements())]

    def only(self) -> list[Element]:
        """The child elements, ignoring whitespace between them."""
        assert all(isinstance(c, Element) or not c.strip() for c in self.children), self
        return [c for c in self.children if isinstance(c, Element)]


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#root", {})
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, dict(attrs))
        self.stack[-1].children.append(element)
        self.stack.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack[-1].children.append(Element(tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        assert self.stack[-1].tag == tag, f"</{tag}> closes <{self.stack[-1].tag}>"
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)

    def handle_comment(self, data: str) -> None:
        raise AssertionError(f"an HTML comment came through: {data!r}")

    def handle_decl(self, decl: str) -> None:
        raise AssertionError(f"a declaration came through: {decl!r}")

    def handle_pi(self, data: str) -> None:
        raise AssertionError(f"a processing instruction came through: {data!r}")

    def unknown_decl(self, data: str) -> None:
        raise AssertionError(f"a declaration came through: {data!r}")


def parse(markup: str) -> Element:
    """HTML → a tree of elements and text."""
    builder = _TreeBuilder()
    builder.feed(markup)
    builder.close()
    assert builder.stack == [builder.root], "unclosed elements"
    return builder.root


def one(parent: Element, tag: str) -> Element:
    """The single child element of ``parent``, which must be a ``tag``."""
    children = parent.only()
    assert [c.tag for c in children] == [tag], parent
    return children[0]


def plain(element: Element) -> str:
    """The text of an element that must hold text only, no elements."""
    assert element.elements() == [], element
    return element.text()


# --- the texts ---------------------------------------------------------------------------

TRAPS = [
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "[x](javascript:alert(1))",
    "![i](x.png)", "[x]: http://e", "[x][y]", "{: onclick=x }", "{#id .cls}", "--8<--",
    '--8<-- "secrets.txt"', "#", "## ", "1.", "2024. A year", "- ", "+ ", "* ", "> ", "|",
    "\\|", "*", "**", "_", "__", "`", "```", "~~~", "&amp;", "&copy;", "&#35;", "&#x27;",
    "&lt;b&gt;", "&", "<", ">", '"', "'", "\\", "\\\\", "\n", "\r\n", "\t", "\u00a0", "  \n",
    "    ", ": ", "*[HTML]: Hyper", "[^1]", "<!-- c -->", "<http://e.com>", "<a@b.c>", "===",
    "---", "***", "!!! note", "1/2", "(c)", "<<", "<div markdown=\"1\">", "</div>", "\u2028",
    "\u200b", "\ufeff", "\x85", "<?php ?>", "<![CDATA[x]]>", "&#0;", "&#xD800;", "@",
]
"""Pieces that mean something to Markdown, HTML or MkDocs' extensions."""


def _yaml_printable(code: int) -> bool:
    """Characters a YAML file may hold (YAML 1.1 §5.1), which the loader passes on as text."""
    return (
        code in (0x09, 0x0A, 0x0D, 0x85)
        or 0x20 <= code <= 0x7E
        or 0xA0 <= code <= 0xD7FF
        or 0xE000 <= code <= 0xFFFD
        or code >= 0x10000
    )


_CHARS = st.characters(min_codepoint=0x09, max_codepoint=0x10FFFF).filter(
    lambda c: _yaml_printable(ord(c))
)
_ASCII = st.characters(min_codepoint=0x09, max_codepoint=0x7E).filter(
    lambda c: _yaml_printable(ord(c))
)
texts = st.lists(
    st.one_of(st.sampled_from(TRAPS), st.text(_ASCII, max_size=4), st.text(_CHARS, max_size=3)),
    max_size=10,
).map("".join)
"""Text as an officer might type or paste it, dense with Markdown and HTML syntax."""

EXAMPLES = 1000
"""Examples per property; seven properties, 7,000 inputs per run."""

property_settings = settings(max_examples=EXAMPLES, deadline=None)


# --- md_text: in every Markdown context the templates use --------------------------------


def check_paragraph(text: str) -> None:
    out = render(md_text(text))
    if not collapse(text):
        assert out == ""
        return
    assert plain(one(parse(out), "p")) == collapse(text)


def check_table_cell(text: str) -> None:
    out = render(f"| a | b |\n| --- | --- |\n| {md_text(text)} | y |")
    table = one(parse(out), "table")
    head, body = table.only()
    assert [head.tag, body.tag] == ["thead", "tbody"]
    cells = one(body, "tr").only()
    assert [c.tag for c in cells] == ["td", "td"], out
    assert [plain(c) for c in cells] == [collapse(text), "y"]


def check_list_item(text: str) -> None:
    out = render(f"Intro:\n\n- first\n- {md_text(text)}\n")
    intro, listing = parse(out).only()
    assert [intro.tag, listing.tag] == ["p", "ul"]
    items = listing.only()
    assert [i.tag for i in items] == ["li", "li"], out
    assert plain(items[1]) == collapse(text)


def check_heading(text: str) -> None:
    out = render(f"## {md_text(text)}")
    heading = one(parse(out), "h2")
    *words, permalink = heading.children
    assert isinstance(permalink, Element) and permalink.attrs.get("class") == "headerlink"
    assert all(isinstance(w, str) for w in words), out
    assert "".join(map(str, words)) == collapse(text)
    # The table of contents and the anchor are made from the same text, not from its escapes.
    (token,) = _markdown().toc_tokens
    assert html.unescape(token["name"]) == collapse(text)
    assert heading.attrs["id"] == toc.unique(toc.slugify(collapse(text), "-"), set())


MD_CONTEXTS = [check_paragraph, check_table_cell, check_list_item, check_heading]


@property_settings
@given(texts)
def test_md_text_is_literal_in_a_paragraph(text: str) -> None:
    check_paragraph(text)


@property_settings
@given(texts)
def test_md_text_stays_in_its_table_cell(text: str) -> None:
    check_table_cell(text)


@property_settings
@given(texts.filter(collapse))
def test_md_text_is_literal_in_a_list_item(text: str) -> None:
    check_list_item(text)


@property_settings
@given(texts.filter(collapse))
@example("Leader's foreword")  # was "Leader&#x27;s" in the TOC and "leaderx27s-foreword" as id
@example('AT&T "quoted" & <tagged>')
def test_md_text_is_literal_in_a_heading(text: str) -> None:
    check_heading(text)


# --- html_text / html_attr: in raw HTML, which Markdown may still read -------------------


def check_html_block(text: str) -> None:
    out = render(f'<div class="bvpp" title="{html_attr(text)}">{html_text(text)}</div>')
    block = one(parse(out), "div")
    assert block.attrs == {"class": "bvpp", "title": collapse(text)}
    assert plain(block) == collapse(text)


def check_html_inline(text: str) -> None:
    # A <span> at the start of a line is not a block: Markdown reads its content as inline text.
    out = render(f'<span class="bvpp" title="{html_attr(text)}">({html_text(text)})</span>')
    span = one(one(parse(out), "p"), "span")
    assert span.attrs == {"class": "bvpp", "title": collapse(text)}
    assert plain(span) == f"({collapse(text)})"


def check_html_in_table_cell(text: str) -> None:
    out = render(f"| a | b |\n| --- | --- |\n| <span>{html_text(text)}</span> | y |")
    body = one(parse(out), "table").only()[1]
    first, second = one(body, "tr").only()
    assert plain(one(first, "span")) == collapse(text)
    assert plain(second) == "y"


HTML_CONTEXTS = [check_html_block, check_html_inline, check_html_in_table_cell]


@property_settings
@given(texts)
def test_html_text_is_literal_in_an_html_block(text: str) -> None:
    check_html_block(text)


@property_settings
@given(texts)
@example("[x](javascript:alert(1))")
def test_html_text_is_literal_in_inline_html(text: str) -> None:
    check_html_inline(text)


@property_settings
@given(texts)
def test_html_text_stays_in_its_table_cell(text: str) -> None:
    check_html_in_table_cell(text)


# --- the named injections, output asserted literally -------------------------------------

NAMED = [
    ("<script>alert(1)</script>", "&lt;script&gt;alert\\(1\\)&lt;/script&gt;"),
    ("[x](javascript:alert(1))", "\\[x\\]\\(javascript:alert\\(1\\)\\)"),
    ("{: onclick=x }", "\\{: onclick=x \\}"),
    ('--8<-- "file"', '\\-\\-8&lt;\\-\\- "file"'),
    ("#1 priority", "\\#1 priority"),
    ("2024. A year", "2024\\. A year"),
    ("- not a list", "\\- not a list"),
    ("> not a quote", "&gt; not a quote"),
    ("a|b", "a\\|b"),
    ("*a* _b_ `c`", "\\*a\\* \\_b\\_ \\`c\\`"),
    ("AT&amp;T", "AT&amp;amp;T"),
    ("it's", "it's"),
    ("line\nbreak\ttab\u00a0nbsp  ", "line break tab nbsp"),
]


@pytest.mark.parametrize(("text", "expected"), NAMED, ids=[t for t, _ in NAMED])
def test_md_text_of_named_injections(text: str, expected: str) -> None:
    assert md_text(text) == expected
    for check in MD_CONTEXTS:
        check(text)


@pytest.mark.parametrize(("text", "expected"), NAMED, ids=[t for t, _ in NAMED])
def test_html_text_of_named_injections(text: str, expected: str) -> None:
    assert "<" not in html_text(text) and "[" not in html_text(text)
    assert html.unescape(html_text(text)) == collapse(text)
    for check in HTML_CONTEXTS:
        check(text)


def test_script_renders_as_its_characters() -> None:
    assert render(md_text("<script>alert(1)</script>")) == (
        "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>"
    )
    assert render(md_text("[x](javascript:alert(1))")) == "<p>[x](javascript:alert(1))</p>"
    assert "href" not in render(f"<span>{html_text('[x](javascript:alert(1))')}</span>")


def test_collapse() -> None:
    assert collapse(" a\n\tb\u00a0\u2028c \r\n d  ") == "a b c d"
