"""A disk cache of the compiled lexicons, so that a new process starts in milliseconds.

Compiling the lexicons (expanding their alternatives, building the token tries and the typo
index) takes about a second; the result is a tree of dicts, sets and strings, which
`marshal` writes and reads back in a few tens of milliseconds. An entry is named by a
fingerprint of everything it depends on (every file of ``guards/data/``, the source of the
modules that compile them, the Python version), so an edited lexicon is never served stale.

The cache lives in ``$GUARDS_CACHE_DIR``, else ``$XDG_CACHE_HOME/vigie-guards``, else
``~/.cache/vigie-guards``; ``GUARDS_CACHE_DIR=off`` turns it off. Any failure to read or
write it only costs the compilation: the cache is never needed for a correct answer.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import sys
import tempfile
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import TypeVar

__all__ = ["cached"]

T = TypeVar("T")
_PACKAGE = Path(__file__).parent
_SOURCES = ("cache.py", "lexicon.py", "phrases.py", "text.py")


def _directory() -> Path | None:
    chosen = os.environ.get("GUARDS_CACHE_DIR")
    if chosen == "off":
        return None
    if chosen:
        return Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "vigie-guards"


@lru_cache(maxsize=1)
def _fingerprint() -> str:
    digest = hashlib.sha256(sys.version.encode())
    for path in sorted((_PACKAGE / "data").glob("*.txt")) + [_PACKAGE / s for s in _SOURCES]:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def cached(name: str, build: Callable[[], T]) -> T:
    """`build()`, or what an earlier process built for `name` from the same inputs."""
    directory = _directory()
    if directory is None:
        return build()
    path = directory / f"{name}-{_fingerprint()}.marshal"
    try:
        loaded: T = marshal.loads(path.read_bytes())
        return loaded
    except (OSError, ValueError, EOFError, TypeError):
        pass
    value = build()
    try:
        directory.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=directory, delete=False) as handle:
            handle.write(marshal.dumps(value))  # type: ignore[arg-type]
        os.replace(handle.name, path)  # atomic: a concurrent reader sees all or nothing
        for old in directory.glob("*.marshal"):
            if not old.name.endswith(f"-{_fingerprint()}.marshal"):
                old.unlink(missing_ok=True)  # built from lexicons or code that changed since
    except (OSError, ValueError):
        pass
    return value
