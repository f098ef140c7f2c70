"""configlite: INI-style configuration files with typed values."""

from .loader import Config, parse_config

__all__ = ["Config", "parse_config"]
