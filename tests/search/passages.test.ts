import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadIndex } from "../../src/index/store.js";
import type { PassageIndex } from "../../src/search/passageIndex.js";
import { createPassageSearch, makeSnippet } from "../../src/search/passages.js";

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

describe("createPassageSearch reads only the best candidates", () => {
  const root = join(import.meta.dirname, "..", "..");
  const data = loadIndex(join(root, "index"));
  const queries = readFileSync(join(root, "bench", "judged-queries.jsonl"), "utf8")
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { query: string; report: string });
  // The same indexes, but every query answered in full: what search must return anyway.
  const full = (index: PassageIndex): PassageIndex => ({ refs: index.refs, query: (terms, opts) => index.query(terms, { ...opts, limit: undefined }) });
  const limited = createPassageSearch(data.passageIndex, data.passages, data.vocab);
  const unlimited = createPassageSearch(() => full(data.passageIndex()), data.passages, data.vocab);

  it.each([
    ["no filter", {}],
    ["cases only", { casesOnly: true }],
    ["cases preferred, 3 hits", { preferCases: true, limit: 3 }],
    ["20 hits", { limit: 20 }],
  ])("gives the hits a full ranking gives, for every judged query (%s)", (_, opts) => {
    for (const { query, report } of queries) {
      expect(limited.search(query, opts), query).toEqual(unlimited.search(query, opts));
      expect(limited.search(query, { ...opts, reports: [report] }), query).toEqual(unlimited.search(query, { ...opts, reports: [report] }));
    }
  });

  it("a word in most passages still finds its best passages in a report", () => {
    const hits = limited.search("学校 学生 教师", { limit: 5 });
    expect(hits).toHaveLength(5);
    expect(hits).toEqual(unlimited.search("学校 学生 教师", { limit: 5 }));
  });
});
