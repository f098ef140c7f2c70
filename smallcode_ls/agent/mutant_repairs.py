"""The harness's own repairs of a wrong result, tried before the model is asked.

Each repair is a handful of mutants of the suspect unit (or of its file), and the tests decide:
swapped arguments, boundary flips, a name, arithmetic token or sequence end changed, shared
mutable data undone. A mutant is kept only when the failing tests then pass, so a repair never
needs the model and never costs a token; the engine tries these first wherever tests judge.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Awaitable, Callable

from .aliasing import deep_copy_mutants, without_mutable_defaults
from .families import NameFamilies
from .mutations import boundary_mutants, end_mutants
from .name_mutations import (
    arithmetic_mutants,
    callee_mutants,
    derived_value_mutants,
    sibling_mutants,
    transplant_mutants,
)
from .replies import add_imports
from .swapped_args import swapped_candidates
from .units import CodeUnit, find_symbol, replace_unit, spec_for, symbols_of, unit_for_symbol

ARITHMETIC_MUTANTS = 8  # per suspect, each a test run

# (path, candidate file text, file text before, edits so far, tests to run, trace event, unit label):
# whether the tests pass with the candidate.
Passes = Callable[[str, str, str, dict[str, str], list[str], str, str], Awaitable[bool]]
Repair = Callable[[str, str, CodeUnit, dict[str, str], list[str] | None], Awaitable[str | None]]


class MutantRepairs:
    def __init__(self, families: NameFamilies, passes: Passes, accepted: Callable[[str], None]) -> None:
        self.families = families
        self.passes = passes
        self.accepted = accepted  # what the outcome says of a repair that stood

    @property
    def in_order(self) -> tuple[Repair, ...]:
        """Cheapest and most specific first; the whole-file repairs of shared data last."""
        return (self.swap_arguments, self.flip_boundaries, self.mutate_names_and_arithmetic, self.undo_aliasing)

    async def swap_arguments(
        self, path: str, text: str, unit: CodeUnit, texts: dict[str, str], tests: list[str] | None = None
    ) -> str | None:
        """The file with one call in `unit` given its arguments in the order their names say
        (`rate_for(line.category, self.region)` for `rate_for(region, category)`), when the tests
        then pass; no model call."""
        variants = swapped_candidates(unit.text, self.families.positional_parameters)
        summary = "arguments put in the order of their names by the harness"
        return await self._first_passing(path, text, unit, variants, texts, tests, "harness_swap", summary)

    async def flip_boundaries(
        self, path: str, text: str, unit: CodeUnit, texts: dict[str, str], tests: list[str] | None = None
    ) -> str | None:
        """The file with one comparison in `unit` moved across its boundary (`<` to `<=`), when the
        tests then pass; no model call. `tests`: linked tests to run besides the test command."""
        spec = spec_for(path)
        if spec is None:
            return None
        variants = boundary_mutants(unit.text, spec.name)
        summary = "a comparison's boundary moved by the harness"
        return await self._first_passing(path, text, unit, variants, texts, tests, "harness_boundary", summary)

    async def mutate_names_and_arithmetic(
        self, path: str, text: str, unit: CodeUnit, texts: dict[str, str], tests: list[str] | None = None
    ) -> str | None:
        """The file with one arithmetic slip in `unit` undone (`number - 1`, a unary minus, `a - b`
        for `b - a`), one raw value replaced by the variable computed from it (`minutes` after
        `total = best[stop] + minutes`), one call given the function another call in the unit
        makes (`display_width(piece)` for `len(piece)`), one name swapped for a sibling
        (`cal.is_holiday` for `cal.is_day_off`), one call a sibling method makes added
        (`self._data.move_to_end(key)`), or one sequence read from its other end (`lots[0]` for
        `lots[lots.length - 1]`), when the tests then pass; no model call."""
        spec = spec_for(path)
        if spec is None:
            return None
        variants = arithmetic_mutants(unit.text)[:ARITHMETIC_MUTANTS] if spec.name == "python" else []
        variants += derived_value_mutants(unit.text) if spec.name == "python" else []
        variants += callee_mutants(unit.text) if spec.name == "python" else []
        variants += sibling_mutants(unit.text, spec.name, functools.partial(self.families.siblings, path))
        parent = unit.symbol.parent if unit.kind == "method" and unit.symbol is not None else ""
        cls = find_symbol(path, text, parent) if parent and spec.name == "python" else None
        if cls is not None:
            variants += transplant_mutants(unit.text, unit_for_symbol(path, text, cls).text)
        variants += end_mutants(unit.text, spec.name)
        summary = (
            "one name, arithmetic token, callee, end of a sequence or statement from a sibling method"
            " changed by the harness"
        )
        return await self._first_passing(path, text, unit, variants, texts, tests, "harness_mutant", summary)

    async def undo_aliasing(
        self, path: str, text: str, unit: CodeUnit, texts: dict[str, str], tests: list[str] | None = None
    ) -> str | None:
        """The file with one shallow copy in `unit` made deep (`dict(defaults)`), or one function of
        the file given fresh defaults instead of mutable ones (`history: list = []`), when the tests
        then pass; no model call. A mutable default is not where a failing test points: every
        test runs the constructor that has it, so the whole file is looked at."""
        if not path.endswith(".py"):
            return None
        candidates = []
        for changed in deep_copy_mutants(unit.text):
            candidate = replace_unit(text, unit, changed)
            if not re.search(r"^import copy\b", candidate, re.M):
                candidate = add_imports(candidate, ["import copy"])
            candidates.append(candidate)
        for sym in symbols_of(path, text):
            if sym.kind in ("function", "method"):
                each = unit_for_symbol(path, text, sym)
                fresh = without_mutable_defaults(each.text)
                if fresh is not None:
                    candidates.append(replace_unit(text, each, fresh))
        summary = "shared mutable data (a mutable default or a shallow copy) undone by the harness in this file"
        return await self._first_passing_file(path, text, unit, candidates, texts, tests, "harness_aliasing", summary)

    async def _first_passing(
        self,
        path: str,
        text: str,
        unit: CodeUnit,
        variants: list[str],
        texts: dict[str, str],
        tests: list[str] | None,
        event: str,
        summary: str,
    ) -> str | None:
        """The file with the first variant of `unit` the tests accept, each run under the repair
        time limit; None when none passes."""
        candidates = [replace_unit(text, unit, changed) for changed in variants]
        return await self._first_passing_file(path, text, unit, candidates, texts, tests, event, summary)

    async def _first_passing_file(
        self,
        path: str,
        text: str,
        unit: CodeUnit,
        candidates: list[str],
        texts: dict[str, str],
        tests: list[str] | None,
        event: str,
        summary: str,
    ) -> str | None:
        for candidate in candidates:
            if await self.passes(path, candidate, text, texts, tests or [], event, unit.label):
                self.accepted(f"{unit.label}: {summary}")
                return candidate
        return None
