"""Indicator codes in free text: "BV 44, 45, 46" is three codes, "LPSA 2.1, 2.2" two.

A mention starts with a family word and a number ("BVPI 157", "BV161", "PAF C26",
"LPSA Target 3", "BVPIs 11, 16 & 17") and continues through numbers joined by ``,``, ``&`` or
``and``, and through ranges ("181a – 181d", "44-46"). Each written number keeps its place in
the text so that it can become a link; the numbers inside a range are found but, not being
written, are not linked. Pure functions: no catalogue here (see :mod:`.citations`).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

_NUMBER = r"[A-Z]?[0-9]+(?:\.[0-9]+)*[a-z]?"
_END = r"(?![A-Za-z0-9])"
_START = re.compile(
    r"(?<![A-Za-z0-9])(?P<family>BV ?PIs?|BVs?|LPSA(?: [Tt]argets?)?|PAF|LAA|LPIs?)"
    rf"\s{{0,2}}(?P<number>{_NUMBER}){_END}"
)
_NEXT = re.compile(rf"\s*(?:,|&|\band\b)\s*(?P<number>{_NUMBER}){_END}")
_RANGE = re.compile(rf"\s*(?:-|\u2013|\u2014|\bto\b)\s*(?P<number>{_NUMBER}|[a-z]){_END}")
_PARTS = re.compile(r"^(?P<prefix>[A-Z]?)(?P<numbers>[0-9]+(?:\.[0-9]+)*)(?P<suffix>[a-z]?)$")

FAMILY_WORDS: dict[str, str] = {
    "BV": "BVPI", "BVs": "BVPI", "BVPI": "BVPI", "BVPIs": "BVPI", "BV PI": "BVPI", "BV PIs": "BVPI",
    "LPSA": "LPSA", "PAF": "PAF", "LAA": "LAA", "LPI": "local", "LPIs": "local",
}
"""How the plan writes each family; ``LPSA Target 3`` is LPSA 3."""

MAX_RANGE = 50
"""A longer range is not expanded (it is more likely a misreading than a list of codes)."""


@dataclass(frozen=True)
class Mention:
    """One indicator code found in a text."""

    family: str
    """The family as the catalogue names it: ``BVPI``, ``LPSA``, ``PAF``, ``LAA``, ``local``."""
    code: str
    """The number within the family: ``157``, ``181b``, ``2.1``, ``C26``."""
    written: str
    """The text of the mention as written (``BV 44``, ``45``), or the whole range for a number
    only implied by one (``181a – 181d`` for ``181b``)."""
    span: tuple[int, int] | None
    """Where the written code stands in the text; None for a number implied by a range."""

    @property
    def label(self) -> str:
        """The code as the site writes it, e.g. ``BVPI 44``."""
        return f"{'Local PI' if self.family == 'local' else self.family} {self.code}"


def _family(word: str) -> str:
    if word.startswith("LPSA"):
        return "LPSA"
    return FAMILY_WORDS[word]


def expand_range(start: str, end: str) -> list[str] | None:
    """The codes from ``start`` to ``end`` inclusive, or None if they do not form a range.

    ``181a``–``181d`` and ``181a``–``d`` step the letter; ``44``–``46`` and ``2.1``–``2.4``
    step the last number. Anything else (``12``–``3``, ``44``–``45a``) is not a range.
    """
    first = _PARTS.match(start)
    if first is None:
        return None
    if re.fullmatch(r"[a-z]", end):
        end = start[: len(start) - len(first["suffix"])] + end if first["suffix"] else ""
    last = _PARTS.match(end)
    if last is None or first["prefix"] != last["prefix"]:
        return None
    stem = first["prefix"] + first["numbers"]
    if first["numbers"] == last["numbers"] and first["suffix"] and last["suffix"]:
        low, high = ord(first["suffix"]), ord(last["suffix"])
        return [f"{stem}{chr(c)}" for c in range(low, high + 1)] if low < high else None
    head_a, _, tail_a = first["numbers"].rpartition(".")
    head_b, _, tail_b = last["numbers"].rpartition(".")
    if first["suffix"] or last["suffix"] or head_a != head_b:
        return None
    low, high = int(tail_a), int(tail_b)
    if not low < high <= low + MAX_RANGE:
        return None
    lead = first["prefix"] + (head_a + "." if head_a else "")
    return [f"{lead}{n}" for n in range(low, high + 1)]


@functools.lru_cache(maxsize=1 << 16)
def find_codes(text: str) -> tuple[Mention, ...]:
    """Every indicator code in ``text``, in the order written.

    Remembered per text: validation, the citations and the links in every page ask for the
    same texts, and ``bvpp serve`` asks again after each edit for the texts that did not change.
    """
    return tuple(_find_codes(text))


def _find_codes(text: str) -> list[Mention]:
    found: list[Mention] = []
    position = 0
    while (start := _START.search(text, position)) is not None:
        family = _family(start["family"])
        found.append(Mention(family, start["number"], start.group(0), start.span()))
        previous, position = start["number"], start.end()
        while True:
            joined = _NEXT.match(text, position)
            if joined is not None:
                number = joined["number"]
                found.append(Mention(family, number, number, joined.span("number")))
                previous, position = number, joined.end()
                continue
            ranged = _RANGE.match(text, position)
            codes = expand_range(previous, ranged["number"]) if ranged is not None else None
            if ranged is None or codes is None:
                break
            whole = text[found[-1].span[0] if found[-1].span else position : ranged.end()]
            found.extend(Mention(family, code, whole, None) for code in codes[1:-1])
            found.append(Mention(family, codes[-1], ranged["number"], ranged.span("number")))
            previous, position = codes[-1], ranged.end()
    return found
