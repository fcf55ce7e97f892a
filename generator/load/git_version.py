"""The content folder as it was at a git commit, exported into a temporary folder.

``bvpp changes --since REF`` and ``bvpp build --since REF`` compare with that version: it is
loaded with the normal loader, exactly as a build at that commit would have loaded it.
``git archive`` reads the commit's files without touching the working tree or the index.
"""

from __future__ import annotations

import contextlib
import io
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from pathlib import Path

from generator.load.published import BaselineError


def _git(folder: Path, *args: str) -> bytes:
    try:
        done = subprocess.run(["git", "-C", str(folder), *args], capture_output=True, check=False)
    except OSError as exc:
        raise BaselineError(f"cannot run git to read an earlier version: {exc.strerror or exc}") from exc
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise BaselineError(message[-1] if message else f"git {args[0]} failed")
    return done.stdout


@contextlib.contextmanager
def content_at(content: Path, ref: str) -> Iterator[Path]:
    """The folder ``content`` as commit ``ref`` holds it, in a temporary folder removed afterwards."""
    if ref.startswith("-"):
        raise BaselineError(f"--since: expected a git commit, branch or tag, found {ref!r}")
    if not content.is_dir():
        raise BaselineError(f"{content}: expected the content folder, found no folder")
    try:
        top = Path(_git(content, "rev-parse", "--show-toplevel").decode().strip())
    except BaselineError as exc:
        raise BaselineError(f"--since: {content} is not in a git repository ({exc})") from None
    inside = content.resolve().relative_to(top.resolve()).as_posix()
    try:
        commit = _git(top, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}").decode().strip()
    except BaselineError:
        raise BaselineError(
            f"--since: expected a git commit, branch or tag of {top}, found {ref!r}; "
            "hint: 'git log --oneline' lists the commits"
        ) from None
    with tempfile.TemporaryDirectory(prefix="bvpp-since-") as folder:
        try:
            archive = _git(top, "archive", "--format=tar", commit, "--", inside)
        except BaselineError:
            raise BaselineError(f"--since {ref}: the commit has no folder {inside}") from None
        with tarfile.open(fileobj=io.BytesIO(archive), mode="r:") as tar:
            tar.extractall(folder, filter="data")  # "data": no links or paths outside the folder
        exported = Path(folder) / inside
        if not exported.is_dir():
            raise BaselineError(f"--since {ref}: the commit has no folder {inside}")
        yield exported

