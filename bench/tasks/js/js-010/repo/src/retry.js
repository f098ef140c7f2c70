/**
 * Run an async task again when it fails, waiting longer after each failure.
 */

export const defaultSleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Delay before attempt number `attempt` (2, 3, ...): delayMs, 2*delayMs, 4*delayMs..., capped at maxDelayMs. */
export function backoffDelay(attempt, delayMs, maxDelayMs = 30_000) {
  return Math.min(maxDelayMs, delayMs * 2 ** (attempt - 2));
}

/**
 * Call `task(attempt)` until it resolves, at most `attempts` times in all.
 * Options:
 *   attempts    total tries (default 3)
 *   delayMs     wait before the second try, doubled for each later one (default 200)
 *   maxDelayMs  cap on any single wait (default 30000)
 *   sleep       async function(ms) used to wait (tests pass a fake)
 *   onRetry     called as onRetry(error, attempt) before each new try
 * Rejects with the last error when every try failed.
 */
export async function retry(task, options = {}) {
  const { attempts = 3, delayMs = 200, maxDelayMs = 30_000, sleep = defaultSleep, onRetry } = options;
  if (!Number.isInteger(attempts) || attempts < 1) throw new RangeError("attempts must be a positive integer");
  let lastError;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    if (attempt > 1) {
      onRetry?.(lastError, attempt);
      await sleep(backoffDelay(attempt, delayMs, maxDelayMs));
    }
    try {
      return await task(attempt);
    } catch (error) {
      lastError = error;
    }
  }
  throw lastError;
}

/**
 * Stop calling a service that keeps failing: after `threshold` failures in a
 * row the breaker opens and calls fail fast for `cooldownMs`; then one trial
 * call is let through (half-open) and its outcome closes or reopens it.
 */
export class CircuitBreaker {
  constructor({ threshold = 5, cooldownMs = 10_000, now = () => Date.now() } = {}) {
    this.threshold = threshold;
    this.cooldownMs = cooldownMs;
    this.now = now;
    this.failures = 0;
    this.openedAt = null;
  }

  get state() {
    if (this.openedAt === null) return "closed";
    return this.now() - this.openedAt >= this.cooldownMs ? "half-open" : "open";
  }

  async call(task) {
    if (this.state === "open") throw new Error("circuit open: service is failing, try later");
    try {
      const result = await task();
      this.failures = 0;
      this.openedAt = null;
      return result;
    } catch (error) {
      this.failures += 1;
      if (this.state === "half-open" || this.failures >= this.threshold) this.openedAt = this.now();
      throw error;
    }
  }
}
