"""Per-sensor calibration and a simple on/off heating controller."""

from __future__ import annotations

from dataclasses import dataclass, field

from .readings import Reading


def calibrate(readings: list[Reading], offset: float) -> list[Reading]:
    """The readings shifted by `offset` degrees (to correct a sensor that reads low or high)."""
    for reading in readings:
        reading.celsius = round(reading.celsius + offset, 2)
    return readings


@dataclass
class Thermostat:
    target: float = 20.0
    hysteresis: float = 0.5
    offsets: dict[str, float] = field(default_factory=dict)
    heating: bool = False
    last: dict[str, Reading] = field(default_factory=dict)

    def observe(self, reading: Reading) -> Reading:
        """Apply the sensor's offset, remember the reading and return it."""
        offset = self.offsets.get(reading.sensor_id, 0.0)
        if offset:
            reading.celsius = round(reading.celsius + offset, 2)
        self.last[reading.sensor_id] = reading
        return reading

    def room_temperature(self) -> float | None:
        """The mean of the latest reading of every sensor."""
        if not self.last:
            return None
        return round(sum(r.celsius for r in self.last.values()) / len(self.last), 2)

    def update(self) -> bool:
        """Switch heating on below target - hysteresis, off above target + hysteresis."""
        temperature = self.room_temperature()
        if temperature is None:
            return self.heating
        if temperature < self.target - self.hysteresis:
            self.heating = True
        elif temperature > self.target + self.hysteresis:
            self.heating = False
        return self.heating
