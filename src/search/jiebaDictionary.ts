/**
 * A nodejieba dictionary cut down to the words some given texts contain, which segments those
 * texts exactly as the full dictionary does, and loads in a tenth of the time.
 *
 * Why it is exact (cppjieba's DictTrie, MPSegment, MixSegment, QuerySegment): a word takes part
 * in segmenting a text only if it occurs in that text. What every other word contributes is three
 * numbers: the sum of all frequencies (weights are log(freq / sum)), the smallest weight (given
 * to characters the dictionary lacks) and the median weight (given to user words). Filler entries
 * made of private-use characters, which no report contains, keep all three as they were.
 */

/** `count` words of private-use code points that none of the texts contains. */
function fillerWords(count: number, occurs: (word: string) => boolean): string[] {
  const words: string[] = [];
  for (let i = 0; words.length < count; i++) {
    const word = String.fromCodePoint(0xf0000 + (i % 0xfffd), 0xf0000 + Math.floor(i / 0xfffd));
    if (!occurs(word)) words.push(word);
  }
  return words;
}

/** Substrings up to this many UTF-16 units go in the lookup set; longer words are checked by their prefix, then by search. */
const PREFIX = 4;

interface Entry {
  freq: number;
  line: string;
}

/**
 * Returns the dictionary text (cppjieba's `word freq tag` lines) to load for segmenting `texts`.
 * @example trimDictionary(fullDictText, ["遂宁市职业技术学校"]) // the ~40 lines whose words occur in it, + fillers
 */
export function trimDictionary(dictText: string, texts: Iterable<string>): string {
  // cppjieba cuts a sentence at spaces, tabs, newlines, ， and 。 before segmenting it; no word spans them.
  const runs = new Set<string>();
  for (const text of texts) for (const run of text.split(/[ \t\n\r，。]+/)) if (run) runs.add(run);
  // Which characters and pairs occur (as numbers: no strings to make for most dictionary lines),
  // and which substrings of 3 and 4 UTF-16 units.
  const chars = new Uint8Array(65536);
  const pairs = new Set<number>();
  const grams = new Set<string>();
  for (const run of runs) {
    for (let i = 0; i < run.length; i++) {
      chars[run.charCodeAt(i)] = 1;
      if (i + 1 < run.length) pairs.add(run.charCodeAt(i) * 65536 + run.charCodeAt(i + 1));
      for (let end = i + 3; end <= run.length && end - i <= PREFIX; end++) grams.add(run.slice(i, end));
    }
  }
  const joined = [...runs].join("\n");
  const occurs = (word: string): boolean =>
    word.length <= PREFIX ? grams.has(word) : grams.has(word.slice(0, PREFIX)) && joined.includes(word);

  const kept: Entry[] = [];
  const freqs: number[] = [];
  for (let pos = 0; pos < dictText.length; ) {
    let eol = dictText.indexOf("\n", pos);
    if (eol < 0) eol = dictText.length;
    const space = dictText.indexOf(" ", pos);
    if (space > pos && space < eol) {
      // Frequencies are integers; reading their digits makes no string per line.
      let freq = 0;
      let i = space + 1;
      for (let c = dictText.charCodeAt(i); c >= 48 && c <= 57; c = dictText.charCodeAt(++i)) freq = freq * 10 + (c - 48);
      if (i < eol && dictText[i] !== " " && dictText[i] !== "\r") freq = Number.parseFloat(dictText.slice(space + 1, eol));
      freqs.push(freq);
      const length = space - pos;
      const first = dictText.charCodeAt(pos);
      const candidate = chars[first] === 1 && (length === 1 || pairs.has(first * 65536 + dictText.charCodeAt(pos + 1)));
      if (candidate && (length <= 2 || occurs(dictText.slice(pos, space)))) {
        kept.push({ freq, line: dictText.slice(pos, eol) });
      }
    }
    pos = eol + 1;
  }
  if (!freqs.length) throw new Error("empty jieba dictionary");
  const sorted = Float64Array.from(freqs).sort();
  const total = freqs.reduce((s, f) => s + f, 0);
  const minFreq = sorted[0];
  const medianFreq = sorted[Math.floor(sorted.length / 2)];

  // Fillers: one at the smallest frequency, one at the median, then as many just below or just
  // above the median as put it back in the middle (the entry at index floor(n / 2) of the
  // frequencies in ascending order), and last one carrying the frequency of every word left out.
  const fillers: number[] = [minFreq, medianFreq];
  let below = kept.filter((e) => e.freq < medianFreq).length + (minFreq < medianFreq ? 1 : 0);
  let atOrBelow = kept.filter((e) => e.freq <= medianFreq).length + 2;
  let size = kept.length + fillers.length + 1; // + the mass filler, above the median
  for (;;) {
    const mid = Math.floor(size / 2);
    if (mid < below) fillers.push(medianFreq + 1);
    else if (mid >= atOrBelow) {
      fillers.push(minFreq);
      below++;
      atOrBelow++;
    } else break;
    size++;
  }
  const mass = total - kept.reduce((s, e) => s + e.freq, 0) - fillers.reduce((s, f) => s + f, 0);
  if (!(mass > medianFreq)) return dictText; // too little left out to trim: the full dictionary, exact as ever

  const lines = kept.map((e) => e.line);
  const words = fillerWords(fillers.length + 1, occurs);
  fillers.forEach((f, i) => lines.push(`${words[i]} ${f} x`));
  lines.push(`${words[fillers.length]} ${mass} x`);
  return `${lines.join("\n")}\n`;
}
