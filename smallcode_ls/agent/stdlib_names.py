"""Which common standard-library module exports a name, for adding a missing `from m import name`.

Only modules people import names from every day, so that an undefined
`ROUND_HALF_UP` or `defaultdict` has exactly one home. A name exported by two
of them (`Callable`: typing and collections.abc) has two homes and is left to
the model.
"""

from __future__ import annotations

import importlib
from functools import cache

COMMON = (
    "abc", "bisect", "collections", "contextlib", "copy", "csv", "dataclasses", "datetime", "decimal",
    "enum", "fractions", "functools", "hashlib", "heapq", "io", "itertools", "json", "math", "operator",
    "os", "pathlib", "random", "re", "shutil", "statistics", "string", "textwrap", "time", "typing",
    "uuid", "zoneinfo", "collections.abc", "urllib.parse",
)  # fmt: skip


@cache
def _exports() -> dict[str, tuple[str, ...]]:
    homes: dict[str, list[str]] = {}
    for name in COMMON:
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        public = getattr(module, "__all__", None) or [n for n in vars(module) if not n.startswith("_")]
        for attr in public:
            value = getattr(module, attr, None)
            if value is None or type(value).__name__ == "module":
                continue
            homes.setdefault(attr, []).append(name)
    return {attr: tuple(mods) for attr, mods in homes.items()}


def stdlib_homes(name: str) -> tuple[str, ...]:
    """The common standard modules that export `name` (empty for none)."""
    return _exports().get(name, ())
