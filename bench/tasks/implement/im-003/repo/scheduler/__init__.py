"""Meeting-room calendar: bookings within working hours."""
