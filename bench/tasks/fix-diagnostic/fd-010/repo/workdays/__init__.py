"""workdays: business-day arithmetic for invoice due dates."""
