"""Settings used when neither the file nor the environment gives a value."""

DEFAULTS: dict[str, dict[str, str]] = {
    "general": {"name": "app", "debug": "false"},
    "server": {"host": "127.0.0.1", "port": "8080", "workers": "2"},
    "log": {"level": "info", "targets": "stderr"},
}

ENV_PREFIX = "APP_"
