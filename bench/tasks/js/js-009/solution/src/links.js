/**
 * Finding links in Markdown text: inline links, reference links with their
 * definitions, and autolinks. Code spans and fenced code blocks are skipped.
 */

const FENCE = /^\s{0,3}(```|~~~)/;
const DEFINITION = /^\s{0,3}\[([^\]]+)\]:\s*<?(\S+?)>?(?:\s+["'(](.*)["')])?\s*$/;
const INLINE = /(!?)\[([^\]]*)\]\(\s*<?([^)\s>]*)>?(?:\s+"([^"]*)")?\s*\)/g;
const REFERENCE = /(!?)\[([^\]]+)\]\[([^\]]*)\]/g;
const AUTOLINK = /<((?:https?|mailto|ftp):[^>\s]+)>/g;

/** Replace `code spans` by spaces so their content is not mistaken for links (columns stay put). */
export function blankCodeSpans(line) {
  return line.replace(/(`+)(.+?)\1/g, (match) => " ".repeat(match.length));
}

/** Reference definitions ("[id]: url") keyed by lower-cased label. */
export function referenceDefinitions(markdown) {
  const defs = new Map();
  let inFence = false;
  for (const line of markdown.split(/\r?\n/)) {
    if (FENCE.test(line)) {
      inFence = !inFence;
      continue;
    }
    if (inFence) continue;
    const match = DEFINITION.exec(line);
    if (match && !defs.has(match[1].toLowerCase())) {
      defs.set(match[1].toLowerCase(), { url: match[2], title: match[3] ?? "" });
    }
  }
  return defs;
}

/**
 * Every link of the document, in reading order:
 * { kind: "inline" | "reference" | "autolink", image, text, url, title, line (1-based), column (1-based) }.
 * Reference links whose label has no definition are returned with url null.
 */
export function findLinks(markdown) {
  const defs = referenceDefinitions(markdown);
  const links = [];
  let inFence = false;
  markdown.split(/\r?\n/).forEach((raw, index) => {
    if (FENCE.test(raw)) {
      inFence = !inFence;
      return;
    }
    if (inFence || DEFINITION.test(raw)) return;
    const line = blankCodeSpans(raw);
    const found = [];
    for (const m of line.matchAll(INLINE)) {
      found.push({ kind: "inline", image: m[1] === "!", text: m[2], url: m[3], title: m[4] ?? "", at: m.index });
    }
    for (const m of line.matchAll(REFERENCE)) {
      const label = (m[3] || m[2]).toLowerCase();
      const def = defs.get(label);
      found.push({
        kind: "reference",
        image: m[1] === "!",
        text: m[2],
        url: def ? def.url : null,
        title: def ? def.title : "",
        at: m.index,
      });
    }
    for (const m of line.matchAll(AUTOLINK)) {
      found.push({ kind: "autolink", image: false, text: m[1], url: m[1], title: "", at: m.index });
    }
    found.sort((a, b) => a.at - b.at);
    for (const { at, ...link } of found) links.push({ ...link, line: index + 1, column: at + 1 });
  });
  return links;
}

/** Only the URLs, without duplicates, in order of first appearance. */
export function uniqueUrls(links) {
  return [...new Set(links.map((l) => l.url).filter((u) => u !== null))];
}
