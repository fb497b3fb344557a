/**
 * What a one-shot `zhibao ask` loads: only what answering needs. Charts, exports, the ingestion code
 * (readers, table parsing), pinyin-pro and the PDF, HTML and Word readers load when an answer or a
 * command needs them (issue 24). Checked on the module graph the process really loaded, not on time.
 */
import { spawnSync } from "node:child_process";
import { beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt, ROOT } from "../bot/botProcess.js";

/** The modules a CLI run loaded, relative to the project (dist/…, node_modules/<package>/…). */
function modulesOf(args: string[]): string[] {
  const r = spawnSync(process.execPath, ["--import", "./tests/fixtures/loadedModules.mjs", "bin/zhibao.js", ...args], { cwd: ROOT, encoding: "utf8", timeout: 60_000 });
  expect(r.status, r.stderr).toBe(0);
  const list = r.stderr.split("--- modules\n")[1] ?? "";
  return list
    .split("\n")
    .filter((u) => u.startsWith("file://"))
    .map((u) => decodeURIComponent(u.replace(/^file:\/\//, "")).replace(`${ROOT}/`, ""));
}

/** Packages only some answers or commands use. */
const ON_DEMAND_PACKAGES = ["pinyin-pro", "vega", "vega-lite", "@resvg", "exceljs", "pdfjs-dist", "parse5", "@xmldom", "fflate", "nodejieba", "lunr", "iconv-lite", "grammy", "better-sqlite3"];

beforeAll(() => ensureBuilt(), 120_000);

describe("a one-shot zhibao ask loads only what answering needs", () => {
  it("a figure question loads no chart, export or ingestion module and no on-demand package", () => {
    const mods = modulesOf(["ask", "遂宁 2024 升学人数"]);
    expect(mods.some((m) => m.startsWith("dist/answer/"))).toBe(true);
    expect(mods.filter((m) => m.startsWith("dist/chart/") || m.startsWith("dist/export/"))).toEqual([]);
    // The corpus folder's listing (files, manifest) tells whether the index is current; nothing that reads a report loads.
    expect(mods.filter((m) => m.startsWith("dist/ingest/") && !/^dist\/ingest\/(files|manifest)\.js$/.test(m))).toEqual([]);
    expect(mods.filter((m) => ON_DEMAND_PACKAGES.some((p) => m.includes(`node_modules/${p}/`)))).toEqual([]);
  });

  it("a question asking for a chart loads the chart's data code, still not its renderer", () => {
    const mods = modulesOf(["ask", "江门 月收入 2023 vs 2024 画个图表"]);
    expect(mods).toContain("dist/chart/chartData.js");
    expect(mods.filter((m) => m === "dist/chart/render.js" || /node_modules\/(vega|@resvg)/.test(m))).toEqual([]);
  });
});
