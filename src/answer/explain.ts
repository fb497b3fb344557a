import type { AskContext } from "../types.js";
import { explainMatches } from "./indicators.js";
import { MATCH_PARAMS } from "./matchParams.js";
import { understand } from "./question.js";
import type { Loaded } from "./state.js";

/**
 * Why an answer is what it is (`zhibao ask --explain`): the question read into the indicator model
 * (its words, qualifier slots, reports, years, intent) and the nearest rows of the reports, each
 * with its score or the gate that refused it and the word that decided it.
 */
export interface Explanation {
  question: string;
  intent: string;
  reports: string[];
  years: number[];
  /** The indicator words after names, years and fillers are gone and synonyms applied. */
  indicatorWords: string;
  /** The qualifier slots the question sets, by dimension: value (word as typed). */
  slots: Record<string, string>;
  candidates: {
    report: string;
    label: string;
    table: string | null;
    source: "table" | "text";
    slots: Record<string, string>;
    score: number;
    verdict: "answers" | "near miss" | "refused";
    why: string;
  }[];
}

/** At most this many candidates are listed: the answering rows first, then the refused ones nearest the question. */
const SHOWN = 12;

/**
 * Explains how `question` is read and which rows it could mean.
 *
 * @example explainQuestion(state, "民办学校在校生").slots // { ownership: "民办" }
 */
export function explainQuestion(state: Loaded, question: string, previous?: AskContext): Explanation {
  const u = understand(state, question, previous);
  const tableIds = u.tableIds;
  const lookup = state.lookup(u.reports, tableIds ? (e) => e.tableId !== null && tableIds.has(e.tableId) : undefined);
  const judged = u.indicatorQuery ? explainMatches(u.indicatorQuery, lookup) : { text: "", slots: {}, rows: [] };
  const slotText = (slots: object): Record<string, string> => Object.fromEntries(Object.entries(slots).map(([d, s]) => [d, s.word === s.value ? s.value : `${s.value} (${s.word})`]));
  return {
    question,
    intent: u.intent,
    reports: u.reports,
    years: u.years,
    indicatorWords: judged.text,
    slots: slotText(judged.slots),
    candidates: judged.rows.slice(0, SHOWN).map((r) => ({
      report: r.entry.report,
      label: r.entry.indicator + (r.entry.columnLabel ? ` · ${r.entry.columnLabel}` : ""),
      table: r.entry.table,
      source: r.entry.source,
      slots: slotText(r.entry.slots),
      score: Number(r.score.toFixed(3)),
      verdict: r.refusal ? "refused" : r.leftover.length ? "near miss" : "answers",
      why: r.refusal
        ? `${r.refusal.gate}${r.refusal.word ? ` 「${r.refusal.word}」` : ""}${r.refusal.detail ? `: ${r.refusal.detail}` : ""}`
        : r.leftover.length
          ? `leaves ${r.leftover.map((w) => `「${w}」`).join("")} unexplained`
          : `score ≥ minScore ${MATCH_PARAMS.minScore}`,
    })),
  };
}

/** An explanation as lines for a terminal. */
export function explanationText(e: Explanation): string {
  const slots = (s: Record<string, string>) =>
    Object.entries(s)
      .map(([d, v]) => `${d}=${v}`)
      .join(", ") || "—";
  const lines = [
    `question:   ${e.question}`,
    `intent:     ${e.intent}`,
    `reports:    ${e.reports.join(", ") || "(all)"}`,
    `years:      ${e.years.join(", ") || "(latest)"}`,
    `indicator:  ${e.indicatorWords || "(none)"}`,
    `qualifiers: ${slots(e.slots)}`,
    "candidates:",
  ];
  for (const c of e.candidates) {
    lines.push(`  ${c.verdict === "answers" ? "✓" : c.verdict === "near miss" ? "~" : "✗"} ${c.score.toFixed(2)}  ${c.label}  [${c.source}${c.table ? `: ${c.table}` : ""}; ${c.report}]`);
    lines.push(`        ${c.why}${Object.keys(c.slots).length ? `; row qualifiers: ${slots(c.slots)}` : ""}`);
  }
  if (!e.candidates.length) lines.push("  (no row shares a word with the question)");
  return lines.join("\n");
}
