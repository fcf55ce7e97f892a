"""Files on disk: the one way this project writes a file so that it appears whole or not at all."""

from __future__ import annotations

import os
from pathlib import Path

_TEMPORARY = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_CLOEXEC | getattr(os, "O_NOFOLLOW", 0)


def atomic_write(target: Path, data: bytes) -> None:
    """Write ``data`` to ``target`` through a temporary file beside it, renamed over it."""
    # A fixed temporary name beside the target, renamed over it: the file appears whole or not
    # at all. (One left by a killed build is not a wanted file, so the next write removes it.)
    # No random name and no chmod, as tempfile.mkstemp needs: 0.7 ms a file on this disk.
    temporary = target.with_name(f".{target.name}.bvpp-tmp")
    fd = os.open(temporary, _TEMPORARY, 0o666)  # a symlink planted there is refused
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        temporary.replace(target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
