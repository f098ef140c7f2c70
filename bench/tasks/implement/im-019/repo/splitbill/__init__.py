"""Share group expenses fairly and work out who pays whom."""
