export { findLinks, referenceDefinitions, uniqueUrls } from "./links.js";
export { checkLinks } from "./checker.js";
export { linkStats, formatStats } from "./report.js";
