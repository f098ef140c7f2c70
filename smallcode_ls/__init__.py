"""smallcode-ls: a language server and coding agent for small local models."""

__version__ = "0.1.0"
