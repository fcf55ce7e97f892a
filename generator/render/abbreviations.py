"""Abbreviations explained where a page first uses them.

One pass over a page's finished text, in reading order: the first use of each glossary term
becomes ``<abbr title="expansion">TERM</abbr>``, and the first use of each directorate code
(which the five-column table already writes as an ``<abbr>``) is spelled out visibly:
"Urban Living (UL)". Later uses stay short. Front matter, headings (they feed the navigation
and the page's contents), tags and their attributes, link addresses and the chart's SVG are
never touched. The PDF spells terms out in words instead (:func:`spell_out`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from markupsafe import Markup

from generator.core.escape import html_attr, html_text
from generator.model.glossary import GlossaryEntry
from generator.model.plan import Plan

_SKIP = re.compile(
    r"\A---\n.*?\n---\n"  # front matter
    r"|<!--.*?-->"
    r"|<(abbr|svg|code|pre|script|style|title)\b[^>]*>.*?</\1>"  # whole elements
    r"|<[^>]*>"  # any other tag, attributes and all
    r"|\]\([^)\n]*\)"  # a Markdown link's address
    r"|https?://[^\s<>\"')]+"
    r"|^ {0,3}#{1,6} [^\n]*$"  # headings
    r"|\{:?[^}\n]*\}",  # attribute lists and heading ids
    re.DOTALL | re.MULTILINE,
)
_DIRECTORATE = re.compile(r'^<abbr title="(?P<title>[^"]*)">(?P<code>[A-Z]{2,4})</abbr>$')


@dataclass(frozen=True)
class Abbreviations:
    """What one plan's pages expand: glossary terms and directorate codes."""

    terms: Mapping[str, str]
    """Each glossary term with a known expansion → that expansion."""
    directorates: Mapping[str, str]
    """Each directorate code → its name."""

    def pattern(self) -> re.Pattern[str] | None:
        """Any term, as a whole word (a plural "s" may follow), longest first."""
        if not self.terms:
            return None
        words = "|".join(re.escape(t) for t in sorted(self.terms, key=len, reverse=True))
        return re.compile(rf"(?<![\w&/.-])(?P<term>{words})(?P<plural>s?)(?![\w&])")

    def spelled_out(self, match: re.Match[str]) -> bool:
        """Whether the text already spells the term out just before it: "Primary Care Trust (PCT)"."""
        before = match.string[: match.start()].rstrip()
        if not before.endswith("("):
            return False
        words = before[:-1].rstrip().casefold()
        expansion = self.terms[match["term"]].casefold()
        return words.endswith(expansion) or words.endswith(expansion + "s")


def abbreviations(glossary: Iterable[GlossaryEntry], directorates: Mapping[str, str]) -> Abbreviations:
    """The expansions pages use; an entry whose expansion is a gap is left unmarked."""
    terms = {e.term: e.expansion for e in glossary if isinstance(e.expansion, str)}
    return Abbreviations(terms, dict(directorates))


def plan_abbreviations(plan: Plan) -> Abbreviations:
    """The plan's glossary and directorates, as pages and the PDF expand them."""
    return abbreviations(plan.glossary, {d.code: d.name for d in plan.directorates})


def mark_first_uses(text: str, known: Abbreviations) -> str:
    """``text`` (a page's Markdown) with each abbreviation's first use explained."""
    pattern = known.pattern()
    seen: set[str] = set()

    def term(match: re.Match[str]) -> str:
        word = match["term"]
        if word in seen:
            return match.group(0)
        seen.add(word)
        return f'<abbr title="{html_attr(known.terms[word])}">{word}</abbr>{match["plural"]}'

    def skipped(piece: str) -> str:
        found = _DIRECTORATE.match(piece)
        if not found or found["code"] not in known.directorates or found["code"] in seen:
            return piece
        seen.add(found["code"])
        return f"{html_text(known.directorates[found['code']])} ({piece})"

    return _outside(text, _SKIP, skipped, (lambda s: pattern.sub(term, s)) if pattern else str)


def spell_out(html: str, known: Abbreviations) -> Markup:
    """The PDF's HTML with each term's first use written in full: "Primary Care Trust (PCT)"."""
    pattern = known.pattern()
    if pattern is None:
        return Markup(html)
    seen: set[str] = set()

    def term(match: re.Match[str]) -> str:
        word = match["term"]
        if word in seen or known.spelled_out(match):
            seen.add(word)
            return match.group(0)
        seen.add(word)
        return f"{html_text(known.terms[word])}{match['plural']} ({match.group(0)})"

    return Markup(_outside(html, _SKIP_HTML, str, lambda s: pattern.sub(term, s)))


_SKIP_HTML = re.compile(
    r"<!--.*?-->|<(head|svg|code|pre|script|style|abbr)\b[^>]*>.*?</\1>|<h[1-6]\b[^>]*>.*?</h[1-6]>|<[^>]*>",
    re.DOTALL,
)


Edit = Callable[[str], str]


def _outside(text: str, skip: re.Pattern[str], keep: Edit, change: Edit) -> str:
    """``text`` with ``change`` applied to the parts ``skip`` does not match, in order."""
    out: list[str] = []
    position = 0
    for found in skip.finditer(text):
        out.append(change(text[position : found.start()]))
        out.append(keep(found.group(0)))
        position = found.end()
    out.append(change(text[position:]))
    return "".join(out)
