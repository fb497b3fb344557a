import type { Table, TableHead, TableSummary } from "../types.js";

/** A table as plain text, one row per line, cells separated by " | ", with its source. */
export function renderTable(table: Table, opts: { maxRows?: number } = {}): string {
  const head = `${table.number ? `${table.number} ` : ""}${table.title ?? "（无标题）"}（${table.report} 第${table.startLine}–${table.endLine}行）`;
  const lines = [head, table.header.join(" | ")];
  const rows = opts.maxRows ? table.rows.slice(0, opts.maxRows) : table.rows;
  for (const row of rows) {
    const cells = row.cells.map((c) => c.text || "·");
    if (row.path.length > 1 && cells.length) {
      const labelIndex = cells.findIndex((c) => c === row.path[row.path.length - 1]);
      if (labelIndex >= 0) cells[labelIndex] = `${"  ".repeat(row.path.length - 1)}${cells[labelIndex]}`;
    }
    lines.push(`${cells.join(" | ")}    [${row.line}]`);
  }
  if (rows.length < table.rows.length) lines.push(`…（共 ${table.rows.length} 行）`);
  return lines.join("\n");
}

/** The one-line listing of a table. */
export function summarizeTable(table: TableHead, entity: string): TableSummary {
  return { id: table.id, report: table.report, entity, number: table.number, title: table.title, standard: table.standard, rows: table.rowCount, startLine: table.startLine };
}

/**
 * Finds a table by words a person types: a number ("表6", "表1-1"), a standard name or part of
 * one ("计分卡", "满意度"), or words of the title. Exact number first, then title words.
 */
export function findTable<T extends TableHead>(tables: readonly T[], query: string): T | null {
  const q = query.replace(/\s+/g, "");
  if (!q) return null;
  const byId = tables.find((t) => t.id === query);
  if (byId) return byId;
  const num = /表\s*(\d+(?:[-－]\d+)?)/.exec(q)?.[1];
  const words = q.replace(/表\s*\d+(?:[-－]\d+)?/, "").replace(/^(的|里|中)+|(的|里|中|表)+$/g, "");
  const candidates = num ? tables.filter((t) => t.number?.replace(/\s/g, "") === `表${num}`) : tables;
  if (!words) return candidates[0] ?? null;
  let best: { t: T; score: number } | null = null;
  for (const t of candidates) {
    const title = `${t.standard ?? ""}${t.title ?? ""}`;
    let score = 0;
    for (let i = 0; i + 1 < words.length; i++) if (title.includes(words.slice(i, i + 2))) score++;
    if (title.includes(words)) score += 5;
    if (score > 0 && (!best || score > best.score)) best = { t, score };
  }
  return best?.t ?? (num ? (candidates[0] ?? null) : null);
}
