/**
 * Activity events: { id, at (ms since epoch), source, kind, priority, text, hideAfter? }.
 *
 * Feeds are always shown in `compareEvents` order: newest first; for events
 * at the same moment the higher priority first; then by id (ascending) so
 * the order is total and stable across sources.
 */

export const PRIORITY = { low: 0, normal: 1, high: 2 };

export function compareEvents(a, b) {
  if (a.at !== b.at) return b.at - a.at;
  const pa = a.priority ?? PRIORITY.normal;
  const pb = b.priority ?? PRIORITY.normal;
  if (pa !== pb) return pb - pa;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** An event stops showing once `hideAfter` (ms since epoch) has passed. */
export function isVisible(event, now) {
  return event.hideAfter === undefined || now < event.hideAfter;
}

export function makeEvent(fields) {
  if (!fields.id) throw new Error("an event needs an id");
  if (!Number.isFinite(fields.at)) throw new Error(`event ${fields.id} needs a numeric 'at'`);
  return { priority: PRIORITY.normal, source: "app", kind: "note", text: "", ...fields };
}
