/**
 * Any figure answer as a grid to export, not only a table: a comparison, a change or a ranking becomes one row
 * per figure (report, year, indicator, value, unit, where it was printed), then the changes and the notes the
 * reply gives, so a spreadsheet says what the chat said. CSV and .xlsx start from it as from a table's grid.
 */
import { formatSource } from "../answer/reply.js";
import type { Answer } from "../types.js";
import type { GridCell, GridRow, TableGrid } from "./tableGrid.js";

/**
 * The grid of an answer's figures, or null when it has none (passages, help).
 *
 * @example answerGrid(engine.ask("江门 月收入 2023 vs 2024"))!.rows[0].cells // ["江门市", 2023, "月收入", 3319, "元", "表1 人才培养质量计分卡 › 月收入（jiangmen-2024.txt 第461行）"]
 */
export function answerGrid(answer: Answer, lang: "zh" | "en" = "zh"): TableGrid | null {
  if (!answer.facts.length) return null;
  const zh = lang === "zh";
  const headers = zh ? ["报告", "年份", "指标", "数值", "单位", "出处"] : ["Report", "Year", "Indicator", "Value", "Unit", "Source"];
  const rows: GridRow[] = answer.facts.map((f) => ({
    cells: [f.entity, f.year, f.indicator, typeof f.value === "number" ? f.value : (f.value ?? (f.raw || null)), f.unit || null, formatSource(f, lang)],
    depth: 0,
    line: f.line,
  }));
  const extra = (text: string): GridRow => ({ cells: [text, null, null, null, null, null] as GridCell[], depth: 0, line: 0 });
  // A snapshot changes several indicators: each change names its own.
  const several = new Set(answer.changes.map((c) => c.indicator)).size > 1;
  for (const c of answer.changes)
    rows.push(
      extra(
        zh
          ? `变化（${c.entity}${several ? ` ${c.indicator}` : ""} ${c.fromYear}→${c.toYear}）：${c.delta > 0 ? "+" : ""}${c.delta}${c.pct === null ? "" : `，${c.pct}%`}`
          : `Change (${c.entity}${several ? ` ${c.indicator}` : ""} ${c.fromYear}→${c.toYear}): ${c.delta > 0 ? "+" : ""}${c.delta}${c.pct === null ? "" : `, ${c.pct}%`}`,
      ),
    );
  for (const n of answer.notes ?? []) rows.push(extra(n));
  const reports = [...new Set(answer.facts.map((f) => f.report))];
  return {
    title: answer.question.trim() || (zh ? "回答" : "Answer"),
    source: `${[...new Set(answer.facts.map((f) => f.entity))].join("、")} · ${reports.join(", ")}`,
    columns: headers.map((header, k) => ({ header, kind: k === 3 || k === 1 ? "value" : "label", unit: null })),
    rows,
  };
}

/** A file name for an exported answer: its question, without the characters file systems refuse. */
export function answerFileName(answer: Answer, ext: "csv" | "xlsx"): string {
  const base = answer.question
    .replace(/[\\/:*?"<>|\s，。？！,?!]+/g, "-")
    .replace(/-+/g, "-")
    .replace(/^-|-$/g, "")
    .slice(0, 60);
  return `${base || "answer"}.${ext}`;
}
