/**
 * What a one-shot `zhibao ask` loads: only what answering needs. Charts, exports, the ingestion code
 * (readers, table parsing), pinyin-pro and the PDF, HTML and Word readers load when an answer or a
 * command needs them (issue 24). Checked on the module graph the process really loaded, not on time.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt, ROOT } from "../bot/botProcess.js";

/** A CLI run under the module hook: what it printed, and the modules it loaded, relative to the project (dist/…, node_modules/<package>/…). */
function runLogged(args: string[]): { stdout: string; modules: string[] } {
  const dir = mkdtempSync(join(tmpdir(), "zhibao-modules-"));
  const log = join(dir, "modules.txt");
  try {
    const r = spawnSync(process.execPath, ["--import", "./tests/fixtures/loadedModules.mjs", "bin/zhibao.js", ...args], {
      cwd: ROOT,
      encoding: "utf8",
      timeout: 60_000,
      env: { ...process.env, ZHIBAO_MODULE_LOG: log },
    });
    expect(r.status, r.stderr).toBe(0);
    return { stdout: r.stdout, modules: modulesIn(readFileSync(log, "utf8")) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function modulesIn(list: string): string[] {
  return list
    .split("\n")
    .filter((u) => u.startsWith("file://"))
    .map((u) => decodeURIComponent(u.replace(/^file:\/\//, "")).replace(`${ROOT}/`, ""));
}
const modulesOf = (args: string[]) => runLogged(args).modules;

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

  it("a plain `ask QUESTION` needs no option parser; with an option, commander parses it and the answer is the same", () => {
    const plain = runLogged(["ask", "遂宁", "2024", "升学人数"]);
    expect(plain.modules.filter((m) => m.includes("node_modules/commander/"))).toEqual([]);
    const json = runLogged(["ask", "--json", "遂宁 2024 升学人数"]);
    expect(json.modules.some((m) => m.includes("node_modules/commander/"))).toBe(true);
    expect(plain.stdout.trim()).toBe(JSON.parse(json.stdout).reply);
  });

  it("a question asking for a chart loads the chart's data code, still not its renderer", () => {
    const mods = modulesOf(["ask", "江门 月收入 2023 vs 2024 画个图表"]);
    expect(mods).toContain("dist/chart/chartData.js");
    expect(mods.filter((m) => m === "dist/chart/render.js" || /node_modules\/(vega|@resvg)/.test(m))).toEqual([]);
  });
});
