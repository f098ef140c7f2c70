import test from "node:test";
import assert from "node:assert/strict";
import { Feed, mergeFeeds } from "../src/feed.js";
import { PRIORITY, compareEvents, makeEvent } from "../src/events.js";

const ev = (id, at, extra = {}) => makeEvent({ id, at, ...extra });

test("merges newest first", () => {
  const a = [ev("a3", 300), ev("a1", 100)];
  const b = [ev("b4", 400), ev("b2", 200), ev("b0", 0)];
  assert.deepEqual(
    mergeFeeds([a, b]).map((e) => e.id),
    ["b4", "a3", "b2", "a1", "b0"],
  );
});

test("same moment: higher priority, then smaller id first", () => {
  const a = [ev("m", 500, { priority: PRIORITY.low }), ev("k", 500), ev("x", 100)];
  const b = [ev("z", 500, { priority: PRIORITY.high }), ev("c", 500), ev("q", 500, { priority: PRIORITY.low })];
  a.sort(compareEvents);
  b.sort(compareEvents);
  assert.deepEqual(
    mergeFeeds([a, b]).map((e) => e.id),
    ["z", "c", "k", "m", "q", "x"],
  );
});

test("duplicates keep their first occurrence and limit applies", () => {
  const shared = ev("dup", 250, { text: "from a" });
  const a = [ev("a1", 300), shared, ev("a0", 10)];
  const b = [ev("dup", 250, { text: "from b", priority: PRIORITY.low }), ev("b1", 200)];
  const merged = mergeFeeds([a, b]);
  assert.deepEqual(
    merged.map((e) => e.id),
    ["a1", "dup", "b1", "a0"],
  );
  assert.equal(merged[1].text, "from a");
  assert.deepEqual(
    mergeFeeds([a, b], 2).map((e) => e.id),
    ["a1", "dup"],
  );
  assert.deepEqual(mergeFeeds([a, b], 0), []);
});

test("empty feeds and inputs left alone", () => {
  const a = [ev("a", 2), ev("b", 1)];
  const copy = [...a];
  assert.deepEqual(mergeFeeds([]), []);
  assert.deepEqual(mergeFeeds([[], a, []]).map((e) => e.id), ["a", "b"]);
  assert.deepEqual(a, copy);
});

test("many feeds", () => {
  const feeds = [];
  for (let f = 0; f < 7; f++) {
    const events = [];
    for (let i = 0; i < 30; i++) events.push(ev(`f${f}-${i}`, (i * 7 + f * 3) % 50));
    feeds.push(events.sort(compareEvents));
  }
  const expected = feeds.flat().sort(compareEvents);
  assert.deepEqual(mergeFeeds(feeds), expected);
  assert.deepEqual(mergeFeeds(feeds, 25), expected.slice(0, 25));
});

test("Feed uses the merge", () => {
  const feed = new Feed({
    builds: [ev("b1", 1000, { kind: "build", hideAfter: 1500 }), ev("b2", 3000, { kind: "build" })],
    comments: [ev("c1", 2000, { kind: "comment" })],
  });
  assert.deepEqual(
    feed.page(1400).map((e) => e.id),
    ["b2", "c1", "b1"],
  );
  assert.deepEqual(
    feed.page(1600).map((e) => e.id),
    ["b2", "c1"],
  );
  assert.deepEqual(feed.countsByKind(), { build: 2, comment: 1 });
});
