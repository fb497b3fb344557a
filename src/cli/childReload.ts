import { spawn } from "node:child_process";
import { rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { createEngine } from "../answer/engine.js";
import type { AddReply, AddRequest, ReportAdder } from "../bot/context.js";
import type { Engine } from "../types.js";

type ReloadResult = Awaited<ReturnType<Engine["reload"]>>;

/** The package root, where reloadChild.js keeps corpus/ and index/. */
const PACKAGE_ROOT = resolve(import.meta.dirname, "..", "..");

/**
 * The bot's engine, whose `reload` rebuilds the index in a child process (reloadChild.js) and
 * then loads the saved index (and `addReport`, for a report an admin sends, adds it in one:
 * addChild.js), instead of building for seconds on the bot's own thread: updates
 * keep being answered meanwhile. `abandonChildren` (called on SIGTERM/SIGINT) kills a running child
 * at once and makes its reload or add reject with a ChildAbandonedError, so the stop never waits for
 * a build (it used to hold the update in flight for the whole 1.5 s drain, and more on a loaded
 * machine). Every other call goes to the current engine. `onSwap` runs after a new index is loaded
 * (the bot's answer pool loads it too).
 *
 * @example const engine = reloadingInChild(await cliEngine());
 */
export function reloadingInChild(initial: Engine, log: (m: string) => void = () => {}, onSwap: () => Promise<void> = async () => {}): Engine & { addReport: ReportAdder; abandonChildren: () => void } {
  let current = initial;
  // Children running now, and whether the bot is stopping (then no new child is started).
  const children = new Set<RunningChild>();
  let stopping = false;
  /** On a stop signal: kill every child at once (never wait for a build), and start no more. */
  const abandonChildren = (): void => {
    stopping = true;
    for (const c of children) c.abandon();
  };
  const runChild = <T>(script: string, args: string[]): Promise<T> => {
    if (stopping) return Promise.reject(new ChildAbandonedError());
    const child = startChild<T>(script, args);
    children.add(child);
    return child.result.finally(() => children.delete(child));
  };
  // One child at a time: an add and a reload both write corpus/ or the index.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(job: () => Promise<T>): Promise<T> => {
    const run = queue.then(job, job);
    queue = run.catch(() => {});
    return run;
  };
  const reload = (): Promise<ReloadResult> =>
    serial(async () => {
      const result = await runChild<ReloadResult>("./reloadChild.js", []);
      if (stopping) throw new ChildAbandonedError();
      const previous = current;
      current = await createEngine({ rebuild: "never", log });
      // Its database connection, if it has one: each /reload would otherwise keep one more open.
      previous.close?.();
      await onSwap();
      return result;
    });
  const addReport = (request: AddRequest): Promise<AddReply> =>
    serial(async () => {
      const result = await runChild<AddReply>("./addChild.js", [JSON.stringify(request)]);
      if (stopping) return result;
      if (result.outcomes.some((o) => o.added)) {
        const previous = current;
        current = await createEngine({ rebuild: "never", log });
        previous.close?.();
        await onSwap();
      }
      return result;
    });
  return new Proxy(initial as Engine & { addReport: ReportAdder; abandonChildren: () => void }, {
    get(_target, prop) {
      if (prop === "reload") return reload;
      if (prop === "addReport") return addReport;
      if (prop === "abandonChildren") return abandonChildren;
      const value: unknown = Reflect.get(current, prop);
      return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(current) : value;
    },
  });
}

/** A reload or add cut short because the bot is stopping (the child was killed, nothing swapped in). */
export class ChildAbandonedError extends Error {
  constructor() {
    super("the bot is stopping; the index was not changed — send it again after the restart");
    this.name = "ChildAbandonedError";
  }
}

/** A child process and its outcome; `abandon` kills it at once and rejects the outcome with a ChildAbandonedError. */
interface RunningChild {
  result: Promise<unknown>;
  abandon: () => void;
}

/**
 * Runs a script of this folder in a child process; resolves with the JSON of its last stdout line,
 * rejects with its last error line.
 */
function startChild<T>(script: string, args: string[]): { result: Promise<T>; abandon: () => void } {
  let abandon = (): void => {};
  const result = new Promise<T>((resolve, reject) => {
    const child = spawn(process.execPath, [new URL(script, import.meta.url).pathname, ...args], { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    let settled = false;
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (err = (err + d.toString()).slice(-4000)));
    // The bot stopping takes the rebuild with it: a half-built index is never swapped in, and the
    // folder saveIndex was writing (index.tmp-<pid>, beside index/) is removed.
    const kill = (): void => {
      child.kill("SIGKILL");
      rmSync(join(PACKAGE_ROOT, `index.tmp-${child.pid}`), { recursive: true, force: true });
    };
    abandon = (): void => {
      if (settled) return;
      settled = true;
      // (The exit hook stays: it removes the folder again should the dying child have written after this.)
      kill();
      // Its pipes must not keep the process alive while it stops.
      child.stdout.destroy();
      child.stderr.destroy();
      child.unref();
      reject(new ChildAbandonedError());
    };
    process.once("exit", kill);
    child.on("error", (e) => {
      if (!settled) reject(e);
      settled = true;
    });
    child.on("close", (code) => {
      process.off("exit", kill);
      if (settled) return;
      settled = true;
      if (code !== 0) return reject(new Error(err.trim().split("\n").pop() || `the index build exited with ${code}`));
      try {
        resolve(JSON.parse(out.trim().split("\n").pop()!) as T);
      } catch {
        reject(new Error("the index build printed no summary"));
      }
    });
  });
  return { result, abandon: () => abandon() };
}
