import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildIndex } from "../../src/index/build.js";
import { BUNDLE_DIR, loadIndex, saveIndex, savedBundles } from "../../src/index/store.js";

/** An incremental build re-reads only the report files that changed, and gives what a build from nothing gives. */

const corpus = join(import.meta.dirname, "..", "..", "corpus");
let dir: string;
const corpusDir = () => join(dir, "corpus");
const indexDir = () => join(dir, "index");

/** Every file of an index folder, by relative path, with its bytes. */
function snapshot(folder: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  for (const name of ["meta.json", "vocab.json", "passages.bin"]) out.set(name, readFileSync(join(folder, name)));
  for (const name of readdirSync(join(folder, BUNDLE_DIR))) out.set(`${BUNDLE_DIR}/${name}`, readFileSync(join(folder, BUNDLE_DIR, name)));
  return out;
}

/** Builds from nothing into a fresh folder: what the incremental build must equal. */
function fromScratch(): Map<string, Buffer> {
  const target = mkdtempSync(join(dir, "scratch-"));
  saveIndex(buildIndex(corpusDir()), target);
  const files = snapshot(target);
  rmSync(target, { recursive: true, force: true });
  return files;
}

const incremental = () => {
  const data = buildIndex(corpusDir(), undefined, savedBundles(indexDir()));
  saveIndex(data, indexDir());
  return data;
};

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "zhibao-incremental-"));
  mkdirSync(corpusDir());
  for (const f of ["suining-2024.txt", "bishan-2024.txt", "manifest.json"]) cpSync(join(corpus, f), join(corpusDir(), f));
  saveIndex(buildIndex(corpusDir()), indexDir());
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("incremental builds", () => {
  it("reads nothing when no report changed", () => {
    expect(incremental().read).toBe(0);
  });

  it("adding a report reads that report only, and saves what a build from nothing saves", () => {
    cpSync(join(corpus, "jiangmen-2024.txt"), join(corpusDir(), "jiangmen-2024.txt"));
    const data = incremental();
    expect(data.read).toBe(1);
    expect(data.reports.map((r) => r.report)).toContain("jiangmen-2024.txt");
    expect(snapshot(indexDir())).toEqual(fromScratch());
  }, 60_000);

  it("a changed report is read again; a removed one leaves no bundle behind", () => {
    const path = join(corpusDir(), "bishan-2024.txt");
    writeFileSync(path, readFileSync(path, "utf8").replace(/3007/g, "3008"));
    rmSync(join(corpusDir(), "suining-2024.txt"));
    const data = incremental();
    expect(data.read).toBe(1);
    expect(data.reports.map((r) => r.report).sort()).toEqual(["bishan-2024.txt", "jiangmen-2024.txt"]);
    expect(data.facts.some((f) => f.report === "bishan-2024.txt" && f.value === 3008)).toBe(true);
    // Three files per report (its content, passages and tokens), none for the one removed.
    expect(readdirSync(join(indexDir(), BUNDLE_DIR))).toHaveLength(6);
    expect(snapshot(indexDir())).toEqual(fromScratch());
    expect(loadIndex(indexDir()).facts).toEqual(data.facts);
  }, 60_000);

  it("a file that cannot be read is not tried again until it changes, and its warning stays", () => {
    writeFileSync(join(corpusDir(), "broken-2024.pdf"), "not a pdf at all");
    const first = incremental();
    expect(first.read).toBe(1);
    const warning = first.meta.warnings.find((w) => w.report === "broken-2024.pdf");
    expect(warning?.message).toMatch(/^skipped/);
    const again = incremental();
    expect(again.read).toBe(0);
    expect(again.meta.warnings).toContainEqual(warning);
  }, 60_000);

  it("a saved bundle that is damaged is read again from its file, not trusted", () => {
    const meta = JSON.parse(readFileSync(join(indexDir(), "meta.json"), "utf8")) as { bundles: { file: string; key: string }[] };
    const jiangmen = meta.bundles.find((b) => b.file === "jiangmen-2024.txt")!;
    writeFileSync(join(indexDir(), BUNDLE_DIR, `${jiangmen.key}.tokens.json`), "[truncated");
    const data = buildIndex(corpusDir(), undefined, savedBundles(indexDir()));
    expect(data.read).toBe(1);
  }, 60_000);
});
