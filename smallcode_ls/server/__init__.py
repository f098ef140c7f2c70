"""The language-server adapter: pygls over the smallcode engine.

Run it with ``smallcode-ls`` (stdio) or ``smallcode-ls --tcp HOST:PORT``.
"""
