"""A static blog generator: posts, slugs and the index page."""
