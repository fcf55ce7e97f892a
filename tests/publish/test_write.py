"""Write stage: only changed files are rewritten, stale ones go, nothing outside the folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.publish.write import MARKER, UnsafeOutputError, check_page_paths, write_tree


def test_first_write_then_only_changes(tmp_path: Path) -> None:
    out = tmp_path / "docs"
    first = write_tree({"index.md": "home\n", "a/b.md": "b\n", "a/c.md": "c\n"}, out)
    assert sorted(first.written) == ["a/b.md", "a/c.md", "index.md"]
    before = {p: p.stat().st_mtime_ns for p in out.rglob("*.md")}
    second = write_tree({"index.md": "home\n", "a/b.md": "B changed\n"}, out)
    assert second.written == ["a/b.md"]
    assert second.removed == ["a/c.md"]
    assert second.unchanged == 1
    assert (out / "index.md").stat().st_mtime_ns == before[out / "index.md"]
    assert (out / "a/b.md").read_text() == "B changed\n"
    assert not (out / "a/c.md").exists()


def test_empty_folders_are_pruned_and_marker_kept(tmp_path: Path) -> None:
    out = tmp_path / "docs"
    write_tree({"x/y/z.md": "z\n", "index.md": "i\n"}, out)
    write_tree({"index.md": "i\n"}, out)
    assert not (out / "x").exists()
    assert (out / MARKER).exists()


def test_refuses_a_folder_it_did_not_make(tmp_path: Path) -> None:
    out = tmp_path / "precious"
    out.mkdir()
    (out / "notes.txt").write_text("keep me")
    with pytest.raises(UnsafeOutputError, match="was not made by bvpp"):
        write_tree({"index.md": "i\n"}, out)
    assert (out / "notes.txt").read_text() == "keep me"


@pytest.mark.parametrize("path", ["../x.md", "/etc/x.md", "a/../../x.md", "a\\b.md", "./a.md"])
def test_refuses_paths_outside_the_folder(tmp_path: Path, path: str) -> None:
    with pytest.raises(UnsafeOutputError):
        write_tree({path: "x\n"}, tmp_path / "docs")
    assert not (tmp_path / "x.md").exists()


def test_two_pages_at_one_url_are_refused() -> None:
    assert check_page_paths({"ward-5.md": "", "ward-5/index.md": ""}) == [
        "ward-5/index.md: has the same address as ward-5.md"
    ]
    assert check_page_paths({"Ward-5.md": "", "ward-5.md": ""}) != []
    assert check_page_paths({"index.md": "", "a.md": "", "a/b.md": ""}) == []


def test_exchange_swaps_two_folders_atomically(tmp_path: Path) -> None:
    from generator.publish.staging import exchange

    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    (a / "x").write_text("new site")
    (b / "x").write_text("old site")
    if not exchange(a, b):
        pytest.skip("renameat2(RENAME_EXCHANGE) is not available here; two renames are used")
    assert (b / "x").read_text() == "new site"
    assert (a / "x").read_text() == "old site"


def test_a_memo_never_hides_a_file_changed_behind_its_back(tmp_path: Path) -> None:
    from generator.publish.write import WriteMemo

    out, memo = tmp_path / "docs", WriteMemo()
    pages = {"a.md": "a\n", "b.md": "b\n"}
    assert sorted(write_tree(pages, out, memo).written) == ["a.md", "b.md"]
    again = write_tree(pages, out, memo)
    assert again.written == [] and again.unchanged == 2
    (out / "a.md").write_text("x\n")  # same size, new bytes: someone edited the generated file
    third = write_tree(pages, out, memo)
    assert third.written == ["a.md"] and (out / "a.md").read_text() == "a\n"
    (out / "b.md").unlink()
    assert write_tree(pages, out, memo).written == ["b.md"]
    assert write_tree({"a.md": "changed\n"}, out, memo).written == ["a.md"]
    assert not (out / "b.md").exists()


def test_a_memo_removes_what_it_wrote_and_no_longer_wants_with_its_folders(tmp_path: Path) -> None:
    from generator.publish.write import WriteMemo

    out, memo = tmp_path / "docs", WriteMemo()
    write_tree({"index.md": "i\n", "x/y/z.md": "z\n", "x/w.md": "w\n"}, out, memo)
    result = write_tree({"index.md": "i\n", "x/w.md": "w\n"}, out, memo)
    assert result.removed == ["x/y/z.md"] and result.written == []
    assert not (out / "x/y").exists() and (out / "x/w.md").exists()
    write_tree({"index.md": "i\n"}, out, memo)
    assert not (out / "x").exists() and (out / MARKER).exists()
