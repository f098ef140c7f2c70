"""Built-in settings, used for anything the settings file does not set."""

DEFAULTS = {
    "server": {"host": "127.0.0.1", "port": 8080, "workers": 2, "debug": False},
    "database": {"url": "sqlite:///reports.db", "pool_size": 5, "timeout": 30.0},
    "reports": {"formats": ["csv", "pdf"], "timezone": "UTC", "keep_days": 90},
}
