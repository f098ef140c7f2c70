"""Background jobs for the print shop: a priority queue and the job records it holds."""
