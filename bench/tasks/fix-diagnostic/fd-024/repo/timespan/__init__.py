"""timespan: human-friendly durations for the CLI's --timeout style options."""
