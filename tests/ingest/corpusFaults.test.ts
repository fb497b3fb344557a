/**
 * Issue 12 rows 1, 7, 15 and 16: corpus/ faults that used to stop every command or slip in wrong
 * figures. Each is built in a temporary corpus beside real reports: a dangling symbolic link, one
 * pointing outside corpus/, a file too big to be a report, a second copy of a report, and a copy
 * cut off inside a table.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync, mkdirSync, truncateSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ingestCorpus } from "../../src/ingest/corpus.js";
import { MAX_REPORT_BYTES, maxBytesFor, scanCorpus } from "../../src/ingest/files.js";
import { corpusFingerprint } from "../../src/index/store.js";

const corpus = join(import.meta.dirname, "..", "..", "corpus");
const JIANGMEN = readFileSync(join(corpus, "jiangmen-2024.txt"), "utf8");
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A temporary corpus with copies of real reports. */
function tempCorpus(...reports: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), "zhibao-faults-"));
  dirs.push(dir);
  for (const r of reports) cpSync(join(corpus, r), join(dir, r));
  cpSync(join(corpus, "manifest.json"), join(dir, "manifest.json"));
  return dir;
}

/** Jiangmen's 2024 升入本科人数 facts (the real value is 19, at line 450). */
const upgrades = (reports: ReturnType<typeof ingestCorpus>["reports"]) =>
  reports
    .flatMap((r) => r.facts)
    .filter((f) => f.entity === "江门市" && /升入本科人数$/.test(f.indicator) && f.year === 2024)
    .map((f) => f.value);

describe("symbolic links and odd entries (rows 1, 15)", () => {
  it("a dangling link and a link out of corpus/ are skipped with a warning each; the rest loads", () => {
    const dir = tempCorpus("bishan-2024.txt");
    symlinkSync(join(dir, "gone.txt"), join(dir, "dangling.txt"));
    const outside = mkdtempSync(join(tmpdir(), "zhibao-outside-"));
    dirs.push(outside);
    writeFileSync(join(outside, "secret.txt"), JIANGMEN);
    symlinkSync(join(outside, "secret.txt"), join(dir, "outside.txt"));
    mkdirSync(join(dir, "drafts"));
    // A link within corpus/ is an ordinary report.
    symlinkSync(join(dir, "bishan-2024.txt"), join(dir, "bishan-link.txt"));

    expect(() => corpusFingerprint(dir)).not.toThrow();
    const { files, skipped } = scanCorpus(dir);
    expect(files).toEqual(["bishan-2024.txt", "bishan-link.txt"]);
    expect(skipped.find((w) => w.report === "dangling.txt")?.message).toMatch(/symbolic link to a file that does not exist/);
    expect(skipped.find((w) => w.report === "outside.txt")?.message).toMatch(/outside corpus/);
    expect(skipped.some((w) => w.report === "drafts")).toBe(false);

    const { reports, warnings } = ingestCorpus(dir);
    expect(reports.map((r) => r.meta.entity)).toEqual(["璧山区"]);
    expect(reports.some((r) => r.meta.report === "outside.txt")).toBe(false);
    expect(
      warnings
        .filter((w) => /^skipped/.test(w.message))
        .map((w) => w.report)
        .sort(),
    ).toEqual(["bishan-link.txt", "dangling.txt", "outside.txt"]);
  });

  it("a file over the size limit is skipped with a warning, without being read (row 16)", () => {
    const dir = tempCorpus("bishan-2024.txt");
    writeFileSync(join(dir, "huge.txt"), "");
    truncateSync(join(dir, "huge.txt"), MAX_REPORT_BYTES + 1);
    const t0 = Date.now();
    const { reports, warnings } = ingestCorpus(dir);
    expect(Date.now() - t0).toBeLessThan(3000);
    expect(reports).toHaveLength(1);
    expect(warnings.find((w) => w.report === "huge.txt")?.message).toMatch(/skipped: .*MB/);
    // A PDF of that size is an ordinary illustrated report: not skipped for its size.
    expect(maxBytesFor("report.pdf")).toBeGreaterThan(MAX_REPORT_BYTES * 5);
  });
});

describe("duplicate and truncated reports (row 7)", () => {
  it("a byte-identical copy is loaded once, with a warning naming both files", () => {
    const dir = tempCorpus("jiangmen-2024.txt");
    writeFileSync(join(dir, "jiangmen-copy.txt"), JIANGMEN);
    const { reports, warnings } = ingestCorpus(dir);
    expect(reports.map((r) => r.meta.report)).toEqual(["jiangmen-2024.txt"]);
    const w = warnings.find((x) => x.report === "jiangmen-copy.txt");
    expect(w?.message).toMatch(/copy of jiangmen-2024\.txt \(the same text\)/);
  });

  it("a copy cut mid-table: the full report is kept, the cut one named; its half number never appears", () => {
    const dir = tempCorpus("jiangmen-2024.txt");
    const cutAt = JIANGMEN.indexOf("\t19\n", JIANGMEN.indexOf("升入本科人数")) + 2; // "…\t1"
    // Named to sort first, so it is the one met first.
    writeFileSync(join(dir, "a-jiangmen-2024.txt"), JIANGMEN.slice(0, cutAt));
    const { reports, warnings } = ingestCorpus(dir);
    expect(reports.map((r) => r.meta.report)).toEqual(["jiangmen-2024.txt"]);
    expect(
      warnings
        .filter((w) => w.report === "a-jiangmen-2024.txt")
        .map((w) => w.message)
        .join("\n"),
    ).toMatch(/copy of jiangmen-2024\.txt \(the same entity \(江门市\) and year \(2024\)\)/);
    expect(upgrades(reports)).toEqual([19]);
  });

  it("alone, a report cut mid-number warns with file and line and its cut row is no fact", () => {
    const dir = tempCorpus();
    const cutAt = JIANGMEN.indexOf("\t19\n", JIANGMEN.indexOf("升入本科人数")) + 2;
    writeFileSync(join(dir, "jiangmen-2024.txt"), JIANGMEN.slice(0, cutAt));
    const { reports, warnings } = ingestCorpus(dir);
    expect(upgrades(reports)).toEqual([]);
    const w = warnings.find((x) => /ends inside/.test(x.message));
    // The row starts at line 446 (its blank 序号 cell); 升入本科人数 is at 447.
    expect(w).toMatchObject({ report: "jiangmen-2024.txt", line: 446 });
    expect(w!.message).toMatch(/表1.*stops mid-line/);
    // The rows before the cut are still facts.
    expect(reports[0]!.facts.some((f) => /毕业生人数|就业人数/.test(f.indicator))).toBe(true);
  });

  it("cut at a line break leaving a short last row: that row is no fact either", () => {
    const dir = tempCorpus();
    const cutAt = JIANGMEN.indexOf("\t19\n", JIANGMEN.indexOf("升入本科人数")) + 1; // ends "…\t156\n"
    writeFileSync(join(dir, "jiangmen-2024.txt"), JIANGMEN.slice(0, cutAt));
    const { reports, warnings } = ingestCorpus(dir);
    expect(reports[0]!.facts.filter((f) => /升入本科人数$/.test(f.indicator)).map((f) => f.value)).toEqual([]);
    expect(warnings.find((x) => /ends inside/.test(x.message))).toMatchObject({ report: "jiangmen-2024.txt", line: 446 });
  });

  it("the real reports, several of which end with a complete table, lose nothing", () => {
    const { warnings } = ingestCorpus(corpus);
    expect(warnings.filter((w) => /ends inside|copy of|skipped/.test(w.message))).toEqual([]);
  });
});
