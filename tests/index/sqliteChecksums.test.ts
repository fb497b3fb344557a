import { cpSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { DATABASE_DERIVED } from "../../src/answer/databaseBuild.js";
import { createEngine } from "../../src/answer/engine.js";
import { buildSqliteIndex } from "../../src/index/databaseStore.js";
import { sqliteDb } from "../../src/index/sqlDb.js";

/**
 * Every row of a report in the database store carries a checksum of what it holds (and the report
 * row its file's sha256, the key): a figure edited in zhibao.sqlite is never served, and the
 * report is read again from its file at the next start or `zhibao index`.
 */

const corpus = join(import.meta.dirname, "..", "..", "corpus");
let dir: string;
const corpusDir = () => join(dir, "corpus");
const indexDir = () => join(dir, "index");
const dbPath = () => join(indexDir(), "zhibao.sqlite");

/** The 升学人数 row (803, line 1350) made to say 999, as a hand edit with the sqlite3 shell would. */
function editFigure(): void {
  const db = sqliteDb(dbPath(), { readonly: false });
  try {
    db.run(`UPDATE facts SET body = replace(body, '"value":803,', '"value":999,') WHERE report = 'suining-2024.txt' AND body LIKE '%"line":1350%' AND body LIKE '%"value":803,%'`);
    expect(db.get(`SELECT count(*) FROM facts WHERE body LIKE '%"value":999,%'`)?.[0]).toBe(1);
  } finally {
    db.close();
  }
}

const ask = async (): Promise<{ value: unknown; log: string[] }> => {
  const log: string[] = [];
  const engine = await createEngine({ corpusDir: corpusDir(), indexDir: indexDir(), store: "sqlite", log: (m) => log.push(m) });
  try {
    return { value: engine.ask("遂宁 2024 升学人数").facts[0]?.value, log };
  } finally {
    engine.close?.();
  }
};

beforeEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = mkdtempSync(join(tmpdir(), "zhibao-sqlite-sums-"));
  mkdirSync(corpusDir());
  mkdirSync(indexDir());
  cpSync(join(corpus, "suining-2024.txt"), join(corpusDir(), "suining-2024.txt"));
  buildSqliteIndex(corpusDir(), dbPath(), DATABASE_DERIVED);
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("sqlite row checksums", () => {
  it("an intact database answers 803", async () => {
    expect((await ask()).value).toBe(803);
  });

  it("an edited figure is not served, and the next start reads the report again", async () => {
    editFigure();
    const first = await ask();
    expect(first.value).not.toBe(999);
    expect(first.log.join("\n")).toMatch(/suining-2024\.txt are not what was saved \(checksums differ\)/);
    const next = await ask();
    expect(next.log.join("\n")).toMatch(/updating it/);
    expect(next.value).toBe(803);
  }, 60_000);

  it("`zhibao index` checks every row and reads a changed report again; an update that does not check keeps it", () => {
    editFigure();
    expect(buildSqliteIndex(corpusDir(), dbPath(), DATABASE_DERIVED).read).toBe(0);
    expect(buildSqliteIndex(corpusDir(), dbPath(), { ...DATABASE_DERIVED, verify: true }).read).toBe(1);
    const db = sqliteDb(dbPath(), { readonly: true });
    try {
      expect(db.get(`SELECT count(*) FROM facts WHERE body LIKE '%"value":999,%'`)?.[0]).toBe(0);
    } finally {
      db.close();
    }
  }, 60_000);
});
