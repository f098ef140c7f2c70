"""Human-friendly numbers, durations and progress output."""
