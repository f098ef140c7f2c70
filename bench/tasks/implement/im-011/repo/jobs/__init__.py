"""An in-process job queue with priorities and a simple worker."""
