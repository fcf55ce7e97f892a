"""Incremental rebuilds: only changed files are written, and a cache never serves stale content.

The guarantees behind ``bvpp serve`` (and behind every rebuild of the generated docs folder):
an unchanged plan writes nothing; one edit rewrites only the files whose bytes it changes and
leaves every other file (and its modification time) alone; the result is byte for byte what a
clean build makes; and parsed content reused from the cache is always the file's current text.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from pathlib import Path

from generator import pipeline
from generator.core.cache import ParseCache
from generator.core.cache import active as cache_active
from generator.load.plan import load_content
from generator.pipeline import Project
from generator.publish.write import MARKER, write_tree

THEME = Path("themes") / "environment.yaml"
WHAT_WE_DID = "Proposals developed during 2003 /04 to create new Community Safety service"


def _snapshot(folder: Path) -> dict[str, tuple[int, bytes]]:
    return {
        path.relative_to(folder).as_posix(): (path.stat().st_mtime_ns, path.read_bytes())
        for path in folder.rglob("*")
        if path.is_file()
    }


def _edit(project: Project, old: str, new: str) -> Path:
    file = project.content / THEME
    text = file.read_text(encoding="utf-8")
    assert text.count(old) == 1
    file.write_text(text.replace(old, new), encoding="utf-8")
    return file


def test_an_unchanged_plan_writes_nothing_and_touches_nothing(project: Project) -> None:
    pipeline.generate(project)
    before = _snapshot(project.docs)
    again = pipeline.generate(project)
    assert again.written.written == []
    assert again.written.removed == []
    assert again.written.unchanged == len(before) - 1  # every file but the ownership marker
    assert _snapshot(project.docs) == before  # same bytes and the same modification times


def test_one_edit_rewrites_only_its_pages_and_equals_a_clean_build(project: Project, tmp_path: Path) -> None:
    memory = pipeline.Memory()
    pipeline.generate(project, memory=memory)
    before = _snapshot(project.docs)
    _edit(project, WHAT_WE_DID, WHAT_WE_DID + " Edited today")

    again = pipeline.generate(project, memory=memory)

    pages = {path for path in again.written.written if path.endswith(".md")}
    assert pages == {"outcomes/improved-park-safety.md", "themes/environment/priority-c.md"}
    downloads = set(again.written.written) - pages
    assert all(path.startswith("data/") for path in downloads), downloads  # the open data files
    assert again.written.removed == []
    after = _snapshot(project.docs)
    for rel, (mtime, data) in before.items():
        if rel not in again.written.written:
            assert after[rel] == (mtime, data), f"{rel} was touched"
    assert "Edited today" in (project.docs / "outcomes/improved-park-safety.md").read_text()
    clean = pipeline.Project(project.root, project.content, tmp_path / "clean-docs", tmp_path / "site")
    pipeline.generate(clean)
    assert _snapshot_bytes(clean.docs) == _snapshot_bytes(project.docs)


def _snapshot_bytes(folder: Path) -> dict[str, bytes]:
    return {rel: data for rel, (_mtime, data) in _snapshot(folder).items()}


def test_a_removed_outcome_loses_its_page_and_nothing_else(project: Project) -> None:
    pipeline.generate(project)
    file = project.content / THEME
    text = file.read_text(encoding="utf-8")
    start = text.index("      - id: improved-park-safety")
    end = text.index("      - id: improved-playground-equipment")
    file.write_text(text[:start] + text[end:], encoding="utf-8")
    again = pipeline.generate(project)
    assert again.written.removed == ["outcomes/improved-park-safety.md"]
    assert not (project.docs / "outcomes/improved-park-safety.md").exists()


def test_a_change_that_keeps_size_and_mtime_is_still_written(tmp_path: Path) -> None:
    out = tmp_path / "docs"
    write_tree({"a.md": "version one\n"}, out)
    target = out / "a.md"
    stat = target.stat()
    target.write_text("version 1ne\n")  # same length: a damaged or hand-edited file
    os.utime(target, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert (target.stat().st_size, target.stat().st_mtime_ns) == (stat.st_size, stat.st_mtime_ns)
    result = write_tree({"a.md": "version one\n"}, out)
    assert result.written == ["a.md"]
    assert target.read_text() == "version one\n"


def test_leftovers_of_an_interrupted_write_are_removed(tmp_path: Path) -> None:
    out = tmp_path / "docs"
    write_tree({"x/a.md": "a\n", "b.bin": b"\x00\x01"}, out)
    (out / "x" / ".tmp-abc123.md").write_text("half a page")  # a build killed mid-write
    result = write_tree({"x/a.md": "a\n", "b.bin": b"\x00\x01"}, out)
    assert result.removed == ["x/.tmp-abc123.md"]
    assert result.written == []
    assert sorted(p.name for p in out.rglob("*")) == sorted([MARKER, "x", "a.md", "b.bin"])
    assert (out / "b.bin").read_bytes() == b"\x00\x01"


def test_written_files_are_readable_by_others_as_the_umask_allows(tmp_path: Path) -> None:
    out = tmp_path / "docs"
    write_tree({"a.md": "a\n"}, out)
    umask = os.umask(0)
    os.umask(umask)
    assert (out / "a.md").stat().st_mode & 0o777 == 0o666 & ~umask


# --- the parse cache -----------------------------------------------------------------------------


def test_the_cache_parses_an_unchanged_file_once(project: Project) -> None:
    cache = ParseCache()
    with cache_active(cache):
        first, _ = load_content(project.content)
    misses = cache.misses
    with cache_active(cache):
        second, _ = load_content(project.content)
    assert first is not None and second is not None
    assert cache.misses == misses  # nothing parsed again
    assert cache.hits > 0
    assert all(a is b for a, b in zip(first.themes, second.themes, strict=True))


def test_the_cache_sees_an_edit_that_keeps_size_and_mtime(project: Project) -> None:
    cache = ParseCache()
    with cache_active(cache):
        first, _ = load_content(project.content)
    file = project.content / THEME
    stat = file.stat()
    _edit(project, '"Improvements to park safety."', '"Improvements to park safetY."')
    os.utime(file, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert (file.stat().st_size, file.stat().st_mtime_ns) == (stat.st_size, stat.st_mtime_ns)
    with cache_active(cache):
        second, _ = load_content(project.content)
    assert first is not None and second is not None
    statements = [o.statement for _t, _p, o in second.outcomes()]
    assert "Improvements to park safetY." in statements
    assert "Improvements to park safety." not in statements


def test_the_cache_replays_problems_and_forgets_removed_files(project: Project) -> None:
    cache = ParseCache()
    _edit(project, 'lead_directorates: ["PF"]', "lead_directorates: 5")
    with cache_active(cache):
        _plan, first = load_content(project.content)
    held = len(cache.entries)
    with cache_active(cache):
        _plan, second = load_content(project.content)
    assert [p.format() for p in first] == [p.format() for p in second]
    assert any("lead_directorates" in p.format() for p in second)
    shutil.rmtree(project.content / "sections")
    with cache_active(cache):
        load_content(project.content)
    assert len(cache.entries) < held  # what the removed files parsed to is gone


def test_a_cached_build_makes_the_same_pages_as_a_fresh_one(project: Project, tmp_path: Path) -> None:
    memory = pipeline.Memory()
    pipeline.generate(project, memory=memory)
    _edit(project, WHAT_WE_DID, WHAT_WE_DID + " Edited today")
    pipeline.generate(project, memory=memory)
    fresh = pipeline.Project(project.root, project.content, tmp_path / "fresh-docs", tmp_path / "site")
    pipeline.generate(fresh)
    assert _snapshot_bytes(fresh.docs) == _snapshot_bytes(project.docs)


def test_a_symlink_planted_at_the_temporary_name_is_not_followed(tmp_path: Path) -> None:
    out = tmp_path / "docs"
    write_tree({"a.md": "one\n"}, out)
    outside = tmp_path / "outside.txt"
    outside.write_text("keep me")
    (out / ".a.md.bvpp-tmp").symlink_to(outside)
    with contextlib.suppress(OSError):  # refused: the temporary name is not a file we made
        write_tree({"a.md": "two\n"}, out)
    assert outside.read_text() == "keep me"
