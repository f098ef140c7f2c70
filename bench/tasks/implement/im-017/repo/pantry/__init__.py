"""Stock of perishable goods for a food bank, tracked by batch."""
