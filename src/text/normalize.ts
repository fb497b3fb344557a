import { createRequire } from "node:module";
import { T2CN_CHARS } from "./t2cnChars.js";

/**
 * Question text normalisation that keeps character positions: traditional → simplified and
 * full-width → half-width both map one character to one character, so a span found in the
 * normalised question is the same span in what the user typed.
 */

type Convert = (s: string) => string;

const require = createRequire(import.meta.url);
let t2cn: Convert | null = null;

/** Builds the opencc-js converter on first use (about 20 ms): importing this module costs nothing. */
function converter(): Convert {
  if (!t2cn) {
    const opencc = require("opencc-js/t2cn") as { Converter(o: { from: string; to: string }): Convert };
    // "tw" also folds Taiwan variant characters (臺 → 台) before the traditional → simplified step.
    t2cn = opencc.Converter({ from: "tw", to: "cn" });
  }
  return t2cn;
}

/**
 * Characters opencc could change (see t2cnChars.ts). Most questions and names are simplified
 * already and contain none, so they never pay for building the converter (~60 ms).
 */
const MAY_CHANGE = new RegExp(`[${T2CN_CHARS}]`, "u");

/**
 * Traditional Chinese → simplified (opencc-js, built once, lazily). The result always has the
 * input's length: when a phrase rule would change the length, characters are converted one by one.
 * @example toSimplified("樂山市職業技術學校") // "乐山市职业技术学校"
 */
export function toSimplified(s: string): string {
  if (!/[\u3400-\u9fff\uf900-\ufaff]/.test(s) || !MAY_CHANGE.test(s)) return s;
  const c = converter();
  const out = c(s);
  if (out.length === s.length) return out;
  let chars = "";
  for (const ch of s) {
    const one = c(ch);
    chars += one.length === ch.length ? one : ch;
  }
  return chars;
}

// Full-width symbols worth folding: they carry no meaning of their own. CJK punctuation that does
// (：in "其中：", （）in "（学时）", 、，。？！) is kept as printed.
const FOLD_SYMBOLS = new Set("％＋－／～＜＞＝＆＃＠＿＇＂");

/**
 * Full-width digits, Latin letters, the ideographic space and a few symbols (％ ＋ － ／ ～ …) to
 * half-width; ． between digits becomes ".". Length-preserving. CJK punctuation such as ：（）、 is
 * left alone, because indicator names print it that way.
 * @example toHalfWidth("２０２４年Ｌｅｓｈａｎ") // "2024年Leshan"
 */
export function toHalfWidth(s: string): string {
  // Everything folded below lies in these ranges: most text has none of them.
  if (!/[\uff01-\uff5e\u3000\u00a0]/.test(s)) return s;
  let out = "";
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    const code = ch.charCodeAt(0);
    if ((code >= 0xff10 && code <= 0xff19) || (code >= 0xff21 && code <= 0xff3a) || (code >= 0xff41 && code <= 0xff5a) || FOLD_SYMBOLS.has(ch)) {
      out += String.fromCharCode(code - 0xfee0);
    } else if (code === 0x3000 || code === 0x00a0) {
      out += " ";
    } else if (ch === "．" && /[0-9０-９]/.test(s[i - 1] ?? "") && /[0-9０-９]/.test(s[i + 1] ?? "")) {
      out += ".";
    } else {
      out += ch;
    }
  }
  return out;
}

/**
 * Format characters that print as nothing (zero-width space and joiners, word joiner, soft hyphen,
 * Mongolian vowel separator, BOM, bidi marks): pasted from documents and web pages, they split a
 * year or a name in two. Removed before anything reads the question.
 */
// biome-ignore lint/suspicious/noMisleadingCharacterClass: the class lists combining and variation marks on purpose, to remove them.
const INVISIBLE = /[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0]/g;

/**
 * A typed question with invisible characters removed and runs of white space (any kind) made one space.
 * @example cleanTyped("遂宁 20\u200b24  升学人数 ") // "遂宁 2024 升学人数"
 */
export function cleanTyped(s: string): string {
  return s.replace(INVISIBLE, "").replace(/\s+/g, " ").trim();
}

/**
 * The form every understanding step reads: simplified, half-width, same length as the input.
 * @example normalizeQuestion("遂寧２０２４") // "遂宁2024"
 */
export function normalizeQuestion(s: string): string {
  return toHalfWidth(toSimplified(s));
}

// Politeness, fillers and requests that say nothing about what is asked. Longest first so that
// "请帮我查一下" goes as a whole rather than leaving "帮我查一下" behind.
const NOISE_PHRASES = [
  "请帮我查一下",
  "帮我查一下",
  "帮我看一下",
  "帮我查查",
  "帮忙查一下",
  "请告诉我",
  "告诉我一下",
  "告诉我",
  "我想知道",
  "我想了解",
  "我想问一下",
  "我想问",
  "想知道",
  "想问一下",
  "请问一下",
  "请问",
  "麻烦你",
  "麻烦",
  "谢谢你",
  "谢谢",
  "多谢",
  "你好",
  "您好",
  "查一下",
  "查查",
  "一下下",
];
const NOISE_RE = new RegExp(NOISE_PHRASES.join("|"), "g");
const ENGLISH_NOISE_RE = /\b(?:please|could you|can you|would you|tell me|i want to know|i'd like to know|thanks?(?: you)?|hi|hello)\b[,!]?/gi;

/**
 * Removes what carries no meaning for answering: polite phrases (请问, 帮我查一下, 谢谢, please),
 * a leading bot mention or /command, emoji, trailing particles (呢 吗 啊 呀 吧) and end
 * punctuation, then collapses spaces. Not length-preserving: use it for keyword extraction,
 * not for spans.
 * @example stripQuestionNoise("请问乐山2024年升学人数是多少呢？") // "乐山2024年升学人数是多少"
 */
export function stripQuestionNoise(s: string): string {
  let t = normalizeQuestion(s);
  t = t.replace(/^\s*(?:@\w+\s*|\/\w+(?:@\w+)?\s+)/, "");
  // biome-ignore lint/suspicious/noMisleadingCharacterClass: emoji joiners and variation selectors are listed on purpose, to remove them.
  t = t.replace(/[\u{1F000}-\u{1FAFF}\u{2600}-\u{27BF}\u{FE0F}\u{200D}]/gu, "");
  t = t.replace(NOISE_RE, " ").replace(ENGLISH_NOISE_RE, " ");
  t = t.replace(/[\s,，。.!！?？~～…]+$/u, "");
  t = t.replace(/(?:[呢吗嘛啊呀吧哈]+)$/u, "");
  t = t.replace(/^[\s,，。!！?？、:：]+/u, "");
  return t.replace(/\s+/g, " ").trim();
}
