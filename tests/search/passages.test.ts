import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import type lunr from "lunr";
import { describe, expect, it } from "vitest";
import { loadPassageIndex, makeSnippet } from "../../src/search/passages.js";
import { segmentQuery } from "../../src/search/tokenize.js";

const require = createRequire(import.meta.url);
const root = join(import.meta.dirname, "..", "..");
const lunrDir = join(root, "index", "lunr");
const vocab = new Set(Object.keys(JSON.parse(readFileSync(join(root, "index", "vocab.json"), "utf8"))));
const queries = readFileSync(join(root, "bench", "judged-queries.jsonl"), "utf8")
  .split("\n")
  .filter(Boolean)
  .map((l) => (JSON.parse(l) as { query: string }).query);

const run = (index: lunr.Index, terms: string[]) =>
  index.query((q) => {
    for (const t of terms) q.term(t, { boost: 1 + 0.5 * Math.max(0, [...t].length - 2), usePipeline: false });
  });

describe("loadPassageIndex (exact terms, no token set)", () => {
  it.each(readdirSync(lunrDir).filter((f) => f.endsWith(".json")))("ranks every judged query exactly as lunr's own Index.load does (%s)", (file) => {
    const json = JSON.parse(readFileSync(join(lunrDir, file), "utf8"));
    const ours = loadPassageIndex(json);
    const theirs = (require("lunr") as typeof lunr).Index.load(json);
    for (const query of queries) {
      // Terms the index lacks too (another report's words): both must ignore them.
      const terms = [...segmentQuery(query, vocab), "不在索引里的词"];
      const strip = (rs: lunr.Index.Result[]) => rs.map((r) => ({ ref: r.ref, score: r.score, terms: Object.keys(r.matchData.metadata).sort() }));
      expect(strip(run(ours, terms)), query).toEqual(strip(run(theirs, terms)));
    }
  });
});

describe("makeSnippet", () => {
  const long = `${"前言".repeat(100)}学生在宿舍楼里学习${"后记".repeat(100)}`;
  it("cuts about `width` characters around the matched terms, with … where it cuts", () => {
    const snippet = makeSnippet(long, ["宿舍楼"], 40);
    expect(snippet).toContain("宿舍楼");
    expect(snippet.startsWith("…") && snippet.endsWith("…")).toBe(true);
    expect([...snippet.replace(/…/g, "")].length).toBe(40);
  });
  it("counts characters outside the BMP as one and never splits them", () => {
    const text = `${"𠀀".repeat(100)}宿舍楼${"𠀀".repeat(100)}`;
    const snippet = makeSnippet(text, ["宿舍楼"], 21);
    expect(snippet).toContain("宿舍楼");
    expect([...snippet.replace(/…/g, "")].length).toBe(21);
    expect(snippet).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/);
  });
  it("returns short text whole, on one line", () => {
    expect(makeSnippet("第一段\n  第二段", ["第二段"])).toBe("第一段 第二段");
  });
});
