import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEngine } from "../../src/answer/engine.js";
import type { Engine } from "../../src/types.js";

// A district's report whose tables list its schools row by row (tests/fixtures/reports/linwei-2023.txt).
let engine: Engine;
let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "zhibao-subject-"));
  mkdirSync(join(dir, "corpus"));
  copyFileSync(join(import.meta.dirname, "..", "fixtures", "reports", "linwei-2023.txt"), join(dir, "corpus", "linwei-2023.txt"));
  engine = await createEngine({ corpusDir: join(dir, "corpus"), indexDir: join(dir, "index") });
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("a school's own row in its region's table", () => {
  it.each([
    ["渭南工业技工学校在校生数", 1420],
    ["临渭区职业教育中心 在校生数", 2860],
    ["渭南华山职业中专 招生数", 344],
  ])("%s → %d, cited as a table", (q, value) => {
    const a = engine.ask(q);
    expect(a.facts.map((f) => f.value)).toEqual([value]);
    expect(a.facts[0]?.source).toBe("table");
    expect(a.reply).not.toMatch(/单独的数字/);
  });

  it("a measure the school's rows lack is still not the region's figure for it", () => {
    const a = engine.ask("渭南工业技工学校 毕业生去向落实人数");
    expect(a.facts).toEqual([]);
    expect(a.reply).toMatch(/没有「渭南工业技工学校」单独的数字/);
  });
});
