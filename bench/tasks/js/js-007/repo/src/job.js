/** A print job: which pages, how many copies, one or two sided. */

import { formatPageRanges, parsePageRanges } from "./ranges.js";

export function planJob({ total, selection = "", copies = 1, duplex = false, pagesPerSheetSide = 1 }) {
  if (!Number.isInteger(copies) || copies < 1) throw new RangeError("copies must be a positive integer");
  const pages = parsePageRanges(selection, total);
  const sides = Math.ceil(pages.length / pagesPerSheetSide);
  const sheetsPerCopy = duplex ? Math.ceil(sides / 2) : sides;
  return {
    pages,
    summary: formatPageRanges(pages),
    sheets: sheetsPerCopy * copies,
  };
}
