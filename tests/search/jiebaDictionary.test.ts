import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ingestCorpus } from "../../src/ingest/corpus.js";
import { trimDictionary } from "../../src/search/jiebaDictionary.js";

const require = createRequire(import.meta.url);
const jieba = require("nodejieba") as {
  DEFAULT_DICT: string;
  load(opts?: Record<string, unknown>): void;
  cutForSearch(s: string, hmm?: boolean): string[];
  insertWord(w: string): boolean;
};
const fullDict = readFileSync(jieba.DEFAULT_DICT, "utf8");
const corpusDir = join(import.meta.dirname, "..", "..", "corpus");
const dir = mkdtempSync(join(tmpdir(), "zhibao-dict-test-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Stats {
  sum: number;
  min: number;
  median: number;
}

/** The three numbers cppjieba derives from the whole dictionary (DictTrie::Init). */
function stats(dict: string): Stats {
  const freqs = dict
    .split("\n")
    .filter(Boolean)
    .map((l) => Number(l.split(" ")[1]));
  const sorted = Float64Array.from(freqs).sort();
  return { sum: freqs.reduce((s, f) => s + f, 0), min: sorted[0], median: sorted[Math.floor(sorted.length / 2)] };
}

function segmentAll(dict: string, texts: string[], userWords: string[]): string[][] {
  const path = join(dir, `dict-${Math.random().toString(36).slice(2)}.utf8`);
  writeFileSync(path, dict);
  jieba.load({ dict: path });
  for (const w of userWords) jieba.insertWord(w);
  return texts.map((t) => jieba.cutForSearch(t, true));
}

describe("trimDictionary", () => {
  const { reports } = ingestCorpus(corpusDir);
  const texts = reports.flatMap((r) => r.passages.flatMap((p) => [p.title, p.sectionPath.join(" "), p.text]));
  const trimmed = trimDictionary(fullDict, texts);

  it("keeps a small share of the dictionary for the corpus", () => {
    const lines = (d: string) => d.split("\n").filter(Boolean).length;
    expect(lines(trimmed)).toBeLessThan(lines(fullDict) / 10);
  });

  it.each([
    ["the whole corpus", texts],
    ["one sentence", ["遂宁市职业技术学校的学生，拾金不昧。"]],
    ["nothing", []],
  ])("keeps the sum, smallest and median frequency of the full dictionary (%s)", (_, someTexts) => {
    expect(stats(trimDictionary(fullDict, someTexts))).toEqual(stats(fullDict));
  });

  it("segments every passage, title and section of the corpus exactly as the full dictionary does", () => {
    // User words take the median weight, so they are part of what must not change.
    const userWords = ["双师型", "产教融合", "职普融通", ...reports.map((r) => r.meta.entity)];
    const expected = segmentAll(fullDict, texts, userWords);
    const actual = segmentAll(trimmed, texts, userWords);
    const differences = texts.flatMap((t, i) => (expected[i].join("/") === actual[i].join("/") ? [] : [{ text: t.slice(0, 60), expected: expected[i], actual: actual[i] }]));
    expect(differences).toEqual([]);
  }, 60_000);

  it("keeps words of more than four characters that occur, and drops those that do not", () => {
    const dict = "职业技术学校 100 n\n技术学校 50 n\n中华人民共和国 900 ns\n学校 400 n\n";
    const kept = trimDictionary(dict, ["遂宁市职业技术学校"]);
    expect(kept).toContain("职业技术学校 100 n");
    expect(kept).toContain("技术学校 50 n");
    expect(kept).toContain("学校 400 n");
    expect(kept).not.toContain("中华人民共和国");
  });
});
