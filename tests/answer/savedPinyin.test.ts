import { cpSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

// Counts the pinyin vocabularies made from labels: an index saved with its words makes none.
vi.mock("../../src/answer/understand/pinyinWords.js", async (importOriginal) => {
  const real = await importOriginal<typeof import("../../src/answer/understand/pinyinWords.js")>();
  return { ...real, pinyinWordList: vi.fn(real.pinyinWordList) };
});

const { pinyinLabels, pinyinWordList } = await import("../../src/answer/understand/pinyinWords.js");
const { filesDerived } = await import("../../src/answer/databaseBuild.js");
const { prepare } = await import("../../src/answer/state.js");
const { buildIndex } = await import("../../src/index/build.js");
const { loadIndex, saveIndex } = await import("../../src/index/store.js");

const corpus = join(import.meta.dirname, "..", "..", "corpus");
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "zhibao-pinyin-"));
  cpSync(join(corpus, "suining-2024.txt"), join(dir, "corpus", "suining-2024.txt"));
  cpSync(join(corpus, "manifest.json"), join(dir, "corpus", "manifest.json"));
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the pinyin vocabulary saved with a files index", () => {
  it("is what the catalogue gives in memory, and a loaded index reads it instead of making it", () => {
    const data = buildIndex(join(dir, "corpus"));
    const derived = filesDerived(data);
    // The oracle: the words made from the in-memory catalogue's labels, as a first Latin question made them.
    const fromMemory = prepare(data);
    expect(derived.pinyinWords).toEqual(pinyinWordList(pinyinLabels(fromMemory.catalog, fromMemory.tablesOf([]))));
    saveIndex(data, join(dir, "index"), derived);

    const made = vi.mocked(pinyinWordList);
    made.mockClear();
    const state = prepare(loadIndex(join(dir, "index")));
    expect(state.pinyin.read("biyesheng")).toBe("毕业生");
    expect(made).not.toHaveBeenCalled();
  });

  it("is made on first use when the index was saved without it, and a save without it removes an old one", () => {
    const data = buildIndex(join(dir, "corpus"));
    const indexDir = join(dir, "bare");
    saveIndex(data, indexDir, filesDerived(data));
    saveIndex(data, indexDir);
    expect(existsSync(join(indexDir, "pinyin.json"))).toBe(false);
    const made = vi.mocked(pinyinWordList);
    made.mockClear();
    expect(prepare(loadIndex(indexDir)).pinyin.read("biyesheng")).toBe("毕业生");
    expect(made).toHaveBeenCalledTimes(1);
  });
});
