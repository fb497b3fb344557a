import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createEngine } from "../../src/answer/engine.js";
import { buildIndex } from "../../src/index/build.js";
import { BUNDLE_DIR, loadIndex, readIndexMeta, saveIndex, savedBundles } from "../../src/index/store.js";
import { ensureBuilt, ROOT } from "../bot/botProcess.js";

/**
 * A saved bundle carries the sha256 of each of its files (its key is the report file's): a figure
 * edited by hand in index/ is never served, and is read again from the report at the next start
 * or `zhibao index`.
 */

const corpus = join(import.meta.dirname, "..", "..", "corpus");
let dir: string;
const corpusDir = () => join(dir, "corpus");
const indexDir = () => join(dir, "index");
let pristine: Map<string, Buffer>;

/** The files of suining's bundle: its facts (.json) and its passages. */
function suiningFiles(): { bundle: string; passages: string } {
  const entry = readIndexMeta(indexDir())!.bundles.find((b) => b.file === "suining-2024.txt")!;
  const base = join(indexDir(), BUNDLE_DIR, entry.key);
  return { bundle: `${base}.json`, passages: `${base}.passages.json` };
}

/** Replaces the first `"value":803` (the 升学人数 row) with 999, the same length: only a checksum can tell. */
function editFigure(path: string, from: string, to: string): void {
  const text = readFileSync(path, "utf8");
  expect(text).toContain(from);
  writeFileSync(path, text.replace(from, to));
}

const upgraded = async (): Promise<{ value: unknown; log: string[] }> => {
  const log: string[] = [];
  const engine = await createEngine({ corpusDir: corpusDir(), indexDir: indexDir(), store: "files", log: (m) => log.push(m) });
  return { value: engine.ask("遂宁 2024 升学人数").facts[0]?.value, log };
};

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "zhibao-checksums-"));
  mkdirSync(corpusDir());
  cpSync(join(corpus, "suining-2024.txt"), join(corpusDir(), "suining-2024.txt"));
  saveIndex(buildIndex(corpusDir()), indexDir());
  const files = suiningFiles();
  pristine = new Map(Object.values(files).map((f) => [f, readFileSync(f)]));
}, 60_000);
beforeEach(() => {
  for (const [f, bytes] of pristine) writeFileSync(f, bytes);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("bundle checksums", () => {
  it("the saved meta records each bundle file's sha256", () => {
    const entry = readIndexMeta(indexDir())!.bundles[0]!;
    expect(entry.sums?.bundle).toMatch(/^[0-9a-f]{64}$/);
    expect(entry.sums?.passages).toMatch(/^[0-9a-f]{64}$/);
    expect(entry.sums?.tokens).toMatch(/^[0-9a-f]{64}$/);
  });

  it("an intact index loads and answers 803", async () => {
    expect(() => loadIndex(indexDir())).not.toThrow();
    expect((await upgraded()).value).toBe(803);
  });

  it("a figure edited in a saved bundle is refused at load, and the next start reads the report again (803, not 999)", async () => {
    editFigure(suiningFiles().bundle, '"value":803', '"value":999');
    expect(() => loadIndex(indexDir())).toThrow(/checksum/);
    const { value, log } = await upgraded();
    expect(value).toBe(803);
    expect(log.join("\n")).toMatch(/checksum differs.*rebuilding/);
    // Saved again from the report: the next start loads it as it is.
    expect(readFileSync(suiningFiles().bundle, "utf8")).not.toContain('"value":999');
    expect(() => loadIndex(indexDir())).not.toThrow();
  }, 60_000);

  it("an edited passages file is refused at load too (not only when a search first reads it)", () => {
    editFigure(suiningFiles().passages, "803", "999");
    expect(() => loadIndex(indexDir())).toThrow(/checksum/);
  });

  it("`zhibao index` (an incremental build) does not reuse an edited bundle: it reads the report again", () => {
    editFigure(suiningFiles().bundle, '"value":803', '"value":999');
    expect(savedBundles(indexDir())("suining-2024.txt")).toBeNull();
    const data = buildIndex(corpusDir(), undefined, savedBundles(indexDir()));
    expect(data.read).toBe(1);
    expect(data.facts.some((f) => f.value === 999 && f.line === 1350)).toBe(false);
  }, 60_000);

  it("real CLI: `zhibao index --check` reports the edited bundle, plain `zhibao index` reads the report again, and then --check passes", () => {
    ensureBuilt();
    const cli = (...args: string[]) =>
      spawnSync(process.execPath, ["bin/zhibao.js", ...args], {
        cwd: ROOT,
        encoding: "utf8",
        timeout: 120_000,
        env: { ...process.env, ZHIBAO_CORPUS_DIR: corpusDir(), ZHIBAO_INDEX_DIR: indexDir(), ZHIBAO_STORE: "files" },
      });
    // The fixture was saved without the answer layer's derived files: save it as `zhibao index` does first.
    expect(cli("index").status).toBe(0);
    editFigure(suiningFiles().bundle, '"value":803', '"value":999');
    const check = cli("index", "--check");
    expect(check.status).toBe(1);
    expect(check.stderr).toMatch(/index\/ is not what the build produces \(.*reports\/[0-9a-f]{64}\.json/);
    const plain = cli("index");
    expect(plain.status).toBe(0);
    expect(plain.stderr).toMatch(/\(1 of 1 report files read\)/);
    expect(cli("index", "--check").status).toBe(0);
    expect(cli("ask", "遂宁 2024 升学人数").stdout).toMatch(/升学人数：803 人/);
  }, 180_000);
});
