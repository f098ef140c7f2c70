"""Application settings from .env files and the environment."""
