"""netplan: IPv4 address planning for the office networks."""
