import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEngine } from "../../src/answer/engine.js";
import { DATABASE_DERIVED } from "../../src/answer/databaseBuild.js";
import { prepare } from "../../src/answer/state.js";
import { subjectRowMatches } from "../../src/answer/subjectRows.js";
import { buildSqliteIndex, openSqliteIndex } from "../../src/index/databaseStore.js";
import type { Engine } from "../../src/types.js";
import { watchCatalogReads } from "./catalogReads.js";

// A district's report whose tables list its schools row by row (tests/fixtures/reports/linwei-2023.txt).
let dir: string;
const engines = new Map<string, Engine>();
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "zhibao-subject-"));
  mkdirSync(join(dir, "corpus"));
  copyFileSync(join(import.meta.dirname, "..", "fixtures", "reports", "linwei-2023.txt"), join(dir, "corpus", "linwei-2023.txt"));
  for (const store of ["files", "sqlite"] as const) engines.set(store, await createEngine({ corpusDir: join(dir, "corpus"), indexDir: join(dir, `index-${store}`), store }));
}, 60_000);
afterAll(() => {
  for (const e of engines.values()) e.close?.();
  rmSync(dir, { recursive: true, force: true });
});

describe.each(["files", "sqlite"])("a school's own row in its region's table (%s store)", (store) => {
  it.each([
    ["渭南工业技工学校在校生数", 1420],
    ["临渭区职业教育中心 在校生数", 2860],
    ["渭南华山职业中专 招生数", 344],
  ])("%s → %d, cited as a table", (q, value) => {
    const a = engines.get(store)!.ask(q);
    expect(a.facts.map((f) => f.value)).toEqual([value]);
    expect(a.facts[0]?.source).toBe("table");
    expect(a.reply).not.toMatch(/单独的数字/);
  });

  it("a measure the school's rows lack is still not the region's figure for it", () => {
    const a = engines.get(store)!.ask("渭南工业技工学校 毕业生去向落实人数");
    expect(a.facts).toEqual([]);
    expect(a.reply).toMatch(/没有「渭南工业技工学校」单独的数字/);
  });
});

describe("a database store finds a school's rows from the stored row labels", () => {
  it("reads the entries of the rows naming the school, never a whole catalogue", () => {
    const path = join(dir, "labels.sqlite");
    buildSqliteIndex(join(dir, "corpus"), path, DATABASE_DERIVED);
    const view = openSqliteIndex(path);
    const state = prepare(view);
    const read = watchCatalogReads(state);
    // Named in no row of the report.
    const own = (subject: string, what: string) => subjectRowMatches(state, ["linwei-2023.txt"], subject, what).get("linwei-2023.txt") ?? [];
    expect(own("渭南市第二职业学校", "在校生数")).toEqual([]);
    // Rows name it: found through their stored labels (at 1,000 reports, building each catalogue that lists the school took seconds).
    expect(own("渭南工业技工学校", "在校生数").map((m) => m.entry.facts[0]?.value)).toEqual([1420]);
    expect(own("渭南工业技工学校", "专业数").map((m) => m.entry.facts[0]?.value)).toEqual([8]);
    expect(read).toEqual([]);
    view.close();
  });

  it("finds them in many regions' reports at once, each report's in its catalogue order", () => {
    const corpus = join(dir, "two-regions");
    mkdirSync(corpus);
    const text = readFileSync(join(dir, "corpus", "linwei-2023.txt"), "utf8");
    writeFileSync(join(corpus, "linwei-2023.txt"), text);
    // Another region's report listing the same schools (renamed, figures changed, so it is no copy).
    writeFileSync(join(corpus, "huazhou-2023.txt"), text.replace(/临渭区/g, "华州区").replace(/1420/g, "1421"));
    const path = join(dir, "two-regions.sqlite");
    buildSqliteIndex(corpus, path, DATABASE_DERIVED);
    const view = openSqliteIndex(path);
    const state = prepare(view);
    const test = (label: string) => label.includes("学校") || label.includes("中心");
    const reports = ["linwei-2023.txt", "huazhou-2023.txt"];
    const found = state.tableRowsLabelled(reports, test);
    expect([...found.keys()]).toEqual(reports);
    for (const r of reports) {
      const whole = state
        .catalogOf([r])
        .filter((e) => e.source === "table" && e.path.some(test))
        .map((e) => e.key);
      expect(
        found.get(r)!.map((e) => e.key),
        r,
      ).toEqual(whole);
    }
    const own = subjectRowMatches(state, reports, "渭南工业技工学校", "在校生数");
    expect(reports.map((r) => own.get(r)?.map((m) => m.entry.facts[0]?.value))).toEqual([[1420], [1421]]);
    view.close();
  });

  it("gives the rows the whole catalogue gives, in its order", () => {
    const view = openSqliteIndex(join(dir, "labels.sqlite"));
    const state = prepare(view);
    const test = (label: string) => label.includes("学校") || label.includes("中心");
    const fromLabels = (state.tableRowsLabelled(["linwei-2023.txt"], test).get("linwei-2023.txt") ?? []).map((e) => e.key);
    const whole = state
      .catalogOf(["linwei-2023.txt"])
      .filter((e) => e.source === "table" && e.path.some(test))
      .map((e) => e.key);
    expect(fromLabels.length).toBeGreaterThanOrEqual(6);
    expect(fromLabels).toEqual(whole);
    view.close();
  });
});
