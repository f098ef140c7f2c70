"""blog: the posts of a static site generator."""
