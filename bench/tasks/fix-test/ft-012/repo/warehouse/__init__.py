"""Stock keeping for a small warehouse: items, movements, reordering."""
