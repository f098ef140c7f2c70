import test from "node:test";
import assert from "node:assert/strict";
import * as links from "../src/links.js";
import * as index from "../src/index.js";
import { checkLinks } from "../src/checker.js";
import { formatStats, linkStats } from "../src/report.js";

const DOC = [
  "# Guide",
  "",
  "Read [setup](setup.md#install), see ![logo](img/logo.png) and [the API][api].",
  "Mail <mailto:team@example.org> or [chat][].",
  "Old [ftp](ftp://files.example.org) link and [nothing]().",
  "",
  "[api]: https://example.org/api \"API\"",
  "[chat]: https://chat.example.org",
].join("\n");

test("findLinks replaces extractLinks", () => {
  assert.equal(typeof links.findLinks, "function");
  assert.equal(links.extractLinks, undefined);
  assert.equal(index.findLinks, links.findLinks);
  assert.equal(index.extractLinks, undefined);
  const found = links.findLinks(DOC);
  assert.deepEqual(
    found.map((l) => [l.kind, l.url, l.line]),
    [
      ["inline", "setup.md#install", 3],
      ["inline", "img/logo.png", 3],
      ["reference", "https://example.org/api", 3],
      ["autolink", "mailto:team@example.org", 4],
      ["reference", "https://chat.example.org", 4],
      ["inline", "ftp://files.example.org", 5],
      ["inline", "", 5],
    ],
  );
});

test("checker still works", () => {
  const problems = checkLinks(DOC, { exists: (path) => path === "setup.md" });
  assert.deepEqual(
    problems.map((p) => [p.line, p.problem]),
    [
      [3, "missing file img/logo.png"],
      [5, "scheme ftp not allowed"],
      [5, "empty link target"],
    ],
  );
  assert.deepEqual(
    checkLinks("[x][nope]").map((p) => p.problem),
    ['undefined reference "x"'],
  );
});

test("report still works", () => {
  const stats = linkStats(DOC);
  assert.deepEqual(stats, { links: 7, images: 1, external: 2, uniqueUrls: 7 });
  assert.equal(formatStats("guide.md", stats), "guide.md: 7 links (1 images, 2 external, 7 unique targets)");
});
