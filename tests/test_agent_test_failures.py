"""The first failure of a test run, as the model is shown it."""

from __future__ import annotations

from smallcode_ls.agent.test_failures import failure_excerpt

TEST_FILE = """import { test } from "node:test";
import assert from "node:assert/strict";

test("receiving adds to stock", () => {
  assert.equal(1, 1);
});

test("consume takes the oldest lots first", () => {
  const ledger = new StockLedger();
  ledger.receive("tea", 4, 500);
  ledger.receive("tea", 4, 800);
  assert.equal(ledger.consume("tea", 5), 2800);
});
"""

TAP = """TAP version 13
# Subtest: receiving adds to stock
ok 1 - receiving adds to stock
  ---
  duration_ms: 7.609034
  ...
# Subtest: consume takes the oldest lots first
not ok 2 - consume takes the oldest lots first
  ---
  duration_ms: 2.03131
  location: '/tmp/box/repo/tests/ledger.test.js:8:1'
  failureType: 'testCodeFailure'
  error: |-
    Expected values to be strictly equal:

    4000 !== 2800

  code: 'ERR_ASSERTION'
  expected: 2800
  actual: 4000
  operator: 'strictEqual'
  stack: |-
    TestContext.<anonymous> (file:///tmp/box/repo/tests/ledger.test.js:12:10)
    Test.runInAsyncScope (node:async_hooks:206:9)
    Test.run (node:internal/test_runner/test:796:25)
  ...
# Subtest: cannot take more than is in stock
ok 3 - cannot take more than is in stock
  ---
  duration_ms: 0.814428
  ...
1..3
# tests 3
# pass 2
# fail 1
"""


def read(path: str) -> tuple[str, str] | None:
    return ("tests/ledger.test.js", TEST_FILE) if path == "/tmp/box/repo/tests/ledger.test.js" else None


def test_a_node_failure_gives_its_name_values_and_the_test_itself() -> None:
    excerpt = failure_excerpt(TAP, read)
    assert excerpt.startswith("not ok 2 - consume takes the oldest lots first\n")
    assert "4000 !== 2800" in excerpt and "  expected: 2800\n  actual: 4000" in excerpt
    assert "node:internal" not in excerpt and "ok 3" not in excerpt
    assert excerpt.endswith(
        "The failing test (tests/ledger.test.js:8-12):\n"
        'test("consume takes the oldest lots first", () => {\n'
        "  const ledger = new StockLedger();\n"
        '  ledger.receive("tea", 4, 500);\n'
        '  ledger.receive("tea", 4, 800);\n'
        '  assert.equal(ledger.consume("tea", 5), 2800);'
    )


def test_a_suite_block_gives_way_to_the_failing_test_inside_it() -> None:
    suite = "# Subtest: ledger\n    not ok 1 - inner\n      ---\n      expected: 2\n      actual: 1\n      ...\n"
    nested = suite + "not ok 1 - ledger\n  ---\n  failureType: 'subtestsFailed'\n  error: '1 subtest failed'\n  ...\n"
    assert failure_excerpt(nested, read).startswith("    not ok 1 - inner\n")


def test_other_output_is_its_tail() -> None:
    pytest_output = "\n".join(f"line {i}" for i in range(40)) + "\nFAILED tests/test_x.py::test_y - assert 1 == 2"
    excerpt = failure_excerpt(pytest_output, read, lines=3)
    assert excerpt == "line 38\nline 39\nFAILED tests/test_x.py::test_y - assert 1 == 2"
    unreadable = TAP.replace("/tmp/box/repo/tests", "/elsewhere")
    assert "The failing test" not in failure_excerpt(unreadable, read)
