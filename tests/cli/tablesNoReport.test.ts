/**
 * Issue 25: a place with no report (成都) is said to have none by `zhibao tables` and the engine's
 * table lookup (which /table uses), never answered with another report's table (before:
 * `zhibao tables 成都 表1` printed 璧山's 表1). Runs the real CLI.
 */
import { spawnSync } from "node:child_process";
import { beforeAll, describe, expect, it } from "vitest";
import { createEngine } from "../../src/answer/engine.js";
import type { Engine } from "../../src/types.js";
import { ensureBuilt, ROOT } from "../bot/botProcess.js";

let engine: Engine;
beforeAll(async () => {
  ensureBuilt();
  engine = await createEngine({ rebuild: "never" });
}, 120_000);

const cli = (...args: string[]) => spawnSync(process.execPath, ["bin/zhibao.js", ...args], { cwd: ROOT, encoding: "utf8", timeout: 60_000 });

describe("zhibao tables for a place with no report", () => {
  it.each([[["tables", "成都", "表1"]], [["tables", "成都"]]])("%j says there is no report for 成都, exit 1", (args) => {
    const r = cli(...args);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/^no report for 成都; reports: .*suining-2024\.txt/);
  });

  it("a report that exists still prints its table", () => {
    const r = cli("tables", "遂宁", "计分卡");
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^表1 人才培养质量计分卡（suining-2024\.txt/);
  });

  it("the engine's table lookup (the bot's /table) gives no table for 成都, and still finds 遂宁's", () => {
    expect(engine.table("成都 表1")).toBeNull();
    expect(engine.table("表1", "成都")).toBeNull();
    expect(engine.table("遂宁 表1")?.report).toBe("suining-2024.txt");
  });
});
