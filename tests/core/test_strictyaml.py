"""Strict YAML: every trap of YAML 1.1 is refused by name, every value stays text."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.core.files import ContentFiles
from generator.core.strictyaml import parse_yaml
from generator.core.text import decode_text


def parse(text: str) -> tuple[object, list[str]]:
    doc, problems = parse_yaml(text, "f.yaml")
    return (doc.data if doc else None), [p.format() for p in problems]


def test_scalars_stay_text() -> None:
    data, problems = parse("a: NO\nb: 12:30\nc: 0123\nd: 1.10\ne: 2024-03-05\nf: off\ng: ~\nh:\n")
    assert problems == []
    assert data == {
        "a": "NO", "b": "12:30", "c": "0123", "d": "1.10", "e": "2024-03-05", "f": "off",
        "g": None, "h": None,
    }


def test_quoted_empty_string_is_text_not_nothing() -> None:
    data, _ = parse('a: ""\n')
    assert data == {"a": ""}


def test_duplicate_key_is_refused_with_both_lines() -> None:
    _, problems = parse("title: One\nother: x\ntitle: Two\n")
    assert problems == [
        'f.yaml:3:1: title: duplicate key "title" (first given at line 1)\n'
        "    hint: keep one of the two; YAML tools silently keep only the last"
    ]


def test_anchor_and_alias_are_refused() -> None:
    _, problems = parse("a: &x one\nb: *x\n")
    assert len(problems) == 2
    assert "anchors ('&x')" in problems[0]
    assert "aliases ('*x')" in problems[1]
    assert problems[1].startswith("f.yaml:2:4: b:")


def test_alias_bomb_is_refused_without_expanding() -> None:
    bomb = "a: &a [x,x,x,x,x,x,x,x,x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)}]\n"
        for i in range(8)
    )
    data, problems = parse(bomb)
    assert data is None
    assert any("aliases" in p for p in problems)


def test_python_tag_is_refused() -> None:
    _, problems = parse("a: !!python/object/apply:os.system ['echo hi']\n")
    assert problems and "tags ('!!python/object/apply:os.system')" in problems[0]


def test_two_documents_are_refused() -> None:
    _, problems = parse("a: 1\n---\nb: 2\n")
    assert problems and "more than one YAML document" in problems[0]


def test_empty_and_comment_only_files_are_refused() -> None:
    for text in ("", "\n\n", "# just a comment\n"):
        _, problems = parse(text)
        assert problems == ["f.yaml:1:1: the file is empty\n    hint: add the content, or delete the file if it is not needed"]


def test_tab_and_nbsp_indentation_have_their_own_messages() -> None:
    _, tab = parse("a:\n\tb: 1\n")
    _, nbsp = parse("a:\n\u00a0 b: 1\n")
    assert tab[0].startswith("f.yaml:2:1: indentation must be plain spaces, found a tab")
    assert nbsp[0].startswith("f.yaml:2:1: indentation must be plain spaces, found a non-breaking space (U+00A0)")


def test_syntax_error_is_located_with_a_hint() -> None:
    _, problems = parse("title: Budget: 2024\n")
    assert problems[0].startswith("f.yaml:1:14: title: expected one 'name: value' on this line")
    assert 'put the whole value in quotes: title: "Budget: 2024"' in problems[0]


def test_bom_and_crlf_are_accepted() -> None:
    text, problems = decode_text(b"\xef\xbb\xbfa: one\r\nb: two\r\n", "f.yaml")
    assert problems == [] and text == "a: one\nb: two\n"


def test_windows_1252_bytes_get_a_hint() -> None:
    text, problems = decode_text("a: caf\u00e9 \u00a3\n".encode("cp1252"), "f.yaml")
    assert text is None
    assert problems[0].format() == (
        "f.yaml:1:7: expected UTF-8 text, found the byte 0xe9 ('é' in Windows-1252) "
        "that UTF-8 does not allow here\n"
        "    hint: the file looks like Windows-1252 (as Word or Excel save it); save it again as UTF-8"
    )


def test_size_limit_is_checked_before_reading(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    big.write_bytes(b"a: " + b"x" * 2000 + b"\n")
    text, problems = ContentFiles(tmp_path, tmp_path).read_text(big, "big.yaml", limit=1000)
    assert text is None
    assert "file is 2,004 bytes; the limit for one content file is 1,000 bytes" in problems[0].message


def test_marks_point_at_values() -> None:
    doc, _ = parse_yaml("a:\n  - x\n  - y: z\n", "f.yaml")
    assert doc is not None
    assert str(doc.location(("a", 1, "y"))) == "f.yaml:3:8"
    assert str(doc.location(("a", 5))) == "f.yaml:2:3"  # nearest located ancestor


@pytest.mark.parametrize("loader", ["CSafeLoader", "SafeLoader"])
def test_deep_nesting_gets_our_own_message_whatever_the_parser(loader: str) -> None:
    """libyaml 0.2.6 refuses ~1,000 flow levels itself; older ones and the pure-Python parser do
    not: either way the refusal is ours, at the node that first goes too deep."""
    import yaml

    from generator.core import strictyaml

    if not hasattr(yaml, loader):
        pytest.skip(f"PyYAML built without {loader}")
    text = "outer:\n  inner: " + "[" * 2000 + "]" * 2000 + "\n"
    doc, problems = strictyaml._compose(text, "f.yaml", getattr(yaml, loader))
    assert doc is None
    assert [p.format().splitlines()[0] for p in problems] == [
        "f.yaml:2:41: outer: expected at most 32 levels of nesting, found more"
    ]
