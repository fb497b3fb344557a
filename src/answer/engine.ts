import type { GuardOptions } from "../index/pgGuard.js";
import { existsSync, mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { listReportFiles } from "../ingest/files.js";
import { withBuildLock } from "../index/buildLock.js";
import type { SqliteView } from "../index/databaseStore.js";
import { chooseStore, defaultFolders, sqlitePath, type StoreKind } from "../index/storeChoice.js";
import { fileURLToPath } from "node:url";
import { corpusFingerprint, loadIndex, readIndexMeta, saveIndex, savedBundles, INDEX_FORMAT_VERSION, type BuiltIndexData, type IndexData, type IndexView } from "../index/store.js";
import type { Answer, AskContext, Engine, IndexStatus, IngestWarning, PassageHit, ReportMeta, Table } from "../types.js";
import { planAnswer, searchPassages } from "./plan.js";
import { explainQuestion, explanationText } from "./explain.js";
import { exampleQuestions } from "./smallTalk.js";
import { prepare, type Loaded } from "./state.js";
import { findTable, summarizeTable } from "./tableView.js";

/** Where the package lives: corpus/ and index/ default to its own folders, whatever the cwd. */
const PACKAGE_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");

/** Options for createEngine; every one has a default. */
export interface EngineOptions {
  /** Reports folder (default: ZHIBAO_CORPUS_DIR, else the package's corpus/). */
  corpusDir?: string;
  /** Built index folder (default: ZHIBAO_INDEX_DIR, else the package's index/). */
  indexDir?: string;
  /** Where progress and "rebuilding" notices go (default: nowhere). Never stdout: `ask --jsonl` owns it. */
  log?: (message: string) => void;
  /** "auto" (default): rebuild when corpus/ changed since the index was built; "never": load as is. */
  rebuild?: "auto" | "never";
  /** Which store holds the index (default: ZHIBAO_STORE, else by DATABASE_URL and the corpus's size; see storeChoice.ts). */
  store?: StoreKind;
  /** The PostgreSQL server of the "postgres" store (default: DATABASE_URL). */
  databaseUrl?: string;
  /**
   * Longest wait for one PostgreSQL query while answering (default: DATABASE_QUERY_TIMEOUT_MS, else
   * 2000): past it the query fails and the connection is made again (src/index/pgGuard.ts).
   */
  databaseQueryTimeoutMs?: number;
}

/**
 * Loads the index (rebuilding it when the corpus changed since it was built, saying so) and
 * returns the answer engine every interface uses. Async only because a rebuild loads the
 * ingestion code on demand; answering itself is synchronous.
 *
 * @example
 * const engine = await createEngine({ log: (m) => console.error(m) });
 * engine.ask("Suining 2024 升学人数").facts[0].value // 803
 */
export async function createEngine(opts: EngineOptions = {}): Promise<Engine> {
  const folders = defaultFolders(PACKAGE_ROOT);
  const corpusDir = opts.corpusDir ?? folders.corpusDir;
  const indexDir = opts.indexDir ?? folders.indexDir;
  const log = opts.log ?? (() => {});
  const databaseUrl = opts.databaseUrl ?? process.env.DATABASE_URL;
  const store = opts.store ?? chooseStore(process.env.ZHIBAO_STORE, listReportFiles(corpusDir).length, databaseUrl);
  const guard = { queryTimeoutMs: opts.databaseQueryTimeoutMs ?? queryTimeoutFromEnv() };
  const open = async (rebuild: "auto" | "never"): Promise<IndexView> => {
    if (store === "sqlite") return openSqlite(corpusDir, indexDir, rebuild, log);
    if (store === "postgres") return openPostgres(corpusDir, databaseUrl ?? "", rebuild, log, guard);
    return loadOrBuild(corpusDir, indexDir, rebuild, log);
  };
  let view = await open(opts.rebuild ?? "auto");
  let state = prepare(view);
  /** The state to answer from: a database another process has changed (`zhibao add`, another instance) is read again first. */
  const current = (): Loaded => {
    if ((view as Partial<SqliteView>).stale?.()) {
      const old = view as SqliteView;
      try {
        view = store === "postgres" ? databaseStore!.openPostgresIndex(databaseUrl ?? "", log, guard) : databaseStore!.openSqliteIndex(sqlitePath(indexDir), log);
        state = prepare(view);
        old.close();
        log("the index database changed: reloaded it");
      } catch (err) {
        log(`the index database changed but could not be read again (${(err as Error).message}); answering from what was loaded`);
      }
    }
    return state;
  };

  return {
    ask(question: string, context?: AskContext): Answer {
      return planAnswer(current(), question, context);
    },
    explain(question: string, context?: AskContext): string {
      return explanationText(explainQuestion(current(), question, context));
    },
    search(query: string, o: { casesOnly?: boolean; limit?: number } = {}): PassageHit[] {
      return searchPassages(current(), query, o);
    },
    reports(): ReportMeta[] {
      return current().data.reports;
    },
    examples(lang: "zh" | "en"): string[] {
      return exampleQuestions(current(), lang).map((a) => a.question);
    },
    tables(report?: string) {
      const state = current();
      const wanted = report ? resolveReport(state, report) : null;
      if (report && !wanted) return [];
      return state.tableHeadsOf(wanted ? [wanted] : []).map((t) => summarizeTable(t, state.metaByReport.get(t.report)?.entity ?? t.report));
    },
    table(query: string, report?: string): Table | null {
      const state = current();
      const byId = state.tableById(query);
      if (byId) return byId;
      const wanted = report ? resolveReport(state, report) : null;
      // A report named that nobody has is no table, never another report's.
      if (report && !wanted) return null;
      const resolved = state.resolver.resolve(query);
      // `/table 成都 表1`: a place with no report names no table (before: 璧山's 表1).
      if (!wanted && resolved.matches.length === 0 && resolved.unknown.length > 0) return null;
      const inReport = wanted ?? resolved.matches[0]?.report ?? null;
      let words = query;
      // Right to left, each span once (a name several reports share is one span with a match per report).
      const spans = [...new Map(resolved.matches.map((m) => [`${m.start}:${m.end}`, m])).values()].sort((a, b) => b.start - a.start);
      for (const m of spans) words = words.slice(0, m.start) + words.slice(m.end);
      const head = findTable(state.tableHeadsOf(inReport ? [inReport] : []), words);
      return head ? (state.tableById(head.id) ?? null) : null;
    },
    async reload() {
      if (store !== "files") {
        const old = view;
        view = store === "sqlite" ? await openSqlite(corpusDir, indexDir, "auto", log) : await openPostgres(corpusDir, databaseUrl ?? "", "publish", log, guard);
        state = prepare(view);
        (old as SqliteView).close();
      } else {
        const data = await withBuildLock(indexDir, { what: "the bot's /reload", onWait: log }, async () => {
          const built = await build(corpusDir, indexDir, log);
          await trySave(built, indexDir, log);
          return built;
        });
        state = prepare((view = data));
      }
      return statusOf(view);
    },
    status: () => statusOf(view),
    close: () => (view as Partial<SqliteView>).close?.(),
  };
}

function statusOf(view: IndexView): IndexStatus {
  const { counts, warnings } = view.meta;
  return { reports: counts.reports, tables: counts.tables, facts: counts.facts, passages: counts.passages, warnings };
}

/** The report file for a name a person types: file name, entity name, alias or English name. */
function resolveReport(state: Loaded, name: string): string | null {
  if (state.metaByReport.has(name)) return name;
  const byEntity = state.reportByEntity.get(name);
  if (byEntity) return byEntity;
  return state.resolver.resolve(name).matches[0]?.report ?? null;
}

async function loadOrBuild(corpusDir: string, indexDir: string, rebuild: "auto" | "never", log: (m: string) => void): Promise<IndexData> {
  if (rebuild === "never") return loadIndex(indexDir);
  const meta = readIndexMeta(indexDir);
  const fingerprint = corpusFingerprint(corpusDir);
  if (meta && meta.formatVersion === INDEX_FORMAT_VERSION && meta.corpusFingerprint === fingerprint) {
    try {
      return loadIndex(indexDir);
    } catch (err) {
      log(`${(err as Error).message}; rebuilding`);
    }
  } else {
    log(
      !meta
        ? "no index yet: building it from corpus/…"
        : meta.formatVersion !== INDEX_FORMAT_VERSION
          ? "the index is of an older format: rebuilding…"
          : "corpus/ changed since the index was built: rebuilding…",
    );
  }
  return buildAndSave(corpusDir, indexDir, log);
}

/**
 * Builds and saves the files store's index holding the build lock (src/index/buildLock.ts): a
 * `zhibao add` or another start building at the same moment is waited for, and what it saved is
 * loaded when it is the corpus as it is now.
 */
async function buildAndSave(corpusDir: string, indexDir: string, log: (m: string) => void): Promise<IndexData> {
  return withBuildLock(indexDir, { what: "a zhibao start rebuilding the index", onWait: log }, async () => {
    const meta = readIndexMeta(indexDir);
    if (meta && meta.formatVersion === INDEX_FORMAT_VERSION && meta.corpusFingerprint === corpusFingerprint(corpusDir)) {
      try {
        return loadIndex(indexDir);
      } catch {
        // damaged: built below
      }
    }
    const data = await build(corpusDir, indexDir, log);
    await trySave(data, indexDir, log);
    return data;
  });
}

/** The database store's code, once loaded (the files store never loads it). */
let databaseStore: typeof import("../index/databaseStore.js") | null = null;

/**
 * Connects to the shared PostgreSQL index. An instance reads it as it is: it builds it from its own
 * corpus/ only when the database has no index yet ("auto"), or when asked to publish its corpus
 * (the bot's /reload, `zhibao index`). Instances pick up what another one published (see `current`).
 */
async function openPostgres(corpusDir: string, url: string, rebuild: "auto" | "never" | "publish", log: (m: string) => void, guard: GuardOptions): Promise<SqliteView> {
  databaseStore ??= await import("../index/databaseStore.js");
  const { buildPostgresIndex, openPostgresIndex, postgresState } = databaseStore;
  const held = rebuild === "auto" ? postgresState(url, corpusDir) : null;
  if (rebuild === "publish" || held === "empty") {
    if (held === "empty") log("the PostgreSQL index is empty: building it from corpus/…");
    const { DATABASE_DERIVED } = await import("./databaseBuild.js");
    const built = buildPostgresIndex(corpusDir, url, { ...DATABASE_DERIVED, onProgress: log });
    log(`PostgreSQL index up to date (${built.read} report files read, ${built.removed} removed; ${built.reports} reports)`);
    for (const w of built.meta.warnings) log(formatWarning(w));
  } else if (held === "other") {
    log("corpus/ here differs from what the PostgreSQL index was built from: answering from the shared index (`zhibao index` publishes this corpus/)");
  }
  return openPostgresIndex(url, log, guard);
}

/** DATABASE_QUERY_TIMEOUT_MS when it is a positive number of ms, else 2000. */
function queryTimeoutFromEnv(): number {
  const ms = Number(process.env.DATABASE_QUERY_TIMEOUT_MS);
  return Number.isFinite(ms) && ms > 0 ? ms : 2_000;
}

/**
 * Opens the index database, first bringing it up to date with corpus/ (re-reading only the reports
 * whose files changed) unless `rebuild` is "never".
 */
async function openSqlite(corpusDir: string, indexDir: string, rebuild: "auto" | "never", log: (m: string) => void): Promise<SqliteView> {
  databaseStore ??= await import("../index/databaseStore.js");
  const { buildSqliteIndex, openSqliteIndex, sqliteIsCurrent } = databaseStore;
  const dbPath = sqlitePath(indexDir);
  if (rebuild === "auto" && !sqliteIsCurrent(dbPath, corpusDir)) {
    log(existsSync(dbPath) ? "corpus/ changed since the index database was built: updating it…" : "no index database yet: building it from corpus/…");
    mkdirSync(indexDir, { recursive: true });
    const { DATABASE_DERIVED } = await import("./databaseBuild.js");
    await withBuildLock(indexDir, { what: "a zhibao start updating the index database", onWait: log }, () => {
      // Another build may have brought it up to date while this one waited.
      if (sqliteIsCurrent(dbPath, corpusDir)) return;
      const built = buildSqliteIndex(corpusDir, dbPath, { ...DATABASE_DERIVED, onProgress: log });
      log(`index database ${dbPath} up to date (${built.read} report files read, ${built.removed} removed; ${built.reports} reports)`);
      for (const w of built.meta.warnings) log(formatWarning(w));
    });
  }
  return openSqliteIndex(dbPath, log);
}

/** Builds the index, loading the ingestion code (and nodejieba) only now that it is needed, reusing the saved bundles of unchanged reports. */
async function build(corpusDir: string, indexDir: string, log: (m: string) => void): Promise<BuiltIndexData> {
  const { buildIndex } = await import("../index/build.js");
  // Incremental: a report whose file is unchanged since the saved index read it is not read again.
  return buildIndex(corpusDir, log, savedBundles(indexDir));
}

/** Saves a built index with what the answer layer makes of it (databaseBuild.ts filesDerived), loaded only to build. */
async function trySave(data: BuiltIndexData, indexDir: string, log: (m: string) => void): Promise<void> {
  try {
    const { filesDerived } = await import("./databaseBuild.js");
    saveIndex(data, indexDir, filesDerived(data));
    log(`index saved to ${indexDir} (${data.reports.length} reports, ${data.facts.length} facts, ${data.passages.length} passages)`);
  } catch (err) {
    log(`could not save the index to ${indexDir} (${(err as Error).message}); using it from memory`);
  }
  for (const w of data.meta.warnings) log(formatWarning(w));
}

/** "bad.txt:12: …" */
export function formatWarning(w: IngestWarning): string {
  return `warning: ${w.report}${w.line ? `:${w.line}` : ""}: ${w.message}`;
}
