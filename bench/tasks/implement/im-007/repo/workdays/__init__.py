"""Business-day arithmetic for invoices and delivery promises."""
