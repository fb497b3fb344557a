// Shared by the benchmarks that run children (peers.js, synth.js).
import { execFileSync } from "node:child_process";
import { cpSync, symlinkSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** The project root. */
export const root = join(dirname(fileURLToPath(import.meta.url)), "..");

/** The dist/ every import uses: a frozen copy made by the parent (see snapshotDist), or the live one. */
export const DIST = process.env.ZHIBAO_BENCH_DIST ?? join(root, "dist");

/**
 * Others may rebuild dist/ while a bench runs: every child imports one frozen copy of it, made at
 * the start (dist/ and bin/ copied to a temp folder with a package.json and a node_modules link beside them).
 */
export function snapshotDist(into) {
  const snap = join(into, "zhibao-snapshot");
  cpSync(join(root, "dist"), join(snap, "dist"), { recursive: true });
  cpSync(join(root, "bin"), join(snap, "bin"), { recursive: true });
  writeFileSync(join(snap, "package.json"), JSON.stringify({ type: "module" }));
  symlinkSync(join(root, "node_modules"), join(snap, "node_modules"), "dir");
  return join(snap, "dist");
}

/** "code: HEAD f256555, 3 uncommitted change(s) under src/, …" */
export function provenance() {
  try {
    const head = execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: root, encoding: "utf8" }).trim();
    const dirty = execFileSync("git", ["status", "--porcelain", "src"], { cwd: root, encoding: "utf8" }).split("\n").filter(Boolean).length;
    return `code: HEAD ${head}${dirty ? `, ${dirty} uncommitted change(s) under src/` : ""}, dist/ as compiled at the start`;
  } catch {
    return "code: dist/ as compiled at the start";
  }
}

/** The index API: load/save from index/store.js, buildIndex from index/build.js. */
export async function indexApi() {
  const [store, build] = await Promise.all([import(join(DIST, "index/store.js")), import(join(DIST, "index/build.js"))]);
  return { ...store, buildIndex: build.buildIndex };
}

/** This process's memory after two collections (run node with --expose-gc): RSS, heap used, peak RSS, in MB. */
export function memoryFigures() {
  global.gc?.();
  global.gc?.();
  const { rss, heapUsed } = process.memoryUsage();
  return { rssMB: rss / 1048576, heapMB: heapUsed / 1048576, peakMB: process.resourceUsage().maxRSS / 1024 };
}
