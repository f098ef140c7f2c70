"""A minimal build tool: targets, dependencies, and the order to build them in."""
