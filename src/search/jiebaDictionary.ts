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

/** cppjieba cuts a sentence at these before segmenting it: no word spans them. */
const SENTENCE_BREAKS = /[ \t\n\r，。]+/;

/**
 * Returns the dictionary text (cppjieba's `word freq tag` lines) to load for segmenting `texts`.
 * @example trimDictionary(fullDictText, ["遂宁市职业技术学校"]) // the ~40 lines whose words occur in it, + fillers
 */
export function trimDictionary(dictText: string, texts: Iterable<string>): string {
  const runs = new Set<string>();
  for (const text of texts) for (const run of text.split(SENTENCE_BREAKS)) if (run) runs.add(run);
  // Characters and pairs that occur, as numbers: no string is made for most dictionary lines.
  const chars = new Uint8Array(65536);
  const pairs = new Set<number>();
  for (const run of runs) {
    for (let i = 0; i < run.length; i++) {
      chars[run.charCodeAt(i)] = 1;
      if (i + 1 < run.length) pairs.add(run.charCodeAt(i) * 65536 + run.charCodeAt(i + 1));
    }
  }

  const { starts, ends, eols, freqs, count, byTrigram, total, minFreq, medianFreq } = parsedDictionary(dictText);
  // Words of one or two UTF-16 units are decided at once, longer ones looked up by the runs' trigrams.
  const keep = new Uint8Array(count);
  for (let n = 0; n < count; n++) {
    const length = ends[n]! - starts[n]!;
    if (length > 2) continue;
    const first = dictText.charCodeAt(starts[n]!);
    if (chars[first] === 1 && (length === 1 || pairs.has(first * 65536 + dictText.charCodeAt(starts[n]! + 1)))) keep[n] = 1;
  }
  for (const run of runs) {
    for (let i = 0; i + 3 <= run.length; i++) {
      const waiting = byTrigram.get(trigram(run, i));
      if (!waiting) continue;
      for (const n of waiting) if (!keep[n] && run.startsWith(dictText.slice(starts[n], ends[n]), i)) keep[n] = 1;
    }
  }

  const kept: { freq: number; line: string }[] = [];
  for (let n = 0; n < count; n++) if (keep[n]) kept.push({ freq: freqs[n], line: dictText.slice(starts[n], eols[n]) });

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

  const out = kept.map((l) => l.line);
  const words = fillerWords(fillers.length + 1, runs);
  fillers.forEach((f, i) => out.push(`${words[i]} ${f} x`));
  out.push(`${words[fillers.length]} ${mass} x`);
  return `${out.join("\n")}\n`;
}

const trigram = (s: string, i: number) => s.charCodeAt(i) * 4294967296 + s.charCodeAt(i + 1) * 65536 + s.charCodeAt(i + 2);

/** A dictionary's lines as offsets, their frequencies, its three numbers, and its longer words by their first three units. */
interface ParsedDictionary {
  starts: Int32Array;
  /** Where each line's word ends. */
  ends: Int32Array;
  eols: Int32Array;
  freqs: Float64Array;
  count: number;
  byTrigram: Map<number, number[]>;
  total: number;
  minFreq: number;
  medianFreq: number;
}

/** The last dictionary parsed: a build trims the same one for every report it reads. */
let lastParsed: { text: string; parsed: ParsedDictionary } | null = null;

/** One pass over the dictionary (kept for the next call with the same text: parsing is most of a trim). */
function parsedDictionary(dictText: string): ParsedDictionary {
  if (lastParsed?.text === dictText) return lastParsed.parsed;
  let capacity = 1;
  for (let i = dictText.indexOf("\n"); i >= 0; i = dictText.indexOf("\n", i + 1)) capacity++;
  const starts = new Int32Array(capacity);
  const ends = new Int32Array(capacity);
  const eols = new Int32Array(capacity);
  const freqs = new Float64Array(capacity);
  let count = 0;
  const byTrigram = new Map<number, number[]>();
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
      const n = count++;
      starts[n] = pos;
      ends[n] = space;
      eols[n] = eol;
      freqs[n] = freq;
      if (space - pos >= 3) {
        const key = trigram(dictText, pos);
        const waiting = byTrigram.get(key);
        if (waiting) waiting.push(n);
        else byTrigram.set(key, [n]);
      }
    }
    pos = eol + 1;
  }
  if (!count) throw new Error("empty jieba dictionary");
  const sorted = freqs.slice(0, count).sort();
  let total = 0;
  for (const f of sorted) total += f;
  const parsed = { starts, ends, eols, freqs, count, byTrigram, total, minFreq: sorted[0]!, medianFreq: sorted[Math.floor(count / 2)]! };
  lastParsed = { text: dictText, parsed };
  return parsed;
}

/** `count` distinct words of private-use code points (planes 15–16), made of characters no run contains. */
function fillerWords(count: number, runs: Iterable<string>): string[] {
  const used = new Set<number>();
  for (const run of runs) for (const m of run.matchAll(/[\u{f0000}-\u{10ffff}]/gu)) used.add(m[0].codePointAt(0)!);
  const free: number[] = [];
  for (let c = 0xf0000; c <= 0x10fffd && free.length < 4096; c++) if (!used.has(c)) free.push(c);
  return Array.from({ length: count }, (_, i) => String.fromCodePoint(free[i % free.length], free[Math.floor(i / free.length)]));
}
