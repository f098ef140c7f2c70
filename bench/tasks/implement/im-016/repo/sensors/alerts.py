"""Raise an alert when the smoothed temperature crosses a limit."""

from __future__ import annotations

from dataclasses import dataclass, field

from .window import RollingWindow


@dataclass
class OverheatMonitor:
    limit: float
    window: int = 5
    alerts: list[int] = field(default_factory=list)  # reading numbers where an alert started
    _win: RollingWindow = field(init=False)
    _count: int = 0
    _hot: bool = False

    def __post_init__(self) -> None:
        self._win = RollingWindow(self.window)

    def feed(self, reading: float) -> bool:
        """Add a reading; True when this reading starts a new alert."""
        self._count += 1
        mean = self._win.push(reading)
        hot = mean is not None and mean > self.limit
        started = hot and not self._hot
        self._hot = hot
        if started:
            self.alerts.append(self._count)
        return started
