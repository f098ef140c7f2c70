"""Room booking by the day, in whole minutes."""
