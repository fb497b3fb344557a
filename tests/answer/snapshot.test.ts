import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEngine } from "../../src/answer/engine.js";
import { chartOf } from "../../src/chart/chartData.js";
import { answerGrid } from "../../src/export/answerGrid.js";
import { toCsv } from "../../src/export/csv.js";
import type { Engine } from "../../src/types.js";
import { tinyEngine } from "./tinyEngine.js";
import { YUNXI } from "./yunxi.js";

// A report's snapshot (issue 23): the key indicators of the national template the report prints, with the change
// from the year before where the same row prints it, every line cited; what it does not print is listed, never guessed.
let tiny: Engine;
let dispose = () => {};
let real: Engine;
let indexDir: string;
beforeAll(async () => {
  ({ engine: tiny, dispose } = await tinyEngine({ "yunxi-2024.txt": YUNXI }));
  indexDir = mkdtempSync(join(tmpdir(), "zhibao-snapshot-"));
  real = await createEngine({ corpusDir: join(import.meta.dirname, "..", "..", "corpus"), indexDir });
}, 60_000);
afterAll(() => {
  dispose();
  rmSync(indexDir, { recursive: true, force: true });
});

describe("a made-up report's snapshot", () => {
  it("lists what it prints for the year, each with its line, and the change where the row prints the year before", () => {
    const a = tiny.ask("云溪 2024 概况");
    expect(a.intent).toBe("snapshot");
    expect(a.facts.map((f) => [f.indicator, f.value, f.line])).toEqual([
      ["毕业生人数", 1332, 7],
      ["升学", 803, 3],
      ["月收入", 3300, 8],
      ["专任教师", 308, 3],
      ["在校生满意度", 92.1, 9],
    ]);
    expect(a.reply).toContain("• 毕业生人数：1332 人（较2023年 +132，+11%；2023年为 1200 人，第7行）");
    expect(a.reply).toContain("表1 人才培养质量计分卡 › 毕业生人数（yunxi-2024.txt 第7行）");
    // A rate changes by percentage points.
    expect(a.reply).toContain("+1.6个百分点");
  });

  it("never guesses: no 2023 专任教师 is printed, so no change is given for it (191 would be derived), and what is missing is 未报告", () => {
    const a = tiny.ask("云溪 2024 概况");
    expect(a.reply).toMatch(/• 专任教师：308 人\n/);
    expect(a.reply).not.toMatch(/191/);
    expect(a.changes.map((c) => c.indicator)).toEqual(["毕业生人数", "月收入", "在校生满意度"]);
    expect(a.reply).toMatch(/未报告：在校生数、招生人数、毕业生去向落实率、生师比、“双师型”教师比例、毕业生满意度$/m);
  });

  it("a plain question about one figure is no snapshot", () => {
    expect(tiny.ask("云溪 2024 毕业生人数").intent).toBe("figure");
  });

  it("exports with its changes (each naming its indicator), 未报告 and a source row", () => {
    const a = tiny.ask("云溪 2024 概况 导出CSV");
    expect(a.wants).toBe("export");
    expect(a.exportAs).toBe("csv");
    const csv = toCsv(answerGrid(a)!, { sourceRow: true });
    expect(csv).toContain("云溪市,2024,毕业生人数,1332,人,表1 人才培养质量计分卡 › 毕业生人数（yunxi-2024.txt 第7行）");
    expect(csv).toContain("变化（云溪市 月收入 2023→2024）：+200");
    expect(csv).toContain("未报告：");
    expect(csv).toContain("出处：云溪市 · yunxi-2024.txt");
  });
});

describe("a real report's snapshot", () => {
  it("遂宁 2024 概况: the school's key figures, 升学人数 803 from its 计分卡 with 2023's 765", () => {
    const a = real.ask("遂宁 2024 概况");
    expect(a.intent).toBe("snapshot");
    expect(a.reply).toContain("• 升学人数：803 人（较2023年 +38，+4.97%；2023年为 765 人，第1349行）");
    expect(a.facts.every((f) => f.report === "suining-2024.txt" && f.year === 2024)).toBe(true);
    // Every figure is on the line it cites.
    const lines = readFileSync(join(import.meta.dirname, "..", "..", "corpus", "suining-2024.txt"), "utf8").split("\n");
    for (const f of a.facts) expect(lines[f.line - 1]).toContain(f.raw);
  });

  it("Suining 2024 overview: the same figures, named in English with the printed labels beside them", () => {
    const zh = real.ask("遂宁 2024 概况");
    const en = real.ask("Suining 2024 overview");
    expect(en.facts.map((f) => f.line)).toEqual(zh.facts.map((f) => f.line));
    expect(en.reply).toMatch(/^Suining Vocational and Technical School 2024 overview/);
    expect(en.reply).toContain("• Graduates going on to further study (升学人数): 803 人 (vs 2023: +38, +4.97%; 2023: 765 人, line 1349)");
    expect(en.reply).toMatch(/^Not reported: /m);
  });

  it("a chart of a snapshot is refused with its reason: its figures have different units", () => {
    const a = real.ask("遂宁 2024 概况 画个图");
    expect(a.wants).toBe("chart");
    expect(chartOf(a)).toEqual({ ok: false, reason: "mixed-units" });
  });
});
