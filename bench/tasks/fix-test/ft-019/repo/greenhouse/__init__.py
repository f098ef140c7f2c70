"""Temperature monitoring for a row of greenhouses with sensors from different vendors."""
