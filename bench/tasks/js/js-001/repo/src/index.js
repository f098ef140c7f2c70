export { renderTable, parseTable, escapeCell, columnKeys } from "./table.js";
export { displayWidth, pad } from "./width.js";
