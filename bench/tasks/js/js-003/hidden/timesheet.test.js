import test from "node:test";
import assert from "node:assert/strict";
import { Timesheet } from "../dist/timesheet.js";

function week() {
  const sheet = new Timesheet("Ana", 8 * 60);
  sheet.add("mon", "website", "4:30");
  sheet.add("mon", "support", "45m");
  sheet.add("tue", "website", "3.5h", "deploy, then fixes");
  return sheet;
}

test("summary formats totals and overtime", () => {
  const summary = week().summary();
  assert.equal(summary.total, "8:45");
  assert.equal(summary.overtime, "0:45");
  assert.equal(summary.byDay.mon, "5:15");
  assert.equal(summary.byDay.tue, "3:30");
  assert.equal(summary.byDay.sun, "0:00");
  assert.deepEqual(summary.byProject, { website: 8, support: 0.75 });
});

test("no overtime under contract", () => {
  const sheet = new Timesheet("Bo");
  sheet.add("fri", "admin", "1:05");
  assert.equal(sheet.summary().overtime, "0:00");
  assert.equal(sheet.summary().total, "1:05");
});

test("csv export", () => {
  assert.deepEqual(week().toCsv().split("\n"), [
    "person,day,project,hours,note",
    "Ana,mon,website,4.5,",
    "Ana,mon,support,0.75,",
    'Ana,tue,website,3.5,"deploy, then fixes"',
  ]);
});
