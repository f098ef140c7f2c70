/**
 * Markdown tables from arrays of records.
 *
 *   renderTable([{ name: "tea", qty: 3 }], { align: { qty: "right" } })
 *
 * gives
 *
 *   | name | qty |
 *   | ---- | --: |
 *   | tea  |   3 |
 */

import { displayWidth, pad } from "./width.js";

const SEPARATOR = { left: ":--", right: "--:", center: ":-:" };

/** Escape characters that would break a Markdown table cell. */
export function escapeCell(value) {
  if (value === null || value === undefined) return "";
  return String(value).replace(/\\/g, "\\\\").replace(/\|/g, "\\|").replace(/\r?\n/g, "<br>");
}

/** The column keys: the `columns` option, or every key in order of first appearance. */
export function columnKeys(rows, columns) {
  if (columns && columns.length) return [...columns];
  const keys = [];
  for (const row of rows) {
    for (const key of Object.keys(row)) {
      if (!keys.includes(key)) keys.push(key);
    }
  }
  return keys;
}

/** Numbers are right-aligned unless the caller says otherwise. */
function defaultAlign(rows, key) {
  const values = rows.map((row) => row[key]).filter((v) => v !== null && v !== undefined && v !== "");
  return values.length && values.every((v) => typeof v === "number") ? "right" : "left";
}

function separatorCell(align, width) {
  if (align === "left") return "-".repeat(Math.max(3, width));
  const marks = SEPARATOR[align];
  return marks[0] + "-".repeat(Math.max(1, width - 2)) + marks[2];
}

/**
 * Render rows as a Markdown table with every column padded to the same width.
 * Options: columns (keys to show, in order), headers (key -> title),
 * align (key -> "left" | "right" | "center").
 */
export function renderTable(rows, options = {}) {
  const keys = columnKeys(rows, options.columns);
  if (keys.length === 0) return "";
  const headers = keys.map((key) => escapeCell(options.headers?.[key] ?? key));
  const body = rows.map((row) => keys.map((key) => escapeCell(row[key])));
  const aligns = keys.map((key) => options.align?.[key] ?? defaultAlign(rows, key));
  const widths = keys.map((_, i) => Math.max(3, displayWidth(headers[i]), ...body.map((cells) => displayWidth(cells[i]))));

  const line = (cells) => "| " + cells.map((cell, i) => pad(cell, widths[i], aligns[i])).join(" | ") + " |";
  const lines = [line(headers), "| " + aligns.map((a, i) => separatorCell(a, widths[i])).join(" | ") + " |"];
  for (const cells of body {
    lines.push(line(cells));
  }
  return lines.join("\n");
}

/** Parse a Markdown table back into records (the header row gives the keys). */
export function parseTable(text) {
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l.startsWith("|"));
  if (lines.length < 2) return [];
  const split = (l) =>
    l
      .slice(1, l.endsWith("|") ? -1 : undefined)
      .split(/(?<!\\)\|/)
      .map((cell) => cell.trim().replace(/\\\|/g, "|"));
  const keys = split(lines[0]);
  return lines.slice(2).map((l) => {
    const cells = split(l);
    return Object.fromEntries(keys.map((key, i) => [key, cells[i] ?? ""]));
  });
}
