/**
 * Issue 25: builds and adds take the index folder's lock. A second one waits (bounded) or says
 * another is running; a lock left by a killed process is taken over; two `zhibao add` at once in
 * the sqlite store both end indexed (before: "database is locked", one report left unindexed).
 */
import { spawn, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEngine } from "../../src/answer/engine.js";
import { BUILD_LOCK_FILE, BuildLockedError, withBuildLock } from "../../src/index/buildLock.js";
import { listReportFiles } from "../../src/ingest/files.js";
import { ensureBuilt, ROOT } from "../bot/botProcess.js";

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "zhibao-lock-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("withBuildLock", () => {
  it("a second holder waits until the first is done", async () => {
    const folder = join(dir, "wait");
    const events: string[] = [];
    const waits: string[] = [];
    const first = withBuildLock(folder, { what: "first" }, async () => {
      events.push("first start");
      await sleep(400);
      events.push("first end");
    });
    await sleep(50);
    const second = withBuildLock(folder, { what: "second", onWait: (m) => waits.push(m) }, () => void events.push("second"));
    await Promise.all([first, second]);
    expect(events).toEqual(["first start", "first end", "second"]);
    expect(waits.join("\n")).toMatch(/another build of .* is running \(first, pid \d+\): waiting/);
    expect(existsSync(join(folder, BUILD_LOCK_FILE))).toBe(false);
  });

  it("past its wait, a second one is refused, naming the holder", async () => {
    const folder = join(dir, "refuse");
    let release!: () => void;
    const first = withBuildLock(folder, { what: "zhibao index" }, () => new Promise<void>((r) => (release = r)));
    await sleep(50);
    const second = withBuildLock(folder, { what: "zhibao add", waitMs: 300 }, () => "ran");
    await expect(second).rejects.toThrow(BuildLockedError);
    await expect(withBuildLock(folder, { what: "zhibao add", waitMs: 100 }, () => "ran")).rejects.toThrow(/another build of .* is running \(zhibao index, pid \d+, since /);
    release();
    await first;
  });

  it("is reentrant within one call (an add's index update)", async () => {
    const folder = join(dir, "reentrant");
    const inner = await withBuildLock(folder, { what: "outer", waitMs: 200 }, () => withBuildLock(folder, { what: "inner", waitMs: 200 }, () => "inner ran"));
    expect(inner).toBe("inner ran");
  });

  it("a lock whose process is gone (kill -9) is stale and taken over at once", async () => {
    const folder = join(dir, "stale");
    mkdirSync(folder, { recursive: true });
    const gone = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" });
    writeFileSync(join(folder, BUILD_LOCK_FILE), JSON.stringify({ pid: Number(gone.stdout), what: "zhibao add", since: "2026-01-01T00:00:00Z" }));
    const said: string[] = [];
    const t0 = Date.now();
    expect(await withBuildLock(folder, { what: "zhibao index", waitMs: 5000, onWait: (m) => said.push(m) }, () => "ran")).toBe("ran");
    expect(Date.now() - t0).toBeLessThan(2000);
    expect(said.join("\n")).toMatch(/stale build lock \(pid \d+, zhibao add, .*no longer running\) was removed/);
  });
});

describe("two `zhibao add` at once (sqlite store), real processes", () => {
  beforeAll(() => ensureBuilt(), 120_000);

  it("both end indexed", async () => {
    const corpusDir = join(dir, "adds", "corpus");
    const indexDir = join(dir, "adds", "index");
    mkdirSync(corpusDir, { recursive: true });
    cpSync(join(ROOT, "corpus", "suining-2024.txt"), join(corpusDir, "suining-2024.txt"));
    const env = { ...process.env, ZHIBAO_CORPUS_DIR: corpusDir, ZHIBAO_INDEX_DIR: indexDir, ZHIBAO_STORE: "sqlite" };
    expect(spawnSync(process.execPath, ["bin/zhibao.js", "index"], { cwd: ROOT, env, encoding: "utf8" }).status).toBe(0);
    const add = (file: string) =>
      new Promise<{ code: number | null; stderr: string }>((resolve) => {
        const child = spawn(process.execPath, ["bin/zhibao.js", "add", join(ROOT, "corpus", file)], { cwd: ROOT, env, stdio: ["ignore", "ignore", "pipe"] });
        let stderr = "";
        child.stderr.on("data", (d) => (stderr += d));
        child.on("close", (code) => resolve({ code, stderr }));
      });
    const [a, b] = await Promise.all([add("bishan-2024.txt"), add("jiangmen-2024.txt")]);
    expect(a.stderr + b.stderr).not.toMatch(/database is locked/);
    expect([a.code, b.code]).toEqual([0, 0]);
    expect(existsSync(join(indexDir, BUILD_LOCK_FILE))).toBe(false);
    const engine = await createEngine({ corpusDir, indexDir, store: "sqlite", rebuild: "never" });
    try {
      expect(
        engine
          .reports()
          .map((r) => r.report)
          .sort(),
      ).toEqual(["bishan-2024.txt", "jiangmen-2024.txt", "suining-2024.txt"]);
    } finally {
      engine.close?.();
    }
  }, 180_000);

  it("a `zhibao add` killed (-9) while it holds the lock leaves a stale lock: the next add takes it over at once and both reports end indexed", async () => {
    const corpusDir = join(dir, "killed", "corpus");
    const indexDir = join(dir, "killed", "index");
    mkdirSync(corpusDir, { recursive: true });
    cpSync(join(ROOT, "corpus", "suining-2024.txt"), join(corpusDir, "suining-2024.txt"));
    const env = { ...process.env, ZHIBAO_CORPUS_DIR: corpusDir, ZHIBAO_INDEX_DIR: indexDir, ZHIBAO_STORE: "sqlite", ZHIBAO_LOCK_WAIT_MS: "5000" };
    expect(spawnSync(process.execPath, ["bin/zhibao.js", "index"], { cwd: ROOT, env, encoding: "utf8" }).status).toBe(0);
    const victim = spawn(process.execPath, ["bin/zhibao.js", "add", join(ROOT, "corpus", "bishan-2024.txt")], { cwd: ROOT, env, stdio: "ignore" });
    const lock = join(indexDir, BUILD_LOCK_FILE);
    for (let i = 0; i < 600 && !existsSync(lock); i++) await sleep(10);
    expect(existsSync(lock)).toBe(true);
    victim.kill("SIGKILL");
    await new Promise((r) => victim.on("close", r));
    expect(existsSync(lock)).toBe(true); // nobody removed it
    const next = spawnSync(process.execPath, ["bin/zhibao.js", "add", join(ROOT, "corpus", "jiangmen-2024.txt")], { cwd: ROOT, env, encoding: "utf8" });
    expect(next.stderr).toMatch(/stale build lock \(pid \d+, zhibao add, .*no longer running\) was removed/);
    expect(next.status).toBe(0);
    // Whatever the killed add left in corpus/ is indexed: the index is the corpus.
    const engine = await createEngine({ corpusDir, indexDir, store: "sqlite", rebuild: "never" });
    try {
      const indexed = engine
        .reports()
        .map((r) => r.report)
        .sort();
      expect(indexed).toEqual(listReportFiles(corpusDir).sort());
      expect(indexed).toContain("jiangmen-2024.txt");
    } finally {
      engine.close?.();
    }
  }, 180_000);
});
