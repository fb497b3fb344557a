import type { IngestedReport, IngestWarning, ReportMeta } from "../types.js";

/**
 * What `zhibao add` (and the bot, for a file an admin sends) says it read of a report: who and
 * when, each table with its rows and years, the cases and the figures of its running text, the
 * warnings, what was guessed, and, for a file that is no quality report, why.
 */
export interface Receipt {
  file: string;
  /** The published original, when added by its link. */
  url?: string;
  entity: string;
  kind: ReportMeta["kind"];
  province: string | null;
  /** The year it is titled with, else the latest year of its tables. */
  year: number | null;
  title: string;
  tables: { number: string | null; title: string | null; rows: number; years: number[]; line: number }[];
  cases: number;
  /** Figures read from its tables and from its running text. */
  tableFigures: number;
  textFigures: number;
  warnings: IngestWarning[];
  /** What was not read but guessed, as sentences ("entity 安康市 from the file name ankang-2023.txt"). */
  guessed: string[];
  /** Why it is no quality report (no title or publisher, no year, no figures); empty when it is one. */
  problems: string[];
}

/**
 * The receipt of a report file as ingested (src/ingest/corpus.ts ingestBytes); null when the file
 * could not be read at all (its warnings say why).
 *
 * @example receiptOf({ file: "leshan-2024.txt", ...ingestFile("corpus", "leshan-2024.txt", undefined) })?.entity // "乐山市"
 */
export function receiptOf(ingested: { file: string; report: IngestedReport | null; warnings: IngestWarning[] }, url?: string): Receipt | null {
  const c = ingested.report;
  if (!c) return null;
  const { meta, facts, tables, passages } = c;
  const yearsOf = new Map<string, Set<number>>();
  for (const f of facts) {
    if (f.tableId === null || f.year === null) continue;
    let set = yearsOf.get(f.tableId);
    if (!set) yearsOf.set(f.tableId, (set = new Set()));
    set.add(f.year);
  }
  const guessed: string[] = [];
  const g = meta.guessed;
  if (g?.entity) {
    const how = { publisher: "the publisher its metadata names", body: "the place its text calls its own", "file name": "its file name" }[g.entity.from];
    guessed.push(`entity ${g.entity.name} from ${how} (${g.entity.evidence}${g.entity.line ? `, line ${g.entity.line}` : ""})`);
  }
  if (g?.year) guessed.push(`year ${g.year.year} from the file name ${g.year.evidence}`);
  if (meta.reportYear === null && meta.latestDataYear !== null) guessed.push(`year ${meta.latestDataYear}: the latest year of its tables`);
  const textFigures = facts.filter((f) => f.source === "text").length;
  const tableFigures = facts.length - textFigures;
  const problems: string[] = [];
  // Nothing read as its publisher, and no title that says it is a report: the file name stands in.
  const identified = meta.entity !== meta.title;
  if (!identified && !/报告|年报/.test(meta.title)) problems.push("no report title and no publisher (nothing names whose report it is)");
  if (meta.reportYear === null && meta.latestDataYear === null) problems.push("no year (neither in a title nor in its tables)");
  if (facts.length === 0) problems.push("no figures (no table and no number with a unit in its text)");
  return {
    file: ingested.file,
    ...(url ? { url } : meta.url ? { url: meta.url } : {}),
    entity: meta.entity,
    kind: meta.kind,
    province: meta.province,
    year: meta.reportYear ?? meta.latestDataYear,
    title: meta.title,
    tables: tables.map((t) => ({ number: t.number, title: t.title, rows: t.rows.length, years: [...(yearsOf.get(t.id) ?? [])].sort((a, b) => a - b), line: t.startLine })),
    cases: passages.filter((p) => p.kind === "case").length,
    tableFigures,
    textFigures,
    warnings: ingested.warnings,
    guessed,
    problems,
  };
}

const KIND: Record<ReportMeta["kind"], { en: string; zh: string }> = {
  city: { en: "city", zh: "市" },
  district: { en: "district", zh: "区县" },
  school: { en: "school", zh: "学校" },
  unknown: { en: "unknown kind", zh: "类型不明" },
};

/** Years as a span or a list: 2022–2024, 2023. */
const yearList = (ys: number[]) => (ys.length === 0 ? "" : ys.length > 2 && ys[ys.length - 1]! - ys[0]! === ys.length - 1 ? `${ys[0]}–${ys[ys.length - 1]}` : ys.join(", "));

/**
 * A receipt as lines of plain text, in English (the CLI) or Chinese (the bot, for a Chinese
 * user). At most `maxTables` tables and `maxWarnings` warnings are listed, with how many more.
 *
 * @example formatReceipt(r).join("\n") // "leshan-2024.txt: 乐山市 (city, 四川), 2024\n  tables: 16 …"
 */
export function formatReceipt(r: Receipt, lang: "en" | "zh" = "en", o: { maxTables?: number; maxWarnings?: number } = {}): string[] {
  const maxTables = o.maxTables ?? 30;
  const maxWarnings = o.maxWarnings ?? 10;
  const zh = lang === "zh";
  const out: string[] = [];
  const where = [KIND[r.kind][lang], r.province].filter(Boolean).join(zh ? "，" : ", ");
  out.push(zh ? `${r.file}：${r.entity}（${where}），${r.year ?? "年份不明"}${r.year ? "年" : ""}` : `${r.file}: ${r.entity} (${where}), ${r.year ?? "no year"}`);
  if (r.url) out.push(zh ? `  原文：${r.url}` : `  from ${r.url}`);
  out.push(zh ? `  表格 ${r.tables.length} 个` : `  tables: ${r.tables.length}`);
  for (const t of r.tables.slice(0, maxTables)) {
    const name = [t.number, t.title].filter(Boolean).join(" ") || (zh ? "（无标题）" : "(untitled)");
    const years = yearList(t.years);
    out.push(zh ? `    ${name}：${t.rows} 行${years ? `，${years}年` : ""}（第${t.line}行）` : `    ${name}: ${t.rows} rows${years ? `, ${years}` : ""} (line ${t.line})`);
  }
  if (r.tables.length > maxTables) out.push(zh ? `    …另有 ${r.tables.length - maxTables} 个` : `    … and ${r.tables.length - maxTables} more`);
  out.push(
    zh
      ? `  案例 ${r.cases} 个；数字 ${r.tableFigures + r.textFigures} 个（表格 ${r.tableFigures}，正文 ${r.textFigures}）`
      : `  cases: ${r.cases}; figures: ${r.tableFigures} in tables, ${r.textFigures} in running text`,
  );
  for (const g of r.guessed) out.push(zh ? `  推断：${g}` : `  guessed: ${g}`);
  for (const w of r.warnings.slice(0, maxWarnings)) out.push(`  ${zh ? "提示" : "warning"}: ${w.line ? `line ${w.line}: ` : ""}${w.message}`);
  if (r.warnings.length > maxWarnings) out.push(zh ? `  …另有 ${r.warnings.length - maxWarnings} 条提示` : `  … and ${r.warnings.length - maxWarnings} more warnings`);
  for (const p of r.problems) out.push(zh ? `  不像质量报告：${p}` : `  not a quality report: ${p}`);
  return out;
}
