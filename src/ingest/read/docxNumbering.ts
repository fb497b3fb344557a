/**
 * Word's automatic numbering (word/numbering.xml): the `一、`, `（二）`, `1.1`, `①` a paragraph
 * shows but whose text does not hold, because Word draws it from the list definition. Chinese
 * reports number their headings this way, and the outline is read from those numbers, so the
 * label is put back in front of the text.
 */

/** One level of a list definition. */
interface Level {
  start: number;
  format: string;
  text: string;
  /** What follows the number: a tab, a space or nothing. */
  suffix: string;
  /** Legal numbering: every level shown in decimal (`1.1`, even under `一、`). */
  legal: boolean;
}

/** Everything numbering.xml says, in the form `label` needs it. */
export interface Numbering {
  /** numId → abstractNumId. */
  nums: Map<string, string>;
  /** numId → ilvl → start override. */
  overrides: Map<string, Map<number, number>>;
  /** abstractNumId → levels by ilvl. */
  lists: Map<string, Map<number, Level>>;
}

/** Counters of the lists met so far in one document. */
export type NumberingCounters = Map<string, number[]>;

/** The bits of the XML DOM this module reads. */
export interface XmlElement {
  localName: string | null;
  namespaceURI: string | null;
  getAttributeNS(ns: string, name: string): string | null;
  getAttribute(name: string): string | null;
}

const DIGITS = "〇一二三四五六七八九";
const STEMS = "甲乙丙丁戊己庚辛壬癸";
const CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳";
const PARENS = "⑴⑵⑶⑷⑸⑹⑺⑻⑼⑽⑾⑿⒀⒁⒂⒃⒄⒅⒆⒇";

/** `二十一` for 21, up to 99; larger numbers in digits. */
function chineseCount(n: number): string {
  if (n <= 0 || n >= 100) return String(n);
  if (n < 10) return DIGITS[n];
  const tens = Math.floor(n / 10);
  return `${tens === 1 ? "" : DIGITS[tens]}十${n % 10 === 0 ? "" : DIGITS[n % 10]}`;
}

function letters(n: number, upper: boolean): string {
  const ch = String.fromCharCode(((n - 1) % 26) + (upper ? 65 : 97));
  return ch.repeat(Math.floor((n - 1) / 26) + 1);
}

function roman(n: number): string {
  const table: [number, string][] = [
    [1000, "M"],
    [900, "CM"],
    [500, "D"],
    [400, "CD"],
    [100, "C"],
    [90, "XC"],
    [50, "L"],
    [40, "XL"],
    [10, "X"],
    [9, "IX"],
    [5, "V"],
    [4, "IV"],
    [1, "I"],
  ];
  let out = "";
  for (const [v, s] of table) while (n >= v) [out, n] = [out + s, n - v];
  return out;
}

/**
 * A counter in one of Word's number formats (`w:numFmt`).
 *
 * @example formatNumber(12, "chineseCounting") === "十二"
 */
export function formatNumber(n: number, format: string): string {
  switch (format) {
    case "chineseCounting":
    case "chineseCountingThousand":
    case "japaneseCounting":
    case "chineseLegalSimplified":
    case "taiwaneseCounting":
    case "taiwaneseCountingThousand":
      return chineseCount(n);
    case "ideographTraditional":
      return STEMS[(n - 1) % 10] ?? String(n);
    case "decimalEnclosedCircle":
    case "decimalEnclosedCircleChinese":
      return CIRCLED[n - 1] ?? String(n);
    case "decimalEnclosedParen":
      return PARENS[n - 1] ?? `(${n})`;
    case "decimalZero":
      return String(n).padStart(2, "0");
    case "decimalFullWidth":
    case "decimalFullWidth2":
      return String(n).replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));
    case "upperLetter":
      return letters(n, true);
    case "lowerLetter":
      return letters(n, false);
    case "upperRoman":
      return roman(n);
    case "lowerRoman":
      return roman(n).toLowerCase();
    case "none":
      return "";
    default:
      return String(n);
  }
}

/**
 * Reads numbering.xml, given its root and helpers over the DOM (the docx reader's own).
 */
export function readNumbering<E extends XmlElement>(root: E | null, children: (el: E, local?: string) => E[], val: (el: E | null) => string | null): Numbering | null {
  if (!root) return null;
  const child = (el: E, local: string) => children(el, local)[0] ?? null;
  const attr = (el: E, name: string) => el.getAttributeNS("http://schemas.openxmlformats.org/wordprocessingml/2006/main", name) || el.getAttribute(`w:${name}`);
  const numbering: Numbering = { nums: new Map(), overrides: new Map(), lists: new Map() };
  for (const a of children(root, "abstractNum")) {
    const id = attr(a, "abstractNumId");
    if (id === null) continue;
    const levels = new Map<number, Level>();
    for (const l of children(a, "lvl")) {
      const ilvl = Number(attr(l, "ilvl") ?? 0);
      levels.set(ilvl, {
        start: Number(val(child(l, "start")) ?? 1),
        format: val(child(l, "numFmt")) ?? "decimal",
        text: val(child(l, "lvlText")) ?? "",
        suffix: val(child(l, "suff")) ?? "tab",
        legal: child(l, "isLgl") !== null && val(child(l, "isLgl")) !== "0",
      });
    }
    numbering.lists.set(id, levels);
  }
  for (const n of children(root, "num")) {
    const id = attr(n, "numId");
    const abstract = val(child(n, "abstractNumId"));
    if (id === null || abstract === null) continue;
    numbering.nums.set(id, abstract);
    const over = new Map<number, number>();
    for (const o of children(n, "lvlOverride")) {
      const start = val(child(o, "startOverride"));
      if (start !== null) over.set(Number(attr(o, "ilvl") ?? 0), Number(start));
    }
    if (over.size) numbering.overrides.set(id, over);
  }
  return numbering;
}

/**
 * The label a numbered paragraph shows, counting it: `一、`, `（二）`, `1.2 `. Empty for numId 0
 * (numbering switched off), an unknown list, and bullets (they carry no number).
 */
export function label(numbering: Numbering | null, counters: NumberingCounters, numId: string, ilvl: number): string {
  if (!numbering || numId === "0") return "";
  const abstract = numbering.nums.get(numId);
  const levels = abstract === undefined ? undefined : numbering.lists.get(abstract);
  const level = levels?.get(ilvl);
  if (!abstract || !levels || !level || level.format === "bullet") return "";
  const key = abstract;
  let counts = counters.get(key);
  const override = numbering.overrides.get(numId);
  const firstOfNum = !counters.has(`num:${numId}`);
  counters.set(`num:${numId}`, []);
  if (!counts) {
    counts = [];
    counters.set(key, counts);
  }
  if (firstOfNum && override) for (const [l, start] of override) counts[l] = start - 1;
  counts[ilvl] = (counts[ilvl] ?? (levels.get(ilvl)?.start ?? 1) - 1) + 1;
  // A new item at one level starts every deeper level again.
  counts.length = ilvl + 1;
  const text = level.text.replace(/%(\d)/g, (_, d: string) => {
    const l = Number(d) - 1;
    const n = counts![l] ?? levels.get(l)?.start ?? 1;
    return formatNumber(n, level.legal ? "decimal" : (levels.get(l)?.format ?? "decimal"));
  });
  if (text === "" || level.suffix === "nothing" || /[、．）)】]$/.test(text)) return text;
  return `${text} `;
}
