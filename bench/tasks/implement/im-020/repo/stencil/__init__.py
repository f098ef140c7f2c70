"""stencil: a small text template engine for e-mails and reports."""
