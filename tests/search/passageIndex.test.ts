import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import type lunr from "lunr";
import { describe, expect, it } from "vitest";
import { buildIndex } from "../../src/index/build.js";
import { decodePassageIndex, encodePassageIndex, kthLargest, openPassageIndex, packPassageIndex, type SavedLunrIndex } from "../../src/search/passageIndex.js";
import { buildPassageIndex, passageVocabulary, savedPassageIndex, segmentPassages } from "../../src/search/passages.js";
import { segmentQuery } from "../../src/search/tokenize.js";

const require = createRequire(import.meta.url);
const root = join(import.meta.dirname, "..", "..");
const built = buildIndex(join(root, "corpus"));
// A lunr index over the corpus's passages, serialised by lunr, for lunr's own query to answer.
const tokens = segmentPassages(built.passages, []);
const lunrIndex = buildPassageIndex(tokens);
const lunrJson = lunrIndex.toJSON() as unknown as SavedLunrIndex;
const saved = () => lunrJson;
const vocab = new Set(Object.keys(JSON.parse(readFileSync(join(root, "index", "vocab.json"), "utf8"))));
const queries = readFileSync(join(root, "bench", "judged-queries.jsonl"), "utf8")
  .split("\n")
  .filter(Boolean)
  .map((l) => (JSON.parse(l) as { query: string }).query);
const boost = (t: string) => 1 + 0.5 * Math.max(0, [...t].length - 2);

describe("packed passage indexes score as lunr does", () => {
  it("every judged query, saved and read back: the same passages, scores and matched terms", () => {
    const json = saved();
    const ours = openPassageIndex(decodePassageIndex(encodePassageIndex(packPassageIndex(json))));
    const theirs = (require("lunr") as typeof lunr).Index.load(json);
    for (const query of queries) {
      // Plus a word the index lacks, and one asked twice: lunr ignores the first and adds the boosts of the second.
      const tokens = segmentQuery(query, vocab);
      const terms = [...tokens, "不在索引里的词", ...tokens.slice(0, 1)];
      const got = ours.query(terms.map((term) => ({ term, boost: boost(term) })));
      const want = theirs.query((q) => {
        for (const t of terms) q.term(t, { boost: boost(t), usePipeline: false });
      });
      expect(got.length, query).toBe(want.length);
      const wanted = new Map(want.map((r) => [r.ref, r]));
      for (const [i, r] of got.entries()) {
        const w = wanted.get(r.ref)!;
        expect(w, `${query}: ${r.ref}`).toBeDefined();
        expect(r.score).toBeCloseTo(w.score, 9);
        expect([...r.terms].sort()).toEqual(Object.keys(w.matchData.metadata).sort());
        // Same order, up to passages whose scores differ only in the last bits of a double.
        expect(Math.abs(r.score - want[i]!.score)).toBeLessThan(1e-9);
      }
    }
  });

  it("finds nothing for no terms or only unknown ones", () => {
    const ours = openPassageIndex(packPassageIndex(saved()));
    expect(ours.query([])).toEqual([]);
    expect(ours.query([{ term: "不在索引里的词", boost: 1 }])).toEqual([]);
    expect(ours.query([{ term: "宿舍", boost: 1 }]).length).toBeGreaterThan(0);
  });
});

describe("savedPassageIndex: lunr's saved index without lunr", () => {
  it("the same field vectors (weights to the bit), term numbers and vocabulary as lunr's Builder over every passage of the corpus", () => {
    const ours = savedPassageIndex(tokens);
    expect(ours.saved.fieldVectors).toEqual(lunrJson.fieldVectors);
    expect(ours.saved.invertedIndex).toEqual(lunrJson.invertedIndex.map(([term, p]) => [term, { _index: p._index }]));
    expect(JSON.stringify(ours.vocabulary)).toBe(JSON.stringify(passageVocabulary(lunrIndex)));
    // Boosts other than the defaults, and upper-case tokens (lunr lower-cases them).
    const few = [
      { id: "a:p:1", title: ["Case", "宿舍"], section: [], body: ["宿舍", "宿舍", "楼"] },
      { id: "a:p:2", title: [], section: ["宿舍"], body: ["CASE", "食堂"] },
    ];
    const boosts = { title: 3, section: 2, body: 0.5 };
    const lunrFew = buildPassageIndex(few, boosts);
    expect(savedPassageIndex(few, boosts).saved).toEqual(
      JSON.parse(
        JSON.stringify({ fieldVectors: lunrFew.toJSON().fieldVectors, invertedIndex: (lunrFew.toJSON() as unknown as SavedLunrIndex).invertedIndex.map(([t, p]) => [t, { _index: p._index }]) }),
      ),
    );
  });
});

describe("decodePassageIndex", () => {
  const bytes = encodePassageIndex(packPassageIndex(saved()));
  it("reads back exactly what was packed", () => {
    expect(decodePassageIndex(bytes)).toEqual(packPassageIndex(saved()));
  });
  it("refuses a truncated file and a file of another kind", () => {
    expect(() => decodePassageIndex(bytes.subarray(0, bytes.length - 4))).toThrow(/truncated or damaged/);
    const other = Buffer.from(bytes);
    other.write("xxxxxx", 14, "utf8");
    expect(() => decodePassageIndex(other)).toThrow(/not a zhibao passage index/);
  });
});

describe("kthLargest", () => {
  it("is the k-th value of the descending order, ties included", () => {
    const values = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5];
    const desc = [...values].sort((a, b) => b - a);
    for (let k = 1; k <= values.length; k++) expect(kthLargest(Float64Array.from(values), k)).toBe(desc[k - 1]);
    expect(kthLargest(Float64Array.from([7, 7, 7]), 2)).toBe(7);
  });
});
