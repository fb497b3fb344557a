/**
 * Issue 25, the shared store in trouble: every PostgreSQL query while answering has a timeout, and
 * the connection comes back by itself (capped backoff) — against a real server
 * (ZHIBAO_TEST_DATABASE_URL, see tests/index/postgresStore.test.ts) behind a TCP proxy that stalls
 * or drops the connection. Before: a stalled connection blocked the process forever, and a restarted
 * server was never reconnected.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DatabaseUnavailableError, guardedPostgres, withConnectTimeout } from "../../src/index/pgGuard.js";
import { startTcpProxy, type TcpProxy, viaPort } from "./tcpProxy.js";

const url = process.env.ZHIBAO_TEST_DATABASE_URL;

it("a connection string gets libpq's connect_timeout unless it has one", () => {
  expect(withConnectTimeout("postgresql://u@h:5432/db", 2)).toBe("postgresql://u@h:5432/db?connect_timeout=2");
  expect(withConnectTimeout("postgresql://u@h/db?sslmode=disable", 3)).toBe("postgresql://u@h/db?sslmode=disable&connect_timeout=3");
  expect(withConnectTimeout("host=h dbname=db", 2)).toBe("host=h dbname=db connect_timeout=2");
  expect(withConnectTimeout("postgresql://u@h/db?connect_timeout=9", 2)).toBe("postgresql://u@h/db?connect_timeout=9");
});

describe.runIf(!!url)("a guarded PostgreSQL connection", () => {
  let proxy: TcpProxy;
  beforeAll(async () => {
    proxy = await startTcpProxy(Number(new URL(url!).port || 5432));
  });
  afterAll(async () => proxy?.stop());

  /** Calls `fn`; what it threw and how long it took. */
  const timed = (fn: () => unknown): { err: unknown; ms: number } => {
    const t0 = Date.now();
    try {
      fn();
      return { err: null, ms: Date.now() - t0 };
    } catch (err) {
      return { err, ms: Date.now() - t0 };
    }
  };
  const waitMs = (ms: number) => new Promise((r) => setTimeout(r, ms));

  it("answers, and a statement error is an error, not an outage", () => {
    const db = guardedPostgres(viaPort(url!, proxy.port), { queryTimeoutMs: 500 });
    try {
      expect(db.run("SELECT ?::int + 1", ["41"], true)).toEqual([[42]]);
      expect(db.run("SELECT ?::int + 1", ["1"], true)).toEqual([[2]]);
      const bad = timed(() => db.run("SELECT * FROM no_such_table", [], false));
      expect(bad.err).toBeInstanceOf(Error);
      expect(bad.err).not.toBeInstanceOf(DatabaseUnavailableError);
      expect(db.run("SELECT 1", [], false)).toEqual([[1]]);
    } finally {
      db.close();
    }
  });

  it("a stalled connection: the query fails after its timeout, later ones at once, and it reconnects when the link is back", async () => {
    const db = guardedPostgres(viaPort(url!, proxy.port), { queryTimeoutMs: 500, backoff: { initialMs: 200, maxMs: 400 } });
    try {
      expect(db.run("SELECT 1", [], false)).toEqual([[1]]);
      await proxy.stall();
      const stalled = timed(() => db.run("SELECT 2", [], false));
      expect(stalled.err).toBeInstanceOf(DatabaseUnavailableError);
      expect(stalled.ms).toBeGreaterThanOrEqual(450);
      expect(stalled.ms).toBeLessThan(1500);
      // Within the backoff: no new attempt, no wait.
      const fast = timed(() => db.run("SELECT 3", [], false));
      expect(fast.err).toBeInstanceOf(DatabaseUnavailableError);
      expect(fast.ms).toBeLessThan(50);
      await proxy.resume();
      await waitMs(500);
      expect(db.run("SELECT 4", [], false)).toEqual([[4]]);
    } finally {
      await proxy.resume();
      db.close();
    }
  });

  it("a server restart (connections dropped, refused a while): fails fast, then reconnects with a capped backoff", async () => {
    const db = guardedPostgres(viaPort(url!, proxy.port), { queryTimeoutMs: 500, backoff: { initialMs: 100, maxMs: 300 } });
    try {
      expect(db.run("SELECT ?::int", ["1"], true)).toEqual([[1]]);
      await proxy.down();
      const lost = timed(() => db.run("SELECT ?::int", ["2"], true));
      expect(lost.err).toBeInstanceOf(DatabaseUnavailableError);
      expect(lost.ms).toBeLessThan(600);
      // Attempts while it is down fail (refused) without waiting long.
      for (let i = 0; i < 5; i++) {
        await waitMs(150);
        expect(timed(() => db.run("SELECT 1", [], false)).ms).toBeLessThan(600);
      }
      await proxy.up();
      // The backoff is capped at 300 ms: back within about that.
      await waitMs(350);
      // Prepared statements are prepared again on the new connection.
      expect(db.run("SELECT ?::int", ["3"], true)).toEqual([[3]]);
    } finally {
      db.close();
    }
  });
});
