import test from "node:test";
import assert from "node:assert/strict";
import { findLinks } from "../src/links.js";

test("inline and reference links", () => {
  const links = findLinks("See [docs](guide.md) and [home][].\n\n[home]: https://example.org\n");
  assert.deepEqual(
    links.map((l) => [l.kind, l.url, l.line, l.column]),
    [
      ["inline", "guide.md", 1, 5],
      ["reference", "https://example.org", 1, 26],
    ],
  );
});

test("code is skipped", () => {
  assert.deepEqual(findLinks("`[x](y)`\n```\n[a](b)\n```\n"), []);
});
