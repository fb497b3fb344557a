import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import { formatWarning } from "../answer/engine.js";
import { type BundleCache, buildIndex } from "../index/build.js";
import { BUILD_LOCK_FILE, withBuildLock } from "../index/buildLock.js";
import { saveIndex, savedBundles } from "../index/store.js";
import { chooseStore, defaultFolders, sqlitePath } from "../index/storeChoice.js";
import { listReportFiles } from "../ingest/files.js";
import type { IngestWarning, ReportMeta } from "../types.js";

/**
 * `zhibao index [--check] [--full]`: builds index/ from corpus/, re-reading only the reports whose
 * files changed since index/ was saved (all of them with --full), or checks that the committed
 * index/ is what a build from nothing produces.
 */
export async function runIndex(opts: { check?: boolean; full?: boolean; store?: string }): Promise<void> {
  // --check writes nothing into index/: it needs no lock.
  if (opts.check) return buildIndexCmd(opts);
  await withBuildLock(PACKAGE_FOLDERS.indexDir, { what: "zhibao index", onWait: say }, () => buildIndexCmd(opts));
}

/** Tells the user something on stderr, on its own line. */
const say = (m: string) => process.stderr.write(`${m}\n`);

async function buildIndexCmd(opts: { check?: boolean; full?: boolean; store?: string }): Promise<void> {
  const { corpusDir, indexDir } = PACKAGE_FOLDERS;
  const t0 = performance.now();
  const store = chooseStore(opts.store ?? process.env.ZHIBAO_STORE, listReportFiles(corpusDir).length, process.env.DATABASE_URL);
  if (store !== "files" && !opts.check) {
    const result = await updateDatabase(store, corpusDir, indexDir, !!opts.full, true);
    const { counts } = result.meta;
    process.stderr.write(
      `${store === "sqlite" ? `index database ${sqlitePath(indexDir)}` : "PostgreSQL index"} built in ${Math.round(performance.now() - t0)} ms (${result.read} report files read, ${result.removed} removed): ${counts.reports} reports, ${counts.tables} tables, ${counts.facts} facts, ${counts.passages} passages\n`,
    );
    return;
  }
  const fromScratch = opts.check || opts.full;
  const data = buildIndex(corpusDir, progress, fromScratch ? undefined : savedBundles(indexDir));
  endProgress();
  for (const w of data.meta.warnings) process.stderr.write(`${formatWarning(w)}\n`);
  const target = opts.check ? mkdtempSync(join(tmpdir(), "zhibao-index-")) : indexDir;
  const { filesDerived } = await import("../answer/databaseBuild.js");
  saveIndex(data, target, filesDerived(data));
  const { counts } = data.meta;
  process.stderr.write(
    `built in ${Math.round(performance.now() - t0)} ms (${data.read} of ${data.bundles.length} report files read): ${counts.reports} reports, ${counts.tables} tables, ${counts.facts} facts, ${counts.passages} passages\n`,
  );
  if (!opts.check) return;
  // Every file either side has (passages/ holds one index per report), compared byte for byte.
  const files = new Set([...listFiles(target), ...listFiles(indexDir)]);
  const differing = [...files].filter((f) => {
    try {
      return !readFileSync(join(target, f)).equals(readFileSync(join(indexDir, f)));
    } catch {
      return true;
    }
  });
  rmSync(target, { recursive: true, force: true });
  if (differing.length) {
    process.stderr.write(`index/ is not what the build produces (${differing.join(", ")}): run \`npm run build:index\` and commit index/\n`);
    process.exitCode = 1;
  } else process.stderr.write("index/ is up to date\n");
}

const ROOT = resolve(import.meta.dirname, "..", "..");
/** The reports and index folders a command works on: by default those the engine reads (ZHIBAO_CORPUS_DIR, ZHIBAO_INDEX_DIR, else the package's). */
export interface Folders {
  corpusDir: string;
  indexDir: string;
}
export const PACKAGE_FOLDERS: Folders = defaultFolders(ROOT);
const tty = process.stderr.isTTY;
const progress = (m: string) => process.stderr.write(tty ? `\r\x1b[K${m}` : `${m}\n`);
const endProgress = () => tty && process.stderr.write("\n");

/**
 * Brings the index database (SQLite, or PostgreSQL at DATABASE_URL) up to date (incrementally unless `full`), printing its warnings;
 * `verify` (`zhibao index`) first checks every stored row's checksum, reading again the reports whose rows changed.
 */
async function updateDatabase(store: "sqlite" | "postgres", corpusDir: string, indexDir: string, full: boolean, verify = false) {
  const { buildPostgresIndex, buildSqliteIndex } = await import("../index/databaseStore.js");
  const { DATABASE_DERIVED } = await import("../answer/databaseBuild.js");
  const opts = { ...DATABASE_DERIVED, full, verify, onProgress: progress };
  if (store === "sqlite") mkdirSync(indexDir, { recursive: true });
  const result = store === "sqlite" ? buildSqliteIndex(corpusDir, sqlitePath(indexDir), opts) : buildPostgresIndex(corpusDir, process.env.DATABASE_URL ?? "", opts);
  endProgress();
  if ("movedAside" in result && result.movedAside)
    process.stderr.write(`the index database was damaged (${result.movedAside.reason}): moved aside to ${result.movedAside.to} and built again from corpus/\n`);
  for (const w of result.meta.warnings) process.stderr.write(`${formatWarning(w)}\n`);
  return result;
}

/**
 * Brings the configured store's index up to date with corpus/, re-reading only what changed (the
 * files store takes bundles from `cache` first: those `zhibao add` just made); the warnings said
 * about `files`, and which of them the index does not use (unreadable, or a copy of another report).
 */
export async function updateIndex(
  files: string[],
  { corpusDir, indexDir }: Folders,
  o: { cache?: BundleCache; onProgress?: (m: string) => void } = {},
): Promise<{ read: number; warnings: IngestWarning[]; unused: string[] }> {
  return withBuildLock(indexDir, { what: "zhibao index update", onWait: say }, () => updateHolding(files, { corpusDir, indexDir }, o));
}

async function updateHolding(
  files: string[],
  { corpusDir, indexDir }: Folders,
  o: { cache?: BundleCache; onProgress?: (m: string) => void },
): Promise<{ read: number; warnings: IngestWarning[]; unused: string[] }> {
  const store = chooseStore(process.env.ZHIBAO_STORE, listReportFiles(corpusDir).length, process.env.DATABASE_URL);
  const mine = (w: IngestWarning) => files.includes(w.report);
  const unusedOf = (bundles: { file: string; used: boolean }[]) => bundles.filter((b) => files.includes(b.file) && !b.used).map((b) => b.file);
  if (store !== "files") {
    const result = await updateDatabase(store, corpusDir, indexDir, false);
    return { read: result.read, warnings: result.meta.warnings.filter(mine), unused: unusedOf(result.meta.bundles) };
  }
  const data = buildIndex(corpusDir, o.onProgress ?? progress, o.cache ?? savedBundles(indexDir));
  endProgress();
  const { filesDerived } = await import("../answer/databaseBuild.js");
  saveIndex(data, indexDir, filesDerived(data));
  return { read: data.read, warnings: data.meta.warnings.filter(mine), unused: unusedOf(data.meta.bundles) };
}

/** `zhibao remove NAME…`: takes report files (by file name) out of corpus/ and updates the index. */
export async function runRemove(names: string[], folders: Folders = PACKAGE_FOLDERS): Promise<void> {
  const { corpusDir } = folders;
  const known = listReportFiles(corpusDir);
  // 雅安, 遂宁职校, Leshan: a report's name (entity, alias, English name) as well as its file name.
  const byName = names.some((n) => !known.includes(n)) ? await reportsByName(folders) : [];
  const files = names.flatMap((name) => {
    if (known.includes(name)) return [name];
    const named = filesNamed(name, byName);
    if (named.length > 1) {
      process.stderr.write(`${name}: names ${named.length} reports (${named.join(", ")}): give the file name of the one to remove\n`);
      process.exitCode = 1;
      return [];
    }
    return named.length ? named : [name];
  });
  await withBuildLock(folders.indexDir, { what: "zhibao remove", onWait: say }, () => removeFiles(files, folders));
}

/** Takes these files out of corpus/ and updates the index (holding the build lock: what is there is listed again). */
async function removeFiles(files: string[], folders: Folders): Promise<void> {
  const { corpusDir } = folders;
  const known = listReportFiles(corpusDir);
  const removed: string[] = [];
  for (const name of [...new Set(files)]) {
    if (!known.includes(name)) {
      process.stderr.write(`${name}: no such report file in corpus/ (there are: ${known.join(", ")})\n`);
      process.exitCode = 1;
      continue;
    }
    rmSync(join(corpusDir, name));
    removed.push(name);
  }
  if (!removed.length) return;
  const t0 = performance.now();
  await updateIndex([], folders);
  process.stderr.write(`removed ${removed.join(", ")}: index updated in ${Math.round(performance.now() - t0)} ms\n`);
}

/** The reports the index holds (file, entity, aliases, English name), for `remove` by name; [] when it cannot be read. */
async function reportsByName(folders: Folders): Promise<ReportMeta[]> {
  try {
    const { createEngine } = await import("../answer/engine.js");
    const engine = await createEngine({ ...folders, rebuild: "never" });
    const reports = engine.reports();
    engine.close?.();
    return reports;
  } catch {
    return [];
  }
}

/**
 * The report files a name a person types stands for: the file name without its extension, the entity (乐山 or
 * 乐山市), an alias or the English name (any case).
 *
 * @example filesNamed("雅安", reports) // ["yaan-2024.txt"] when 雅安市's report is yaan-2024.txt
 */
export function filesNamed(name: string, reports: readonly ReportMeta[]): string[] {
  const want = name.trim().toLowerCase();
  const bare = (s: string) => s.replace(/(?:市|区|县|自治州|州)$/, "");
  return reports
    .filter((r) => {
      const names = [r.report.replace(/\.[^.]+$/, ""), r.entity, bare(r.entity), ...(r.aliases ?? []), r.english ?? ""].map((s) => s.toLowerCase());
      return names.includes(want) || names.includes(bare(want));
    })
    .map((r) => r.report);
}

/** Files under a folder, as paths relative to it. */
function listFiles(dir: string): string[] {
  try {
    return readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile() && e.name !== BUILD_LOCK_FILE)
      .map((e) => relative(dir, join(e.parentPath ?? e.path, e.name)));
  } catch {
    return [];
  }
}
