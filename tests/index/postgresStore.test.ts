import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEngine } from "../../src/answer/engine.js";
import { DATABASE_DERIVED } from "../../src/answer/databaseBuild.js";
import { buildPostgresIndex, GENERATION_CHECK_MS } from "../../src/index/databaseStore.js";
import { postgresDb } from "../../src/index/sqlDb.js";
import type { Answer, Engine } from "../../src/types.js";

/**
 * The PostgreSQL store, against a real server: ZHIBAO_TEST_DATABASE_URL, which `.ci/run` starts on
 * 127.0.0.1 (tools/test-postgres.sh). Without it the tests are skipped, unless
 * ZHIBAO_REQUIRE_POSTGRES=1 (as in CI), which makes a missing server a failure.
 */

const url = process.env.ZHIBAO_TEST_DATABASE_URL;
const root = join(import.meta.dirname, "..", "..");

it.runIf(!url && process.env.ZHIBAO_REQUIRE_POSTGRES === "1")("a PostgreSQL server to test against (ZHIBAO_TEST_DATABASE_URL)", () => {
  expect(url, "ZHIBAO_REQUIRE_POSTGRES=1 but ZHIBAO_TEST_DATABASE_URL is not set: start one with tools/test-postgres.sh").toBeTruthy();
});

describe.runIf(!!url)("the PostgreSQL store", () => {
  let dir: string;
  /** A schema of its own, so the test starts from an empty database whatever ran before. */
  let schemaUrl: string;
  const corpusDir = () => join(dir, "corpus");
  const comparable = (a: Answer) => JSON.stringify({ ...a, ms: 0 });

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "zhibao-pg-"));
    mkdirSync(corpusDir());
    for (const f of ["suining-2024.txt", "jiangmen-2024.txt", "leshan-2024.txt", "lvliang-2023.txt", "bishan-2024.txt", "manifest.json"]) cpSync(join(root, "corpus", f), join(corpusDir(), f));
    const schema = `zb_test_${process.pid}`;
    const admin = postgresDb(url!);
    admin.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE; CREATE SCHEMA ${schema}`);
    admin.close();
    schemaUrl = `${url}${url!.includes("?") ? "&" : "?"}options=${encodeURIComponent(`-csearch_path=${schema}`)}`;
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("an instance starting on an empty database builds it, and answers every gold question as the files store does", async () => {
    const messages: string[] = [];
    const pg = await createEngine({ corpusDir: corpusDir(), store: "postgres", databaseUrl: schemaUrl, log: (m) => messages.push(m) });
    expect(messages.some((m) => /PostgreSQL index is empty: building it/.test(m))).toBe(true);
    const files = await createEngine({ store: "files", rebuild: "never" });
    let questions: string[] = [];
    try {
      questions = ["dev.jsonl", "dev2.jsonl"].flatMap((f) =>
        readFileSync(join(root, "..", "shared", "eval", f), "utf8")
          .split("\n")
          .filter(Boolean)
          .map((l) => (JSON.parse(l) as { question: string }).question),
      );
    } catch {
      questions = ["Suining 2024 升学人数", "江门 月收入 2023 vs 2024", "璧山 宿舍楼 案例", "How many Leshan graduates went to university?"];
    }
    expect(questions.filter((q) => comparable(pg.ask(q)) !== comparable(files.ask(q)))).toEqual([]);
    for (const q of ["宿舍楼", "技能大赛 获奖", "马拉松 志愿服务"]) expect(pg.search(q), q).toEqual(files.search(q));
  }, 180_000);

  it("holds the passages' tokens as a tsvector ('simple') that SQL can search", () => {
    const db = postgresDb(schemaUrl);
    try {
      const ids = db.all("SELECT id FROM passages WHERE tsv @@ plainto_tsquery('simple', ?) ORDER BY doc", ["国旗护卫队"]).map(([id]) => id as string);
      expect(ids.length).toBeGreaterThan(0);
      for (const id of ids) expect(id).toMatch(/^suining-2024\.txt:/);
    } finally {
      db.close();
    }
  });

  it("instances share it: what one publishes the others answer from, within GENERATION_CHECK_MS", async () => {
    const reader: Engine = await createEngine({ corpusDir: corpusDir(), store: "postgres", databaseUrl: schemaUrl });
    expect(reader.reports()).toHaveLength(5);
    // Another machine removes a report and publishes (as `zhibao remove` there would).
    const other = join(dir, "other");
    mkdirSync(other);
    for (const f of ["suining-2024.txt", "jiangmen-2024.txt", "leshan-2024.txt", "lvliang-2023.txt", "manifest.json"]) cpSync(join(corpusDir(), f), join(other, f));
    const published = buildPostgresIndex(other, schemaUrl, DATABASE_DERIVED);
    expect(published).toMatchObject({ read: 0, removed: 1, reports: 4 });
    await new Promise((r) => setTimeout(r, GENERATION_CHECK_MS + 100));
    expect(reader.reports().map((r) => r.report)).not.toContain("bishan-2024.txt");
    expect(reader.ask("璧山区人才培养质量计分卡上的升学人数是多少").facts).toEqual([]);
    // And back, read once more (one file), by a second build that waited for the lock.
    const back = buildPostgresIndex(corpusDir(), schemaUrl, DATABASE_DERIVED);
    expect(back.read).toBe(1);
    await new Promise((r) => setTimeout(r, GENERATION_CHECK_MS + 100));
    expect(reader.ask("璧山区人才培养质量计分卡上的升学人数是多少").facts[0]?.value).toBe(766);
  }, 120_000);
});
