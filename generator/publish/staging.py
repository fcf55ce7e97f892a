"""Staging folders: MkDocs builds beside the published site, and the result is swapped in whole.

A staging folder is named ``.<site>.building-XXXXXXXX`` (``tempfile.mkdtemp``) in the site's
parent folder. While its build runs, the folder's :data:`~generator.publish.outputs.SITE_MARKER` is held
open under an exclusive ``flock``; a build killed outright (even by SIGKILL) loses the lock with
its process. Each build first removes the staging folders that earlier builds left behind:

- one with a marker whose lock is free (its build has ended, or was killed);
- one without a marker (made by a bvpp older than the marker, or killed in the instant between
  creating the folder and writing its marker) only when it still has ``mkdtemp``'s exact name
  and private mode (0700) and has not changed for :data:`UNMARKED_AGE` seconds.

Nothing else in the parent folder is touched.
"""

from __future__ import annotations

import ctypes
import os
import re
import shutil
import stat
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from generator.publish.outputs import MARKER_TEXT, SITE_MARKER

try:
    import fcntl
except ImportError:  # Windows: no flock; leftovers are then judged by age alone
    fcntl = None  # type: ignore[assignment]

UNMARKED_AGE = 60.0
"""Seconds after which an unmarked staging folder can only be a leftover (a build writes its
marker within microseconds of creating the folder)."""
_MKDTEMP_NAME = re.compile(r"[a-z0-9_]{8}")


def _prefix(site_dir: Path) -> str:
    return f".{site_dir.name}.building-"


@contextmanager
def staging_folder(site_dir: Path) -> Iterator[Path]:
    """A fresh, marked and locked staging folder beside ``site_dir``; removed afterwards."""
    remove_leftovers(site_dir)
    try:
        staging = Path(tempfile.mkdtemp(prefix=_prefix(site_dir), dir=site_dir.parent))
    except OSError as exc:  # name the folder the user can act on, not a random name never made
        raise OSError(exc.errno, exc.strerror, str(site_dir.parent)) from exc
    try:
        # mkdtemp's private 0700 would be published with the site and keep a web server out
        staging.chmod(0o755)
        with (staging / SITE_MARKER).open("w", encoding="utf-8") as marker:
            if fcntl is not None:
                fcntl.flock(marker, fcntl.LOCK_EX)  # released with the file, or the process
            marker.write(MARKER_TEXT)
            marker.flush()
            yield staging
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def remove_leftovers(site_dir: Path) -> list[Path]:
    """Remove the staging folders that killed builds of ``site_dir`` left; return them."""
    prefix = _prefix(site_dir)
    try:
        candidates = [p for p in site_dir.parent.iterdir() if p.name.startswith(prefix)]
    except (FileNotFoundError, NotADirectoryError):
        return []
    removed = [folder for folder in sorted(candidates) if _is_leftover(folder, prefix)]
    for folder in removed:
        shutil.rmtree(folder, ignore_errors=True)
    return removed


def _is_leftover(folder: Path, prefix: str) -> bool:
    try:
        info = folder.lstat()
    except FileNotFoundError:
        return False
    if not stat.S_ISDIR(info.st_mode):  # a symlink or a file with the name: not ours
        return False
    marker = folder / SITE_MARKER
    if marker.is_file() and not marker.is_symlink():
        return _lock_is_free(marker, info.st_mtime)
    return (
        _MKDTEMP_NAME.fullmatch(folder.name[len(prefix):]) is not None
        and stat.S_IMODE(info.st_mode) == 0o700
        and time.time() - info.st_mtime > UNMARKED_AGE
    )


def _lock_is_free(marker: Path, changed: float) -> bool:
    if fcntl is None:
        return time.time() - changed > 24 * 3600
    try:
        fd = os.open(marker, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False  # a build is running in it now
    finally:
        os.close(fd)  # closing releases a lock taken here
    return True


def _old(site_dir: Path) -> Path:
    return site_dir.with_name(f".{site_dir.name}.previous")


def recover(site_dir: Path) -> None:
    """Finish a swap that an earlier process was killed in the middle of."""
    old = _old(site_dir)
    if old.exists() and not site_dir.exists():
        old.rename(site_dir)
    elif old.exists():
        shutil.rmtree(old)


def exchange(first: Path, second: Path) -> bool:
    """Swap two directories in one atomic step (Linux renameat2 RENAME_EXCHANGE).

    Returns False where the system cannot (another OS, an old kernel or C library, a file
    system without support); the caller then falls back to two renames.
    """
    if sys.platform != "linux":
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    result = renameat2(
        at_fdcwd, os.fsencode(first), at_fdcwd, os.fsencode(second), rename_exchange
    )
    return bool(result == 0)


def swap_in(staging: Path, site_dir: Path) -> None:
    """Put ``staging`` in ``site_dir``'s place; the old site ends up in ``staging`` or is gone."""
    if site_dir.exists() and exchange(staging, site_dir):
        return  # the old site is now in staging, which the caller removes
    old = _old(site_dir)
    if site_dir.exists():
        site_dir.rename(old)
    staging.rename(site_dir)
    shutil.rmtree(old, ignore_errors=True)
