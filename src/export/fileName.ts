import type { Table } from "../types.js";

/**
 * A file name for an exported table: entity, number and title, without the characters file
 * systems or Telegram clients refuse.
 *
 * @example exportFileName(table, "遂宁市职业技术学校", "csv") // "遂宁市职业技术学校-表1-人才培养质量计分卡.csv"
 */
export function exportFileName(table: Pick<Table, "number" | "title" | "standard" | "id">, entity: string, ext: "csv" | "xlsx"): string {
  const parts = [entity, table.number, table.title ?? table.standard].filter((p): p is string => !!p);
  const base = parts
    .join("-")
    .replace(/[\\/:*?"<>|\s]+/g, "-")
    .replace(/-+/g, "-")
    .slice(0, 80);
  return `${base || "table"}.${ext}`;
}
