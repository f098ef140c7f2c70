"""eventbus: synchronous publish/subscribe inside one process."""
