"""A small web-shop backend: orders, shipping and receipts."""
