"""weather: summaries of readings from home weather stations."""
