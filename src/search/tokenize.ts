import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { trimDictionary } from "./jiebaDictionary.js";

/**
 * Chinese segmentation, behind one small interface.
 *
 * - Index time: nodejieba's cut-for-search (every dictionary word inside a longer word too:
 *   职业技术学校 → 职业, 技术, 学校, 技术学校, 职业技术学校), with the corpus's own domain terms
 *   and names added to its dictionary so 双师型, 产教融合 and 职普融通 stay whole.
 * - Query time: nothing to load. The question is segmented against the index's own vocabulary
 *   (every token the index holds), which is what cut-for-search produced for the corpus; a query
 *   token therefore always exists in the index, and start-up does not pay nodejieba's 2–3 s and
 *   ~240 MB dictionary load.
 */

/** Words that carry no meaning for search, in questions or in passages. */
export const STOP_WORDS = new Set(
  (
    "的 了 是 在 和 与 及 或 有 有的 也 都 就 而 并 等 对 把 被 从 为 以 之 其 该 这 那 这个 那个 这些 那些 一个 " +
    "吗 呢 吧 啊 呀 么 嘛 哪 哪些 哪个 什么 怎么 怎样 如何 多少 几 几个 是否 是不是 请 请问 一下 关于 有关 方面 " +
    "我 我们 你 你们 他 他们 她 它 我想 想 知道 看看 看 查 查询 告诉 介绍 说说 讲讲 列出 显示 找 找到 " +
    "情况 怎么回事 回事 的事 事情 事 那件 件 个 里 中 上 下 年 年度 " +
    "a an the of in on at to for and or is are was were be what which how many much who whose where when why " +
    "about find show tell me please does do did with from by this that case cases report reports"
  ).split(/\s+/),
);

const require = createRequire(import.meta.url);
type Jieba = {
  DEFAULT_DICT: string;
  load(opts?: Record<string, unknown>): void;
  cutForSearch(s: string, hmm?: boolean): string[];
  insertWord(w: string, tag?: string): boolean;
};

/** What nodejieba was last loaded for: a segmenter for other texts must load it again. */
let loadedFor: symbol | null = null;

/** nodejieba's own dictionary, read once: a build trims it for every report it reads. */
let fullDictionary: string | null = null;

/**
 * Loads nodejieba for segmenting `texts` (and nothing else) with cut-for-search, `userWords`
 * (domain terms, entity and indicator names) kept whole. Only the dictionary words the texts
 * contain are loaded (see jiebaDictionary.ts: the segmentation is the full dictionary's, the load
 * a tenth of its time). The returned function segments one of those texts; it throws once a later
 * call has loaded nodejieba for other texts, and for a text it was not prepared for.
 *
 * @example const segment = prepareIndexSegmenter(["双师型教师比例"], ["双师型"]); segment("双师型教师比例") // ["双师型", "教师", "比例"]
 */
export function prepareIndexSegmenter(texts: Iterable<string>, userWords: Iterable<string>): (text: string) => string[] {
  const prepared = new Set(texts);
  const jieba = require("nodejieba") as Jieba;
  const dir = mkdtempSync(join(tmpdir(), "zhibao-jieba-"));
  try {
    const dict = join(dir, "dict.utf8");
    writeFileSync(dict, trimDictionary((fullDictionary ??= readFileSync(jieba.DEFAULT_DICT, "utf8")), prepared));
    // Keyword extraction is never used: its IDF table (260k lines) and stop words are replaced by
    // one line each (cppjieba asserts they are not empty).
    const placeholder = String.fromCodePoint(0xf0000);
    writeFileSync(join(dir, "idf.utf8"), `${placeholder} 1.0\n`);
    writeFileSync(join(dir, "stop.utf8"), `${placeholder}\n`);
    jieba.load({ dict, idfDict: join(dir, "idf.utf8"), stopWordDict: join(dir, "stop.utf8") });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  for (const w of userWords) if (w.length >= 2 && w.length <= 12 && /^[\u4e00-\u9fff“”A-Za-z0-9]+$/.test(w)) jieba.insertWord(w);
  const self = Symbol("segmenter");
  loadedFor = self;
  return (text) => {
    if (loadedFor !== self) throw new Error("nodejieba has since been loaded for other texts: prepare a new segmenter");
    if (!prepared.has(text)) throw new Error(`segmenter not prepared for this text: ${text.slice(0, 40)}`);
    return contentTokens(jieba.cutForSearch(text, true));
  };
}

const TOKEN_CHARS = /[\u4e00-\u9fffA-Za-z0-9]/;
const PLAIN_HAN = /^[\u4e00-\u9fff]+$/;

/** Normalises one token: lower-case Latin, full-width digits/letters to half-width. */
export function normalizeToken(t: string): string {
  return t.replace(/[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).toLowerCase();
}

/** True for a token worth indexing or querying: has a letter, digit or ideograph, and is not a stop word. */
export function isContentToken(t: string): boolean {
  return TOKEN_CHARS.test(t) && !STOP_WORDS.has(t);
}

/**
 * The content tokens of a segmentation, normalised; duplicates kept (they are term frequency).
 * @example contentTokens(["遂宁", "的", "学生", "，"]) // ["遂宁", "学生"]
 */
export function contentTokens(words: string[]): string[] {
  const out: string[] = [];
  for (const raw of words) {
    // Most tokens are plain ideographs: nothing to normalise or split.
    if (PLAIN_HAN.test(raw)) {
      if (!STOP_WORDS.has(raw)) out.push(raw);
      continue;
    }
    // Split where lunr's own tokenizer would, so token arrays and query words agree.
    for (const t of normalizeToken(raw).split(/[\s-]+/)) if (t && isContentToken(t)) out.push(t);
  }
  return out;
}

/** What the query segmenter asks of the index vocabulary. */
export interface QueryVocabulary {
  has(term: string): boolean;
  /**
   * The length of the longest vocabulary word starting with this character (0 for none). Optional:
   * without it every length up to the maximum is tried; with it, most positions of a query try one or two.
   */
  longestFrom?(char: string): number;
}

/**
 * Query-time segmentation against a vocabulary: every vocabulary word found inside a run of
 * ideographs (longest first, the way cut-for-search lists sub-words), and Latin/digit runs whole.
 * Single ideographs are kept only when no longer word covers them.
 *
 * @example segmentQuery("璧山宿舍案例", vocab) // ["璧山", "宿舍", "案例"]
 */
export function segmentQuery(
  text: string,
  vocab: QueryVocabulary,
  maxWordLength = 8,
  /** Called with each run of ideographs and which of its characters a word of two or more covers. */
  onRun?: (run: string, covered: Uint8Array) => void,
): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  const push = (t: string) => {
    if (!seen.has(t) && isContentToken(t)) {
      seen.add(t);
      out.push(t);
    }
  };
  for (const m of normalizeToken(text).matchAll(/[\u4e00-\u9fff]+|[a-z0-9]+(?:\.[0-9]+)?/g)) {
    const run = m[0];
    if (!/[\u4e00-\u9fff]/.test(run)) {
      push(run);
      continue;
    }
    const covered = new Uint8Array(run.length);
    for (let i = 0; i < run.length; i++) {
      const longest = vocab.longestFrom ? Math.min(maxWordLength, vocab.longestFrom(run[i]!)) : maxWordLength;
      for (let len = Math.min(longest, run.length - i); len >= 2; len--) {
        const w = run.slice(i, i + len);
        if (vocab.has(w)) {
          push(w);
          covered.fill(1, i, i + len);
        }
      }
    }
    for (let i = 0; i < run.length; i++) if (!covered[i] && vocab.has(run[i])) push(run[i]);
    onRun?.(run, covered);
  }
  return out;
}
