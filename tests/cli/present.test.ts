import { mkdtempSync, readFileSync, rmSync, existsSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createEngine } from "../../src/answer/engine.js";
import { runAsk } from "../../src/cli/ask.js";
import { chatPresentation } from "../../src/cli/present.js";
import { runTables } from "../../src/cli/tables.js";
import type { Engine } from "../../src/types.js";

// The command line's charts and exports, run in process on the committed index.
let engine: Engine;
let dir: string;
let stdout: string;
let stderr: string;
beforeAll(async () => {
  engine = await createEngine({ rebuild: "never" });
  dir = mkdtempSync(join(tmpdir(), "zhibao-cli-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => {
  vi.restoreAllMocks();
  process.exitCode = undefined;
});
function capture(): void {
  stdout = "";
  stderr = "";
  vi.spyOn(process.stdout, "write").mockImplementation((s) => {
    stdout += String(s);
    return true;
  });
  vi.spyOn(process.stderr, "write").mockImplementation((s) => {
    stderr += String(s);
    return true;
  });
}

describe("zhibao ask --chart", () => {
  it("writes a PNG of a comparison and prints the answer", async () => {
    const file = join(dir, "jiangmen.png");
    capture();
    await runAsk("江门 月收入 2023 vs 2024", { chart: file });
    expect(stdout).toContain("3319");
    expect(stderr).toContain(`chart written to ${file}`);
    expect(readFileSync(file).subarray(1, 4).toString()).toBe("PNG");
    expect(process.exitCode).toBeUndefined();
  }, 30_000);

  it("writes the SVG when the file ends in .svg", async () => {
    const file = join(dir, "rank.svg");
    capture();
    await runAsk("哪个地区2024年升入本科人数最多", { chart: file });
    expect(readFileSync(file, "utf8")).toMatch(/<svg[\s\S]*乐山市[\s\S]*<\/svg>/);
  }, 30_000);

  it("says there is nothing to chart for one figure, writes nothing and exits 1", async () => {
    const file = join(dir, "one.png");
    capture();
    await runAsk("遂宁 2024 升学人数", { chart: file });
    expect(stdout).toContain("803");
    expect(stdout).toContain("画不了图表");
    expect(existsSync(file)).toBe(false);
    expect(process.exitCode).toBe(1);
  });

  it("画个图表 without --chart says how to get the chart", async () => {
    capture();
    await runAsk("江门 月收入 2023 vs 2024 画个图表", {});
    expect(stdout).toContain("--chart");
  });
});

describe("zhibao tables --csv / --xlsx", () => {
  it("--csv prints the table as CSV with a BOM and numeric cells", async () => {
    capture();
    await runTables("遂宁", "计分卡", { csv: true });
    expect(stdout.startsWith("\uFEFF序号,指标,单位,2023年,2024年\r\n")).toBe(true);
    expect(stdout).toContain(",其中：升学人数,人,765,803\r\n");
  });

  it("--xlsx FILE writes a workbook", async () => {
    const file = join(dir, "scorecard.xlsx");
    capture();
    await runTables("遂宁", "计分卡", { xlsx: file });
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    expect(book.worksheets[0]!.getRow(1).values).toEqual([undefined, "序号", "指标", "单位", "2023年", "2024年"]);
    expect(stderr).toContain(`written to ${file}`);
  });

  it("--csv without a table says which to name", async () => {
    capture();
    await runTables("遂宁", "", { csv: true });
    expect(stderr).toMatch(/name it/);
    expect(process.exitCode).toBe(2);
  });
});

describe("zhibao chat", () => {
  it("writes a chart or a workbook asked for in words to the temporary folder and names it", async () => {
    const out = mkdtempSync(join(dir, "chat-"));
    const chart = await chatPresentation(engine.ask("江门 月收入 2023 vs 2024 画个图表"), engine, out);
    const xlsx = await chatPresentation(engine.ask("遂宁 计分卡 导出Excel"), engine, out);
    expect(chart[0]).toMatch(/^图表：.*\.png$/);
    expect(xlsx[0]).toMatch(/^Excel 文件：.*遂宁市职业技术学校-表1-人才培养质量计分卡\.xlsx$/);
    expect(readdirSync(out)).toHaveLength(2);
  }, 30_000);
});
