"""Planning a build: tasks with dependencies, put in an order that can run."""
