"""Route planning over a small transit network: stops, links, travel times."""
