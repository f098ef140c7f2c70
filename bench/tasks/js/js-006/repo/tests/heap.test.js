import test from "node:test";
import assert from "node:assert/strict";
import { Heap } from "../src/heap.js";

test("heap pops in comparator order", () => {
  const heap = new Heap();
  for (const n of [5, 1, 4, 2, 3]) heap.push(n);
  const out = [];
  while (heap.size) out.push(heap.pop());
  assert.deepEqual(out, [1, 2, 3, 4, 5]);
});
