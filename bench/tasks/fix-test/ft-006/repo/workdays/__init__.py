"""Business-day arithmetic for payroll and settlement dates."""
