/**
 * PostgreSQL for answering, with a timeout on every query. Answering is synchronous, and libpq's
 * synchronous calls wait forever on a connection that stalls (a dead link, a hung proxy): the whole
 * bot froze and ignored SIGTERM. Here each statement is sent with libpq's asynchronous calls and its
 * answer waited for in a loop that reads what has arrived (libpq's socket never blocks) and sleeps
 * a little between reads, for at most `queryTimeoutMs`. (The client cannot live in a thread of its
 * own: libpq's addon loads in one thread per process.)
 *
 * A timeout, or a lost connection, closes the connection; later calls fail at once with a
 * {@link DatabaseUnavailableError} until the next reconnect attempt, tried with a capped backoff
 * (250 ms doubling to 5 s), so a bot whose database is down apologises at once, and picks up again
 * by itself when the server is back.
 */
import { createRequire } from "node:module";

/** Clients just ended, held until the event loop has turned (see {@link endClient}). */
const ending = new Set<object>();

/**
 * Ends a pg-native client and keeps it from being collected until the event loop has turned: libpq's
 * finish closes the connection's poll handle, which libuv completes on its next turn, and a client
 * collected before that frees memory libuv still holds (a worker crashed on uv__finish_close's
 * assertion while the tests ran).
 */
export function endClient(c: { end(): void }): void {
  c.end();
  ending.add(c);
  setTimeout(() => ending.delete(c), 100).unref();
}

/** The database could not be reached (a query timed out, the connection was lost, or a reconnect failed). */
export class DatabaseUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "DatabaseUnavailableError";
  }
}

/** Options of {@link guardedPostgres}. */
export interface GuardOptions {
  /** Longest wait for one statement's rows (default 2 s). */
  queryTimeoutMs?: number;
  /** Reconnect backoff: first delay (default 250 ms) and cap (default 5 s). */
  backoff?: { initialMs?: number; maxMs?: number };
}

/** libpq through pg-native, as used here. */
interface Pq {
  sendQuery(text: string): boolean;
  sendQueryParams(text: string, values: (string | null)[]): boolean;
  sendPrepare(name: string, text: string, nParams: number): boolean;
  sendQueryPrepared(name: string, values: (string | null)[]): boolean;
  consumeInput(): boolean;
  isBusy(): boolean;
  getResult(): boolean;
  resultStatus(): string;
  resultErrorMessage(): string;
  errorMessage(): string;
}
interface PgNativeClient {
  pq: Pq;
  connectSync(url: string): void;
  end(): void;
  _consumeQueryResults(pq: Pq): { rows: unknown[][] };
}

/** A statement's failure on a connection that still works (bad SQL, a constraint): not an outage. */
class StatementError extends Error {}

/** Sleeps synchronously (the caller is synchronous: no event loop turn to wait in). */
const pause = (() => {
  const cell = new Int32Array(new SharedArrayBuffer(4));
  return (ms: number) => void Atomics.wait(cell, 0, 0, ms);
})();

/**
 * A synchronous PostgreSQL client with a timeout on every statement (see the module comment).
 * `run` sends one statement (prepared once per connection when `prepared`); `close` ends it.
 *
 * @throws DatabaseUnavailableError from `run` while the server cannot be reached
 */
export function guardedPostgres(url: string, opts: GuardOptions = {}): { run(sql: string, values: (string | null)[], prepared: boolean): unknown[][]; close(): void } {
  const queryTimeoutMs = opts.queryTimeoutMs ?? 2_000;
  const initialMs = opts.backoff?.initialMs ?? 250;
  const maxMs = opts.backoff?.maxMs ?? 5_000;
  const Client = createRequire(import.meta.url)("pg-native") as new (o: { arrayMode: boolean }) => PgNativeClient;
  // libpq's own limit on connecting (whole seconds, at least 2), so a connect never waits forever either.
  const target = withConnectTimeout(url, Math.max(2, Math.ceil(queryTimeoutMs / 1000)));
  let client: PgNativeClient | null = null;
  let names = new Map<string, string>();
  // While the server is unreachable: since when, why, the next reconnect attempt, and the delay after it.
  let down: { since: number; why: string; retryAt: number; delay: number } | null = null;

  const drop = (): void => {
    if (client) endClient(client);
    client = null;
  };
  const failed = (why: string): never => {
    drop();
    const now = Date.now();
    const delay = down ? Math.min(down.delay * 2, maxMs) : initialMs;
    down = { since: down?.since ?? now, why, retryAt: now + delay, delay };
    throw new DatabaseUnavailableError(`PostgreSQL unreachable: ${why}`);
  };
  const connect = (): PgNativeClient => {
    const c = new Client({ arrayMode: true });
    try {
      c.connectSync(target);
    } catch (err) {
      return failed(`cannot connect (${String((err as Error).message).trim()})`);
    }
    client = c;
    names = new Map();
    down = null;
    send(c, () => c.pq.sendQuery("SET client_min_messages = warning"));
    return c;
  };
  /** Sends with `start`, then waits up to the timeout for the result; the rows of the last one. */
  const send = (c: PgNativeClient, start: () => boolean): unknown[][] => {
    if (!start()) return failed(c.pq.errorMessage().trim() || "the statement could not be sent");
    const deadline = Date.now() + queryTimeoutMs;
    for (let spins = 0; ; spins++) {
      if (!c.pq.consumeInput()) return failed(c.pq.errorMessage().trim() || "the connection was lost");
      if (!c.pq.isBusy()) break;
      if (Date.now() >= deadline) return failed(`no answer within ${queryTimeoutMs} ms`);
      // A loopback answer takes tens of µs: spin briefly, then sleep longer and longer (up to 5 ms).
      if (spins > 20) pause(Math.min(5, (spins - 20) * 0.05));
    }
    let rows: unknown[][] = [];
    let error: string | null = null;
    while (c.pq.getResult()) {
      const status = c.pq.resultStatus();
      if (status === "PGRES_FATAL_ERROR") error ??= c.pq.resultErrorMessage().trim();
      else rows = c._consumeQueryResults(c.pq).rows;
    }
    if (error !== null) {
      // A server that went away answers with a fatal error too: then the connection is gone.
      if (!c.pq.consumeInput() || /terminating connection|server closed the connection|no connection to the server/i.test(error)) return failed(error);
      throw new StatementError(error);
    }
    return rows;
  };

  return {
    run(sql, values, prepared) {
      if (!client && down && Date.now() < down.retryAt) {
        throw new DatabaseUnavailableError(`PostgreSQL unreachable for ${Math.round((Date.now() - down.since) / 1000)} s (${down.why}); next try in ${down.retryAt - Date.now()} ms`);
      }
      const c = client ?? connect();
      const text = numbered(sql);
      if (!prepared) return send(c, () => (values.length ? c.pq.sendQueryParams(text, values) : c.pq.sendQuery(text)));
      let name = names.get(sql);
      if (!name) {
        const fresh = `zb${names.size}`;
        send(c, () => c.pq.sendPrepare(fresh, text, values.length));
        names.set(sql, (name = fresh));
      }
      const ready = name;
      return send(c, () => c.pq.sendQueryPrepared(ready, values));
    },
    close: drop,
  };
}

/** `?` → `$1, $2, …` (the store's SQL has no `?` inside literals). */
function numbered(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

/** The URL (or key=value connection string) with libpq's connect_timeout, unless it sets one. */
export function withConnectTimeout(url: string, seconds: number): string {
  if (/connect_timeout=/.test(url)) return url;
  if (!/^postgres(ql)?:\/\//.test(url)) return `${url} connect_timeout=${seconds}`;
  return `${url}${url.includes("?") ? "&" : "?"}connect_timeout=${seconds}`;
}
