/**
 * Offline link checks: undefined references, empty targets, disallowed
 * schemes and relative links to files that do not exist.
 */

import { extractLinks } from "./links.js";

const DEFAULT_SCHEMES = ["http", "https", "mailto"];

function scheme(url) {
  const match = /^([a-z][a-z0-9+.-]*):/i.exec(url);
  return match ? match[1].toLowerCase() : null;
}

/**
 * Problems found in `markdown`: [{ line, column, url, problem }].
 * `exists(path)` tells whether a relative target exists (anchors and queries are stripped first).
 */
export function checkLinks(markdown, { exists = () => true, schemes = DEFAULT_SCHEMES } = {}) {
  const problems = [];
  for (const link of extractLinks(markdown)) {
    const at = { line: link.line, column: link.column, url: link.url };
    if (link.url === null) {
      problems.push({ ...at, problem: `undefined reference "${link.text}"` });
    } else if (link.url === "") {
      problems.push({ ...at, problem: "empty link target" });
    } else if (scheme(link.url)) {
      if (!schemes.includes(scheme(link.url))) problems.push({ ...at, problem: `scheme ${scheme(link.url)} not allowed` });
    } else if (!link.url.startsWith("#")) {
      const path = link.url.split(/[#?]/)[0];
      if (!exists(path)) problems.push({ ...at, problem: `missing file ${path}` });
    }
  }
  return problems;
}
