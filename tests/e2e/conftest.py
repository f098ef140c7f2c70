"""tests/e2e shares the loopback model fake with tests/: make `fakes` importable when run on its own."""

import sys
from pathlib import Path

TESTS = str(Path(__file__).resolve().parents[1])
if TESTS not in sys.path:
    sys.path.insert(0, TESTS)
