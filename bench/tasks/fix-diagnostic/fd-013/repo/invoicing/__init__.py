"""invoicing: invoices for a small design studio."""
