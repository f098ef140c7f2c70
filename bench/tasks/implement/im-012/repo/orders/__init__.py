"""Order life cycle: states, events, and the history of each order."""
