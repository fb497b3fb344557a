import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ingestCorpus } from "../../src/ingest/corpus.js";

// Whole-corpus checks on what every answer cites: a fact's line must show its value.
const corpusDir = join(import.meta.dirname, "..", "..", "corpus");
const { reports, warnings } = ingestCorpus(corpusDir);
const lines = new Map(reports.map((r) => [r.meta.report, readFileSync(join(corpusDir, r.meta.report), "utf8").split("\n")]));
const squash = (s: string) => s.replace(/\[bookmark:[^\]]*\]/g, "").replace(/[\s\u3000]/g, "");

describe("the corpus as ingested", () => {
  it("reads every report, with its entity and years from the text", () => {
    expect(reports.map((r) => [r.meta.report, r.meta.entity, r.meta.reportYear, r.meta.latestDataYear])).toEqual([
      ["bishan-2024.txt", "璧山区", 2024, 2024],
      ["jiangmen-2024.txt", "江门市", 2024, 2024],
      ["leshan-2024.txt", "乐山市", 2024, 2024],
      ["lvliang-2023.txt", "吕梁市", 2023, 2022],
      ["suining-2024.txt", "遂宁市职业技术学校", 2024, 2024],
    ]);
    expect(warnings.filter((w) => w.message.startsWith("skipped"))).toEqual([]);
  });

  it("cites, for every fact, a raw line that shows its value as printed", () => {
    const bad: string[] = [];
    for (const r of reports) {
      for (const f of r.facts) {
        if (f.value === null && !f.raw) continue;
        // A number is checked as its digits; a text cell wrapped over lines, by its first line.
        const digits = f.raw.match(/\d+(?:\.\d+)?/)?.[0] ?? f.raw.split(" ")[0];
        const line = squash(lines.get(f.report)![f.line - 1] ?? "");
        if (!line.includes(squash(digits))) bad.push(`${f.report}:${f.line} ${f.indicator} = ${f.raw}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it("keeps a missing cell missing: never a 0 where the report prints '-', '——', '/' or nothing", () => {
    for (const r of reports) {
      for (const f of r.facts) {
        if (f.value === 0) expect(f.raw.replace(/\s/g, "")).toMatch(/^0(\.0+)?[^\d.]*$/);
        if (/^(-|—|——|\/|仅高职填报)?$/.test(f.raw.trim())) expect(f.value).toBeNull();
      }
    }
  });

  it("keeps both figures where a report states one twice (乐山 在校生 34800 and 31122)", () => {
    const leshan = reports.find((r) => r.meta.report === "leshan-2024.txt")!;
    const students = leshan.facts.filter((f) => f.year === 2024 && (f.value === 34800 || f.value === 31122) && f.source === "table");
    expect(students.map((f) => [f.table, f.value, f.line]).sort()).toEqual([
      ["全市中职学校规模一览表", 34800, 306],
      ["落实政策表", 31122, 1272],
    ]);
  });
});
