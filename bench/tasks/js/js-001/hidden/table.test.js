import test from "node:test";
import assert from "node:assert/strict";
import { renderTable, parseTable } from "../src/table.js";
import { renderTable as fromIndex } from "../src/index.js";

test("renders an aligned table with numbers on the right", () => {
  const text = renderTable([
    { name: "tea", qty: 3 },
    { name: "coffee", qty: 12 },
  ]);
  assert.equal(
    text,
    ["| name   | qty |", "| ------ | --: |", "| tea    |   3 |", "| coffee |  12 |"].join("\n"),
  );
  assert.equal(fromIndex([{ a: 1 }]), renderTable([{ a: 1 }]));
});

test("headers, column choice, alignment and escaping", () => {
  const text = renderTable(
    [
      { id: 1, note: "a|b", extra: "x" },
      { id: 2, note: "line\nbreak" },
    ],
    { columns: ["note", "id"], headers: { note: "Note" }, align: { id: "center" } },
  );
  const lines = text.split("\n");
  assert.equal(lines[0], "| Note          | id  |");
  assert.equal(lines[1], "| ------------- | :-: |");
  assert.equal(lines[2], "| a\\|b          |  1  |");
  assert.equal(lines[3], "| line<br>break |  2  |");
});

test("empty input and round trip", () => {
  assert.equal(renderTable([]), "");
  const rows = [
    { city: "Oslo", temp: "4" },
    { city: "Kyoto", temp: "18" },
  ];
  assert.deepEqual(parseTable(renderTable(rows)), rows);
});
