import { existsSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { bundleKey, bundleOf, type ReportBundle } from "../index/bundle.js";
import { withBuildLock } from "../index/buildLock.js";
import { formatReceipt, type Receipt, receiptOf } from "../index/receipt.js";
import { INDEX_FORMAT_VERSION, readBundle, readIndexMeta } from "../index/store.js";
import { chooseStore } from "../index/storeChoice.js";
import { ingestBytes } from "../ingest/corpus.js";
import { FetchError, type FetchLimits, fetchReport, httpUrl } from "../ingest/fetchReport.js";
import { listReportFiles } from "../ingest/files.js";
import { MANIFEST_FILE, readManifest } from "../ingest/manifest.js";
import type { ManifestEntry } from "../types.js";
import { type Folders, PACKAGE_FOLDERS, updateIndex } from "./indexCmd.js";

/**
 * `zhibao add FILE|URL…`, and what the bot runs for a file or a link an admin sends: each report is
 * read once, in memory, and checked (readable, a quality report, no copy of one already there)
 * before anything is written; the accepted ones go into corpus/ (a link's address into
 * corpus/manifest.json `url`), and the index is rebuilt once, taking the bundles just made instead
 * of reading the files again. A refused file costs its reading only: no index work.
 */

/** A report to add: its bytes and the name it is to have in corpus/. */
export interface AddSource {
  /** What the user gave: a path or an address (for messages). */
  from: string;
  name: string;
  bytes: Uint8Array;
  /** The address it was downloaded from (recorded in the manifest, so answers link to it). */
  url?: string;
  /** The `Content-Type` it was served with (recorded in the manifest and passed to the reader). */
  contentType?: string | null;
}

/** What came of one source. */
export interface AddOutcome {
  from: string;
  /** Its name in corpus/ (null when it never got one: a download that failed). */
  file: string | null;
  added: boolean;
  /** What was read of it (null when nothing could be). */
  receipt: Receipt | null;
  /** Why it was not added. */
  reason: string | null;
}

/** What one add did. */
export interface AddResult {
  outcomes: AddOutcome[];
  /** Time to update the index, when it was (null: nothing was added). */
  indexMs: number | null;
  /** Report files read by the index update (the ones just added come as bundles: 0 for the files store). */
  read: number;
}

/** Options of {@link addReports}. */
export interface AddOptions {
  /** Replace a report file of the same name. */
  replace?: boolean;
  /** Add a file even when it does not look like a quality report (no title or publisher, no year, no figures). */
  force?: boolean;
  /** Progress lines of the index update (the CLI's terminal line). */
  onProgress?: (m: string) => void;
  /** Told when another build or add holds the index and this one waits for it. */
  onWait?: (m: string) => void;
}

/** Names no report file may have. */
function badName(name: string): string | null {
  if (name === MANIFEST_FILE || name.startsWith(".") || name.startsWith("_")) return `${name}: not a report file name`;
  if (/[/\\\0]/.test(name) || name.length > 200) return `${name}: not a report file name`;
  return null;
}

/**
 * A path or an http(s) address as a source: a file's bytes, or a download (see fetchReport.ts).
 * @throws FetchError for a download that fails, Error for a missing file
 */
export async function loadSource(arg: string, limits?: FetchLimits): Promise<AddSource> {
  if (/^https?:\/\//i.test(arg.trim())) {
    const r = await fetchReport(arg.trim(), limits);
    return { from: arg, name: r.name, bytes: r.bytes, url: httpUrl(arg)?.href ?? arg, contentType: r.contentType };
  }
  if (!existsSync(arg) || !statSync(arg).isFile()) throw new Error(`${arg}: no such file`);
  return { from: arg, name: basename(arg), bytes: readFileSync(arg) };
}

/** The reports the files store's index now uses (their bundles, read once and kept for the build). */
function savedUsed(indexDir: string): { used: ReportBundle[]; cache: (file: string) => ReportBundle | null } {
  const meta = readIndexMeta(indexDir);
  if (meta?.formatVersion !== INDEX_FORMAT_VERSION) return { used: [], cache: () => null };
  const read = new Map<string, ReportBundle | null>();
  const entryOf = new Map(meta.bundles.map((b) => [b.file, b]));
  const cache = (file: string): ReportBundle | null => {
    if (!read.has(file)) {
      const entry = entryOf.get(file);
      let b: ReportBundle | null = null;
      try {
        b = entry ? readBundle(indexDir, entry.key, entry.sums, true) : null;
      } catch {
        b = null;
      }
      read.set(file, b);
    }
    return read.get(file)!;
  };
  return { used: meta.bundles.filter((b) => b.used).flatMap((b) => cache(b.file) ?? []), cache };
}

/**
 * Writes a report file into corpus/ as a new file renamed over the name: whatever was there (a
 * symbolic link planted in corpus/, pointing anywhere) is replaced, never written through. The
 * temporary name is a dotfile, which no scan of corpus/ reads.
 */
function writeReplacing(path: string, bytes: Uint8Array): void {
  const tmp = join(dirname(path), `.${basename(path)}.tmp-${process.pid}`);
  rmSync(tmp, { force: true }); // one left by a killed add (a link there is removed, not followed)
  writeFileSync(tmp, bytes, { flag: "wx", mode: 0o644 }); // O_EXCL: never through a link made meanwhile
  renameSync(tmp, path);
}

/** corpus/manifest.json with these entries set, one entry per line as it is kept. */
function writeManifest(corpusDir: string, set: Record<string, ManifestEntry | null>): void {
  const path = join(corpusDir, MANIFEST_FILE);
  let raw: Record<string, unknown> = {};
  try {
    raw = existsSync(path) ? (JSON.parse(readFileSync(path, "utf8")) as Record<string, unknown>) : {};
  } catch {
    throw new Error(`${path} is not valid JSON: fix it before adding reports by link`);
  }
  for (const [file, entry] of Object.entries(set)) {
    if (entry) raw[file] = entry;
    else delete raw[file];
  }
  const line = (v: unknown): string =>
    v && typeof v === "object" && !Array.isArray(v)
      ? `{ ${Object.entries(v)
          .filter(([, x]) => x !== undefined)
          .map(([k, x]) => `${JSON.stringify(k)}: ${Array.isArray(x) ? `[${x.map((y) => JSON.stringify(y)).join(", ")}]` : JSON.stringify(x)}`)
          .join(", ")} }`
      : JSON.stringify(v);
  const text = `{\n${Object.entries(raw)
    .map(([k, v]) => `  ${JSON.stringify(k)}: ${line(v)}`)
    .join(",\n")}\n}\n`;
  writeFileSync(`${path}.tmp-${process.pid}`, text);
  renameSync(`${path}.tmp-${process.pid}`, path);
}

/**
 * Adds reports to corpus/ and updates the index once (see the module comment). Never throws for a
 * bad source: each outcome says what came of it.
 *
 * @example const { outcomes } = await addReports([await loadSource("qinghe-2023.html")], folders, {}); outcomes[0].receipt?.entity // "青禾县"
 */
export async function addReports(sources: AddSource[], folders: Folders, opts: AddOptions = {}): Promise<AddResult> {
  // Held from the checks to the index update: a second add waits, then checks against what this one added.
  return withBuildLock(folders.indexDir, { what: "zhibao add", onWait: opts.onWait ?? (() => {}) }, () => addHolding(sources, folders, opts));
}

async function addHolding(sources: AddSource[], folders: Folders, opts: AddOptions): Promise<AddResult> {
  const { corpusDir, indexDir } = folders;
  const { entries } = readManifest(corpusDir);
  const there = new Set(listReportFiles(corpusDir));
  const store = chooseStore(process.env.ZHIBAO_STORE, there.size + sources.length, process.env.DATABASE_URL);
  const saved = store === "files" ? savedUsed(indexDir) : { used: [], cache: () => null };
  const outcomes: AddOutcome[] = [];
  const accepted: { source: AddSource; entry: ManifestEntry | undefined; bundle: ReportBundle; outcome: AddOutcome }[] = [];
  for (const source of sources) {
    const name = source.name;
    const refuse = (reason: string, receipt: Receipt | null = null) => outcomes.push({ from: source.from, file: name, added: false, receipt, reason });
    const bad = badName(name);
    if (bad) {
      refuse(bad);
      continue;
    }
    if ((there.has(name) && !opts.replace) || accepted.some((a) => a.source.name === name)) {
      refuse(`${name} is already in corpus/: add --replace to replace it`);
      continue;
    }
    const entry: ManifestEntry | undefined = source.url ? { ...entries[name], url: source.url, ...(source.contentType ? { contentType: source.contentType } : {}) } : entries[name];
    const ingested = ingestBytes(name, source.bytes, entry);
    const receipt = receiptOf({ file: name, ...ingested }, source.url);
    if (!receipt) {
      const why = ingested.warnings.find((w) => w.message.startsWith("skipped"))?.message.replace(/^skipped: /, "") ?? "it cannot be read";
      refuse(`${name} cannot be read as a report: ${why}`);
      continue;
    }
    if (receipt.problems.length && !opts.force) {
      refuse(`${name} does not look like a quality report: ${receipt.problems.join("; ")} (add --force to add it anyway)`, receipt);
      continue;
    }
    const meta = ingested.report!.meta;
    // A final report replaces a draft of the same entity and year in answers (the draft stays, unused, with a warning).
    const twin = [...saved.used.map((b) => b.content!.meta), ...accepted.map((a) => a.bundle.content!.meta)].find(
      (m) =>
        m.report !== name &&
        (m.sha256 === meta.sha256 || (m.entity === meta.entity && (m.reportYear ?? m.dataYears.join(",")) === (meta.reportYear ?? meta.dataYears.join(",")) && !(m.draft && !meta.draft))),
    );
    if (twin) {
      const same =
        twin.sha256 === meta.sha256
          ? "the same text"
          : `the same entity (${meta.entity}) and year (${meta.reportYear ?? "none"})${meta.draft && !twin.draft ? `, and this one is marked as a draft (${meta.draft.word})` : ""}`;
      refuse(`${name} is a copy of ${twin.report} (${same}), which is already in corpus/: remove that one first to replace it`, receipt);
      continue;
    }
    // Told on its receipt: the draft it replaces in answers (the draft's file stays in corpus/).
    const draft = saved.used.map((b) => b.content!.meta).find((m) => m.draft && m.entity === meta.entity && (m.reportYear ?? m.dataYears.join(",")) === (meta.reportYear ?? meta.dataYears.join(",")));
    if (draft && !meta.draft)
      // A new array: the receipt's warnings are the bundle's, which say only what the file itself says.
      receipt.warnings = [
        { report: name, line: null, message: `answers from it instead of ${draft.report}, a draft of the same report (${draft.draft!.word}), which stays in corpus/ unused` },
        ...receipt.warnings,
      ];
    const outcome: AddOutcome = { from: source.from, file: name, added: true, receipt, reason: null };
    outcomes.push(outcome);
    accepted.push({ source, entry, bundle: bundleOf(bundleKey(name, source.bytes, entry), name, ingested), outcome });
  }
  if (!accepted.length) return { outcomes, indexMs: null, read: 0 };

  for (const a of accepted) writeReplacing(join(corpusDir, a.source.name), a.source.bytes);
  const linked = accepted.filter((a) => a.source.url);
  if (linked.length) writeManifest(corpusDir, Object.fromEntries(linked.map((a) => [a.source.name, a.entry ?? null])));
  const made = new Map(accepted.map((a) => [a.source.name, a.bundle]));
  const t0 = performance.now();
  const names = accepted.map((a) => a.source.name);
  let update = await updateIndex(names, folders, { cache: (file) => made.get(file) ?? saved.cache(file), ...(opts.onProgress ? { onProgress: opts.onProgress } : {}) });
  // A copy the checks could not see (a database store's reports): taken out again, and the index updated once more.
  const dropped = accepted.filter((a) => update.unused.includes(a.source.name));
  if (dropped.length) {
    for (const a of dropped) {
      rmSync(join(corpusDir, a.source.name), { force: true });
      a.outcome.added = false;
      a.outcome.reason = update.warnings.find((w) => w.report === a.source.name && w.message.startsWith("skipped"))?.message.replace(/^skipped: /, "") ?? "not used by the index";
    }
    const linkedDropped = dropped.filter((a) => a.source.url);
    if (linkedDropped.length) writeManifest(corpusDir, Object.fromEntries(linkedDropped.map((a) => [a.source.name, entries[a.source.name] ?? null])));
    update = await updateIndex([], folders, { cache: (file) => made.get(file) ?? saved.cache(file) });
  }
  return { outcomes, indexMs: Math.round(performance.now() - t0), read: update.read };
}

/**
 * `zhibao add FILE|URL…`: prints each report's receipt (stdout), says what was added or refused and
 * why (stderr), and exits 1 when anything was refused.
 */
export async function runAdd(args: string[], opts: { replace?: boolean; force?: boolean }, folders: Folders = PACKAGE_FOLDERS): Promise<void> {
  const sources: AddSource[] = [];
  for (const arg of args) {
    try {
      sources.push(await loadSource(arg));
    } catch (err) {
      process.stderr.write(`${err instanceof FetchError ? `cannot download ${err.message}` : (err as Error).message}\n`);
      process.exitCode = 1;
    }
  }
  if (!sources.length) return;
  const tty = process.stderr.isTTY;
  const result = await addReports(sources, folders, {
    ...opts,
    onProgress: (m) => process.stderr.write(tty ? `\r\x1b[K${m}` : `${m}\n`),
    onWait: (m) => process.stderr.write(`${m}\n`),
  });
  if (tty && result.indexMs !== null) process.stderr.write("\n");
  for (const o of result.outcomes) {
    if (o.receipt) process.stdout.write(`${formatReceipt(o.receipt).join("\n")}\n`);
    if (!o.added) {
      process.stderr.write(`not added: ${o.reason}\n`);
      process.exitCode = 1;
    }
  }
  const added = result.outcomes.filter((o) => o.added).map((o) => o.file);
  if (added.length) process.stderr.write(`added ${added.join(", ")}: index updated in ${result.indexMs} ms (${result.read} report files read)\n`);
}
