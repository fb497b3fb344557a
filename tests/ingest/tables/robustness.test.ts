/**
 * extractTables never throws: garbage, empty input, truncated tables and shuffled report lines
 * all come back as (possibly empty) results, with warnings that name the line.
 */
import { describe, expect, it } from "vitest";
import { extractTables, tableFacts } from "../../../src/ingest/tables/index.js";
import { corpusLines, REPORTS } from "./helpers.js";

function run(lines: string[]) {
  const res = extractTables(lines, "bad.txt");
  const facts = res.tables.flatMap((t) => tableFacts(t, "E", 2024));
  return { ...res, facts };
}

/** A small deterministic generator, so a failure can be replayed. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe("extractTables on bad input", () => {
  it.each<[string, string[]]>([
    ["no lines", []],
    ["one empty line", [""]],
    ["only tabs", ["\t", "\t\t", "\t", " \t"]],
    ["a title and nothing else", ["表1 人才培养质量计分卡"]],
    ["a title followed by text", ["表1 人才培养质量计分卡", "这不是表格。"]],
    ["a header with no rows", ["表1 人才培养质量计分卡", "\t序号", "\t指标", "\t单位", "\t2023年", "\t2024年"]],
    ["a header with one short row", ["表1 人才培养质量计分卡", "\t序号", "\t指标", "\t单位", "\t2023年", "\t2024年", "", "\t1", "\t毕业生人数"]],
    ["a tab row alone", ["序号\t指标"]],
    ["unclosed markup", ["\t[bookmark: _Toc1", "\t[image: a[b", "\t<sup>[1]", "表1 [footnoteRef:1] [1: x"]],
    ["binary noise", ["\u0000\u0001\u0002\t\uffff", "\ud800\t\udfff", "表\t1\t\t\t"]],
    ["a very long line", [`\t${"数".repeat(200000)}`, `表2 ${"\t1".repeat(5000)}`]],
  ])("%s", (_name, lines) => {
    expect(() => run(lines)).not.toThrow();
    const res = run(lines);
    for (const w of res.warnings) expect(w.report).toBe("bad.txt");
  });

  it("warns, naming the line, for a table with a header and no data", () => {
    const res = run(["表1 人才培养质量计分卡", "\t序号", "\t指标", "\t单位", "\t2023年", "\t2024年"]);
    expect(res.tables).toEqual([]);
    expect(res.warnings).toHaveLength(1);
    expect(res.warnings[0]).toMatchObject({ report: "bad.txt", line: 2 });
    expect(res.warnings[0].message).toContain("line 2");
  });

  it("keeps a truncated last row, padded with empty cells, and warns", () => {
    const res = run(["表1 人才培养质量计分卡", "\t序号", "\t指标", "\t单位", "\t2023年", "\t2024年", "", "\t1", "\t毕业生人数", "\t人", "\t10", "\t12", "", "\t2", "\t毕业去向落实人数"]);
    expect(res.tables).toHaveLength(1);
    expect(res.tables[0].rows.map((r) => r.cells.map((c) => c.text))).toEqual([
      ["1", "毕业生人数", "人", "10", "12"],
      ["2", "毕业去向落实人数", "", "", ""],
    ]);
    expect(res.warnings.map((w) => w.line)).toEqual([14]);
    expect(res.facts.filter((f) => f.line === 14).every((f) => f.value === null)).toBe(true);
  });

  it("accepts non-string lines and a non-array without throwing", () => {
    expect(() => extractTables([undefined, null, 42, "\t1"] as unknown as string[], "bad.txt")).not.toThrow();
    expect(extractTables("not an array" as unknown as string[], "bad.txt")).toEqual({ tables: [], skipped: [], warnings: [] });
  });

  it.each(Object.values(REPORTS))("survives shuffled and cut lines of %s", (report) => {
    const lines = corpusLines(report);
    const rand = rng(report.length * 7919);
    for (let round = 0; round < 20; round++) {
      const sample: string[] = [];
      const start = Math.floor(rand() * lines.length);
      for (let k = 0; k < 200; k++) {
        const line = lines[(start + (rand() < 0.8 ? k : Math.floor(rand() * lines.length))) % lines.length];
        sample.push(rand() < 0.1 ? line.slice(0, Math.floor(rand() * line.length)) : line);
      }
      expect(() => run(sample)).not.toThrow();
    }
  });
});
