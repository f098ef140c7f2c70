/**
 * Health-check log lines:
 *
 *   2024-05-01T10:00:00Z api 200 87ms
 *   2024-05-01T10:01:00Z api timeout
 */

const LINE = /^(\S+)\s+(\S+)\s+(?:(\d{3})\s+(\d+)ms|(timeout))\s*$/;

export function parseCheck(line) {
  const match = LINE.exec(line.trim());
  if (!match) throw new Error(`bad check line: ${line}`);
  const [, at, service, status, ms, timeout] = match;
  return {
    at: new Date(at),
    service,
    status: timeout ? null : Number(status),
    latencyMs: timeout ? null : Number(ms),
    ok: !timeout && Number(status) < 500,
  };
}

export function parseLog(text) {
  return text
    .split(/\r?\n/)
    .filter((line) => line.trim() && !line.startsWith("#"))
    .map(parseCheck);
}
