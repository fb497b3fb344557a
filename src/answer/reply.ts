import { indicatorLabelEn } from "../text/indicatorNames.js";
import type { AnswerFact, PassageHit, ReportMeta } from "../types.js";

/**
 * Plain-text replies: what the CLI prints and what the bot's renderer starts from.
 * Chinese by default; English when the question has no Chinese in it.
 */

export type Lang = "zh" | "en";

/** Chinese question → Chinese reply; a question with no ideographs → English. */
export function replyLang(question: string): Lang {
  return /[\u4e00-\u9fff]/.test(question) ? "zh" : "en";
}

/** A value with its unit, as a person reads it: "803 人", "17.6:1", "98.62%". */
export function formatValue(f: Pick<AnswerFact, "value" | "raw" | "unit">): string {
  if (f.value === null) return f.raw || "—";
  // 约2.53万人, 近1万人, 2500余人: an approximate figure is shown as printed, never as an exact 25300.
  if (APPROXIMATE_RAW.test(f.raw)) return f.raw;
  const v = typeof f.value === "number" ? formatNumber(f.value) : f.value;
  if (!f.unit || /[:：]/.test(String(v))) return String(v);
  if (f.unit === "%" || f.unit === "％") return `${v}%`;
  return `${v} ${f.unit}`;
}

/** A figure printed with a word that makes it approximate or a bound. */
export const APPROXIMATE_RAW = /^(?:约|近|接近|将近|超过|超|逾|多达)|\d\s*(?:万|亿)?\s*(?:余|多)|左右$|上下$/;

function formatNumber(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Math.round(n * 10000) / 10000);
}

/** "人才培养质量计分卡 › 毕业生去向落实人数 › 其中：升学人数（suining-2024.txt 第1350行）" */
export function formatSource(f: AnswerFact, lang: Lang): string {
  // A table printed without a title is still a table, not running text.
  const where = f.table
    ? `${f.tableNumber ? `${f.tableNumber} ` : ""}${f.table}`
    : f.source === "table"
      ? lang === "zh"
        ? "表格（无标题）"
        : "untitled table"
      : lang === "zh"
        ? "正文"
        : "running text";
  // A PDF's line counts its rebuilt text; the page is what a reader finds in the file.
  if (f.page) return lang === "zh" ? `${where} › ${f.indicator}（${f.report} 第${f.page}页，第${f.line}行）` : `${where} › ${f.indicator} (${f.report}, page ${f.page}, line ${f.line})`;
  return lang === "zh" ? `${where} › ${f.indicator}（${f.report} 第${f.line}行）` : `${where} › ${f.indicator} (${f.report}, line ${f.line})`;
}

/** One figure, with its source. */
export function figureLine(f: AnswerFact, lang: Lang): string {
  const year = f.year ? (lang === "zh" ? `${f.year}年` : `${f.year}`) : "";
  const col = f.year && /^20\d{2}\s*(年|学年)?$/.test(f.column) ? "" : f.column ? `（${f.column}）` : "";
  // The row's own name reads best here; its full path is in the source line.
  const own = f.indicator
    .split(" › ")
    .pop()!
    .replace(/^其中[:：]/, "");
  // In English the common indicators get their English name, the printed label beside it for the citation.
  const name = lang === "en" ? indicatorLabelEn(own) : own;
  return `${f.entity} ${year} ${name}${col}${lang === "zh" ? "：" : ": "}${formatValue(f)}`.replace(/\s+/g, " ");
}

/** Reply for one figure, its variants and the year it defaulted to. */
export function figureReply(f: AnswerFact, variants: AnswerFact[], opts: { lang: Lang; yearDefaulted: boolean; subjectNote?: string }): string {
  const { lang } = opts;
  const lines = [figureLine(f, lang), `${lang === "zh" ? "出处：" : "Source: "}${formatSource(f, lang)}`];
  if (opts.yearDefaulted && f.year) lines.push(lang === "zh" ? `（问题没有指定年份，取该表最新的 ${f.year} 年。）` : `(No year given: using the latest year in that table, ${f.year}.)`);
  if (variants.length) {
    lines.push(lang === "zh" ? "报告中另有不同的数字：" : "The report prints this figure differently elsewhere:");
    for (const v of variants) lines.push(`• ${formatValue(v)} — ${formatSource(v, lang)}`);
  }
  if (opts.subjectNote) lines.push(opts.subjectNote);
  return lines.join("\n");
}

/** Reply for several figures side by side, with the changes between years. */
export function compareReply(
  facts: AnswerFact[],
  changes: { entity: string; from: number; to: number; fromYear: number; toYear: number; delta: number; pct: number | null }[],
  lang: Lang,
  missing: string[],
): string {
  const lines = facts.map((f) => `• ${figureLine(f, lang)}\n  ${formatSource(f, lang)}`);
  for (const c of changes) {
    const sign = c.delta > 0 ? "+" : "";
    const pct = c.pct === null ? "" : `，${sign}${c.pct}%`;
    lines.push(
      lang === "zh" ? `变化（${c.entity} ${c.fromYear}→${c.toYear}）：${sign}${c.delta}${pct}` : `Change (${c.entity} ${c.fromYear}→${c.toYear}): ${sign}${c.delta}${pct.replace("，", ", ")}`,
    );
  }
  for (const m of missing) lines.push(m);
  return lines.join("\n");
}

/** Reply for a ranking across reports. */
export function rankReply(facts: AnswerFact[], lang: Lang, note: string | null): string {
  const lines = facts.map((f, i) =>
    lang === "zh" ? `${i + 1}. ${f.entity}：${formatValue(f)}（${f.year ?? ""}年，${formatSource(f, lang)}）` : `${i + 1}. ${f.entity}: ${formatValue(f)} (${f.year ?? ""}, ${formatSource(f, lang)})`,
  );
  // An English ranking says what it ranks, in English with the printed label beside it.
  if (lang === "en" && facts[0])
    lines.unshift(
      `${indicatorLabelEn(
        facts[0].indicator
          .split(" › ")
          .pop()!
          .replace(/^其中[:：]/, ""),
      )}:`,
    );
  if (note) lines.push(note);
  return lines.join("\n");
}

/** Reply listing passages or cases. */
export function passagesReply(hits: PassageHit[], lang: Lang, header: string): string {
  if (!hits.length) return header;
  const lines = [header];
  hits.forEach((h, i) => {
    const label = h.caseLabel ? `${h.caseLabel} ` : "";
    lines.push(`${i + 1}. ${label}${h.title}（${h.entity}，${h.report} ${lang === "zh" ? `第${h.line}行` : `line ${h.line}`}）`);
    lines.push(`   ${markTerms(h.snippet, h.terms)}`);
  });
  return lines.join("\n");
}

/** Marks the matched terms in a plain-text snippet with 「」 (the bot highlights them with HTML instead). */
export function markTerms(text: string, terms: string[]): string {
  const words = [...new Set(terms)].filter((t) => t.length >= 2).sort((a, b) => b.length - a.length);
  if (!words.length) return text;
  const pattern = new RegExp(words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|"), "g");
  return text.replace(pattern, (m) => `「${m}」`);
}

/** "乐山市（2024，数据 2023–2024）" for listing what exists. */
export function reportLabel(r: ReportMeta): string {
  const years = r.dataYears.length ? `${r.dataYears[0]}–${r.dataYears[r.dataYears.length - 1]}` : "";
  return `${r.entity}（${r.reportYear ?? "?"}年度报告${years ? `，数据 ${years}` : ""}）`;
}
