import test from "node:test";
import assert from "node:assert/strict";
import { parseLog } from "../src/checks.js";
import { buildReport, formatReport } from "../src/report.js";

function lines(service, latencies) {
  return latencies
    .map((ms, i) => `2024-05-01T10:${String(i).padStart(2, "0")}:00Z ${service} ${ms === null ? "timeout" : `200 ${ms}ms`}`)
    .join("\n");
}

test("p95 of twenty checks is the 19th fastest", () => {
  const values = Array.from({ length: 20 }, (_, i) => (i + 1) * 10);
  const report = buildReport("api", parseLog(lines("api", values.reverse())));
  assert.equal(report.p95Ms, 190);
  assert.equal(report.medianMs, 100);
  assert.equal(report.slowestMs, 200);
  assert.equal(report.meanMs, 105);
  assert.equal(report.uptime, "100.00%");
});

test("failures are left out of latency and counted as incidents", () => {
  const report = buildReport("web", parseLog(lines("web", [50, null, null, 70, null, 60])));
  assert.equal(report.checks, 6);
  assert.equal(report.uptime, "50.00%");
  assert.equal(report.p95Ms, 70);
  assert.equal(report.medianMs, 60);
  assert.equal(report.incidents, 2);
  assert.equal(
    formatReport(report),
    "web: 50.00% up over 6 checks\nlatency mean 60 ms, median 60 ms, p95 70 ms, max 70 ms\n2 incident(s)",
  );
});
