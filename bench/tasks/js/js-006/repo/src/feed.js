/**
 * A user's feed: events from several sources (comments, builds, billing...),
 * each source already sorted, shown as one list.
 */

import { compareEvents, isVisible } from "./events.js";
import { Heap } from "./heap.js";

/**
 * Merge several feeds, each already in `compareEvents` order, into one list in
 * `compareEvents` order. An id that appears more than once is kept only the
 * first time it comes up in the merged order. At most `limit` events are returned.
 * The input arrays must not be modified.
 */
export function mergeFeeds(feeds, limit = Infinity) {
  throw new Error("not implemented");
}

/** Events visible at `now`, in feed order. */
export function visibleEvents(events, now) {
  return events.filter((event) => isVisible(event, now));
}

/** Group a merged feed by calendar day (UTC), keeping the feed order inside each day. */
export function groupByDay(events) {
  const groups = new Map();
  for (const event of events) {
    const day = new Date(event.at).toISOString().slice(0, 10);
    if (!groups.has(day)) groups.set(day, []);
    groups.get(day).push(event);
  }
  return groups;
}

export class Feed {
  constructor(sources = {}) {
    /** source name -> events in compareEvents order */
    this.sources = new Map(Object.entries(sources).map(([name, events]) => [name, [...events].sort(compareEvents)]));
  }

  addSource(name, events) {
    this.sources.set(name, [...events].sort(compareEvents));
  }

  /** The first page of the merged, visible feed. */
  page(now, size = 20) {
    const merged = mergeFeeds([...this.sources.values()]);
    return visibleEvents(merged, now).slice(0, size);
  }

  /** How many events of each kind the merged feed holds. */
  countsByKind() {
    const counts = {};
    for (const event of mergeFeeds([...this.sources.values()])) {
      counts[event.kind] = (counts[event.kind] ?? 0) + 1;
    }
    return counts;
  }
}
