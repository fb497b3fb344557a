import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEngine } from "../../src/answer/engine.js";
import { IndexVersionError } from "../../src/errors.js";
import { buildIndex } from "../../src/index/build.js";
import { loadIndex, saveIndex, type BuiltIndexData } from "../../src/index/store.js";

const corpus = join(import.meta.dirname, "..", "..", "corpus");
let dir: string;
let data: BuiltIndexData;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "zhibao-store-"));
  cpSync(join(corpus, "suining-2024.txt"), join(dir, "corpus", "suining-2024.txt"));
  cpSync(join(corpus, "manifest.json"), join(dir, "corpus", "manifest.json"));
  data = buildIndex(join(dir, "corpus"));
  saveIndex(data, join(dir, "index"));
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("index save → load", () => {
  it("round-trips facts, passages, tables and searchable passage indexes", () => {
    const loaded = loadIndex(join(dir, "index"));
    expect(loaded.facts).toEqual(data.facts);
    expect(loaded.passages).toEqual(data.passages);
    expect(loaded.tables.length).toBe(data.tables.length);
    const query = [{ term: "反洗钱", boost: 1 }];
    expect(loaded.passageIndex().query(query).length).toBeGreaterThan(0);
    // The index just built and the one read back rank alike.
    expect(loaded.passageIndex().query(query)).toEqual(data.passageIndex().query(query));
    expect(loaded.vocab.df("反洗钱")).toBeGreaterThan(0);
    expect(loaded.vocab.df("不在索引里的词")).toBe(0);
  });

  it("is deterministic: building twice gives the same bytes", () => {
    const again = join(dir, "again");
    saveIndex(buildIndex(join(dir, "corpus")), again);
    const files = ["vocab.json", "meta.json", "passages.bin", ...readdirSync(join(dir, "index", "reports")).map((f) => `reports/${f}`)];
    // One report: its content, passages and tokens.
    expect(files.length).toBe(6);
    for (const f of files) expect(readFileSync(join(again, f)).equals(readFileSync(join(dir, "index", f))), f).toBe(true);
  });

  it("refuses an index of another format version, and a damaged one, with IndexVersionError", () => {
    const other = join(dir, "other");
    saveIndex(data, other);
    writeFileSync(join(other, "meta.json"), JSON.stringify({ ...data.meta, formatVersion: 999 }));
    expect(() => loadIndex(other)).toThrow(IndexVersionError);
    saveIndex(data, other);
    const [bundle] = readdirSync(join(other, "reports")).filter((f) => !f.includes(".tokens."));
    writeFileSync(join(other, "reports", bundle!), "{not json");
    expect(() => loadIndex(other)).toThrow(IndexVersionError);
    // A passage index is read on first use: damaged, it says which file and what to do.
    saveIndex(data, other);
    const bin = join(other, "passages.bin");
    writeFileSync(bin, readFileSync(bin).subarray(0, 100));
    const loaded = loadIndex(other);
    expect(() => loaded.passageIndex()).toThrow(/passages\.bin: .*run `zhibao index`/);
  });

  it("rebuilds, saying so, when the corpus changed since the index was built", async () => {
    const messages: string[] = [];
    const work = join(dir, "work");
    cpSync(join(dir, "corpus"), join(work, "corpus"), { recursive: true });
    cpSync(join(dir, "index"), join(work, "index"), { recursive: true });
    cpSync(join(corpus, "bishan-2024.txt"), join(work, "corpus", "bishan-2024.txt"));
    const engine = await createEngine({ corpusDir: join(work, "corpus"), indexDir: join(work, "index"), log: (m) => messages.push(m) });
    expect(messages.some((m) => /changed.*rebuilding/.test(m))).toBe(true);
    expect(
      engine
        .reports()
        .map((r) => r.report)
        .sort(),
    ).toEqual(["bishan-2024.txt", "suining-2024.txt"]);
  }, 60_000);
});
