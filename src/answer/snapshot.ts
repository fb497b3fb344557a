import type { Answer, AnswerFact } from "../types.js";
import { indicatorLabelEn } from "../text/indicatorNames.js";
import { base, metaOf } from "./answerBase.js";
import { figureAnswer } from "./figureAnswers.js";
import { understand, type Understood } from "./question.js";
import { formatSource, formatValue } from "./reply.js";
import type { Loaded } from "./state.js";

/**
 * A report's snapshot (遂宁 2024 概况, "Suining 2024 overview", the bot's /summary): the key indicators of the
 * national template in one answer, each the figure the report prints for the year, with the change from the
 * year before when the same row prints that year too, and its source. A figure the report does not print is
 * listed as 未报告, never guessed. Each figure is looked up as its own question (`报告 年份 指标`), so it is
 * the figure that question would get, by the same matching rules.
 */

/**
 * The key indicators of the national template, in the order a snapshot lists them: the words each is asked with,
 * tried in turn (a report may print 专任教师 where the template says 专任教师数); the first is its name.
 */
export const SNAPSHOT_INDICATORS: readonly (readonly string[])[] = [
  ["在校生数"],
  ["招生人数"],
  ["毕业生人数"],
  ["升学人数"],
  ["毕业生去向落实率"],
  ["月收入"],
  ["专任教师数", "专任教师"],
  ["生师比"],
  ["“双师型”教师比例"],
  ["在校生满意度"],
  ["毕业生满意度"],
];

/** Words that ask for a report's snapshot rather than one figure. */
export const SNAPSHOT_WORDS = /概况|概览|总览|速览|一览|简况|主要指标|关键指标|核心指标|\b(?:overview|snapshot|summary|key\s+(?:figures|indicators))\b/i;

/** Whether a question asks for a snapshot: a snapshot word and exactly one report named. */
export function asksSnapshot(u: Understood): boolean {
  return SNAPSHOT_WORDS.test(u.text) && u.reports.length === 1 && !u.unknown.length && !u.tableIds;
}

/**
 * The snapshot of the one report `u` names, for the year it names (else the report's latest data year).
 *
 * @example snapshotAnswer(state, understand(state, "遂宁 2024 概况", undefined)).facts.length // the key indicators it prints
 */
export function snapshotAnswer(state: Loaded, u: Understood): Answer {
  const report = u.reports[0]!;
  const meta = metaOf(state, report);
  const entity = meta?.entity ?? report;
  const year = u.yearsExplicit && u.years.length ? Math.max(...u.years) : (meta?.latestDataYear ?? meta?.reportYear ?? null);
  const answer = base(u, state, "snapshot");
  const zh = u.lang === "zh";
  const lookup = (word: string, y: number | null): AnswerFact | null => {
    const q = understand(state, `${entity} ${y ? `${y}年 ` : ""}${word}`, undefined);
    if (q.reports.length !== 1 || q.reports[0] !== report) return null;
    const a = figureAnswer(state, { ...q, intent: "figure" });
    const f = a.intent === "figure" ? a.facts[0] : undefined;
    return f && f.report === report && (y === null || f.year === y) && f.value !== null ? f : null;
  };
  const missing: string[] = [];
  const before = new Map<string, AnswerFact>();
  const seen = new Set<string>();
  for (const words of SNAPSHOT_INDICATORS) {
    const word = words.find((w) => lookup(w, year)) ?? words[0]!;
    const f = lookup(word, year);
    // Two key words may land on one row (在校生数 and 招生人数 never do, but a report may print one row for both).
    if (!f || seen.has(`${f.line}:${f.indicator}:${f.column}`)) {
      if (!f) missing.push(word);
      continue;
    }
    seen.add(`${f.line}:${f.indicator}:${f.column}`);
    answer.facts.push(f);
    // The change from the year before: only when the same row prints that year, and both are numbers.
    const prev = year ? lookup(word, year - 1) : null;
    if (prev && prev.indicator === f.indicator && prev.tableId === f.tableId && typeof prev.value === "number" && typeof f.value === "number" && prev.unit === f.unit) {
      const delta = Math.round((f.value - prev.value) * 10000) / 10000;
      const pct = prev.value !== 0 ? Math.round((delta / prev.value) * 10000) / 100 : null;
      before.set(f.indicator, prev);
      answer.changes.push({ entity: f.entity, indicator: f.indicator, from: prev.value, to: f.value, fromYear: prev.year!, toYear: f.year!, delta, pct });
    }
  }
  answer.understood.years = year ? [year] : [];
  answer.understood.indicator = null;
  if (missing.length) answer.notes = [zh ? `未报告：${missing.join("、")}` : `Not reported: ${missing.map((w) => indicatorLabelEn(w)).join("; ")}`];
  answer.reply = snapshotReply(answer, before, entity, year, zh);
  return answer;
}

function snapshotReply(a: Answer, before: Map<string, AnswerFact>, entity: string, year: number | null, zh: boolean): string {
  const lang = zh ? "zh" : "en";
  const head = zh
    ? `${entity}${year ? ` ${year}年` : ""} 概况（国家模板主要指标，均为报告所印数字）：`
    : `${entity}${year ? ` ${year}` : ""} overview (key indicators of the national template, as the report prints them):`;
  if (!a.facts.length) return zh ? `${head}\n报告中没有找到这些指标的数字。` : `${head}\nThe report prints none of them.`;
  const lines = [head];
  for (const f of a.facts) {
    const own = f.indicator
      .split(" › ")
      .pop()!
      .replace(/^其中[:：]/, "");
    const c = a.changes.find((x) => x.indicator === f.indicator && x.toYear === f.year);
    const p = before.get(f.indicator);
    const sign = c && c.delta > 0 ? "+" : "";
    // A rate changes by percentage points, not by a percent of itself.
    const points = f.unit === "%" || f.unit === "％";
    const by = c ? (points ? `${sign}${c.delta}${zh ? "个百分点" : " points"}` : `${sign}${c.delta}${c.pct === null ? "" : `${zh ? "，" : ", "}${sign}${c.pct}%`}`) : "";
    // The year before is cited too: its figure is printed on a line of its own.
    const change =
      c && p ? (zh ? `（较${c.fromYear}年 ${by}；${c.fromYear}年为 ${formatValue(p)}，第${p.line}行）` : ` (vs ${c.fromYear}: ${by}; ${c.fromYear}: ${formatValue(p)}, line ${p.line})`) : "";
    lines.push(`• ${zh ? own : indicatorLabelEn(own)}${zh ? "：" : ": "}${formatValue(f)}${change}`);
    lines.push(`  ${formatSource(f, lang)}`);
  }
  for (const n of a.notes ?? []) lines.push(n);
  return lines.join("\n");
}
