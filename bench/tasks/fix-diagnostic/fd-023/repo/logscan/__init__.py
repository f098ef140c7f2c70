"""logscan: quick answers from application log files."""
