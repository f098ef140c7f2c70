"""The pytest plugin smallcode-ls loads into the user's own test run; its directory goes on
PYTHONPATH alone, so nothing else of smallcode-ls can shadow the user's modules."""
