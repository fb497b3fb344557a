import { describe, expect, it, vi } from "vitest";

// Counts the cover texts made: a catalogue makes none until an entry's cover is read.
vi.mock("../../src/answer/coverage.js", async (importOriginal) => {
  const real = await importOriginal<typeof import("../../src/answer/coverage.js")>();
  return { ...real, coverTextOf: vi.fn(real.coverTextOf) };
});

const { coverTextOf } = await import("../../src/answer/coverage.js");
const { buildCatalog, matchIndicators } = await import("../../src/answer/indicators.js");
const { catalogFact } = await import("./catalogFacts.js");

describe("catalogue entries made lazily", () => {
  const facts = [
    catalogFact(["毕业生去向落实人数"], 1332, { table: "人才培养质量计分卡" }),
    catalogFact(["毕业生去向落实人数", "其中：升学人数"], 803, { table: "人才培养质量计分卡" }),
    catalogFact(["专任教师", "“双师型”教师比例"], 37.4, { table: "教学资源表", unit: "%" }),
  ];

  it("makes no cover text, slots or context grams until a question scores the row", () => {
    const made = vi.mocked(coverTextOf);
    made.mockClear();
    const catalog = buildCatalog(facts, []);
    // A one-shot question used to wait for these for every row of every report.
    expect(made).not.toHaveBeenCalled();
    const [top] = matchIndicators("升学人数", catalog);
    expect(top?.entry.indicator).toBe("毕业生去向落实人数 › 其中：升学人数");
    // Only rows sharing a bigram with the question were looked at: the 双师型 row never was.
    const calls = made.mock.calls.map(([text]) => text);
    expect(calls.some((t) => t.includes("双师型"))).toBe(false);
  });

  it("gives the values an eager build gave, once each", () => {
    const [e] = buildCatalog(facts.slice(1), []);
    expect(e!.cover).toBe(e!.cover);
    // Path, label, no table title (none given), no column words, the unit's measure words.
    expect(e!.cover.text).toBe("毕业生去向落实人数 升学人数 升学人数   人数 人次 名 ");
    expect(e!.contextGrams).toEqual(new Set(["毕业", "业生", "生去", "去向", "向落", "落实", "实人", "人数"]));
    expect(e!.slots).toEqual({});
    // JSON of an entry (the CLI's --json, logs) still shows every field.
    expect(JSON.parse(JSON.stringify(e)).cover.text).toBe(e!.cover.text);
  });
});
