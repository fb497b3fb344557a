import { createRequire } from "node:module";
import type BetterSqlite3 from "better-sqlite3";
import { endClient, type GuardOptions, guardedPostgres } from "./pgGuard.js";

/**
 * The few things the database store asks of a database, synchronously: answering is synchronous
 * (src/answer/), so both databases are reached by synchronous drivers, better-sqlite3 for SQLite
 * and pg-native (libpq) for PostgreSQL, whose prepared statements over loopback take ~30 µs.
 *
 * SQL is written once, with `?` placeholders, in the subset both speak (upserts as
 * `ON CONFLICT … DO UPDATE`); the schema is each dialect's own (databaseSchema.ts).
 */
export interface SqlDb {
  dialect: "sqlite" | "postgres";
  /** Rows as arrays of column values; BLOB/BYTEA columns come back as Buffers. */
  all(sql: string, params?: readonly unknown[]): unknown[][];
  /** The first row, or undefined. */
  get(sql: string, params?: readonly unknown[]): unknown[] | undefined;
  run(sql: string, params?: readonly unknown[]): void;
  /**
   * Inserts rows: `${head} ${row}, ${row}, … ${tail}`, each `row` a template of `?` (one per value of a
   * row). A statement per row in SQLite (in process, a prepared statement is as fast); a few hundred
   * rows a statement in PostgreSQL, where each statement is a round trip to the server.
   */
  insertMany(head: string, row: string, rows: readonly (readonly unknown[])[], tail?: string): void;
  /** Runs statements with no parameters (a schema). */
  exec(sql: string): void;
  /** Runs `fn` in a transaction (nested calls join the outer one). */
  transaction<T>(fn: () => T): T;
  close(): void;
}

const require = createRequire(import.meta.url);

/**
 * SQLite's page cache for a build, in KiB (its default is 2 MiB). A report's rows land all over
 * the large indexes; with a small cache each commit writes and re-reads the same index pages.
 */
const BUILD_CACHE_KB = 64 * 1024;

/** A SQLite file through better-sqlite3 (loaded only now: the files store never needs the native module). */
export function sqliteDb(path: string, opts: { readonly: boolean }): SqlDb {
  const Database = require("better-sqlite3") as typeof BetterSqlite3;
  const db = new Database(path, { readonly: opts.readonly, fileMustExist: opts.readonly });
  if (!opts.readonly) {
    db.pragma("journal_mode = WAL");
    db.pragma("synchronous = NORMAL");
    db.pragma(`cache_size = -${BUILD_CACHE_KB}`);
  }
  const statements = new Map<string, BetterSqlite3.Statement>();
  const statement = (sql: string) => {
    let s = statements.get(sql);
    if (!s) statements.set(sql, (s = db.prepare(sql)));
    return s;
  };
  let depth = 0;
  return {
    dialect: "sqlite",
    all: (sql, params = []) =>
      statement(sql)
        .raw()
        .all(...params) as unknown[][],
    get: (sql, params = []) =>
      statement(sql)
        .raw()
        .get(...params) as unknown[] | undefined,
    run: (sql, params = []) => void statement(sql).run(...params),
    insertMany(head, row, rows, tail = "") {
      const s = statement(`${head} ${row} ${tail}`);
      for (const r of rows) s.run(...r);
    },
    exec: (sql) => void db.exec(sql),
    transaction<T>(fn: () => T): T {
      if (depth > 0) return fn();
      depth++;
      try {
        return db.transaction(fn)();
      } finally {
        depth--;
      }
    },
    close: () => db.close(),
  };
}

/** Rows per multi-row INSERT in PostgreSQL: past a few hundred, larger statements save little. */
const INSERT_ROWS = 500;
/** PostgreSQL's limit on a statement's parameters is 65,535. */
const MAX_PARAMS = 60_000;

/** pg-native's client, as used here. */
interface PgNativeClient {
  connectSync(url: string): void;
  querySync(text: string, values?: (string | null)[]): unknown[][];
  prepareSync(name: string, text: string, nParams: number): void;
  executeSync(name: string, values: (string | null)[]): unknown[][];
  end(cb?: () => void): void;
}

/**
 * A PostgreSQL server, DATABASE_URL, through pg-native; throws when pg-native (libpq) is not
 * installed. With `guard` (answering), every statement has a timeout and a lost server is
 * reconnected with a capped backoff (pgGuard.ts); builds run without one (a report's rows take long).
 */
export function postgresDb(url: string, opts: { guard?: GuardOptions } = {}): SqlDb {
  if (opts.guard) return guardedPostgresDb(url, opts.guard);
  let Client: new (opts: { arrayMode: boolean }) => PgNativeClient;
  try {
    Client = require("pg-native") as typeof Client;
  } catch (err) {
    throw new Error(`the PostgreSQL store needs pg-native, which builds against libpq (Debian: apt-get install libpq-dev, then npm install): ${(err as Error).message.split("\n")[0]}`);
  }
  const client = new Client({ arrayMode: true });
  client.connectSync(url);
  client.querySync("SET client_min_messages = warning");
  const names = new Map<string, string>();
  // `?` → `$1, $2, …` (the store's SQL has no `?` inside literals).
  const numbered = (sql: string) => {
    let n = 0;
    return sql.replace(/\?/g, () => `$${++n}`);
  };
  const execute = (sql: string, params: readonly unknown[]): unknown[][] => {
    let name = names.get(sql);
    if (!name) {
      name = `zb${names.size}`;
      client.prepareSync(name, numbered(sql), params.length);
      names.set(sql, name);
    }
    return client.executeSync(name, params.map(toText));
  };
  let depth = 0;
  return {
    dialect: "postgres",
    all: (sql, params = []) => execute(sql, params),
    get: (sql, params = []) => execute(sql, params)[0],
    run: (sql, params = []) => void execute(sql, params),
    insertMany(head, row, rows, tail = "") {
      if (!rows.length) return;
      // Full chunks reuse one prepared statement; the shorter last one runs unprepared (its size
      // varies from report to report, and each size prepared would stay on the server).
      const per = Math.max(1, Math.min(INSERT_ROWS, Math.floor(MAX_PARAMS / rows[0]!.length)));
      for (let i = 0; i < rows.length; i += per) {
        const chunk = rows.slice(i, i + per);
        const sql = `${head} ${Array(chunk.length).fill(row).join(", ")} ${tail}`;
        if (chunk.length === per) execute(sql, chunk.flat());
        else client.querySync(numbered(sql), chunk.flat().map(toText));
      }
    },
    exec: (sql) => void client.querySync(sql),
    transaction<T>(fn: () => T): T {
      if (depth > 0) return fn();
      depth++;
      client.querySync("BEGIN");
      try {
        const out = fn();
        client.querySync("COMMIT");
        return out;
      } catch (err) {
        client.querySync("ROLLBACK");
        throw err;
      } finally {
        depth--;
      }
    },
    close() {
      endClient(client);
    },
  };
}

/** {@link postgresDb} with a timeout on every statement: the client in a thread of its own. */
function guardedPostgresDb(url: string, guard: GuardOptions): SqlDb {
  const client = guardedPostgres(url, guard);
  // Connect now: a bad DATABASE_URL fails at start, as without the guard.
  client.run("SELECT 1", [], false);
  const run = (sql: string, params: readonly unknown[] = [], prepared = true) => client.run(sql, params.map(toText), prepared);
  let depth = 0;
  return {
    dialect: "postgres",
    all: (sql, params) => run(sql, params),
    get: (sql, params) => run(sql, params)[0],
    run: (sql, params) => void run(sql, params),
    insertMany(head, row, rows, tail = "") {
      for (let i = 0; i < rows.length; i += INSERT_ROWS) {
        const chunk = rows.slice(i, i + INSERT_ROWS);
        run(`${head} ${Array(chunk.length).fill(row).join(", ")} ${tail}`, chunk.flat(), false);
      }
    },
    exec: (sql) => void run(sql, [], false),
    transaction<T>(fn: () => T): T {
      if (depth > 0) return fn();
      depth++;
      run("BEGIN", [], false);
      try {
        const out = fn();
        run("COMMIT", [], false);
        return out;
      } catch (err) {
        run("ROLLBACK", [], false);
        throw err;
      } finally {
        depth--;
      }
    },
    close: () => client.close(),
  };
}

/** A parameter as libpq's text format takes it: bytea as \x hex. */
function toText(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (Buffer.isBuffer(v)) return `\\x${v.toString("hex")}`;
  return String(v);
}
