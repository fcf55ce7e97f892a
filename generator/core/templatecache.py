"""Compiled templates kept between builds: the generator's page templates and the theme's.

Compiling Jinja templates was a fifth of the generator's time on the bundled plan, and MkDocs
compiles Material's templates again for every build. Jinja's bytecode cache stores each
compiled template under a key made from its name and file, and checks it against a hash of the
template's source (and the Python and Jinja bytecode versions) before using it, so an edited
template is always compiled afresh: the cache changes how fast a build is, never what it makes.
It lives in ``build/jinja-cache/`` beside the other generated files.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import jinja2

CACHE_DIR = Path("build") / "jinja-cache"
"""Where compiled templates are kept, relative to the project folder."""


class MemoryBytecodeCache(jinja2.BytecodeCache):
    """Compiled templates in memory, where the cache folder cannot be written."""

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        """Fill ``bucket`` if this template was compiled before (Jinja checks its source hash)."""
        data = self.compiled.get(bucket.key)
        if data is not None:
            bucket.bytecode_from_string(data)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        """Keep a freshly compiled template."""
        self.compiled[bucket.key] = bucket.bytecode_to_string()


@functools.cache
def bytecode_cache(root: Path) -> jinja2.BytecodeCache:
    """The compiled-template cache of the project at ``root`` (one folder per Jinja version)."""
    folder = root / CACHE_DIR / f"jinja-{jinja2.__version__}"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return MemoryBytecodeCache()
    return jinja2.FileSystemBytecodeCache(str(folder))


def theme_cache(root: Path) -> Any:
    """An MkDocs plugin (added in code, not in mkdocs.yml) giving the theme the project's cache."""
    plugin = _plugin_class()()
    plugin.cache = bytecode_cache(root)
    return plugin


@functools.cache
def _plugin_class() -> type[Any]:
    from mkdocs.plugins import BasePlugin  # only builds need MkDocs, not 'bvpp check'

    class TemplateCache(BasePlugin):  # type: ignore[type-arg,no-untyped-call]
        cache: jinja2.BytecodeCache | None = None

        def on_env(self, env: jinja2.Environment, /, *, config: Any, files: Any) -> jinja2.Environment:
            del config, files
            if self.cache is not None:
                env.bytecode_cache = self.cache
            return env

    return TemplateCache
