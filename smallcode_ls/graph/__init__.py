"""The code graph: symbols and their relations, kept current from editor changes.

No editor or protocol code lives here; the server and the CLI both drive it.
"""

from .documents import Documents, TextChange
from .indexer import IndexOptions, IndexStats, index_file, index_workspace
from .model import CallSite, FileIndex, Symbol
from .retrieval import Context, relevant
from .store import CodeGraph

__all__ = [
    "CallSite",
    "CodeGraph",
    "Context",
    "Documents",
    "FileIndex",
    "IndexOptions",
    "IndexStats",
    "Symbol",
    "TextChange",
    "index_file",
    "index_workspace",
    "relevant",
]
