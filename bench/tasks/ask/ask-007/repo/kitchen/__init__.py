"""Kitchen timers: several named countdowns running at once."""
