"""Telephone numbers as ``tel:`` links: the number as the plan prints it, dialable on a phone."""

from __future__ import annotations

import re

from markupsafe import Markup

from generator.core.escape import html_text

_NUMBER = re.compile(r"^\+?[\d ()-]+")
"""The number itself: what comes before an extension or a note ("8424 1368 (ext. 2368)")."""


def tel_href(phone: str) -> str | None:
    """``tel:`` and the digits of a complete UK number, or None.

    A number the plan prints without its area code ("8424 1368") would dial the wrong place
    from a mobile, and guessing the code would be inventing it: such a number stays text.
    """
    found = _NUMBER.match(phone.strip())
    digits = re.sub(r"\D", "", found.group(0)) if found else ""
    if phone.strip().startswith("+") and len(digits) >= 10:
        return f"tel:+{digits}"
    if digits.startswith("0") and len(digits) == 11:
        return f"tel:{digits}"
    return None


def phone_html(phone: str | None) -> Markup:
    """The number as printed, a ``tel:`` link where it is complete (HTML, safe in Markdown)."""
    if not phone:
        return Markup()
    text = html_text(phone)
    href = tel_href(phone)
    if href is None:
        return Markup('<span class="bvpp-phone">{}</span>').format(text)
    return Markup('<a class="bvpp-phone" href="{}">{}</a>').format(Markup(href), text)
