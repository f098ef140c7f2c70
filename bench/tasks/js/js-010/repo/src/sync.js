/** Push local changes to the server in batches. */

import { retry } from "./retry.js";

export const BATCH_SIZE = 50;

export function batches(items, size = BATCH_SIZE) {
  const out = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Send one batch of changed notes; retried like any other request. */
export async function uploadBatch(client, notes) {
  return retry(() => client.request("POST", "notes/batch", { notes }), {
    attempts: client.attempts,
    sleep: client.sleep,
  });
}

/**
 * Upload every changed note. Returns { sent, failed } where failed lists the
 * ids of the notes in batches that could not be sent.
 */
export async function pushAll(client, notes) {
  const changed = notes.filter((n) => n.dirty);
  let sent = 0;
  const failed = [];
  for (const batch of batches(changed)) {
    try {
      await uploadBatch(client, batch);
      sent += batch.length;
    } catch {
      failed.push(...batch.map((n) => n.id));
    }
  }
  return { sent, failed };
}
