"""Invoices for a small online shop: lines, tax by region and category, totals."""
