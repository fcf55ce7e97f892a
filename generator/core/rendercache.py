"""Pages rendered by an earlier build of this process, reused while their inputs are unchanged.

A page is a pure function of its template and the values passed to it (templates can reach
nothing else: the environment's globals and filters are pure functions of their arguments). So
a page's **fingerprint** — a digest of the template's name and of every value passed, taken
down to the last string — identifies its text exactly, and an unchanged fingerprint means an
unchanged page without rendering it. ``bvpp serve`` keeps one :class:`RenderCache` between its
builds: after an edit only the pages whose inputs changed are rendered again.

Safety rests on the fingerprint seeing everything a template sees, so :func:`fingerprint`
refuses any value it cannot take apart (a lambda, a bound method, an open file, an object of an
unknown class) rather than guessing: pass plain data — strings, numbers, dates, lists, dicts,
dataclasses, ``SimpleNamespace`` views and pydantic models — to templates. (A module-level
function or class is identified by its qualified name, which cannot change while the process
runs.) ``bvpp build`` keeps the cache on disk between its runs (:meth:`RenderCache.save`,
:meth:`RenderCache.load`) under a namespace that names bvpp's code and every installed package:
code that may have changed means an empty cache, never a stale page.
"""

from __future__ import annotations

import collections
import contextlib
import dataclasses
import datetime
import decimal
import hashlib
import io
import pickle
import types
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from enum import Enum
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel

from generator.core.files import atomic_write

T = TypeVar("T")


class UnfingerprintableError(TypeError):
    """A value passed to a template that the fingerprint cannot see into."""


_LEAVES: tuple[type, ...] = (
    str, bytes, bool, int, float, decimal.Decimal, datetime.date, datetime.time, Enum, type(None),
)
"""Types (and their subclasses: ``Markup``, enums) that pickle faithfully by value."""


def _ref(digest: bytes) -> bytes:
    """Stands for an object taken apart separately, by its digest (never called: pickles only)."""
    return digest


_BY_VALUE_OR_NAME = (*_LEAVES, type, types.FunctionType, types.BuiltinFunctionType)

_PLAIN = frozenset({str, int, float, bool, type(None)})
"""Exact types a record may hold and still be written out in place."""


_FIELDS: dict[type, tuple[str, ...] | None] = {}


def _field_names(kind: type) -> tuple[str, ...] | None:
    """A dataclass's field names (None for any other class), looked up once per class."""
    if kind not in _FIELDS:
        fields = dataclasses.fields(kind) if dataclasses.is_dataclass(kind) else None
        _FIELDS[kind] = tuple(f.name for f in fields) if fields is not None else None
    return _FIELDS[kind]


class _Pickler(pickle.Pickler):
    def __init__(self, out: io.BytesIO, reduce: Callable[[Any], Any]) -> None:
        super().__init__(out, protocol=5)
        self._reduce = reduce
        # No memo: a value shared within one dump is written out again, so equal values always
        # give equal bytes, and no memo table needs clearing between dumps (the values passed
        # to templates hold no cycles).
        self.fast = True

    def reducer_override(self, obj: Any) -> Any:
        return self._reduce(obj)


def _inline(name: str, state: Any) -> None:
    """Stands for a view pickled in place by its class name and attributes (never called)."""
    del name, state


class Fingerprinter:
    """Digests of values, each shared object taken apart once per build.

    Plain data (exact ``str``, ``int``, ``list``, ``dict``, …) is serialised by ``pickle`` in C;
    every other object reaches :meth:`_reduce`: a ``SimpleNamespace`` view (made for one page)
    is pickled in place by its attributes; a model or dataclass (shared between pages) is
    replaced by the digest of its state, worked out once; anything else is refused.
    """

    def __init__(self) -> None:
        self._seen: dict[int, tuple[Any, bytes]] = {}
        """id → (the object, kept alive so its id is not reused; its digest)."""
        self._picklers: list[tuple[io.BytesIO, _Pickler]] = []
        """One pickler per depth of nesting, reused: making one costs more than using it."""
        self._depth = 0

    def __call__(self, value: Any) -> bytes:
        """A 16-byte digest that changes whenever anything a template could read of ``value`` does."""
        if self._depth == len(self._picklers):
            out = io.BytesIO()
            self._picklers.append((out, _Pickler(out, self._reduce)))
        out, pickler = self._picklers[self._depth]
        out.seek(0)
        out.truncate()
        self._depth += 1
        try:
            pickler.dump(value)
        except (pickle.PicklingError, AttributeError) as exc:  # a lambda, a local function
            raise UnfingerprintableError(f"cannot fingerprint a value passed to a template: {exc}") from exc
        finally:
            self._depth -= 1
        return hashlib.blake2b(out.getvalue(), digest_size=16).digest()

    def _reduce(self, value: Any) -> Any:
        if isinstance(value, _BY_VALUE_OR_NAME):
            # pickle's own reduction: leaves by type and value; classes and functions (a leaf's
            # reduction names some) by qualified name, fixed for the life of the process.
            return NotImplemented
        if isinstance(value, types.SimpleNamespace):
            return _inline, (type(value).__qualname__, vars(value))
        names = _field_names(type(value))
        if names is not None:
            values = tuple(getattr(value, name) for name in names)
            if all(type(v) in _PLAIN for v in values):  # a small record: cheaper to write out
                return _inline, (type(value).__qualname__, values)
        seen = self._seen.get(id(value))
        if seen is None or seen[0] is not value:
            seen = (value, self._state_digest(value))
            self._seen[id(value)] = seen
        return _ref, (seen[1],)

    def _state_digest(self, value: Any) -> bytes:
        name = f"{type(value).__module__}.{type(value).__qualname__}"
        if isinstance(value, BaseModel):  # every field, nested models and gaps, as pydantic writes them
            return _digest(b"m", name.encode(), value.model_dump_json().encode("utf-8", "surrogatepass"))
        names = _field_names(type(value))
        if names is not None:
            return self((name, tuple(getattr(value, field) for field in names)))
        if isinstance(value, frozenset | set):
            return self((name, sorted(map(self, value))))
        raise UnfingerprintableError(
            f"cannot fingerprint a {type(value).__qualname__} passed to a template: pass plain "
            "data (str, numbers, dates, lists, dicts, dataclasses, SimpleNamespace, pydantic models)"
        )


def _digest(tag: bytes, *parts: bytes) -> bytes:
    hasher = hashlib.blake2b(tag, digest_size=16)
    for part in parts:
        hasher.update(len(part).to_bytes(8, "little"))
        hasher.update(part)
    return hasher.digest()


def fingerprint(value: Any) -> bytes:
    """The digest of one value (a fresh :class:`Fingerprinter`; builds share one per build)."""
    return Fingerprinter()(value)


@dataclasses.dataclass
class RenderStats:
    """How a build used the cache."""

    rendered: int = 0
    reused: int = 0
    made: collections.Counter[str] = dataclasses.field(default_factory=collections.Counter)
    """How many of each kind were made afresh (a template's name for pages)."""

    @property
    def pages_rendered(self) -> int:
        """Pages (templates) rendered afresh; the rest of ``rendered`` are records and files."""
        return sum(count for kind, count in self.made.items() if kind.endswith(".j2"))


class RenderCache:
    """Rendered results by fingerprint, kept between the builds of one process.

    Each build keeps only what it used, so the cache holds one site's pages at most.
    """

    def __init__(self) -> None:
        self._entries: dict[bytes, Any] = {}
        self._used: dict[bytes, Any] = {}
        self._fingerprint = Fingerprinter()
        self.stats = RenderStats()

    @contextlib.contextmanager
    def build(self) -> Iterator[RenderCache]:
        """One build: fresh digests (values are new objects), then drop what it did not use."""
        self._fingerprint = Fingerprinter()
        self._used = {}
        self.stats = RenderStats()
        token = _ACTIVE.set(self)
        try:
            yield self
        finally:
            _ACTIVE.reset(token)
            self._entries, self._used = self._used, {}
            self._fingerprint = Fingerprinter()  # let go of this build's values

    def save(self, path: Path, namespace: str) -> None:
        """Keep what the last build used in ``path``, for a later process with the same ``namespace``."""
        path.parent.mkdir(parents=True, exist_ok=True)
        body = pickle.dumps(self._entries, protocol=pickle.HIGHEST_PROTOCOL)
        atomic_write(path, namespace.encode() + b"\n" + body)

    @classmethod
    def load(cls, path: Path, namespace: str) -> RenderCache:
        """A cache holding what :meth:`save` kept in ``path`` under the same ``namespace``, or an
        empty one (no file, another namespace, a damaged file). The namespace is read first:
        results of other code are never unpickled."""
        cache = cls()
        try:
            with path.open("rb") as file:
                if file.readline().rstrip(b"\n") != namespace.encode():
                    return cache
                entries = pickle.load(file)  # bvpp's own file in build/, as jinja-cache is
        except (OSError, pickle.UnpicklingError, EOFError, ValueError, TypeError, AttributeError,
                ImportError, IndexError):
            return cache
        if isinstance(entries, dict):
            cache._entries = entries
        return cache

    def get_or_make(self, kind: str, inputs: Any, make: Callable[[], T]) -> T:
        """``make()``'s result for these inputs: reused when an earlier build made it."""
        key = _digest(b"k", kind.encode(), self._fingerprint(inputs))
        if key in self._entries:
            result: T = self._entries[key]
            self.stats.reused += 1
        else:
            result = make()
            self.stats.rendered += 1
            self.stats.made[kind] += 1
        self._used[key] = result
        return result


_ACTIVE: ContextVar[RenderCache | None] = ContextVar("render_cache", default=None)


def reuse(kind: str, inputs: Any, make: Callable[[], T]) -> T:
    """``make()``, or its result from an earlier build when a cache is active and ``inputs`` match.

    ``make`` must depend on nothing but ``inputs`` (and pure code): that is what makes reuse exact.
    """
    cache = _ACTIVE.get()
    if cache is None:
        return make()
    return cache.get_or_make(kind, inputs, make)
