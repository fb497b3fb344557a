import { AsyncLocalStorage } from "node:async_hooks";
import { linkSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/**
 * One build or add at a time per index folder: a lock file in it (`.build.lock`) holding the
 * holder's pid and what it does. A second `zhibao index` / `add` / `remove`, or a start that must
 * rebuild, waits for it (up to `waitMs`, saying so once) and then runs; past that it is refused,
 * naming the holder. A lock whose process is gone (a `kill -9`, a crash) is stale and taken over.
 * Reentrant within one call's async context: `add` holds it while its index update takes it again
 * (another task of the same process, a bot's /reload beside an add, waits like another process).
 */

/** The lock file's name in the index folder (a dotfile: never a bundle, never compared by `index --check`). */
export const BUILD_LOCK_FILE = ".build.lock";

/** How long a second build waits for the first by default (a full build of a few hundred reports takes about this). */
export const BUILD_LOCK_WAIT_MS = 120_000;

/** Another process holds the lock for longer than the caller would wait. */
export class BuildLockedError extends Error {
  constructor(
    readonly holder: { pid: number; what: string; since: string } | null,
    message: string,
  ) {
    super(message);
    this.name = "BuildLockedError";
  }
}

/** Options of {@link withBuildLock}. */
export interface BuildLockOptions {
  /** What this process is doing ("zhibao add"), written in the lock for the other to read. */
  what: string;
  /** How long to wait for another holder (default BUILD_LOCK_WAIT_MS, or ZHIBAO_LOCK_WAIT_MS). */
  waitMs?: number;
  /** Told once when this process starts waiting, and when it takes over a stale lock. */
  onWait?: (message: string) => void;
}

/** The lock files the current async context holds. */
const held = new AsyncLocalStorage<ReadonlySet<string>>();

/** Whether a process with this pid is alive (on this machine). */
function alive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM"; // alive, another user's
  }
}

function readHolder(path: string): { pid: number; what: string; since: string } | null {
  try {
    const parsed = JSON.parse(readFileSync(path, "utf8")) as { pid: number; what: string; since: string };
    return typeof parsed.pid === "number" ? parsed : null;
  } catch {
    return null; // being written, or damaged
  }
}

/**
 * Creates the lock file, or returns false when it exists. Written whole under a name of its own and
 * then linked into place, so a lock is never seen half-written (a process killed between creating
 * and writing it used to leave an empty lock, taken for a live writer's for 2 s).
 */
function tryCreate(path: string, what: string): boolean {
  const mine = `${path}.new-${process.pid}`;
  writeFileSync(mine, JSON.stringify({ pid: process.pid, what, since: new Date().toISOString() }));
  try {
    linkSync(mine, path);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw err;
  } finally {
    rmSync(mine, { force: true });
  }
}

/**
 * Removes the lock file if it still is the stale one read (another waiter may have removed it and
 * taken the lock since): moved to a name of this process's own first, so two waiters never both
 * remove it, and put back when it turns out to be a live holder's.
 */
function removeStale(path: string, stale: { pid: number } | null): boolean {
  const mine = `${path}.stale-${process.pid}`;
  try {
    renameSync(path, mine);
  } catch {
    return false; // gone already: someone else removed it
  }
  const now = readHolder(mine);
  if (now && now.pid !== stale?.pid) {
    try {
      linkSync(mine, path); // a live holder's lock: put it back (fails only if a third took the name)
    } catch {}
    rmSync(mine, { force: true });
    return false;
  }
  rmSync(mine, { force: true });
  return true;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs `fn` holding the index folder's build lock (see the module comment).
 *
 * @throws BuildLockedError when another live process still holds it after `waitMs`
 * @example await withBuildLock(indexDir, { what: "zhibao index" }, () => buildIndex(…))
 */
export async function withBuildLock<T>(indexDir: string, opts: BuildLockOptions, fn: () => T | Promise<T>): Promise<T> {
  const path = join(indexDir, BUILD_LOCK_FILE);
  const mine = held.getStore();
  if (mine?.has(path)) return await fn();
  try {
    mkdirSync(indexDir, { recursive: true });
    if (tryCreate(path, opts.what)) return await holding(path, mine, fn);
  } catch (err) {
    // A folder nobody can write to (a read-only install): no build can save there, so none needs the lock.
    if (["EACCES", "EPERM", "EROFS"].includes((err as NodeJS.ErrnoException).code ?? "")) return await fn();
    throw err;
  }
  const waitMs = opts.waitMs ?? (Number(process.env.ZHIBAO_LOCK_WAIT_MS) || BUILD_LOCK_WAIT_MS);
  const deadline = Date.now() + waitMs;
  let told = false;
  let unreadableSince: number | null = null;
  while (!tryCreate(path, opts.what)) {
    const holder = readHolder(path);
    if (holder ? !alive(holder.pid) : unreadableSince !== null && Date.now() - unreadableSince > 2000) {
      // Its process is gone (or it stayed unreadable, so no holder is writing it): stale.
      if (removeStale(path, holder)) opts.onWait?.(`a stale build lock (${holder ? `pid ${holder.pid}, ${holder.what}, since ${holder.since}, no longer running` : "unreadable"}) was removed`);
      unreadableSince = null;
      continue;
    }
    if (!holder) unreadableSince ??= Date.now();
    if (Date.now() >= deadline) {
      const who = holder ? `${holder.what}, pid ${holder.pid}, since ${holder.since}` : "a process";
      throw new BuildLockedError(holder, `another build of ${indexDir} is running (${who}): try again when it has finished`);
    }
    if (!told && holder) {
      told = true;
      opts.onWait?.(`another build of ${indexDir} is running (${holder.what}, pid ${holder.pid}): waiting for it (up to ${Math.round(waitMs / 1000)} s)…`);
    }
    await sleep(100);
  }
  return holding(path, mine, fn);
}

async function holding<T>(path: string, mine: ReadonlySet<string> | undefined, fn: () => T | Promise<T>): Promise<T> {
  try {
    return await held.run(new Set([...(mine ?? []), path]), fn);
  } finally {
    rmSync(path, { force: true });
  }
}
