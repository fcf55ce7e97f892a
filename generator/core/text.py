"""Text as the content files hold it: bytes decoded strictly, and the invisible characters
that no value may carry refused by name. YAML, CSV and Markdown files all pass through here.
"""

from __future__ import annotations

import re

from generator.core.problems import Location, Problem

MAX_FILE_BYTES = 5 * 1024 * 1024
"""Content files larger than this are refused before they are read (a plan file is ~100 KB)."""

_CP1252_HINT = (
    "the file looks like Windows-1252 (as Word or Excel save it); "
    "save it again as UTF-8"
)

DIRECTION_CONTROLS = {
    0x202A: "left-to-right embedding", 0x202B: "right-to-left embedding",
    0x202C: "pop directional formatting", 0x202D: "left-to-right override",
    0x202E: "right-to-left override", 0x2066: "left-to-right isolate",
    0x2067: "right-to-left isolate", 0x2068: "first strong isolate", 0x2069: "pop directional isolate",
}
"""Invisible characters that make text display in another order than it is stored and read out
(the "Trojan Source" characters): a published value could show one thing and say another."""

DIRECTION_CONTROL = re.compile("[" + "".join(map(chr, DIRECTION_CONTROLS)) + "]")


def direction_problem(where: Location, field: str, char: str) -> Problem:
    """A direction control character in a value: refused, named, with what to do instead."""
    code = ord(char)
    return Problem(
        where,
        field,
        f"expected text, found the invisible direction control character U+{code:04X} "
        f"({DIRECTION_CONTROLS[code]}), which makes text display in a different order from how it reads",
        "delete it; words in right-to-left scripts need no such character: "
        "browsers show each script in its own direction",
        kind="syntax",
    )


CONTROL_NAMES = {0x00: "null", 0x07: "bell", 0x08: "backspace", 0x0B: "vertical tab",
                  0x0C: "form feed", 0x1B: "escape", 0x7F: "delete"}

def line_column(text: str, index: int) -> tuple[int, int]:
    """The 1-based line and column of the character at ``index`` in ``text``."""
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def decode_text(raw: bytes, file: str) -> tuple[str | None, list[Problem]]:
    """Bytes to text: UTF-8 only (a BOM is accepted), CRLF folded; one problem otherwise."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):  # Windows' "Unicode" is UTF-16 with this mark
        return None, [
            Problem(
                Location(file, 1, 1),
                "",
                "expected UTF-8 text, found UTF-16 text (as Windows saves 'Unicode text')",
                "save it again as UTF-8 (in Excel: 'CSV UTF-8'; in an editor: encoding UTF-8)",
                kind="encoding",
            )
        ]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        hint = "save the file as UTF-8"
        byte = raw[exc.start : exc.start + 1]
        seen = ""
        try:
            raw.decode("cp1252")
            hint = _CP1252_HINT
            seen = f" ({byte.decode('cp1252')!r} in Windows-1252)"
        except UnicodeDecodeError:
            pass
        return None, [
            Problem(
                Location(file, line, column),
                "",
                f"expected UTF-8 text, found the byte 0x{byte.hex()}{seen} "
                "that UTF-8 does not allow here",
                hint,
                kind="encoding",
            )
        ]
    return text.replace("\r\n", "\n").replace("\r", "\n"), []


def control_problem(where: Location, field: str, code: int) -> Problem:
    """An invisible control character in a value (YAML or CSV): refused, named, located."""
    name = CONTROL_NAMES.get(code, "a control character")
    return Problem(
        where,
        field,
        f"expected text, found the invisible control character U+{code:04X} ({name})",
        "delete it and retype the space or line break there; "
        "it usually comes with text pasted from Word or a PDF",
        kind="syntax",
    )
