import test from "node:test";
import assert from "node:assert/strict";
import { displayWidth, pad } from "../src/width.js";

test("wide characters count twice", () => {
  assert.equal(displayWidth("abc"), 3);
  assert.equal(displayWidth("日本"), 4);
});

test("pad aligns", () => {
  assert.equal(pad("ab", 4, "right"), "  ab");
  assert.equal(pad("ab", 5, "center"), " ab  ");
});
