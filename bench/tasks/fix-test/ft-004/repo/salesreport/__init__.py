"""Daily sales exports from the shop tills, summarised into reports."""
