"""textkit: plain-text helpers for terminal output."""
