"""smallcode-ls: a language server and coding agent for small local models."""
