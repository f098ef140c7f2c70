/** Counts for the docs dashboard. */

import { findLinks, uniqueUrls } from "./links.js";

export function linkStats(markdown) {
  const links = findLinks(markdown);
  const external = links.filter((l) => l.url && /^https?:/i.test(l.url));
  return {
    links: links.length,
    images: links.filter((l) => l.image).length,
    external: external.length,
    uniqueUrls: uniqueUrls(links).length,
  };
}

export function formatStats(name, stats) {
  return `${name}: ${stats.links} links (${stats.images} images, ${stats.external} external, ${stats.uniqueUrls} unique targets)`;
}
