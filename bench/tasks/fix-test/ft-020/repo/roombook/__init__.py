"""Meeting-room booking for an office: rooms, bookings, free slots, weekly series."""
