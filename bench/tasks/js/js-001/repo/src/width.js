/**
 * Display width of strings: East Asian wide characters take two columns,
 * combining marks take none. Good enough for tables in a terminal or editor.
 */

const COMBINING = /\p{Mn}/u;
const WIDE = /[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]/u;

/** Columns taken by one character. */
export function charWidth(ch) {
  if (COMBINING.test(ch)) return 0;
  if (WIDE.test(ch)) return 2;
  return 1;
}

/** Columns taken by a whole string. */
export function displayWidth(text) {
  let width = 0;
  for (const ch of String(text)) width += charWidth(ch);
  return width;
}

/** Pad `text` to `width` columns, on the right, left or both sides. */
export function pad(text, width, align = "left") {
  const gap = Math.max(0, width - displayWidth(text));
  if (align === "right") return " ".repeat(gap) + text;
  if (align === "center") {
    const left = Math.floor(gap / 2);
    return " ".repeat(left) + text + " ".repeat(gap - left);
  }
  return text + " ".repeat(gap);
}
