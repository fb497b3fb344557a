import { createRequire } from "node:module";
import { PLACE_PINYIN } from "./placePinyin.js";

/**
 * Latin-script names: pinyin derived from Chinese names (pinyin-pro, loaded on first use: it
 * costs ~150 ms; gazetteer names are precomputed in placePinyin.ts), and the folding that lets
 * "Lǚliáng", "LVLIANG" and "lu liang" meet.
 */

type PinyinFn = (text: string, options: Record<string, unknown>) => string | string[];
const require = createRequire(import.meta.url);
let pinyinFn: PinyinFn | null = null;

function py(): PinyinFn {
  if (!pinyinFn) pinyinFn = (require("pinyin-pro") as { pinyin: PinyinFn }).pinyin;
  return pinyinFn;
}

const TONE_FOLD: Record<string, string> = {};
for (const [base, marked] of [
  ["a", "āáǎà"],
  ["e", "ēéěè"],
  ["i", "īíǐì"],
  ["o", "ōóǒò"],
  ["u", "ūúǔù"],
  ["ü", "ǖǘǚǜ"],
] as const) {
  for (const ch of marked) TONE_FOLD[ch] = base;
}

/**
 * Lower-cases and folds tone marks (ā → a, ǚ → ü), one character for one character, so spans
 * stay aligned with the input.
 * @example foldLatin("Lǚliáng") // "lüliang"
 */
export function foldLatin(s: string): string {
  let out = "";
  for (const ch of s) {
    const lower = ch.toLowerCase();
    const c = lower.length === ch.length ? lower : ch;
    out += TONE_FOLD[c] ?? c;
  }
  return out;
}

/**
 * The comparison key of a Latin name: folded, letters only.
 * @example latinKey("Suining Vocational and Technical School") // "suiningvocationalandtechnicalschool"
 */
export function latinKey(s: string): string {
  return foldLatin(s).replace(/[^a-zü]/g, "");
}

let placePinyin: Map<string, string[]> | null = null;

/**
 * Pinyin syllables of a Chinese string, in context (乐山 → le shan, not yue shan); toneless, or
 * with tone numbers when `toned`. Gazetteer names come from placePinyin.ts (pinyin-pro's own
 * output, precomputed), so the Latin names of every place cost no pinyin-pro load at start-up.
 * @example syllables("吕梁") // ["lü", "liang"]; syllables("璧山", true) // ["bi4", "shan1"]
 */
export function syllables(cjk: string, toned = false): string[] {
  if (!toned) {
    placePinyin ??= new Map(
      PLACE_PINYIN.split("|").map((e) => {
        const [name, ...syl] = e.split(" ");
        return [name!, syl];
      }),
    );
    const known = placePinyin.get(cjk);
    if (known) return [...known];
  }
  return py()(cjk, { type: "array", toneType: toned ? "num" : "none" }) as string[];
}

const readingCache = new Map<string, string[]>();

/**
 * Every reading of one character with its tone number (乐 → le4, yue4, yao4, lao4), cached: the
 * first call for a character costs ~35 µs.
 */
export function readings(ch: string): string[] {
  let r = readingCache.get(ch);
  if (!r) {
    r = py()(ch, { type: "array", toneType: "num", multiple: true }) as string[];
    readingCache.set(ch, r);
  }
  return r;
}

/**
 * The ways a pinyin name is typed without tone marks: ü as ü, v, u or yu ("Lüliang", "Lvliang",
 * "Luliang", "Lyuliang"). Keys as `latinKey` makes them.
 * @example pinyinKeys("吕梁") // ["lüliang", "lvliang", "luliang", "lyuliang"]
 */
export function pinyinKeys(cjk: string): string[] {
  const joined = syllables(cjk).join("");
  if (!/[üv]/.test(joined) || /[^a-zü]/.test(joined.replace(/v/g, "ü"))) return [latinKey(joined)];
  const base = joined.replace(/v/g, "ü");
  return [...new Set(["ü", "v", "u", "yu"].map((r) => base.replace(/ü/g, r)))];
}

/** Damerau–Levenshtein distance (adjacent swaps count one), for checking fuzzy hits. */
export function editDistance(a: string, b: string): number {
  const d: number[][] = [];
  for (let i = 0; i <= a.length; i++) d.push([i]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[a.length]![b.length]!;
}
