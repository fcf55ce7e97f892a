"""The bad-input corpus: every case in ``tests/corpus/`` gives its golden message, never a traceback.

Each folder under ``tests/corpus/`` is one case, applied to a copy of the bundled project:

``README``
    One line: what the case is.
``files/``
    Content files that replace or add to the bundled ``content/`` (``files/themes/x.yaml``
    becomes ``content/themes/x.yaml``), byte for byte.
``delete.txt``
    Optional: content files to delete, one path (relative to ``content/``) per line.
``special.txt``
    Optional: entries git cannot store, made at run time, one per line: ``fifo <path>``,
    ``socket <path>``, ``link-outside <path>`` (a link to a file outside the project whose first
    line is ``SECRET``: the golden output must not show it) and ``link <path> <target>``.
``generate.py``
    Optional: defines ``generate(content: Path) -> None`` for files too big to commit (the
    50 MB case); the test calls it on the copied content folder.
``expected.txt``
    The error lines of ``bvpp check`` with their hints (warnings and the summary left out),
    the project folder shown as ``<project>``. Empty means the check must accept the content.
``expected-page.txt``
    For accepted cases whose text must reach a page literally (the injection cases):
    ``page: <path under site/>`` and then ``text: <literal text>`` lines. The test builds the
    site with the real ``mkdocs build`` and checks the page shows each text as text, with no
    script, event handler or ``javascript:`` link taken from the data.

The golden files are generated, never hand-written. After an intended change of wording,
refresh them and review the diff by eye (each message needs file:line:col, the field, what
was expected, what was found and a hint):

    .venv/bin/python -m tests.test_corpus --refresh
    BVPP_REFRESH_GOLDEN=1 .venv/bin/pytest tests/test_corpus.py    # the same, through pytest
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import re
import shutil
import socket
import sys
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from generator.cli import main
from generator.core.cache import ParseCache
from generator.core.cache import active as cache_active
from generator.core.words import count_words
from tests.conftest import copy_project

CORPUS = Path(__file__).resolve().parent / "corpus"
PLACEHOLDER = "<project>"
REFRESH = os.environ.get("BVPP_REFRESH_GOLDEN") == "1"

_SUMMARY = re.compile(r"^[\d,]+ errors?, [\d,]+ warnings? |^  draft gaps in ")
_WARNING = re.compile(r"^(?:\S+: )?warning: ")
_ERROR_HEAD = re.compile(r"^content/\S+?(?::\d+:\d+)?: \S")


@dataclass(frozen=True)
class Case:
    """One corpus folder."""

    folder: Path

    @property
    def name(self) -> str:
        """The folder's name, used as the test id."""
        return self.folder.name

    @property
    def expected(self) -> Path:
        """The golden error output."""
        return self.folder / "expected.txt"

    @property
    def page(self) -> Path:
        """The golden page expectation, for cases that must build."""
        return self.folder / "expected-page.txt"

    def apply(self, content: Path) -> None:
        """Replace, add, delete and generate this case's files in a copied content folder."""
        files = self.folder / "files"
        if files.is_dir():
            for source in sorted(files.rglob("*")):
                if source.is_file():
                    target = content / source.relative_to(files)
                    target.parent.mkdir(parents=True, exist_ok=True)
                    shutil.copyfile(source, target)
        deletions = self.folder / "delete.txt"
        if deletions.is_file():
            for line in deletions.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    (content / line.strip()).unlink()
        special = self.folder / "special.txt"
        if special.is_file():
            for line in special.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    make_special(content, *line.split())
        generator = self.folder / "generate.py"
        if generator.is_file():
            spec = importlib.util.spec_from_file_location(f"corpus_{self.name}", generator)
            assert spec is not None and spec.loader is not None
            module = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(module)
            module.generate(content)


SECRET = "root:x:0:0:SECRET-first-line-of-a-file-outside-content:/root:/bin/bash"


def make_special(content: Path, kind: str, name: str, target: str = "") -> None:
    """One entry of a ``special.txt``: something git cannot commit, made in the copied content."""
    path = content / name
    path.unlink(missing_ok=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "socket":
        with socket.socket(socket.AF_UNIX) as server:
            server.bind(str(path))  # the socket file stays after the socket is closed
    elif kind == "link-outside":
        outside = content.parent.parent / f"outside-{path.name}"
        outside.write_text(f"{SECRET}\n---\nid: borrowed\n", encoding="utf-8")
        path.symlink_to(outside)
    elif kind == "link":
        path.symlink_to(target)
    else:
        raise ValueError(f"unknown special entry {kind!r}")


def cases() -> list[Case]:
    """Every case folder, in name order."""
    return [Case(folder) for folder in sorted(CORPUS.iterdir()) if folder.is_dir()]


def error_lines(stderr: str, root: Path) -> str:
    """The error lines and their hints, as stored in expected.txt."""
    blocks: list[list[str]] = []
    for line in stderr.replace(str(root), PLACEHOLDER).splitlines():
        if _SUMMARY.match(line):
            continue
        if line.startswith(" ") and blocks:
            blocks[-1].append(line)
        else:
            blocks.append([line])
    kept = [block for block in blocks if not _WARNING.match(block[0])]
    return "".join(line + "\n" for block in kept for line in block)


SHARED = ParseCache()
"""What the bundled files parsed to, shared between cases: a case's own files are new text and
parsed afresh, the files it leaves alone are parsed once for the whole corpus (the cache the
live preview uses between builds, keyed by each file's exact text, so never stale)."""


def run_cli(*args: str) -> Result:
    """Run the real command line in-process, sharing the parse of unchanged files."""
    with cache_active(SHARED):
        return CliRunner().invoke(main, list(args), catch_exceptions=True)


def prepare(case: Case, tmp_path: Path) -> Path:
    """A copy of the bundled project with the case applied; returns the project folder."""
    project = copy_project(tmp_path / "project")
    case.apply(project.content)
    return project.root


def check_case(case: Case, tmp_path: Path) -> tuple[Result, str]:
    """Run ``bvpp check`` on the case; return the result and its error lines."""
    root = prepare(case, tmp_path)
    result = run_cli("check", "--project", str(root))
    return result, error_lines(result.stderr, root)


def tree_digest(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` and the SHA-256 of its bytes."""
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


@pytest.mark.parametrize("case", cases(), ids=lambda c: c.name)
def test_check_gives_the_golden_errors(case: Case, tmp_path: Path) -> None:
    """The check's errors are exactly the golden ones, located and hinted; no traceback."""
    result, errors = check_case(case, tmp_path)
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    if REFRESH:
        case.expected.write_text(errors, encoding="utf-8")
    expected = case.expected.read_text(encoding="utf-8")
    assert errors == expected
    assert SECRET.split(":")[4] not in result.output  # nothing of a refused file is echoed
    assert result.exit_code == (1 if expected else 0), result.stderr
    for line in expected.splitlines():
        if not line.startswith(" "):
            assert _ERROR_HEAD.match(line), f"not located as file:line:col: {line}"
    heads = [line for line in expected.splitlines() if not line.startswith(" ")]
    hints = [line for line in expected.splitlines() if line.startswith("    hint: ")]
    assert len(heads) == len(hints), "every error needs exactly one hint"


class _PageScan(HTMLParser):
    """Collects what a built page runs, and what its article (the page's own text) shows."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.scripts: list[str] = []
        self.handlers: list[str] = []
        self.links: list[str] = []
        self.text: list[str] = []
        self._in: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._in.append(tag)
        for name, value in attrs:
            if name.startswith("on"):
                self.handlers.append(f"{tag} {name}={value}")
            if name in {"href", "src", "action"} and value:
                self.links.append(value)
        if tag == "script":
            self.scripts.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._in:
            while self._in.pop() != tag:
                pass

    def handle_data(self, data: str) -> None:
        if "script" in self._in:
            self.scripts[-1] += data
        elif "article" in self._in and "style" not in self._in:
            self.text.append(data)


def read_page_expectation(case: Case) -> tuple[str, list[str]]:
    """The page and the literal texts named by expected-page.txt."""
    page = ""
    texts: list[str] = []
    for line in case.page.read_text(encoding="utf-8").splitlines():
        key, _, value = line.partition(": ")
        if key == "page":
            page = value
        elif key == "text":
            texts.append(value)
    assert page and texts, f"{case.page}: needs a 'page:' line and 'text:' lines"
    return page, texts


def touched(case: Case) -> set[str]:
    """The content files a case replaces, adds or deletes."""
    files = case.folder / "files"
    found = {p.relative_to(files).as_posix() for p in files.rglob("*") if p.is_file()}
    deletions = case.folder / "delete.txt"
    if deletions.is_file():
        found |= {line.strip() for line in deletions.read_text(encoding="utf-8").splitlines()}
    return found


def build_groups(page_cases: list[Case]) -> dict[str, int]:
    """Cases that touch different files share one build: each case's group number."""
    groups: list[set[str]] = []
    member: dict[str, int] = {}
    for case in page_cases:
        mine = touched(case)
        index = next((i for i, used in enumerate(groups) if not used & mine), len(groups))
        if index == len(groups):
            groups.append(set())
        groups[index] |= mine
        member[case.name] = index
    return member


PAGE_CASES = [c for c in cases() if c.page.is_file()]
GROUPS = build_groups(PAGE_CASES)
_BUILT: dict[int, Path] = {}


def built_group(group: int, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project of one group of page cases, built once with the real ``mkdocs build``."""
    if group not in _BUILT:
        project = copy_project(tmp_path_factory.mktemp(f"group-{group}") / "project")
        for case in PAGE_CASES:
            if GROUPS[case.name] == group:
                case.apply(project.content)
        result = run_cli("build", "--project", str(project.root), "--no-pdf")  # PDF: tests/downloads
        assert "Traceback" not in result.output
        assert result.exit_code == 0, result.output
        _BUILT[group] = project.root
    return _BUILT[group]


@pytest.mark.site
@pytest.mark.parametrize("case", PAGE_CASES, ids=lambda c: c.name)
def test_text_reaches_the_page_literally(case: Case, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Data that looks like code is published as visible text, never as live HTML."""
    root = built_group(GROUPS[case.name], tmp_path_factory)
    page, texts = read_page_expectation(case)
    scan = _PageScan()
    scan.feed((root / "site" / page).read_text(encoding="utf-8"))
    shown = re.sub(r"\s+", " ", "".join(scan.text))
    for text in texts:
        assert re.search(rf"(?<!\w){re.escape(text)}(?!\w)", shown), f"{page} lacks {text!r}"
        for script in scan.scripts:
            assert "alert(" not in script and "passwd" not in script
    assert not scan.handlers, scan.handlers
    assert not [link for link in scan.links if link.strip().lower().startswith("javascript:")]


@pytest.mark.site
def test_crash_mid_build_leaves_the_published_site_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """MkDocs failing half-way through writing: site/ stays byte-identical, content/ untouched."""
    from mkdocs.commands import build as mkdocs_build

    project = copy_project(tmp_path / "project")
    published = run_cli("build", "--project", str(project.root), "--no-pdf")
    assert published.exit_code == 0, published.output
    site_before = tree_digest(project.site)
    content_before = tree_digest(project.content)
    assert "index.html" in site_before
    real_build = mkdocs_build.build
    staged: list[Path] = []

    def crash_half_way(config: dict[str, object], **kwargs: object) -> None:
        site_dir = Path(str(config["site_dir"]))
        staged.append(site_dir)
        site_dir.mkdir(parents=True, exist_ok=True)
        (site_dir / "index.html").write_text("<p>half a site</p>", encoding="utf-8")
        (site_dir / "outcomes").mkdir(exist_ok=True)
        (site_dir / "outcomes" / "stray.html").write_text("half", encoding="utf-8")
        raise RuntimeError("disk went away half-way through the build")

    monkeypatch.setattr(mkdocs_build, "build", crash_half_way)
    crashed = run_cli("build", "--project", str(project.root), "--no-pdf")
    monkeypatch.setattr(mkdocs_build, "build", real_build)

    assert staged and staged[0] != project.site, "mkdocs must build into a staging folder"
    assert crashed.exit_code == 1, crashed.output
    assert "Traceback" not in crashed.output
    assert isinstance(crashed.exception, SystemExit), crashed.exception
    assert "the site was not changed" in crashed.stderr
    assert tree_digest(project.site) == site_before
    assert tree_digest(project.content) == content_before
    leftovers = [p.name for p in project.site.parent.iterdir() if p.name.startswith(".site")]
    assert not leftovers, leftovers


def refresh() -> None:
    """Regenerate every expected.txt from the current check output (then review the diff)."""
    import tempfile

    for case in cases():
        with tempfile.TemporaryDirectory() as tmp:
            result, errors = check_case(case, Path(tmp))
        if "Traceback" in result.output:
            print(f"{case.name}: TRACEBACK\n{result.output}", file=sys.stderr)
        case.expected.write_text(errors, encoding="utf-8")
        verdict = "accepted" if not errors else count_words(errors.count(chr(10)) // 2, "error")
        print(f"{case.name}: exit {result.exit_code}, {verdict}")


if __name__ == "__main__":
    if sys.argv[1:] != ["--refresh"]:
        sys.exit("usage: python -m tests.test_corpus --refresh")
    refresh()
