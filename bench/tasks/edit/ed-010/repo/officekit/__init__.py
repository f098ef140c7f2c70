"""Back-office helpers: invoices, payroll dates."""
