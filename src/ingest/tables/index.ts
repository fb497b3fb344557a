/**
 * Tables of the reports, body and appendix, in every layout, and the facts they hold.
 *
 * - `extractTables(lines, report)`: every table of one report, plus the tab-bearing blocks that
 *   are not tables (`skipped`) and what could not be read (`warnings`).
 * - `tableFacts(table, entity, defaultYear)`: one `Fact` per value cell.
 * - `parseCellValue(raw)`: how one cell reads (number, ratio, text or missing).
 */
export { extractTables, type ExtractedTables, type SkippedBlock } from "./extract.js";
export { tableFacts } from "./facts.js";
export { parseCellValue, type CellValue } from "./values.js";
export { STANDARD_TABLES, recognizeStandard } from "./standard.js";
