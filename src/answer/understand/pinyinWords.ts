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
  const counts = new Map<string, Map<string, number>>();
  for (const label of new Set(labels)) {
    for (const run of label.match(/[\u4e00-\u9fff]+/g) ?? []) {
      const syl = syllables(run);
      if (syl.length !== [...run].length) continue;
      const chars = [...run];
      for (let i = 0; i < chars.length; i++) {
        for (let n = 2; n <= MAX_WORD && i + n <= chars.length; n++) {
          const word = chars.slice(i, i + n).join("");
          const key = syl
            .slice(i, i + n)
            .join("")
            .replace(/ü/g, "v");
          const byWord = counts.get(key) ?? new Map<string, number>();
          byWord.set(word, (byWord.get(word) ?? 0) + 1);
          counts.set(key, byWord);
        }
      }
    }
  }
  const best = new Map<string, string>();
  for (const [key, byWord] of counts) best.set(key, [...byWord].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]![0]);

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
