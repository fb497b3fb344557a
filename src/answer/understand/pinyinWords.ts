import { syllables } from "./latin.js";

/**
 * Indicator words typed in pinyin (`biyesheng renshu`, `zhijiao gaokao shengxue renshu`), read
 * back into the Chinese the catalogue prints. The vocabulary is the catalogue's own: every run of
 * 2–6 characters of its labels, keyed by its toneless pinyin. So a pinyin run can only become
 * words the reports use (renshu → 人数, never 认输), and no word list is written by hand.
 *
 * A run is read only when all of it splits into such words; anything else stays as typed (it is
 * English, or a name).
 */
export interface PinyinVocabulary {
  /** The Chinese for a run of Latin words, or null when the run is not all catalogue pinyin. */
  read(run: string): string | null;
}

/** The longest word the vocabulary keys, in characters. */
const MAX_WORD = 6;

/**
 * Builds the vocabulary from labels (the catalogue's leaves and table titles). Where two words
 * share a pinyin, the one used in more labels wins.
 */
export function pinyinVocabulary(labels: Iterable<string>): PinyinVocabulary {
  return vocabularyOf(pinyinWordList(labels));
}

/** The labels the vocabulary is made from: the catalogue's distinct row labels, then every table's title. */
export function pinyinLabels(catalog: readonly { leaf: string }[], tables: readonly { title?: string | null }[]): string[] {
  return [...new Set(catalog.map((e) => e.leaf)), ...tables.map((t) => t.title ?? "")];
}

/**
 * The vocabulary's words, [pinyin key, word], from labels: what pinyinVocabulary reads, and what a
 * database index keeps from its build (pinyin for thousands of labels costs ~0.5 s, too much for a first question).
 */
export function pinyinWordList(labels: Iterable<string>): [string, string][] {
  // Labels repeat their runs (毕业生 in hundreds of them): each distinct run is read into pinyin once.
  const runs = new Map<string, number>();
  for (const label of new Set(labels)) for (const run of label.match(/[\u4e00-\u9fff]+/g) ?? []) runs.set(run, (runs.get(run) ?? 0) + 1);
  const counts = new Map<string, Map<string, number>>();
  for (const [run, times] of runs) {
    const syl = syllables(run).map((x) => x.replace(/ü/g, "v"));
    const chars = [...run];
    if (syl.length !== chars.length) continue;
    for (let i = 0; i < chars.length; i++) {
      let word = chars[i]!;
      let key = syl[i]!;
      for (let n = 2; n <= MAX_WORD && i + n <= chars.length; n++) {
        word += chars[i + n - 1];
        key += syl[i + n - 1];
        let byWord = counts.get(key);
        if (!byWord) counts.set(key, (byWord = new Map()));
        byWord.set(word, (byWord.get(word) ?? 0) + times);
      }
    }
  }
  const best: [string, string][] = [];
  for (const [key, byWord] of counts) {
    let top = "";
    let most = 0;
    for (const [word, n] of byWord) if (n > most || (n === most && word.localeCompare(top) < 0)) [top, most] = [word, n];
    best.push([key, top]);
  }
  return best;
}

/** The vocabulary over its words ([pinyin key, word], from pinyinWordList). */
export function vocabularyOf(words: Iterable<[string, string]>): PinyinVocabulary {
  const best = new Map(words);
  return {
    read(run: string): string | null {
      const s = run
        .toLowerCase()
        .replace(/ü|u:/g, "v")
        .replace(/[^a-z]/g, "");
      if (s.length < 4) return null;
      // Fewest words covering the whole run (longer words are more likely meant).
      const bestAt: ({ words: string[] } | null)[] = new Array(s.length + 1).fill(null);
      bestAt[0] = { words: [] };
      for (let i = 0; i < s.length; i++) {
        if (!bestAt[i]) continue;
        for (let j = i + 2; j <= s.length; j++) {
          const word = best.get(s.slice(i, j));
          if (!word) continue;
          const next = [...bestAt[i]!.words, word];
          if (!bestAt[j] || next.length < bestAt[j]!.words.length) bestAt[j] = { words: next };
        }
      }
      return bestAt[s.length]?.words.join("") ?? null;
    },
  };
}

/**
 * Rewrites the pinyin in a question's indicator words to Chinese: each longest run of Latin words
 * (none of them an English word of `isEnglish`) that the vocabulary reads whole.
 *
 * @example pinyinToChinese("  biyesheng renshu", vocab, isEnglish) // "  毕业生人数"
 */
export function pinyinToChinese(text: string, vocab: PinyinVocabulary, isEnglish: (w: string) => boolean): string {
  return text.replace(/[A-Za-z]+(?:\s+[A-Za-z]+)*/g, (run) => {
    const words = run.split(/\s+/);
    const out: string[] = [];
    let i = 0;
    while (i < words.length) {
      let done = false;
      if (!isEnglish(words[i]!)) {
        for (let j = words.length; j > i; j--) {
          const span = words.slice(i, j);
          if (span.some(isEnglish)) continue;
          const zh = vocab.read(span.join(""));
          if (zh) {
            out.push(zh);
            i = j;
            done = true;
            break;
          }
        }
      }
      if (!done) out.push(words[i++]!);
    }
    return out.join(" ");
  });
}
