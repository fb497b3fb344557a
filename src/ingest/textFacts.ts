/**
 * Figures that stand only in running text (`2022年，全市共7535名毕业生`, `生均拨款23207元`),
 * read as Facts so a question about them can be answered with a citation.
 *
 * Precision comes before recall: a wrong figure is the worst answer this product can give.
 * A number becomes a fact only when it has a unit (or is a ratio), is not an approximation or a
 * bound (`2500余人`, `超过90%`), is not a date, ordinal, code or range, and has a short label
 * read from the words right before it (./textFacts/labels.ts). Case studies are skipped: their
 * figures describe one school or event, and would be mistaken for the report's own.
 */

import type { Fact, Passage } from "../types.js";
import { SentenceReader, type TextFactMeta } from "./textFacts/sentenceReader.js";
import { sentences } from "./textFacts/sentences.js";

export type { TextFactMeta };

/**
 * Reads the figures of a report's running text as Facts (`source: "text"`, `table: null`).
 * Only paragraph passages outside case studies are read. `value` applies 万/亿 to counts
 * (`1.26万人` → 12600) and keeps money in its printed unit (`9448.26万元` → 9448.26, unit 万元);
 * `raw` is the figure as printed. `line` is the raw line that holds the digits.
 *
 * @example extractTextFacts(passages, { entity: "吕梁市", report: "lvliang-2023.txt", defaultYear: 2022 })
 *   // includes { indicator: "毕业生", value: 7535, unit: "人", year: 2022, line: 144, … }
 */
export function extractTextFacts(passages: Passage[], meta: TextFactMeta): Fact[] {
  const facts: Fact[] = [];
  const ids = new Set<string>();
  const cases = passages.filter((p) => p.kind === "case");
  for (const p of passages) {
    if (p.kind !== "paragraph") continue;
    if (cases.some((c) => p.line >= c.line && p.line <= c.endLine)) continue;
    try {
      for (const f of paragraphFacts(p, meta)) {
        if (ids.has(f.id)) continue;
        ids.add(f.id);
        facts.push(f);
      }
    } catch (err) {
      // A paragraph that cannot be read yields no figures; the others still do, and the index says so.
      meta.warn?.(p.line, `the figures of the paragraph at line ${p.line} could not be read (${(err as Error).message}); it is searched as text only`);
    }
  }
  return facts;
}

/** The figures of one paragraph, sentence by sentence. */
function paragraphFacts(p: Passage, meta: TextFactMeta): Fact[] {
  const out: Fact[] = [];
  let sceneBefore = "";
  for (const sent of sentences(p.text)) {
    out.push(...new SentenceReader(p, sent, sceneBefore, meta).read());
    sceneBefore = sent.text;
  }
  return out;
}
