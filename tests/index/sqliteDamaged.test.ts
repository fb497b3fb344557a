/**
 * Issue 25: a damaged zhibao.sqlite. Before, every question failed, `zhibao index --full` did not
 * repair it and nothing said to delete it. Now a question's error says the file is damaged and what
 * to run, and `zhibao index` (and a start that finds the corpus changed) moves the file aside,
 * saying why, and builds a new one. Runs the real CLI.
 */
import { spawnSync } from "node:child_process";
import { closeSync, cpSync, mkdirSync, mkdtempSync, openSync, readdirSync, rmSync, statSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DATABASE_DERIVED } from "../../src/answer/databaseBuild.js";
import { createEngine } from "../../src/answer/engine.js";
import { IndexVersionError } from "../../src/errors.js";
import { buildSqliteIndex, openSqliteIndex } from "../../src/index/databaseStore.js";
import { ensureBuilt, ROOT } from "../bot/botProcess.js";

let dir: string;
const corpusDir = () => join(dir, "corpus");
const indexDir = () => join(dir, "index");
const dbPath = () => join(indexDir(), "zhibao.sqlite");

/** Writes garbage over part of the database file: its header (`at` 0) or pages in its middle. */
function damage(at: number, length: number): void {
  const fd = openSync(dbPath(), "r+");
  try {
    writeSync(fd, Buffer.alloc(length, 0xa5), 0, length, at);
  } finally {
    closeSync(fd);
  }
}

const cli = (...args: string[]) =>
  spawnSync(process.execPath, ["bin/zhibao.js", ...args], {
    cwd: ROOT,
    encoding: "utf8",
    timeout: 120_000,
    env: { ...process.env, ZHIBAO_CORPUS_DIR: corpusDir(), ZHIBAO_INDEX_DIR: indexDir(), ZHIBAO_STORE: "sqlite" },
  });

const asideFiles = () => readdirSync(indexDir()).filter((f) => f.includes(".damaged-"));

beforeAll(() => ensureBuilt(), 120_000);
beforeEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = mkdtempSync(join(tmpdir(), "zhibao-sqlite-damaged-"));
  mkdirSync(corpusDir());
  mkdirSync(indexDir());
  cpSync(join(ROOT, "corpus", "suining-2024.txt"), join(corpusDir(), "suining-2024.txt"));
  buildSqliteIndex(corpusDir(), dbPath(), DATABASE_DERIVED);
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("a damaged zhibao.sqlite", () => {
  it("opening it says it is damaged and that `zhibao index` moves it aside", () => {
    damage(0, 100);
    expect(() => openSqliteIndex(dbPath())).toThrow(IndexVersionError);
    expect(() => openSqliteIndex(dbPath())).toThrow(/is damaged .*zhibao index --store sqlite`, which moves it aside/);
  });

  it("`zhibao index` moves a file that is no database aside, says why, and builds a new one that answers", () => {
    damage(0, 100);
    const r = cli("index");
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/the index database was damaged \(.+\): moved aside to .*zhibao\.sqlite\.damaged-/);
    expect(asideFiles().length).toBeGreaterThan(0);
    const ask = cli("ask", "遂宁 2024 升学人数");
    expect(ask.status).toBe(0);
    expect(ask.stdout).toMatch(/升学人数：803 人/);
  }, 120_000);

  it("`zhibao index --full` repairs pages damaged in the middle of the file (SQLite's own check finds them)", () => {
    const size = statSync(dbPath()).size;
    damage(Math.floor(size / 3), Math.floor(size / 3));
    const r = cli("index", "--full");
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/moved aside to/);
    expect(cli("ask", "遂宁 2024 升学人数").stdout).toMatch(/803 人/);
  }, 120_000);

  it("a start that finds corpus/ changed moves a damaged database aside and builds, saying so", async () => {
    damage(0, 100);
    cpSync(join(ROOT, "corpus", "bishan-2024.txt"), join(corpusDir(), "bishan-2024.txt"));
    const log: string[] = [];
    const engine = await createEngine({ corpusDir: corpusDir(), indexDir: indexDir(), store: "sqlite", log: (m) => log.push(m) });
    try {
      expect(engine.ask("遂宁 2024 升学人数").facts[0]?.value).toBe(803);
    } finally {
      engine.close?.();
    }
    expect(log.join("\n")).toMatch(/is damaged .*moved aside/);
  }, 120_000);
});
