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
 * keep being answered meanwhile, and SIGTERM during a reload still stops the bot within 2 s (the
 * child is killed with it). Every other call goes to the current engine.
 *
 * @example const engine = reloadingInChild(await cliEngine());
 */
export function reloadingInChild(initial: Engine, log: (m: string) => void = () => {}): Engine & { addReport: ReportAdder } {
  let current = initial;
  // One child at a time: an add and a reload both write corpus/ or the index.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(job: () => Promise<T>): Promise<T> => {
    const run = queue.then(job, job);
    queue = run.catch(() => {});
    return run;
  };
  const reload = (): Promise<ReloadResult> =>
    serial(async () => {
      const result = await rebuildInChild();
      const previous = current;
      current = await createEngine({ rebuild: "never", log });
      // Its database connection, if it has one: each /reload would otherwise keep one more open.
      previous.close?.();
      return result;
    });
  const addReport = (request: AddRequest): Promise<AddReply> =>
    serial(async () => {
      const result = await runChild<AddReply>("./addChild.js", [JSON.stringify(request)]);
      if (result.outcomes.some((o) => o.added)) {
        const previous = current;
        current = await createEngine({ rebuild: "never", log });
        previous.close?.();
      }
      return result;
    });
  return new Proxy(initial as Engine & { addReport: ReportAdder }, {
    get(_target, prop) {
      if (prop === "reload") return reload;
      if (prop === "addReport") return addReport;
      const value: unknown = Reflect.get(current, prop);
      return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(current) : value;
    },
  });
}

/** Runs reloadChild.js; resolves with its summary, rejects with its last error line. */
function rebuildInChild(): Promise<ReloadResult> {
  return runChild<ReloadResult>("./reloadChild.js", []);
}

/** Runs a script of this folder in a child process; resolves with the JSON of its last stdout line, rejects with its last error line. */
function runChild<T>(script: string, args: string[]): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [new URL(script, import.meta.url).pathname, ...args], { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (err = (err + d.toString()).slice(-4000)));
    // The bot stopping takes the rebuild with it: a half-built index is never swapped in, and the
    // folder saveIndex was writing (index.tmp-<pid>, beside index/) is removed.
    const kill = (): void => {
      child.kill("SIGKILL");
      rmSync(join(PACKAGE_ROOT, `index.tmp-${child.pid}`), { recursive: true, force: true });
    };
    process.once("exit", kill);
    child.on("error", reject);
    child.on("close", (code) => {
      process.off("exit", kill);
      if (code !== 0) return reject(new Error(err.trim().split("\n").pop() || `the index build exited with ${code}`));
      try {
        resolve(JSON.parse(out.trim().split("\n").pop()!) as T);
      } catch {
        reject(new Error("the index build printed no summary"));
      }
    });
  });
}
