import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { postgresDb, type SqlDb, sqliteDb } from "../../src/index/sqlDb.js";

/** insertMany in both dialects: every row lands, in chunks and the short last one, and a tail (an upsert) applies to each. */

const url = process.env.ZHIBAO_TEST_DATABASE_URL;
const dir = mkdtempSync(join(tmpdir(), "zhibao-sqldb-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const dialects: [string, () => SqlDb][] = [["sqlite", () => sqliteDb(join(dir, "t.sqlite"), { readonly: false })]];
if (url) dialects.push(["postgres", () => postgresDb(url)]);

describe.each(dialects)("insertMany (%s)", (_name, open) => {
  it("inserts every row of a batch larger than one statement takes, then upserts through the tail", () => {
    const db = open();
    const table = `many_${process.pid}`;
    db.exec(`DROP TABLE IF EXISTS ${table}; CREATE TABLE ${table} (k TEXT PRIMARY KEY, n INTEGER NOT NULL, b BYTEA)`.replace("BYTEA", db.dialect === "sqlite" ? "BLOB" : "BYTEA"));
    try {
      // 1,234 rows: two full chunks of 500 in PostgreSQL and a short one of 234.
      const rows = Array.from({ length: 1234 }, (_, i) => [`k${i}`, i, Buffer.from([i % 256, 7])]);
      db.transaction(() => db.insertMany(`INSERT INTO ${table} (k, n, b) VALUES`, "(?, ?, ?)", rows));
      expect(db.get(`SELECT COUNT(*), SUM(n) FROM ${table}`)!.map(Number)).toEqual([1234, (1233 * 1234) / 2]);
      expect((db.get(`SELECT b FROM ${table} WHERE k = ?`, ["k1233"])![0] as Buffer).equals(Buffer.from([1233 % 256, 7]))).toBe(true);
      db.insertMany(
        `INSERT INTO ${table} (k, n) VALUES`,
        "(?, ?)",
        rows.map(([k]) => [k, 1]),
        `ON CONFLICT (k) DO UPDATE SET n = ${table}.n + excluded.n`,
      );
      expect(Number(db.get(`SELECT SUM(n) FROM ${table}`)![0])).toBe((1233 * 1234) / 2 + 1234);
      db.insertMany(`INSERT INTO ${table} (k, n) VALUES`, "(?, ?)", []);
      expect(Number(db.get(`SELECT COUNT(*) FROM ${table}`)![0])).toBe(1234);
    } finally {
      db.exec(`DROP TABLE ${table}`);
      db.close();
    }
  });
});
