/**
 * One model of an indicator for a table row, a sentence's figure and a question: what is measured
 * (its words, matched by bigram in indicators.ts), the kind of figure its unit makes, and its
 * qualifier slots (src/text/vocabulary.ts). A figure answers a question only when every slot
 * agrees both ways; this module is that rule, and every answer path reaches it through
 * `matchIndicators`.
 */

import { impliedValue, readSlots, type Slot, type Slots } from "../text/qualifiers.js";
import { DIMENSIONS, type Dimension } from "../text/vocabulary.js";

/**
 * How a row's slot disagrees with the question's:
 * - `narrower`: the row sets a slot the question leaves open (省级数量 for 专业教学资源库数, 招生计划 for 招生人数);
 * - `different`: both set it, to different values (民办 against 公办, 各级各类学校 against 中职);
 * - `missing`: the question sets a slot the row leaves open (民办在校生 against the city's 在校生).
 */
export interface SlotConflict {
  kind: "narrower" | "different" | "missing";
  dimension: Dimension;
  asked?: Slot;
  printed?: Slot;
  /** The word to name in a reply: the question's for `missing`, the row's otherwise. */
  word: string;
}

/**
 * The qualifier slots of a row: from its label path, its table's title and its column, never from
 * the sentence around it. A title's time words (近两年…比较) describe its year columns, not a total.
 */
export function rowSlots(path: readonly string[], tableTitle: string, columnLabel: string): Slots {
  const own = readSlots([...path, columnLabel].join(" "));
  const { timeScope: _years, ...fromTitle } = readSlots(tableTitle);
  return { ...fromTitle, ...own };
}

/**
 * Every slot on which a row disagrees with a question. A slot neither sets is their implied value
 * on both sides (a plain 招生 is the actual intake); a slot the question sets to the implied value
 * agrees with a row that sets nothing.
 *
 * @example slotConflicts(readSlots("招生人数"), readSlots("招生计划")) // [{ kind: "different", dimension: "plan", … }]
 * @example slotConflicts(readSlots("民办在校生"), readSlots("在校生数")) // [{ kind: "missing", dimension: "ownership", word: "民办" }]
 */
export function slotConflicts(asked: Slots, printed: Slots): SlotConflict[] {
  const out: SlotConflict[] = [];
  for (const { dimension } of DIMENSIONS) {
    const a = asked[dimension];
    const p = printed[dimension];
    if (!a && !p) continue;
    const implied = impliedValue(dimension);
    const av = a?.value ?? implied;
    const pv = p?.value ?? implied;
    if (av === pv) continue;
    if (!a) out.push({ kind: implied ? "different" : "narrower", dimension, printed: p, word: p!.word });
    else if (!p) out.push({ kind: "missing", dimension, asked: a, word: a.word });
    else out.push({ kind: "different", dimension, asked: a, printed: p, word: p.word });
  }
  return out;
}

/** True when a conflict makes a row no reading of the question at all (it is not even a near miss to suggest). */
export function refuses(c: SlotConflict): boolean {
  return c.kind !== "missing";
}
