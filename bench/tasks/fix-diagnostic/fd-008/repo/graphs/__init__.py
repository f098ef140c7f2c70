"""graphs: weighted graphs for the delivery-route planner."""
