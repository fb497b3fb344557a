/**
 * Reads the qualifier slots of a label or a question (民办 → ownership, 省级 → level, 累计 →
 * timeScope) from the vocabulary's Chinese forms, and rewrites English and pinyin qualifier
 * phrases into those Chinese words. Pure functions over src/text/vocabulary.ts.
 */

import { DIMENSIONS, type Dimension, type QualifierValue } from "./vocabulary.js";

/** A slot as read: its canonical value and the word printed for it. */
export interface Slot {
  value: string;
  word: string;
}

/** The slots a text sets, by dimension. */
export type Slots = Partial<Record<Dimension, Slot>>;

interface Alternative {
  dimension: Dimension;
  /** null for a form naming several values at once (男女). */
  value: string | null;
  source: string;
}

let zhReader: { re: RegExp; alternatives: Alternative[] } | null = null;

/** One regular expression over every Chinese form, longest first, a group per form (built once). */
function zhForms(): { re: RegExp; alternatives: Alternative[] } {
  if (zhReader) return zhReader;
  const alternatives: Alternative[] = [];
  for (const d of DIMENSIONS) {
    for (const v of d.values) for (const source of v.zh) alternatives.push({ dimension: d.dimension, value: v.value, source });
    for (const source of d.totals ?? []) alternatives.push({ dimension: d.dimension, value: null, source });
  }
  // Longer forms first, so 非全日制 is read before 全日制 and 招生计划 before 计划.
  alternatives.sort((a, b) => b.source.length - a.source.length);
  zhReader = { re: new RegExp(alternatives.map((a) => `(${a.source})`).join("|"), "g"), alternatives };
  return zhReader;
}

/**
 * The qualifier slots a Chinese text sets. A dimension named with two different values
 * (公办民办合计, 男女生) sets no slot: such a row is their total.
 *
 * @example readSlots("民办学校在校生数") // { ownership: { value: "民办", word: "民办" } }
 * @example readSlots("近三年累计培训人次") // { timeScope: { value: "近几年", word: "近三年" } }
 */
export function readSlots(text: string): Slots {
  const { re, alternatives } = zhForms();
  const found = new Map<Dimension, Slot | null>();
  re.lastIndex = 0;
  for (const m of text.matchAll(re)) {
    const k = m.findIndex((g, i) => i > 0 && g !== undefined) - 1;
    const alt = alternatives[k];
    if (!alt) continue;
    const had = found.get(alt.dimension);
    if (alt.value === null) found.set(alt.dimension, null);
    else if (had === undefined) found.set(alt.dimension, { value: alt.value, word: m[0] });
    // 近三年累计 says one thing twice; two values of one dimension make a total.
    else if (had && had.value !== alt.value && !(alt.dimension === "timeScope" && had.value !== "当年" && alt.value !== "当年")) found.set(alt.dimension, null);
  }
  const out: Slots = {};
  for (const [d, slot] of found) if (slot) out[d] = slot;
  return out;
}

/**
 * The text without its qualifier words, what it measures (实际完成招生 → 招生, 省级专业教学资源库数 →
 * 专业教学资源库数). The slots say the rest; matching compares them apart.
 */
export function withoutSlotWords(text: string): string {
  const { re } = zhForms();
  re.lastIndex = 0;
  return text.replace(re, "");
}

/** The value a dimension has when a text sets none (plan → 实际), or undefined. */
export function impliedValue(dimension: Dimension): string | undefined {
  return DIMENSIONS.find((d) => d.dimension === dimension)?.implied;
}

/** How a value is written in Chinese: its first form when that is a plain word, else the value itself. */
export function spelling(v: QualifierValue): string {
  return v.written ?? (/^[\u4e00-\u9fff]+$/.test(v.zh[0] ?? "") ? v.zh[0]! : v.value);
}

let latinRules: [RegExp, string][] | null = null;

/**
 * Rewrites English and pinyin qualifier phrases to their Chinese word ("private schools" → "民办 schools",
 * "minban" → "民办"), so a question in any of them sets the same slots.
 */
export function latinQualifiersToChinese(text: string): string {
  if (!/[A-Za-z]/.test(text)) return text;
  latinRules ??= DIMENSIONS.flatMap((d) =>
    d.values.flatMap((v): [RegExp, string][] => [
      ...(v.en ?? []).map((src): [RegExp, string] => [new RegExp(`\\b(?:${src})\\b`, "gi"), ` ${spelling(v)} `]),
      ...(v.pinyin ?? []).map((src): [RegExp, string] => [new RegExp(`\\b${src}\\b`, "gi"), ` ${spelling(v)} `]),
    ]),
  );
  let out = text;
  for (const [re, zh] of latinRules) out = out.replace(re, zh);
  return out;
}
