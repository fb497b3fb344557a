/**
 * A table grid as CSV for spreadsheets: UTF-8 with a byte-order mark (without it Excel reads the
 * Chinese as GBK and shows mojibake), CRLF line ends, fields quoted as RFC 4180 says.
 */
import type { GridCell, TableGrid } from "./tableGrid.js";

/** The byte-order mark Excel looks for to read a CSV as UTF-8. */
export const BOM = "\uFEFF";

/**
 * The grid as CSV text, BOM first: the header row, then one row per table row. Numbers are
 * written bare (`24624`, `28.8`), so a spreadsheet reads them as numbers.
 *
 * @example toCsv(grid).slice(0, 20) // "\uFEFF序号,指标,单位,2023年,2024年\r\n…"
 */
export function toCsv(grid: TableGrid, opts: { sourceRow?: boolean } = {}): string {
  const lines = [grid.columns.map((c) => field(c.header)), ...grid.rows.map((r) => r.cells.map(field))];
  // An answer's export says where it came from under the data, as the .xlsx does.
  if (opts.sourceRow) lines.push([], [field(`出处：${grid.source}`)]);
  return `${BOM + lines.map((l) => l.join(",")).join("\r\n")}\r\n`;
}

function field(cell: GridCell): string {
  if (cell === null) return "";
  if (typeof cell === "number") return String(cell);
  // A leading = + - @ would be run as a formula by a spreadsheet: quote it as text.
  const text = /^[=+\-@]/.test(cell) && !/^[+-]?\d/.test(cell) ? `'${cell}` : cell;
  return /[",\r\n]/.test(text) || text !== cell ? `"${text.replace(/"/g, '""')}"` : text;
}
