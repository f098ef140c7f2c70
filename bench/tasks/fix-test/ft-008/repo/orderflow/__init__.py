"""The life of a web-shop order: placed, paid, shipped, delivered, or cancelled and refunded."""
