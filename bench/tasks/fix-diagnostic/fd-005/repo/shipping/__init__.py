"""shipping: parcel price quotes for a small web shop."""
