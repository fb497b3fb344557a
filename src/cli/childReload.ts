import { spawn } from "node:child_process";
import { rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { createEngine } from "../answer/engine.js";
import type { Engine } from "../types.js";

type ReloadResult = Awaited<ReturnType<Engine["reload"]>>;

/** The package root, where reloadChild.js keeps corpus/ and index/. */
const PACKAGE_ROOT = resolve(import.meta.dirname, "..", "..");

/**
 * The bot's engine, whose `reload` rebuilds the index in a child process (reloadChild.js) and
 * then loads the saved index, instead of building for seconds on the bot's own thread: updates
 * keep being answered meanwhile, and SIGTERM during a reload still stops the bot within 2 s (the
 * child is killed with it). Every other call goes to the current engine.
 *
 * @example const engine = reloadingInChild(await cliEngine());
 */
export function reloadingInChild(initial: Engine, log: (m: string) => void = () => {}): Engine {
  let current = initial;
  const reload = async (): Promise<ReloadResult> => {
    const result = await rebuildInChild();
    const previous = current;
    current = await createEngine({ rebuild: "never", log });
    // Its database connection, if it has one: each /reload would otherwise keep one more open.
    previous.close?.();
    return result;
  };
  return new Proxy(initial, {
    get(_target, prop) {
      if (prop === "reload") return reload;
      const value: unknown = Reflect.get(current, prop);
      return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(current) : value;
    },
  });
}

/** Runs reloadChild.js; resolves with its summary, rejects with its last error line. */
function rebuildInChild(): Promise<ReloadResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [new URL("./reloadChild.js", import.meta.url).pathname], { stdio: ["ignore", "pipe", "pipe"] });
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
        resolve(JSON.parse(out.trim().split("\n").pop()!) as ReloadResult);
      } catch {
        reject(new Error("the index build printed no summary"));
      }
    });
  });
}
