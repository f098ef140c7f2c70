/**
 * The notes server API over an injectable transport:
 * transport(method, url, body) resolves to { status, body } (body already parsed).
 */

import { HttpError } from "./errors.js";
import { retry } from "./retry.js";

export class NotesClient {
  constructor(transport, { baseUrl = "https://notes.example.org/api", attempts = 4, sleep } = {}) {
    this.transport = transport;
    this.baseUrl = baseUrl.replace(/\/$/, "");
    this.attempts = attempts;
    this.sleep = sleep;
    this.retries = 0;
  }

  url(path) {
    return `${this.baseUrl}/${path.replace(/^\//, "")}`;
  }

  /** One request; throws HttpError for any status of 400 or more. */
  async request(method, path, body) {
    const url = this.url(path);
    const response = await this.transport(method, url, body);
    if (response.status >= 400) throw new HttpError(response.status, url, response.body);
    return response.body;
  }

  /** GET with retries for failures that may go away. */
  async fetchJson(path) {
    return retry(() => this.request("GET", path), {
      attempts: this.attempts,
      sleep: this.sleep,
      onRetry: () => {
        this.retries += 1;
      },
    });
  }

  async listNotes() {
    return this.fetchJson("notes");
  }

  async getNote(id) {
    return this.fetchJson(`notes/${encodeURIComponent(id)}`);
  }
}
