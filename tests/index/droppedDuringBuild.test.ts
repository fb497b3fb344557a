/**
 * Issue 25: a report dropped into corpus/ while a build runs is picked up by the next start, in
 * both local stores (before, the sqlite store took the corpus's fingerprint after the build, with
 * the new file in it: the file was never read, at any later start).
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DATABASE_DERIVED } from "../../src/answer/databaseBuild.js";
import { createEngine } from "../../src/answer/engine.js";
import { buildIndex } from "../../src/index/build.js";
import { buildSqliteIndex, sqliteIsCurrent } from "../../src/index/databaseStore.js";
import { saveIndex } from "../../src/index/store.js";

const corpus = join(import.meta.dirname, "..", "..", "corpus");
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "zhibao-dropped-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A corpus of one report, and a progress callback that drops bishan-2024.txt in when the build reads its first file. */
function corpusWithDrop(store: string) {
  const corpusDir = join(dir, store, "corpus");
  const indexDir = join(dir, store, "index");
  mkdirSync(corpusDir, { recursive: true });
  mkdirSync(indexDir, { recursive: true });
  cpSync(join(corpus, "suining-2024.txt"), join(corpusDir, "suining-2024.txt"));
  let dropped = false;
  const onProgress = (m: string) => {
    if (dropped || !m.startsWith("read ")) return;
    dropped = true;
    cpSync(join(corpus, "bishan-2024.txt"), join(corpusDir, "bishan-2024.txt"));
  };
  return { corpusDir, indexDir, onProgress, wasDropped: () => dropped };
}

const reportsAtStart = async (corpusDir: string, indexDir: string, store: "files" | "sqlite") => {
  const engine = await createEngine({ corpusDir, indexDir, store });
  try {
    return engine
      .reports()
      .map((r) => r.report)
      .sort();
  } finally {
    engine.close?.();
  }
};

describe("a report dropped in during a build", () => {
  it("sqlite: the database does not claim the new file, and the next start reads it", async () => {
    const { corpusDir, indexDir, onProgress, wasDropped } = corpusWithDrop("sqlite");
    const dbPath = join(indexDir, "zhibao.sqlite");
    const built = buildSqliteIndex(corpusDir, dbPath, { ...DATABASE_DERIVED, onProgress });
    expect(wasDropped()).toBe(true);
    expect(built.meta.bundles.map((b) => b.file)).toEqual(["suining-2024.txt"]);
    expect(sqliteIsCurrent(dbPath, corpusDir)).toBe(false);
    expect(await reportsAtStart(corpusDir, indexDir, "sqlite")).toEqual(["bishan-2024.txt", "suining-2024.txt"]);
  }, 60_000);

  it("files: the saved index does not claim the new file, and the next start reads it", async () => {
    const { corpusDir, indexDir, onProgress, wasDropped } = corpusWithDrop("files");
    const data = buildIndex(corpusDir, onProgress);
    saveIndex(data, indexDir);
    expect(wasDropped()).toBe(true);
    expect(data.meta.bundles.map((b) => b.file)).toEqual(["suining-2024.txt"]);
    expect(await reportsAtStart(corpusDir, indexDir, "files")).toEqual(["bishan-2024.txt", "suining-2024.txt"]);
  }, 60_000);
});
