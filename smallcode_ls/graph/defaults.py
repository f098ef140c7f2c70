"""Defaults shared by the settings model and the graph, kept free of heavy imports."""

DEFAULT_EXCLUDE = (
    "**/node_modules/**",
    "**/.git/**",
    "**/__pycache__/**",
    "**/.venv/**",
    "**/venv/**",
    "**/dist/**",
    "**/build/**",
    "**/.smallcode/**",
)
