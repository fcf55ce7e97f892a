"""Where a build may write, and what a failed write says.

``bvpp build`` replaces its site folder whole (:mod:`generator.publish.mkdocs`), so a site folder pointed
at the wrong place would replace that place: ``--site-dir .`` once swapped the project, its
``.git`` and its content for the built site. :func:`refuse_unsafe_site` refuses, before anything
is read or written, a site folder that is (or holds) the project, its content, its theme or its
working folder, the home folder or the file-system root, and any existing, non-empty folder that
bvpp did not make. bvpp marks the folders it makes with :data:`SITE_MARKER`.

A write that the system refuses (a full disk, a read-only or protected folder, a file where a
folder should be) becomes an :class:`OutputError`: one located problem naming the path, with a
hint, never a traceback.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from generator.core.problems import Location, Problem
from generator.publish.write import UnsafeOutputError

SITE_MARKER = ".bvpp-site"
"""A file in every site folder bvpp makes: the folder is bvpp's to replace on the next build.

MkDocs never removes or publishes hidden files, so the marker survives MkDocs' own clean-up and
rides along with the site when the staging folder is swapped in."""

MARKER_TEXT = "Made by bvpp build: each build replaces this folder whole; keep nothing else here.\n"

OLD_SITE_FILES = ("index.html", "404.html", "search/search_index.json", "gaps/index.html")
"""Files that every site built by a bvpp older than the marker held (``gaps/`` is bvpp's own
page of what the plan still lacks; sites now carry Pagefind's index, not lunr's): a folder
holding all of them but no marker was built by an older bvpp."""


class RefusedOutputError(UnsafeOutputError):
    """An output folder that would destroy or mix with something else; wrong usage (exit 2)."""


class OutputError(Exception):
    """The system refused a write (disk full, read-only, …): the published site is as it was."""

    def __init__(self, problem: Problem) -> None:
        self.problems = [problem]
        super().__init__(problem.format())


def is_bvpp_site(folder: Path) -> bool:
    """Whether ``folder`` was made by bvpp: it has the marker, or an older bvpp's whole site."""
    if (folder / SITE_MARKER).is_file():
        return True
    return all((folder / name).is_file() for name in OLD_SITE_FILES)


def _within(inner: Path, outer: Path) -> bool:
    return inner == outer or outer in inner.parents


def refuse_unsafe_site(
    site: Path, root: Path, content: Path, theme: Path, home: Path | None = None
) -> None:
    """Raise :class:`RefusedOutputError` with a one-line reason unless ``site`` is safe to replace.

    ``root`` is the project folder; ``content`` and ``theme`` its input folders; ``home`` the
    user's home folder (default: :meth:`Path.home`). All are compared after resolving symlinks.
    """
    site = site.resolve()
    reason = _reason(site, root.resolve(), content.resolve(), theme.resolve(), _home(home))
    if reason:
        raise RefusedOutputError(f"refusing to publish the site into {site}: {reason}")


def _home(home: Path | None) -> Path | None:
    try:
        return (home or Path.home()).resolve()
    except (RuntimeError, KeyError):  # no home folder known (a bare service account)
        return None


def _reason(site: Path, root: Path, content: Path, theme: Path, home: Path | None) -> str:
    replace = "each build replaces the site folder whole"
    if site == Path(site.anchor):
        return f"it is the file-system root; {replace}"
    if home is not None and _within(home, site):
        holds = "it is" if site == home else "it holds"
        return f"{holds} the home folder {home}; {replace}"
    inputs = [("the content folder", content), ("the theme folder", theme),
              ("the project's working folder", root / "build")]
    for name, folder in inputs:
        if _within(site, folder):
            where = "it is" if site == folder else "it is inside"
            return f"{where} {name} {folder}; the next build would read or replace it"
    for name, folder in [("the project folder", root), *inputs]:
        if _within(folder, site):
            holds = "it is" if site == folder else "it holds"
            return f"{holds} {name} {folder}; {replace}"
    if site.is_dir() and _not_empty(site) and not is_bvpp_site(site):
        return (f"it is a folder that bvpp did not make and is not empty (it has no {SITE_MARKER}); "
                "choose a new or empty folder")
    return ""


def _not_empty(folder: Path) -> bool:
    with os.scandir(folder) as entries:
        return next(entries, None) is not None


_HINTS = {
    errno.ENOSPC: "the disk is full: free some space, or publish to another disk with --site-dir",
    errno.EDQUOT: "the disk quota is used up: free some space, or publish elsewhere with --site-dir",
    errno.EROFS: "the file system is read-only: publish to a writable folder with --site-dir",
    errno.EACCES: "bvpp may not write there: check the folder's owner and permissions, "
                  "or publish elsewhere with --site-dir",
    errno.EPERM: "the system does not allow the change: check the folder's permissions and "
                 "attributes (lsattr: 'i' is immutable), or publish elsewhere with --site-dir",
    errno.ENOTDIR: "a file stands where a folder is needed: move it, or choose another --site-dir",
    errno.EEXIST: "a file stands where a folder is needed: move it, or choose another --site-dir",
}
WRITE_FAULTS = frozenset(_HINTS)
"""The errors of a write that the user can put right; any other OSError is a plain failure."""


def output_error(exc: OSError, fallback: Path, staging: Path | None = None) -> OutputError:
    """The located problem for a write the system refused (``fallback``: the path being written).

    A path inside ``staging`` (the new copy being built beside the site, removed since) is
    reported as the site folder ``fallback`` itself: that is the folder the user chose.
    """
    path = Path(os.fsdecode(exc.filename)) if exc.filename else staging or fallback
    reason = exc.strerror or str(exc)
    hint = _HINTS.get(exc.errno or 0, "check the folder and build again")
    if staging is not None and _within(path, staging):
        path, reason = fallback, f"cannot write the new copy of the site beside it: {reason}"
        if exc.errno in (errno.ENOSPC, errno.EDQUOT):
            hint += " (the new copy is built beside the old one, so the disk needs room for both)"
    else:
        reason = f"cannot write: {reason}"
    return OutputError(
        Problem(Location(str(path)), "", reason,
                f"{hint}; the published site was left as it was", kind="output")
    )


@contextmanager
def writing(path: Path, staging: Path | None = None) -> Iterator[None]:
    """Turn a refused write under ``path`` (or its ``staging`` copy) into an :class:`OutputError`."""
    try:
        yield
    except OutputError as exc:  # raised deeper, about the staging copy: name the folder chosen
        cause = exc.__cause__
        if staging is None or not isinstance(cause, OSError):
            raise
        raise output_error(cause, path, staging) from cause
    except OSError as exc:
        if exc.errno not in WRITE_FAULTS:
            raise
        raise output_error(exc, path, staging) from exc
