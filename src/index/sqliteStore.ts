import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type BetterSqlite3 from "better-sqlite3";
import { IndexVersionError } from "../errors.js";
import { dropDuplicates } from "../ingest/corpus.js";
import { scanCorpus } from "../ingest/files.js";
import { readManifest } from "../ingest/manifest.js";
import type { Vocabulary } from "../search/passages.js";
import type { PassageIndex } from "../search/passageIndex.js";
import type { Fact, IngestWarning, Passage, ReportMeta, Section, Table } from "../types.js";
import { BUNDLE_VERSION, buildBundle, bundleKey, type ReportBundle } from "./bundle.js";
import { reportPostings, sqlitePassageIndex, type ReportPostings } from "./sqlitePostings.js";
import { corpusFingerprint, INDEX_FORMAT_VERSION, type EntryIndex, type IndexMeta, type IndexView, type ReportBody } from "./store.js";

/**
 * The embedded database store: one SQLite file (better-sqlite3) holding every report's bundle as
 * rows, for corpora too large to hold in memory (a province's hundreds of reports, or more).
 *
 * - Nothing is read whole at start: report metas and schools (a row per report); a report's facts,
 *   tables and passages when a question needs that report; catalogue entries by label gram
 *   (entry_grams) for questions across reports; a search term's postings when a query has it.
 * - Incremental: a report is a set of rows keyed by its file. A build re-reads only files whose
 *   bundle key changed, replacing their rows in one transaction each; removed files' rows go.
 * - Same answers as the files store: the same bundles, catalogue entries in the same order, and
 *   passage weights computed at query time exactly as lunr computes them (sqlitePostings.ts).
 */

/** Bump when the schema or what a row holds changes: a database of another version is rebuilt. */
export const SQLITE_SCHEMA_VERSION = 1;
const VERSION = `${SQLITE_SCHEMA_VERSION}.${INDEX_FORMAT_VERSION}.${BUNDLE_VERSION}`;

/** The catalogue rows of one report (src/answer/indicators.ts catalogRows), given by the caller: the index layer never imports answer code. */
export type CatalogRowsOf = (facts: Fact[], tables: Table[]) => { factEntry: Map<string, { key: string; ord: number }>; grams: { gram: string; key: string; ord: number }[]; leaves: string[] };

const SCHEMA = `
CREATE TABLE IF NOT EXISTS info (name TEXT PRIMARY KEY, value TEXT NOT NULL);
-- One row per report file, readable or not. used: answered from (readable, and no copy of another).
CREATE TABLE IF NOT EXISTS reports (
  file TEXT PRIMARY KEY, key TEXT NOT NULL, used INTEGER NOT NULL DEFAULT 0,
  meta TEXT, sections TEXT, tables TEXT, schools TEXT, warnings TEXT NOT NULL,
  counts TEXT, base INTEGER NOT NULL DEFAULT 0, lengths BLOB
);
CREATE TABLE IF NOT EXISTS facts (report TEXT NOT NULL, entry TEXT, ord INTEGER, year INTEGER, body TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS facts_report ON facts (report);
CREATE INDEX IF NOT EXISTS facts_entry ON facts (entry);
CREATE TABLE IF NOT EXISTS entry_grams (gram TEXT NOT NULL, report TEXT NOT NULL, entry TEXT NOT NULL, ord INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS entry_grams_gram ON entry_grams (gram, report);
CREATE INDEX IF NOT EXISTS entry_grams_report ON entry_grams (report);
CREATE TABLE IF NOT EXISTS leaves (report TEXT NOT NULL, leaf TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS leaves_report ON leaves (report);
CREATE TABLE IF NOT EXISTS passages (doc INTEGER PRIMARY KEY, report TEXT NOT NULL, id TEXT NOT NULL, body TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS passages_report ON passages (report);
-- A term's postings in one report (sqlitePostings.ts), and its passage counts.
CREATE TABLE IF NOT EXISTS postings (term TEXT NOT NULL, report TEXT NOT NULL, pairs INTEGER NOT NULL, docs INTEGER NOT NULL, blob BLOB NOT NULL, PRIMARY KEY (term, report)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS postings_report ON postings (report);
-- Passages holding each word, over the used reports: the query segmenter's dictionary.
CREATE TABLE IF NOT EXISTS vocab (term TEXT PRIMARY KEY, docs INTEGER NOT NULL) WITHOUT ROWID;
`;

const require = createRequire(import.meta.url);

/** better-sqlite3, loaded only by the database store (the files store never needs the native module). */
function openDatabase(path: string, readonly: boolean): BetterSqlite3.Database {
  const Database = require("better-sqlite3") as typeof BetterSqlite3;
  const db = new Database(path, { readonly, fileMustExist: readonly });
  if (!readonly) {
    db.pragma("journal_mode = WAL");
    db.pragma("synchronous = NORMAL");
  }
  return db;
}

/** What a database build did. */
export interface SqliteBuildResult {
  /** Report files read now. */
  read: number;
  /** Report files whose rows went, their files gone. */
  removed: number;
  /** Reports answered from. */
  reports: number;
  meta: IndexMeta;
}

/**
 * Brings the database at `dbPath` up to date with corpus/: files whose bundle key changed are
 * read again (all of them with `full`), files gone lose their rows. Each report is written in its
 * own transaction, the corpus fingerprint last, so an interrupted build is finished by the next.
 */
export function buildSqliteIndex(corpusDir: string, dbPath: string, opts: { catalogRows: CatalogRowsOf; full?: boolean; onProgress?: (message: string) => void }): SqliteBuildResult {
  const db = openDatabase(dbPath, false);
  try {
    const version = tableExists(db, "info") ? (db.prepare("SELECT value FROM info WHERE name = 'version'").pluck().get() as string | undefined) : undefined;
    if (version !== VERSION || opts.full) {
      for (const t of ["info", "reports", "facts", "entry_grams", "leaves", "passages", "postings", "vocab"]) db.exec(`DROP TABLE IF EXISTS ${t}`);
    }
    db.exec(SCHEMA);
    db.prepare("INSERT OR REPLACE INTO info (name, value) VALUES ('version', ?)").run(VERSION);
    const writer = reportWriter(db, opts.catalogRows);
    const { entries, warnings } = readManifest(corpusDir);
    const { files, skipped } = scanCorpus(corpusDir);
    warnings.push(...skipped);
    const stored = new Map((db.prepare("SELECT file, key FROM reports").raw().all() as [string, string][]).map(([f, k]) => [f, k]));
    let read = 0;
    files.forEach((file, i) => {
      const entry = entries[file];
      const key = bundleKey(file, readFileSync(join(corpusDir, file)), entry);
      if (stored.get(file) === key) return;
      read++;
      writer.put(buildBundle(corpusDir, file, entry, key));
      opts.onProgress?.(`read ${i + 1}/${files.length} ${file}`);
    });
    const present = new Set(files);
    const gone = [...stored.keys()].filter((f) => !present.has(f));
    for (const file of gone) writer.remove(file);
    const duplicateWarnings = writer.settleDuplicates();
    db.prepare("INSERT OR REPLACE INTO info (name, value) VALUES ('warnings', ?)").run(JSON.stringify({ corpus: warnings, duplicates: duplicateWarnings }));
    // Last: the database now is the corpus it names.
    db.prepare("INSERT OR REPLACE INTO info (name, value) VALUES ('fingerprint', ?)").run(corpusFingerprint(corpusDir));
    db.pragma("wal_checkpoint(TRUNCATE)");
    const meta = readMeta(db);
    return { read, removed: gone.length, reports: meta.counts.reports, meta };
  } finally {
    db.close();
  }
}

function tableExists(db: BetterSqlite3.Database, name: string): boolean {
  return !!db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name);
}

/** Writes and removes reports' rows, and keeps `used` and the vocabulary right. */
function reportWriter(db: BetterSqlite3.Database, catalogRows: CatalogRowsOf) {
  const insertReport = db.prepare("INSERT INTO reports (file, key, used, meta, sections, tables, schools, warnings, counts, base, lengths) VALUES (?, ?, 0, ?, ?, ?, ?, ?, ?, ?, ?)");
  const insertFact = db.prepare("INSERT INTO facts (report, entry, ord, year, body) VALUES (?, ?, ?, ?, ?)");
  const insertGram = db.prepare("INSERT INTO entry_grams (gram, report, entry, ord) VALUES (?, ?, ?, ?)");
  const insertLeaf = db.prepare("INSERT INTO leaves (report, leaf) VALUES (?, ?)");
  const insertPassage = db.prepare("INSERT INTO passages (doc, report, id, body) VALUES (?, ?, ?, ?)");
  const insertPosting = db.prepare("INSERT INTO postings (term, report, pairs, docs, blob) VALUES (?, ?, ?, ?, ?)");
  const nextDoc = db.prepare("SELECT COALESCE(MAX(doc), -1) + 1 FROM passages").pluck();
  const countVocab = db.prepare("INSERT INTO vocab (term, docs) VALUES (?, ?) ON CONFLICT (term) DO UPDATE SET docs = docs + excluded.docs");
  const dropEmptyVocab = db.prepare("DELETE FROM vocab WHERE docs <= 0");
  const termsOf = db.prepare("SELECT term, docs FROM postings WHERE report = ?").raw();
  const setUsed = db.prepare("UPDATE reports SET used = ? WHERE file = ?");

  /** Adds (sign 1) or takes away (-1) a report's words from the vocabulary of used reports. */
  const vocabulary = (file: string, sign: 1 | -1) => {
    for (const [term, docs] of termsOf.all(file) as [string, number][]) if (!term.startsWith("\u0001")) countVocab.run(term, sign * docs);
    if (sign < 0) dropEmptyVocab.run();
  };

  const remove = db.transaction((file: string) => {
    const used = db.prepare("SELECT used FROM reports WHERE file = ?").pluck().get(file) as number | undefined;
    if (used) vocabulary(file, -1);
    for (const t of ["facts", "entry_grams", "leaves", "passages", "postings"]) db.prepare(`DELETE FROM ${t} WHERE report = ?`).run(file);
    db.prepare("DELETE FROM reports WHERE file = ?").run(file);
  });

  const put = db.transaction((b: ReportBundle) => {
    remove(b.file);
    const c = b.content;
    if (!c) {
      insertReport.run(b.file, b.key, null, null, null, null, JSON.stringify(b.warnings), null, 0, null);
      return;
    }
    const report = c.meta.report;
    const base = nextDoc.get() as number;
    const postings: ReportPostings = reportPostings(c.tokens, c.passages);
    insertReport.run(
      b.file,
      b.key,
      JSON.stringify(c.meta),
      JSON.stringify(c.sections),
      JSON.stringify(c.tables),
      JSON.stringify(c.schools),
      JSON.stringify(b.warnings),
      JSON.stringify({ facts: c.facts.length, passages: c.passages.length, tables: c.tables.length, sections: c.sections.length }),
      base,
      postings.lengths,
    );
    const rows = catalogRows(c.facts, c.tables);
    for (const f of c.facts) {
      const e = rows.factEntry.get(f.id);
      insertFact.run(report, e?.key ?? null, e?.ord ?? null, f.year, JSON.stringify(f));
    }
    for (const g of rows.grams) insertGram.run(g.gram, report, g.key, g.ord);
    for (const leaf of rows.leaves) insertLeaf.run(report, leaf);
    c.passages.forEach((p, i) => insertPassage.run(base + i, report, p.id, JSON.stringify(p)));
    for (const t of postings.terms) insertPosting.run(t.term, report, t.pairs, t.docs, t.blob);
  });

  /** One report per text and per entity and year (as the files store decides): sets `used`, returns the warnings. */
  const settleDuplicates = db.transaction((): IngestWarning[] => {
    const rows = db.prepare("SELECT file, used, meta, counts FROM reports WHERE meta IS NOT NULL ORDER BY file").raw().all() as [string, number, string, string][];
    const candidates = rows.map(([file, used, meta, counts]) => ({ file, used, meta: JSON.parse(meta) as ReportMeta, size: sizeOf(JSON.parse(counts)) }));
    const warnings: IngestWarning[] = [];
    const kept = new Set(dropDuplicates(candidates, warnings, (r) => r.size));
    for (const r of candidates) {
      const now = kept.has(r) ? 1 : 0;
      if (now === r.used) continue;
      setUsed.run(now, r.file);
      vocabulary(r.file, now ? 1 : -1);
    }
    return warnings;
  });

  return { put, remove, settleDuplicates };
}

const sizeOf = (counts: { facts: number; passages: number }) => counts.facts + counts.passages;

/** The index meta a database holds, as the files store's meta.json would say it. */
function readMeta(db: BetterSqlite3.Database): IndexMeta {
  const info = (name: string) => db.prepare("SELECT value FROM info WHERE name = ?").pluck().get(name) as string | undefined;
  const rows = db.prepare("SELECT file, key, used, warnings, counts FROM reports ORDER BY file").raw().all() as [string, string, number, string, string | null][];
  const said = JSON.parse(info("warnings") ?? '{"corpus":[],"duplicates":[]}') as { corpus: IngestWarning[]; duplicates: IngestWarning[] };
  const counts = { reports: 0, facts: 0, passages: 0, tables: 0, sections: 0 };
  for (const [, , used, , c] of rows) {
    if (!used || !c) continue;
    const n = JSON.parse(c) as Omit<typeof counts, "reports">;
    counts.reports++;
    counts.facts += n.facts;
    counts.passages += n.passages;
    counts.tables += n.tables;
    counts.sections += n.sections;
  }
  return {
    formatVersion: INDEX_FORMAT_VERSION,
    corpusFingerprint: info("fingerprint") ?? "",
    counts,
    bundles: rows.map(([file, key, used]) => ({ file, key, used: !!used })),
    warnings: [...said.corpus, ...rows.flatMap(([, , , w]) => JSON.parse(w) as IngestWarning[]), ...said.duplicates],
  };
}

/** Reads the corpus fingerprint a database was last built for (null: no such database, or of another version). */
export function sqliteFingerprint(dbPath: string): string | null {
  try {
    const db = openDatabase(dbPath, true);
    try {
      const value = (name: string) => db.prepare("SELECT value FROM info WHERE name = ?").pluck().get(name) as string | undefined;
      return value("version") === VERSION ? (value("fingerprint") ?? null) : null;
    } finally {
      db.close();
    }
  } catch {
    return null;
  }
}

/** Reports whose content is kept ready (the others are read again when asked for). */
const CONTENT_CACHE = 64;

/** An index database opened for answering; close it when done. */
export interface SqliteView extends IndexView {
  close(): void;
}

/**
 * Opens a database built by buildSqliteIndex for answering. Reads the report rows' metas and
 * schools now; everything else when first asked for.
 */
export function openSqliteIndex(dbPath: string): SqliteView {
  let db: BetterSqlite3.Database;
  try {
    db = openDatabase(dbPath, true);
  } catch (err) {
    throw new IndexVersionError(`no index database at ${dbPath} (${(err as Error).message}): run \`zhibao index --store sqlite\``);
  }
  const version = tableExists(db, "info") ? (db.prepare("SELECT value FROM info WHERE name = 'version'").pluck().get() as string | undefined) : undefined;
  if (version !== VERSION) {
    db.close();
    throw new IndexVersionError(`the index database ${dbPath} is of another version (${version ?? "none"}, this zhibao reads ${VERSION}): run \`zhibao index --store sqlite\``);
  }
  const meta = readMeta(db);
  const used = db.prepare("SELECT meta, schools FROM reports WHERE used = 1 ORDER BY file").raw().all() as [string, string][];
  const reports = used.map(([m]) => JSON.parse(m) as ReportMeta);
  const schools = used.flatMap(([, s]) => JSON.parse(s) as { name: string; report: string }[]);
  const usedReports = new Set(reports.map((r) => r.report));

  const contentRow = db.prepare("SELECT sections, tables FROM reports WHERE file = ? AND used = 1").raw();
  const factsOfReport = db.prepare("SELECT body FROM facts WHERE report = ? ORDER BY rowid").pluck();
  const passagesOfReport = db.prepare("SELECT body FROM passages WHERE report = ? ORDER BY doc").pluck();
  const cache = new Map<string, ReportBody>();
  const content = (report: string): ReportBody | undefined => {
    const hit = cache.get(report);
    if (hit) {
      cache.delete(report);
      cache.set(report, hit);
      return hit;
    }
    const row = contentRow.get(report) as [string, string] | undefined;
    if (!row) return undefined;
    const meta = reports.find((r) => r.report === report)!;
    const body: ReportBody = {
      meta,
      sections: JSON.parse(row[0]) as Section[],
      tables: JSON.parse(row[1]) as Table[],
      facts: (factsOfReport.all(report) as string[]).map((f) => JSON.parse(f) as Fact),
      passages: (passagesOfReport.all(report) as string[]).map((p) => JSON.parse(p) as Passage),
    };
    if (cache.size >= CONTENT_CACHE) cache.delete(cache.keys().next().value!);
    cache.set(report, body);
    return body;
  };

  const entries = entryIndex(db, usedReports);
  const vocabRow = db.prepare("SELECT docs FROM vocab WHERE term = ?").pluck();
  const vocabMemo = new Map<string, number>();
  const df = (term: string): number => {
    let n = vocabMemo.get(term);
    if (n === undefined) {
      n = (vocabRow.get(term) as number | undefined) ?? 0;
      if (vocabMemo.size >= 100_000) vocabMemo.clear();
      vocabMemo.set(term, n);
    }
    return n;
  };
  const vocab: Vocabulary = { has: (t) => df(t) > 0, df };
  let passages: PassageIndex | null = null;
  return {
    meta,
    reports,
    schools,
    content,
    entries,
    vocab,
    passageCount: meta.counts.passages,
    passageIndex: () => (passages ??= sqlitePassageIndex(db, [...usedReports])),
    close: () => db.close(),
  };
}

/** The catalogue's entries by label gram, over the used reports. */
function entryIndex(db: BetterSqlite3.Database, used: ReadonlySet<string>): EntryIndex {
  let leaves: Set<string> | null = null;
  // Statements for up to this many values at once; more are read in turns.
  const CHUNK = 200;
  const chunks = <T>(xs: readonly T[]): T[][] => Array.from({ length: Math.ceil(xs.length / CHUNK) }, (_, i) => xs.slice(i * CHUNK, (i + 1) * CHUNK));
  const marks = (n: number) => Array(n).fill("?").join(",");
  return {
    leaves() {
      if (!leaves) {
        leaves = new Set<string>();
        for (const [report, leaf] of db.prepare("SELECT report, leaf FROM leaves").raw().iterate() as Iterable<[string, string]>) if (used.has(report)) leaves.add(leaf);
      }
      return leaves;
    },
    sharing(grams, reports) {
      const out: { report: string; key: string; ord: number; gram: string }[] = [];
      for (const part of chunks(grams)) {
        const rows = db
          .prepare(`SELECT report, entry, ord, gram FROM entry_grams WHERE gram IN (${marks(part.length)})`)
          .raw()
          .all(...part) as [string, string, number, string][];
        for (const [report, key, ord, gram] of rows) if (used.has(report) && (!reports || reports.includes(report))) out.push({ report, key, ord, gram });
      }
      return out;
    },
    factsOf(keys) {
      const facts: { at: number; fact: Fact }[] = [];
      for (const part of chunks(keys)) {
        const rows = db
          .prepare(`SELECT rowid, body FROM facts WHERE entry IN (${marks(part.length)})`)
          .raw()
          .all(...part) as [number, string][];
        for (const [at, body] of rows) facts.push({ at, fact: JSON.parse(body) as Fact });
      }
      return facts.sort((a, b) => a.at - b.at).map((f) => f.fact);
    },
  };
}
