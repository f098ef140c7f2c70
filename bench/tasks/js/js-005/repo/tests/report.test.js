import test from "node:test";
import assert from "node:assert/strict";
import { parseLog } from "../src/checks.js";
import { buildReport } from "../src/report.js";

const LOG = `
2024-05-01T10:00:00Z api 200 80ms
2024-05-01T10:01:00Z api 200 120ms
2024-05-01T10:02:00Z api timeout
2024-05-01T10:03:00Z api 503 30ms
2024-05-01T10:04:00Z api 200 100ms
2024-05-01T10:05:00Z web 200 40ms
`;

test("report for one service", () => {
  const report = buildReport("api", parseLog(LOG));
  assert.equal(report.checks, 5);
  assert.equal(report.uptime, "60.00%");
  assert.equal(report.medianMs, 100);
  assert.equal(report.p95Ms, 120);
  assert.equal(report.incidents, 1);
});
