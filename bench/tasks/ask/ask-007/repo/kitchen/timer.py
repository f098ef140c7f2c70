"""Named countdown timers, ticked by the main loop."""

from __future__ import annotations

from dataclasses import dataclass, field

from .timeparse import format_clock, parse_duration


@dataclass
class Timer:
    name: str
    total: int  # seconds
    remaining: int = -1
    paused: bool = False

    def __post_init__(self) -> None:
        if self.remaining < 0:
            self.remaining = self.total

    @classmethod
    def from_spec(cls, spec: str) -> Timer:
        """'pasta=9m' or 'eggs = 6:30' -> a Timer (the name defaults to 'timer')."""
        name, sep, duration = spec.partition("=")
        if not sep:
            name, duration = "timer", spec
        return cls(name.strip() or "timer", parse_duration(duration))

    def tick(self, seconds: int = 1) -> bool:
        """Advance time; True when the timer has just run out."""
        if self.paused or self.remaining == 0:
            return False
        self.remaining = max(0, self.remaining - seconds)
        return self.remaining == 0

    def display(self) -> str:
        state = " (paused)" if self.paused else ""
        return f"{self.name}: {format_clock(self.remaining)}{state}"


@dataclass
class Kitchen:
    timers: dict[str, Timer] = field(default_factory=dict)
    rung: list[str] = field(default_factory=list)

    def start(self, spec: str) -> Timer:
        timer = Timer.from_spec(spec)
        self.timers[timer.name] = timer
        return timer

    def tick(self, seconds: int = 1) -> list[str]:
        """Advance every timer; returns the names of those that ran out."""
        done = [name for name, t in self.timers.items() if t.tick(seconds)]
        self.rung.extend(done)
        return done

    def board(self) -> list[str]:
        return [t.display() for t in sorted(self.timers.values(), key=lambda t: t.remaining)]
