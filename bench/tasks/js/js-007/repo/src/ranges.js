/**
 * Page selections as typed in a print dialog: "1-3, 5, 8-".
 */

/**
 * Parse a page selection for a document of `total` pages into the selected
 * page numbers, ascending and without duplicates.
 *
 * The text is a comma-separated list of parts; spaces anywhere are ignored.
 * A part is one of:
 *   "N"    page N
 *   "A-B"  pages A to B inclusive
 *   "A-"   pages A to the last page
 *   "-B"   pages 1 to B
 * An empty or blank selection means every page. Empty parts (as in "1,,2")
 * are ignored.
 *
 * Throws SyntaxError for a part that is not of these forms (letters, "1-2-3",
 * a lone "-"), and RangeError for a page below 1 or above `total`, or a range
 * whose start is after its end.
 */
export function parsePageRanges(text, total) {
  throw new Error("not implemented");
}

/** The inverse: [1, 2, 3, 5, 8, 9] -> "1-3, 5, 8-9". */
export function formatPageRanges(pages) {
  const sorted = [...new Set(pages)].sort((a, b) => a - b);
  const parts = [];
  let start = null;
  let previous = null;
  for (const page of sorted) {
    if (start === null) {
      start = previous = page;
    } else if (page === previous + 1) {
      previous = page;
    } else {
      parts.push(start === previous ? `${start}` : `${start}-${previous}`);
      start = previous = page;
    }
  }
  if (start !== null) parts.push(start === previous ? `${start}` : `${start}-${previous}`);
  return parts.join(", ");
}

/** Pages left out of a selection, for the "skipped pages" notice. */
export function complement(pages, total) {
  const chosen = new Set(pages);
  const rest = [];
  for (let page = 1; page <= total; page++) if (!chosen.has(page)) rest.push(page);
  return rest;
}
