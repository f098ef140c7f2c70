"""Memoizing cache for slow lookups (exchange rates, user profiles)."""
