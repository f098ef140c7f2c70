"""metrics: in-process latency histograms for the API server."""
