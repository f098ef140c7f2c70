"""Configuration for the report server: built-in defaults, a settings file, environment overrides."""
