"""A tiny transit network: stations, links and routes between them."""
