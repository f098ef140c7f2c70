/** Errors of the sync client. */

export class HttpError extends Error {
  constructor(status, url, body = "") {
    super(`HTTP ${status} for ${url}`);
    this.name = "HttpError";
    this.status = status;
    this.url = url;
    this.body = body;
  }
}

/**
 * Worth trying again? Network failures (no status), 408 Request Timeout,
 * 429 Too Many Requests and 5xx server errors are; other 4xx errors are not.
 */
export function isTransient(error) {
  const status = error?.status;
  if (status === undefined) return true;
  return status === 408 || status === 429 || status >= 500;
}
