import test from "node:test";
import assert from "node:assert/strict";
import { backoffDelay, retry } from "../src/retry.js";

test("backoff doubles", () => {
  assert.deepEqual([2, 3, 4].map((a) => backoffDelay(a, 100)), [100, 200, 400]);
});

test("retries until success", async () => {
  const waits = [];
  let calls = 0;
  const result = await retry(
    async () => {
      calls += 1;
      if (calls < 3) throw new Error("flaky");
      return "ok";
    },
    { sleep: async (ms) => waits.push(ms), delayMs: 10 },
  );
  assert.equal(result, "ok");
  assert.deepEqual(waits, [10, 20]);
});
