"""The example call of an implemented stub: which scripts may run, and which crashes count."""

from __future__ import annotations

from smallcode_ls.agent.examples import crash_in, example_script, screened

WORKSPACE = {"calc", "calc.stats"}


def test_only_workspace_and_harmless_standard_modules_pass_the_screen() -> None:
    assert screened("from calc.stats import Series\nimport datetime\nprint(Series([1]).spread())", WORKSPACE)
    assert not screened("import os\nos.remove('x')", WORKSPACE)
    assert not screened("import subprocess", WORKSPACE)
    assert not screened("from . import stats", WORKSPACE)
    assert not screened("print(open('secrets').read())", WORKSPACE)
    assert not screened("from calc.stats import Series\nSeries.__init__.__globals__['os']", WORKSPACE)
    assert not screened("import calc\ncalc.stats.os.system('ls')", WORKSPACE)
    assert not screened("def broken(:\n", WORKSPACE)


def test_the_script_is_the_block_that_calls_the_stub() -> None:
    script = "from calc.stats import Series\nprint(Series([2]).spread())\n"
    reply = f"Sure:\n```python\nprint(1)\n```\nand\n```python\n{script}```"
    assert example_script(reply, "Series", WORKSPACE) == script
    assert example_script("```python\nimport os\nSeries()\n```", "Series", WORKSPACE) is None
    assert example_script("no code here", "Series", WORKSPACE) is None
    # Comments and blank lines do not count towards the length limit; code lines do.
    commented = "from calc.stats import Series\n" + "\n# a comment\n" * 40 + "print(Series([2]).spread())\n"
    assert example_script(f"```python\n{commented}```", "Series", WORKSPACE) == commented
    long = "from calc.stats import Series\n" + "x = 1\n" * 40 + "print(Series([2]).spread())\n"
    assert example_script(f"```python\n{long}```", "Series", WORKSPACE) is None


CANDIDATE = "class Series:\n    def spread(self):\n        return max(self.items) - min(self.items)\n"
TRACEBACK = """Traceback (most recent call last):
  File "/ws/_smallcode_example.py", line 2, in <module>
    print(Series([1, 5]).spread())
  File "/ws/calc/stats.py", line 3, in spread
    return max(self.items) - min(self.items)
AttributeError: 'Series' object has no attribute 'items'
"""


def test_a_crash_counts_only_when_it_passes_through_the_new_function() -> None:
    crash = crash_in(TRACEBACK, "/ws/calc/stats.py", "spread", CANDIDATE)
    assert crash is not None and crash.error == "AttributeError" and crash.line == 3
    assert crash.describe() == (
        "line 3 `return max(self.items) - min(self.items)` raised "
        "AttributeError: 'Series' object has no attribute 'items'"
    )
    # The script's own mistake (a wrong constructor call) is not the function's.
    own = (
        'Traceback (most recent call last):\n  File "/ws/_smallcode_example.py", line 2, in <module>\nTypeError: bad\n'
    )
    assert crash_in(own, "/ws/calc/stats.py", "spread", CANDIDATE) is None
    assert crash_in("all fine\n", "/ws/calc/stats.py", "spread", CANDIDATE) is None
