/**
 * Sentences of a paragraph, the parts of them that are names, the raw line an offset stands
 * on, and the year a figure is for.
 */

import type { Passage } from "../../types.js";
import type { YearMention } from "./numbers.js";

/** Years that are plans, not data (`拟于2025年9月投入使用`); `截至2023年底` is a date of the data. */
const FUTURE_BEFORE = /(?:拟于|拟|预计|计划于|计划|将于|力争|争取|(?<!截)到|(?<![截直])至)$/;

/** A year mention with what makes it unusable as a figure's year. */
export type YearInfo = YearMention & { future: boolean; date: boolean };

/** Every year a sentence names, flagged as a plan (`拟于2025年`) or a date (`2024年6月`). */
export function yearInfos(s: string, mentions: YearMention[]): YearInfo[] {
  return mentions.map((y) => ({
    ...y,
    future: FUTURE_BEFORE.test(s.slice(Math.max(0, y.start - 3), y.start)),
    date: /^\s*\d{1,2}\s*月/.test(s.slice(y.end, y.end + 4)),
  }));
}

/** A sentence of a paragraph and where it starts in the paragraph's text. */
export interface Sentence {
  start: number;
  text: string;
}

/** Splits a paragraph at 。！？ (a `；` does not end a sentence: a year before it still applies). */
export function sentences(text: string): Sentence[] {
  const out: Sentence[] = [];
  const re = /[^。！？!?]+[。！？!?]?/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) if (m[0].trim()) out.push({ start: m.index, text: m[0] });
  return out;
}

/** Ranges inside 《…》 and quotes: digits there are part of a name (`“1+X”`, `《…（2023—2025年）》`). */
export function maskedRanges(s: string): [number, number][] {
  const out: [number, number][] = [];
  const re = /《[^》]*》|“[^”]*”|"[^"]*"|＂[^”＂]*[”＂]|「[^」]*」/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s))) out.push([m.index, m.index + m[0].length]);
  return out;
}

/** The raw line a text offset stands on, for a paragraph joined across lines. */
export function lineAt(p: Passage, offset: number): number {
  let line = p.line;
  for (const [at, n] of p.lineStarts ?? []) if (at <= offset) line = n;
  return line;
}

/**
 * The year a figure is for: the nearest year named before it in its sentence, leaving out
 * comparison bases (`较2023年`), plans (`拟于2025年`) and dates of another clause group. A change
 * (`增加2431.11万元`) is for the later of the years before it. Else the report's default year.
 */
export function yearFor(years: YearInfo[], at: number, segmentStart: number, change: boolean, fallback: number | null): number | null {
  const usable = years.filter((y) => y.end <= at && !y.comparison && !y.future && !(y.date && y.start < segmentStart));
  if (!usable.length) return fallback;
  return change ? Math.max(...usable.map((y) => y.year)) : usable[usable.length - 1].year;
}
