import test from "node:test";
import assert from "node:assert/strict";
import { retry } from "../src/retry.js";
import { HttpError } from "../src/errors.js";
import { NotesClient } from "../src/client.js";
import { pushAll, uploadBatch } from "../src/sync.js";

const noSleep = async () => {};

test("shouldRetry false stops at once", async () => {
  let calls = 0;
  const waits = [];
  const seen = [];
  const fatal = new Error("fatal");
  await assert.rejects(
    retry(
      async () => {
        calls += 1;
        throw fatal;
      },
      {
        attempts: 5,
        sleep: async (ms) => waits.push(ms),
        shouldRetry: (error) => {
          seen.push(error);
          return false;
        },
      },
    ),
    (error) => error === fatal,
  );
  assert.equal(calls, 1);
  assert.deepEqual(waits, []);
  assert.deepEqual(seen, [fatal]);
});

test("shouldRetry decides per error", async () => {
  let calls = 0;
  await assert.rejects(
    retry(
      async () => {
        calls += 1;
        throw new Error(calls < 2 ? "transient" : "permanent");
      },
      { attempts: 5, sleep: noSleep, shouldRetry: (e) => e.message === "transient" },
    ),
    /permanent/,
  );
  assert.equal(calls, 2);
});

test("default still retries every error", async () => {
  let calls = 0;
  await assert.rejects(
    retry(
      async () => {
        calls += 1;
        throw new Error("x");
      },
      { attempts: 4, sleep: noSleep },
    ),
    /x/,
  );
  assert.equal(calls, 4);
});

function scripted(statuses) {
  const calls = [];
  const transport = async (method, url, body) => {
    calls.push([method, url]);
    const status = statuses.length > 1 ? statuses.shift() : statuses[0];
    return { status, body: status < 400 ? { ok: true, body } : "error" };
  };
  return { transport, calls };
}

test("client does not retry 404 but retries 503", async () => {
  const missing = scripted([404]);
  const client = new NotesClient(missing.transport, { sleep: noSleep });
  await assert.rejects(client.getNote("n1"), (e) => e instanceof HttpError && e.status === 404);
  assert.equal(missing.calls.length, 1);
  assert.equal(client.retries, 0);

  const flaky = scripted([503, 429, 200]);
  const other = new NotesClient(flaky.transport, { sleep: noSleep });
  assert.deepEqual(await other.listNotes(), { ok: true, body: undefined });
  assert.equal(flaky.calls.length, 3);
  assert.equal(other.retries, 2);
});

test("uploads stop on client errors and retry server errors", async () => {
  const rejected = scripted([422]);
  const client = new NotesClient(rejected.transport, { sleep: noSleep, attempts: 3 });
  await assert.rejects(uploadBatch(client, [{ id: "a" }]), (e) => e.status === 422);
  assert.equal(rejected.calls.length, 1);

  const down = scripted([500]);
  const second = new NotesClient(down.transport, { sleep: noSleep, attempts: 3 });
  const notes = [
    { id: "a", dirty: true },
    { id: "b", dirty: false },
  ];
  assert.deepEqual(await pushAll(second, notes), { sent: 0, failed: ["a"] });
  assert.equal(down.calls.length, 3);
});
