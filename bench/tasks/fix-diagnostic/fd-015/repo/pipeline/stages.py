"""Stages and the pipeline that runs records through them.

A record is a dict of field name to value. Each stage takes a record and
returns a new record, or None to drop it. Stages never modify the record
they are given.

Error policies of `Pipeline.run`:

- "raise": the first failure stops the run with a `StageError`;
- "skip": failing records are dropped silently (they are counted);
- "collect": failing records are dropped and their `StageError`s kept in
  `pipeline.failures`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Iterable

from .errors import SpecError

Record = dict[str, Any]
POLICIES = ("raise", "skip", "collect")


class Stage:
    """Base class; subclasses implement `process`."""

    name = "stage"

    def process(self, record: Record) -> Record | None:
        raise NotImplementedError

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.name}>"


class Rename(Stage):
    name = "rename"

    def __init__(self, mapping: dict[str, str]) -> None:
        self.mapping = dict(mapping)

    def process(self, record: Record) -> Record:
        return {self.mapping.get(key, key): value for key, value in record.items()}


class Cast(Stage):
    """Convert fields with a type such as int or float; empty strings become None."""

    name = "cast"

    def __init__(self, types: dict[str, Callable[[Any], Any]]) -> None:
        self.types = dict(types)

    def process(self, record: Record) -> Record:
        out = dict(record)
        for key, kind in self.types.items():
            if key in out:
                value = out[key]
                out[key] = None if value in ("", None) else kind(value)
        return out


class Require(Stage):
    """Fail when a field is missing or None."""

    name = "require"

    def __init__(self, fields: Iterable[str]) -> None:
        self.fields = list(fields)

    def process(self, record: Record) -> Record:
        missing = [f for f in self.fields if record.get(f) is None]
        if missing:
            raise ValueError(f"missing {', '.join(missing)}")
        return record


class Default(Stage):
    name = "default"

    def __init__(self, defaults: Record) -> None:
        self.defaults = dict(defaults)

    def process(self, record: Record) -> Record:
        out = dict(record)
        for key, value in self.defaults.items():
            if out.get(key) in (None, ""):
                out[key] = value
        return out


class Filter(Stage):
    """Keep records for which the predicate is true."""

    name = "filter"

    def __init__(self, keep: Callable[[Record], bool]) -> None:
        self.keep = keep

    def process(self, record: Record) -> Record | None:
        return record if self.keep(record) else None


class Derive(Stage):
    """Add (or replace) a field computed from the record."""

    name = "derive"

    def __init__(self, field_name: str, compute: Callable[[Record], Any]) -> None:
        self.field_name = field_name
        self.compute = compute

    def process(self, record: Record) -> Record:
        return {**record, self.field_name: self.compute(record)}


class Dedupe(Stage):
    """Drop records whose key fields were already seen in this run."""

    name = "dedupe"

    def __init__(self, keys: Iterable[str]) -> None:
        self.keys = list(keys)
        self.seen: set[tuple] = set()

    def reset(self) -> None:
        self.seen.clear()

    def process(self, record: Record) -> Record | None:
        key = tuple(record.get(k) for k in self.keys)
        if key in self.seen:
            return None
        self.seen.add(key)
        return record


@dataclass
class RunStats:
    read: int = 0
    written: int = 0
    dropped: int = 0
    failed: int = 0
    dropped_by: dict[str, int] = field(default_factory=dict)


class Pipeline:
    def __init__(self, stages: Iterable[Stage] = (), policy: str = "raise") -> None:
        if policy not in POLICIES:
            raise ValueError(f"policy must be one of {POLICIES}")
        self.stages: list[Stage] = list(stages)
        self.policy = policy
        self.failures: list = []
        self.stats = RunStats()

    def add(self, stage: Stage) -> "Pipeline":
        self.stages.append(stage)
        return self

    def _reset(self) -> None:
        self.failures = []
        self.stats = RunStats()
        for stage in self.stages:
            if isinstance(stage, Dedupe):
                stage.reset()

    def run(self, records: Iterable[Record]) -> list[Record]:
        """Run every record through every stage; returns the records that come out."""
        self._reset()
        out = []
        for index, record in enumerate(records):
            self.stats.read += 1
            current: Record | None = record
            for stage in self.stages:
                try:
                    current = stage.process(current)
                except Exception as exc:
                    error = StageError(stage.name, index, exc)
                    if self.policy == "raise":
                        raise error from exc
                    self.stats.failed += 1
                    if self.policy == "collect":
                        self.failures.append(error)
                    current = None
                    break
                if current is None:
                    self.stats.dropped += 1
                    self.stats.dropped_by[stage.name] = self.stats.dropped_by.get(stage.name, 0) + 1
                    break
            if current is not None:
                out.append(current)
                self.stats.written += 1
        return out

    def describe(self) -> str:
        return " -> ".join(stage.name for stage in self.stages) or "(empty)"


_TYPES: dict[str, Callable[[Any], Any]] = {"int": int, "float": float, "str": str}


def from_spec(spec: list[dict[str, Any]], policy: str = "raise") -> Pipeline:
    """Build a pipeline from plain data, e.g. parsed from a JSON file.

    Supported: {"rename": {...}}, {"cast": {"field": "int"}}, {"require": [...]},
    {"default": {...}}, {"dedupe": [...]}.
    """
    pipeline = Pipeline(policy=policy)
    for position, item in enumerate(spec):
        if not isinstance(item, dict) or len(item) != 1:
            raise SpecError(f"step {position}: expected one key, got {item!r}")
        (kind, arg), = item.items()
        if kind == "rename":
            pipeline.add(Rename(arg))
        elif kind == "cast":
            try:
                pipeline.add(Cast({key: _TYPES[name] for key, name in arg.items()}))
            except KeyError as exc:
                raise SpecError(f"step {position}: unknown type {exc.args[0]!r}") from None
        elif kind == "require":
            pipeline.add(Require(arg))
        elif kind == "default":
            pipeline.add(Default(arg))
        elif kind == "dedupe":
            pipeline.add(Dedupe(arg))
        else:
            raise SpecError(f"step {position}: unknown stage {kind!r}")
    return pipeline
