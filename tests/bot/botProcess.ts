/**
 * The real bot process for fault tests: `node bin/zhibao.js start` (what `npm start` runs) with
 * a test environment, its JSON log lines collected, and helpers to wait for a line or an exit.
 * Runs the compiled CLI from dist/; `ensureBuilt` recompiles it when src/ is newer.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { TOKEN } from "./harness.js";

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

function newest(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

/** Compiles src/ to dist/ when dist/ is missing or older. */
export function ensureBuilt(): void {
  const cli = join(ROOT, "dist/cli/main.js");
  if (!existsSync(cli) || statSync(cli).mtimeMs < newest(join(ROOT, "src"))) {
    spawnSync(process.execPath, [join(ROOT, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.json"], { cwd: ROOT, stdio: "ignore" });
  }
}

/** A running bot process. */
export interface BotProcess {
  child: ChildProcess;
  output: () => string;
  /** The JSON log lines so far. */
  logs: () => Record<string, unknown>[];
  waitForLog: (test: (l: Record<string, unknown>) => boolean, timeoutMs?: number) => Promise<Record<string, unknown>>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; ms: number }>;
  /** Sends `signal` and resolves with the exit and how long it took. */
  stop: (signal?: NodeJS.Signals) => Promise<{ code: number | null; signal: NodeJS.Signals | null; ms: number }>;
}

const running: ChildProcess[] = [];

/** Kills whatever a test left running. */
export function killAll(): void {
  for (const c of running) if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
}

/**
 * Starts the bot in polling mode against `apiRoot`, with `env` on top (a developer's .env is
 * overridden where it matters).
 */
export function startBot(apiRoot: string, env: Record<string, string> = {}, args: string[] = ["bin/zhibao.js", "start"], command = process.execPath): BotProcess {
  const child = spawn(command, args, {
    cwd: ROOT,
    env: {
      ...process.env,
      TELEGRAM_BOT_TOKEN: TOKEN,
      TELEGRAM_API_ROOT: apiRoot,
      BOT_MODE: "polling",
      WEBHOOK_URL: "",
      WEBHOOK_SECRET: "",
      ALLOWED_CHAT_IDS: "",
      RATE_LIMIT: "0",
      LOG_LEVEL: "info",
      // Its own: answered update ids are kept there, and the fake API's ids start at 1 in every test.
      DATA_DIR: mkdtempSync(join(tmpdir(), "zhibao-test-data-")),
      TELEGRAM_PROXY: "",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  running.push(child);
  let out = "";
  child.stdout!.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (out += d.toString()));
  let signalledAt = 0;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; ms: number }>((resolve) =>
    child.on("exit", (code, signal) => resolve({ code, signal, ms: signalledAt ? Date.now() - signalledAt : -1 })),
  );
  const logs = (): Record<string, unknown>[] =>
    out
      .split("\n")
      .filter((l) => l.startsWith("{"))
      .map((l) => {
        try {
          return JSON.parse(l) as Record<string, unknown>;
        } catch {
          return {};
        }
      });
  return {
    child,
    output: () => out,
    logs,
    exited,
    async waitForLog(test, timeoutMs = 15_000) {
      const until = Date.now() + timeoutMs;
      for (;;) {
        const found = logs().find(test);
        if (found) return found;
        if (child.exitCode !== null || child.signalCode !== null) throw new Error(`the bot exited (${child.exitCode ?? child.signalCode}) before the log line:\n${out}`);
        if (Date.now() > until) throw new Error(`no matching log line within ${timeoutMs} ms:\n${out}`);
        await new Promise((r) => setTimeout(r, 25));
      }
    },
    stop(signal = "SIGTERM") {
      signalledAt = Date.now();
      child.kill(signal);
      return exited;
    },
  };
}
