/**
 * The daily report for one service: uptime, latency figures and incidents
 * (runs of consecutive failed checks).
 */

import { ascending, mean, median, percentile, round } from "./stats.js";

/** Group consecutive failures into incidents: { start, end, checks }. */
export function incidents(checks) {
  const found = [];
  let current = null;
  for (const check of checks) {
    if (!check.ok) {
      if (current) {
        current.end = check.at;
        current.checks += 1;
      } else {
        current = { start: check.at, end: check.at, checks: 1 };
      }
    } else if (current) {
      found.push(current);
      current = null;
    }
  }
  if (current) found.push(current);
  return found;
}

function formatPercent(fraction) {
  return `${(fraction * 100).toFixed(2)}%`;
}

/**
 * Summarise the checks of one service (in time order):
 * { service, checks, uptime, meanMs, medianMs, p95Ms, slowestMs, incidents }.
 * Latency figures only count successful checks.
 */
export function buildReport(service, checks) {
  const mine = checks.filter((c) => c.service === service);
  if (mine.length === 0) throw new Error(`no checks for ${service}`);
  const ok = mine.filter((c) => c.ok);
  const latencies = ascending(ok.map((c) => c.latencyMs));
  return {
    service,
    checks: mine.length,
    uptime: formatPercent(ok.length / mine.length),
    meanMs: round(mean(latencies), 1),
    medianMs: median(latencies),
    p95Ms: percentile(latencies, 0.95),
    slowestMs: latencies.length ? latencies[latencies.length - 1] : NaN,
    incidents: incidents(mine).length,
  };
}

/** The report as a few lines of text for the chat channel. */
export function formatReport(report) {
  return [
    `${report.service}: ${report.uptime} up over ${report.checks} checks`,
    `latency mean ${report.meanMs} ms, median ${report.medianMs} ms, p95 ${report.p95Ms} ms, max ${report.slowestMs} ms`,
    report.incidents ? `${report.incidents} incident(s)` : "no incidents",
  ].join("\n");
}
