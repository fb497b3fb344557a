/**
 * A table grid as an Excel workbook (.xlsx, written by exceljs): numbers as number cells, the
 * header row bold and frozen, and the table's source under the data.
 */
import type { TableGrid } from "./tableGrid.js";

/**
 * The grid as .xlsx bytes: one sheet named after the table.
 *
 * @example writeFileSync("计分卡.xlsx", await toXlsx(grid));
 */
export async function toXlsx(grid: TableGrid): Promise<Buffer> {
  // Loaded on the first export: exceljs is large and most runs never export.
  const { default: ExcelJS } = await import("exceljs");
  const book = new ExcelJS.Workbook();
  book.creator = "zhibao";
  book.title = grid.title;
  const sheet = book.addWorksheet(sheetName(grid.title), { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.addRow(grid.columns.map((c) => c.header)).font = { bold: true };
  for (const row of grid.rows) sheet.addRow(row.cells.map((c) => c ?? null));
  sheet.addRow([]);
  sheet.addRow([`出处：${grid.source}`]).font = { italic: true, color: { argb: "FF666666" } };
  grid.columns.forEach((col, k) => {
    const widest = Math.max(width(col.header), ...grid.rows.map((r) => width(String(r.cells[k] ?? ""))));
    sheet.getColumn(k + 1).width = Math.min(60, Math.max(6, widest + 2));
  });
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** Excel's sheet names: at most 31 characters, none of []:*?/\ . */
export function sheetName(title: string): string {
  return (
    title
      .replace(/[[\]:*?/\\]/g, " ")
      .trim()
      .slice(0, 31) || "Sheet1"
  );
}

/** Display width: an ideograph takes two columns. */
function width(s: string): number {
  let n = 0;
  for (const ch of s) n += /[\u2e80-\u9fff\uff00-\uffef]/.test(ch) ? 2 : 1;
  return n;
}
