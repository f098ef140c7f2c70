"""Temperature sensors: readings, logs and a simple thermostat."""
