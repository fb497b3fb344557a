import { createHash } from "node:crypto";
import { existsSync, readFileSync, renameSync } from "node:fs";
import type { GuardOptions } from "./pgGuard.js";
import { join } from "node:path";
import { IndexVersionError } from "../errors.js";
import { dropDuplicates } from "../ingest/corpus.js";
import { scanCorpus } from "../ingest/files.js";
import { readManifest } from "../ingest/manifest.js";
import type { Vocabulary } from "../search/passages.js";
import type { PassageIndex } from "../search/passageIndex.js";
import type { ExampleRow, ExampleTopic, Fact, IngestWarning, Passage, ReportMeta, Section, Table, TableHead } from "../types.js";
import { GRAM_PREFIX } from "../search/passageIndex.js";
import { BUNDLE_VERSION, buildBundle, bundleKey, type ReportBundle } from "./bundle.js";
import { databasePassageIndex, reportPostings, type ReportPostings } from "./databasePostings.js";
import { postgresDb, sqliteDb, type SqlDb } from "./sqlDb.js";
import { corpusFingerprint, corpusStatFingerprint, INDEX_FORMAT_VERSION, type EntryIndex, type IndexMeta, type IndexView, type ReportBody } from "./store.js";

/**
 * The database store: every report's bundle as rows, for corpora too large to hold in memory (a
 * province's hundreds of reports, or more). One code over two databases (sqlDb.ts): an embedded
 * SQLite file, or a PostgreSQL server that several bot instances share.
 *
 * - Nothing is read whole at start: report metas and schools (a row per report); a report's facts,
 *   tables and passages when a question needs that report; catalogue entries by label gram
 *   (entry_grams) for questions across reports; a search term's postings when a query has it.
 * - Incremental: a report is a set of rows keyed by its file. A build re-reads only files whose
 *   bundle key changed, replacing their rows in one transaction each; removed files' rows go.
 * - Same answers as the files store: the same bundles, catalogue entries in the same order, and
 *   passage weights computed at query time exactly as lunr computes them (databasePostings.ts).
 */

/** Bump when the schema or what a row holds changes: a database of another version is rebuilt. */
export const SQLITE_SCHEMA_VERSION = 9;
const VERSION = `${SQLITE_SCHEMA_VERSION}.${INDEX_FORMAT_VERSION}.${BUNDLE_VERSION}`;

/** The catalogue rows of one report (src/answer/indicators.ts catalogRows), given by the caller: the index layer never imports answer code. */
export type CatalogRowsOf = (
  facts: Fact[],
  tables: Table[],
) => { factEntry: Map<string, { key: string; ord: number }>; grams: { gram: string; key: string; ord: number; leaf: string }[]; leaves: string[]; examples: ExampleRow[] };

/** The tables, in each dialect's words (BLOB/BYTEA, WITHOUT ROWID). Facts keep their place in their report (`pos`). */
function schema(dialect: SqlDb["dialect"]): string {
  const blob = dialect === "sqlite" ? "BLOB" : "BYTEA";
  const noRowid = dialect === "sqlite" ? " WITHOUT ROWID" : "";
  return `
CREATE TABLE IF NOT EXISTS info (name TEXT PRIMARY KEY, value TEXT NOT NULL);
-- One row per report file, readable or not. used: answered from (readable, and no copy of another).
-- Small columns first, sections and tables last: SQLite reaches a column by walking the overflow pages
-- of every large one before it, and a start reads every report's small columns.
CREATE TABLE IF NOT EXISTS reports (
  file TEXT PRIMARY KEY, key TEXT NOT NULL, used INTEGER NOT NULL DEFAULT 0, warnings TEXT NOT NULL,
  counts TEXT, base INTEGER NOT NULL DEFAULT 0, meta TEXT, schools TEXT, titles TEXT, ids TEXT, lengths ${blob},
  sum TEXT, sections TEXT, tables TEXT
);
-- sum (here, and on each fact and passage): a checksum of what the row holds (rowSum), so a figure edited in the database is never served.
CREATE TABLE IF NOT EXISTS facts (report TEXT NOT NULL, pos INTEGER NOT NULL, entry TEXT, ord INTEGER, year INTEGER, body TEXT NOT NULL, sum TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS facts_report ON facts (report, pos);
CREATE INDEX IF NOT EXISTS facts_entry ON facts (entry);
CREATE TABLE IF NOT EXISTS entry_grams (gram TEXT NOT NULL, report TEXT NOT NULL, entry TEXT NOT NULL, ord INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS entry_grams_gram ON entry_grams (gram, report);
CREATE INDEX IF NOT EXISTS entry_grams_report ON entry_grams (report);
-- Each entry under its row label, clustered by label and report: the few labels a question could name, read in the reports it names.
CREATE TABLE IF NOT EXISTS label_entries (leaf TEXT NOT NULL, report TEXT NOT NULL, entry TEXT NOT NULL, ord INTEGER NOT NULL, PRIMARY KEY (leaf, report, entry))${noRowid};
CREATE INDEX IF NOT EXISTS label_entries_report ON label_entries (report);
CREATE TABLE IF NOT EXISTS leaves (report TEXT NOT NULL, leaf TEXT NOT NULL);
-- Each report's rows an example question can ask about (src/answer/exampleRow.ts), for the topic chosen at build time.
CREATE TABLE IF NOT EXISTS example_rows (report TEXT NOT NULL, leaf TEXT NOT NULL, year INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS example_rows_report ON example_rows (report);
CREATE INDEX IF NOT EXISTS leaves_report ON leaves (report);
-- Each table's head (place in its report, number, title, standard kind): what a catalogue entry takes of its table, and what finds a table by name, without reading the table.
CREATE TABLE IF NOT EXISTS table_heads (id TEXT PRIMARY KEY, report TEXT NOT NULL, pos INTEGER NOT NULL, number TEXT, title TEXT, standard TEXT, start_line INTEGER NOT NULL, row_count INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS table_heads_report ON table_heads (report, pos);
-- Every label on a table row's path (its own and its parents'), with the row's entry: a school's rows in its region's report, without reading the report.
CREATE TABLE IF NOT EXISTS row_labels (report TEXT NOT NULL, label TEXT NOT NULL, entry TEXT NOT NULL, ord INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS row_labels_report ON row_labels (report);
CREATE INDEX IF NOT EXISTS row_labels_label ON row_labels (label, report);
CREATE TABLE IF NOT EXISTS passages (doc INTEGER PRIMARY KEY, report TEXT NOT NULL, id TEXT NOT NULL, body TEXT NOT NULL, sum TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS passages_report ON passages (report);${
    dialect === "postgres"
      ? `
-- The same tokens as a tsvector ('simple': no stemming, no stop words), for SQL over the passages.
ALTER TABLE passages ADD COLUMN IF NOT EXISTS tsv tsvector;
CREATE INDEX IF NOT EXISTS passages_tsv ON passages USING GIN (tsv);`
      : ""
  }
-- A term's postings in one report (databasePostings.ts), and its passage counts.
CREATE TABLE IF NOT EXISTS postings (term TEXT NOT NULL, report TEXT NOT NULL, pairs INTEGER NOT NULL, docs INTEGER NOT NULL, blob ${blob} NOT NULL, PRIMARY KEY (term, report))${noRowid};
CREATE INDEX IF NOT EXISTS postings_report ON postings (report);
-- Passages holding each word, over the used reports: the query segmenter's dictionary.
CREATE TABLE IF NOT EXISTS vocab (term TEXT PRIMARY KEY, docs INTEGER NOT NULL)${noRowid};
-- Used reports having each entry label: the distinct labels, for the label IDF, in one short read.
CREATE TABLE IF NOT EXISTS leaf_counts (leaf TEXT PRIMARY KEY, reports INTEGER NOT NULL)${noRowid};
`;
}

const TABLES = ["info", "reports", "facts", "entry_grams", "label_entries", "leaves", "example_rows", "row_labels", "table_heads", "passages", "postings", "vocab", "leaf_counts"];

/**
 * The checksum a row keeps of what it holds (the first 64 bits of sha256: it tells an edited or
 * damaged row, it is no defence against someone who also rewrites the sum). A report's key is the
 * sha256 of its file, so a report's rows carry both the source's checksum and their own.
 */
export function rowSum(...parts: string[]): string {
  const hash = createHash("sha256");
  for (const p of parts) hash.update(p).update("\0");
  return hash.digest("hex").slice(0, 16);
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
  /** A damaged database file found first: why, and where it was moved before this build made a new one. */
  movedAside?: { reason: string; to: string };
}

/** Whether an error is SQLite saying its file is damaged or is no database at all. */
export function isDamagedDatabase(err: unknown): boolean {
  const code = (err as { code?: unknown })?.code;
  return typeof code === "string" && (code.startsWith("SQLITE_CORRUPT") || code.startsWith("SQLITE_NOTADB"));
}

/**
 * Moves a damaged database file (and its -wal and -shm files) aside, to `<file>.damaged-<time>`, to
 * be looked at or deleted; returns where it went.
 */
export function moveDamagedAside(dbPath: string): string {
  const to = `${dbPath}.damaged-${new Date().toISOString().replace(/[:.]/g, "-")}`;
  for (const suffix of ["", "-wal", "-shm"]) if (existsSync(dbPath + suffix)) renameSync(dbPath + suffix, to + suffix);
  return to;
}

/**
 * Brings the SQLite database at `dbPath` up to date with corpus/ (see {@link buildDatabaseIndex}).
 * A damaged file (SQLite says so while the build reads it; `verify` checks every page first) is
 * moved aside, saying why ({@link SqliteBuildResult.movedAside}), and a new one is built from corpus/.
 */
export function buildSqliteIndex(corpusDir: string, dbPath: string, opts: BuildOptions): SqliteBuildResult {
  const once = (): SqliteBuildResult => {
    const db = sqliteDb(dbPath, { readonly: false });
    try {
      if (opts.verify) {
        const problems = db.all("PRAGMA quick_check").map(([line]) => String(line));
        if (problems.join() !== "ok") throw Object.assign(new Error(problems.slice(0, 3).join("; ")), { code: "SQLITE_CORRUPT" });
      }
      const result = buildDatabaseIndex(corpusDir, db, opts);
      db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
      return result;
    } finally {
      db.close();
    }
  };
  try {
    return once();
  } catch (err) {
    if (!isDamagedDatabase(err)) throw err;
    const reason = (err as Error).message;
    const to = moveDamagedAside(dbPath);
    opts.onProgress?.(`${dbPath} is damaged (${reason}): moved aside to ${to}; building it again from corpus/`);
    return { ...once(), movedAside: { reason, to } };
  }
}

/**
 * Reports written in one transaction. A commit writes every index page its rows touched, and a
 * report's rows touch pages all over the large indexes: one commit per report wrote ~70 MB per report
 * at 100 reports (7 GB for a 36 s build), most of it the same pages again.
 */
const BUILD_BATCH = 25;

/** How a database build runs. */
export interface BuildOptions {
  catalogRows: CatalogRowsOf;
  /** The pinyin vocabulary's words, [pinyin key, word], from every used report's labels and table titles (src/answer/understand/pinyinWords.ts pinyinWordList). */
  pinyinWords: (labels: string[]) => [string, string][];
  /** The example questions' topic, from every used report's example rows in report order (src/answer/exampleRow.ts exampleTopic). */
  exampleTopic: (rows: ExampleRow[]) => ExampleTopic | null;
  /** Read every report again. */
  full?: boolean;
  /** Check every stored report's rows against their checksums first, and read again those that differ (`zhibao index`; a start checks the rows it reads). */
  verify?: boolean;
  onProgress?: (message: string) => void;
}

/**
 * Brings a database up to date with corpus/: files whose bundle key changed are read again (all
 * of them with `full`), files gone lose their rows. Reports are written a batch to a transaction
 * (BUILD_BATCH), the corpus fingerprint and the generation (which tells readers to look again)
 * last, so an interrupted build is finished by the next.
 */
export function buildDatabaseIndex(corpusDir: string, db: SqlDb, opts: BuildOptions): SqliteBuildResult {
  if (readVersion(db) !== VERSION || opts.full) for (const t of TABLES) db.exec(`DROP TABLE IF EXISTS ${t}`);
  db.exec(schema(db.dialect));
  setInfo(db, "version", VERSION);
  const writer = reportWriter(db, opts.catalogRows);
  // The corpus as it is before anything is read: a report dropped in during the build makes it differ at the next start.
  const fingerprints = { fingerprint: corpusFingerprint(corpusDir), stat_fingerprint: corpusStatFingerprint(corpusDir) };
  const { entries, warnings } = readManifest(corpusDir);
  const { files, skipped } = scanCorpus(corpusDir);
  warnings.push(...skipped);
  const stored = new Map((db.all("SELECT file, key FROM reports") as [string, string][]).map(([f, k]) => [f, k]));
  if (opts.verify)
    for (const file of damagedReports(db)) {
      stored.set(file, "damaged");
      opts.onProgress?.(`${file}: its rows in the index are not what was saved (checksums differ): reading it again`);
    }
  let read = 0;
  for (let start = 0; start < files.length; start += BUILD_BATCH)
    db.transaction(() =>
      files.slice(start, start + BUILD_BATCH).forEach((file, j) => {
        const entry = entries[file];
        const key = bundleKey(file, readFileSync(join(corpusDir, file)), entry);
        if (stored.get(file) === key) return;
        read++;
        writer.put(buildBundle(corpusDir, file, entry, key));
        opts.onProgress?.(`read ${start + j + 1}/${files.length} ${file}`);
      }),
    );
  const present = new Set(files);
  const gone = [...stored.keys()].filter((f) => !present.has(f));
  for (const file of gone) writer.remove(file);
  const duplicateWarnings = writer.settleDuplicates();
  setInfo(db, "warnings", JSON.stringify({ corpus: warnings, duplicates: duplicateWarnings }));
  // What is made of every report: again whenever a report came or went (~0.5 s at 1,000 reports), so no question waits for it.
  if (read || gone.length || info(db, "pinyin_words") === undefined || info(db, "example_topic") === undefined || info(db, "row_labels") === undefined) {
    const labels = [
      ...db.all("SELECT leaf FROM leaf_counts").map(([leaf]) => leaf as string),
      ...(db.all("SELECT titles FROM reports WHERE used = 1") as [string][]).flatMap(([t]) => JSON.parse(t) as string[]),
    ];
    setInfo(db, "pinyin_words", JSON.stringify(opts.pinyinWords(labels)));
    setInfo(db, "row_labels", JSON.stringify(db.all("SELECT DISTINCT label FROM row_labels").map(([label]) => label as string)));
    const examples = db.all("SELECT report, leaf, year FROM example_rows WHERE report IN (SELECT file FROM reports WHERE used = 1) ORDER BY report") as [string, string, number][];
    setInfo(db, "example_topic", JSON.stringify(opts.exampleTopic(examples.map(([report, leaf, year]) => ({ report, leaf, year })))));
  }
  // Last: the database now is (at least) the corpus it names.
  db.transaction(() => {
    for (const [name, value] of Object.entries(fingerprints)) setInfo(db, name, value);
    setInfo(db, "generation", String(Number(info(db, "generation") ?? 0) + (read || gone.length ? 1 : 0)));
  });
  const meta = readMeta(db);
  return { read, removed: gone.length, reports: meta.counts.reports, meta };
}

/** Reports whose rows are not what the build wrote (a row's checksum differs). Reads every row: `zhibao index` only. */
function damagedReports(db: SqlDb): Set<string> {
  const out = new Set<string>();
  for (const [file, sections, tables, sum] of db.all("SELECT file, sections, tables, sum FROM reports WHERE meta IS NOT NULL") as [string, string, string, string][])
    if (rowSum(sections, tables) !== sum) out.add(file);
  for (const table of ["facts", "passages"])
    for (const [report, body, sum] of db.all(`SELECT report, body, sum FROM ${table}`) as [string, string, string][]) if (rowSum(body) !== sum) out.add(report);
  return out;
}

/**
 * Marks a report whose rows were found changed: its key, so the next build reads its file again,
 * and the corpus fingerprints, so the next start builds. Best effort (a read-only database stays as it is).
 */
function markDamaged(db: SqlDb, report: string): void {
  db.transaction(() => {
    db.run("UPDATE reports SET key = ? WHERE file = ?", ["damaged", report]);
    db.run("UPDATE info SET value = ? WHERE name IN ('fingerprint', 'stat_fingerprint')", ["damaged"]);
  });
}

function info(db: SqlDb, name: string): string | undefined {
  return db.get("SELECT value FROM info WHERE name = ?", [name])?.[0] as string | undefined;
}

function setInfo(db: SqlDb, name: string, value: string): void {
  db.run("INSERT INTO info (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value", [name, value]);
}

/** The version a database was built with; undefined for an empty one. */
function readVersion(db: SqlDb): string | undefined {
  const exists =
    db.dialect === "sqlite"
      ? db.get("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'info'")
      : db.get("SELECT 1 FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = 'info'");
  return exists ? info(db, "version") : undefined;
}

/** Writes and removes reports' rows, and keeps `used` and the vocabulary right. */
function reportWriter(db: SqlDb, catalogRows: CatalogRowsOf) {
  const insertReport = (...v: unknown[]) =>
    db.run("INSERT INTO reports (file, key, used, meta, sections, tables, titles, schools, ids, warnings, counts, base, lengths, sum) VALUES (?, ?, 0, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", v);
  const termsOf = (file: string) => db.all("SELECT term, docs FROM postings WHERE report = ?", [file]) as [string, number][];

  /**
   * Adds (sign 1) or takes away (-1) reports' words and labels from those of the used reports. The
   * changes are summed first, so a term's row is written once however many reports hold it: a build
   * from nothing wrote each of PostgreSQL's vocabulary rows once per report, a new row version each time.
   */
  const vocabulary = (changes: readonly { file: string; sign: 1 | -1 }[]) => {
    const words = new Map<string, number>();
    const labels = new Map<string, number>();
    for (const { file, sign } of changes) {
      for (const [term, docs] of termsOf(file)) if (!term.startsWith(GRAM_PREFIX)) words.set(term, (words.get(term) ?? 0) + sign * docs);
      for (const [leaf] of db.all("SELECT DISTINCT leaf FROM leaves WHERE report = ?", [file]) as [string][]) labels.set(leaf, (labels.get(leaf) ?? 0) + sign);
    }
    const changed = (m: Map<string, number>) => [...m].filter(([, n]) => n !== 0);
    db.insertMany("INSERT INTO vocab (term, docs) VALUES", "(?, ?)", changed(words), "ON CONFLICT (term) DO UPDATE SET docs = vocab.docs + excluded.docs");
    db.insertMany("INSERT INTO leaf_counts (leaf, reports) VALUES", "(?, ?)", changed(labels), "ON CONFLICT (leaf) DO UPDATE SET reports = leaf_counts.reports + excluded.reports");
    if (changes.some((c) => c.sign < 0)) {
      db.run("DELETE FROM vocab WHERE docs <= 0");
      db.run("DELETE FROM leaf_counts WHERE reports <= 0");
    }
  };

  const remove = (file: string) =>
    db.transaction(() => {
      const used = db.get("SELECT used FROM reports WHERE file = ?", [file])?.[0];
      if (used) vocabulary([{ file, sign: -1 }]);
      for (const t of ["facts", "entry_grams", "label_entries", "leaves", "example_rows", "row_labels", "table_heads", "passages", "postings"]) db.run(`DELETE FROM ${t} WHERE report = ?`, [file]);
      db.run("DELETE FROM reports WHERE file = ?", [file]);
    });

  const put = (b: ReportBundle) =>
    db.transaction(() => {
      remove(b.file);
      const c = b.content;
      if (!c) {
        insertReport(b.file, b.key, null, null, null, null, null, null, JSON.stringify(b.warnings), null, 0, null, null);
        return;
      }
      const report = c.meta.report;
      const base = db.get("SELECT COALESCE(MAX(doc), -1) + 1 FROM passages")![0] as number;
      const postings: ReportPostings = reportPostings(c.tokens, c.passages);
      const [meta, sections, tables] = [JSON.stringify(c.meta), JSON.stringify(c.sections), JSON.stringify(c.tables)];
      insertReport(
        b.file,
        b.key,
        meta,
        sections,
        tables,
        JSON.stringify(c.tables.map((t) => t.title ?? "")),
        JSON.stringify(c.schools),
        JSON.stringify(c.passages.map((p) => p.id)),
        JSON.stringify(b.warnings),
        JSON.stringify({ facts: c.facts.length, passages: c.passages.length, tables: c.tables.length, sections: c.sections.length }),
        base,
        postings.lengths,
        rowSum(sections, tables),
      );
      const rows = catalogRows(c.facts, c.tables);
      db.insertMany(
        "INSERT INTO facts (report, pos, entry, ord, year, body, sum) VALUES",
        "(?, ?, ?, ?, ?, ?, ?)",
        c.facts.map((f, pos) => {
          const e = rows.factEntry.get(f.id);
          const body = JSON.stringify(f);
          return [report, pos, e?.key ?? null, e?.ord ?? null, f.year, body, rowSum(body)];
        }),
      );
      db.insertMany(
        "INSERT INTO entry_grams (gram, report, entry, ord) VALUES",
        "(?, ?, ?, ?)",
        rows.grams.map((g) => [g.gram, report, g.key, g.ord]),
      );
      const labelled = new Map(rows.grams.map((g) => [g.key, g]));
      db.insertMany(
        "INSERT INTO label_entries (leaf, report, entry, ord) VALUES",
        "(?, ?, ?, ?)",
        [...labelled.values()].map((g) => [g.leaf, report, g.key, g.ord]),
      );
      db.insertMany(
        "INSERT INTO table_heads (id, report, pos, number, title, standard, start_line, row_count) VALUES",
        "(?, ?, ?, ?, ?, ?, ?, ?)",
        c.tables.map((t, pos) => [t.id, report, pos, t.number, t.title, t.standard, t.startLine, t.rows.length]),
      );
      db.insertMany(
        "INSERT INTO example_rows (report, leaf, year) VALUES",
        "(?, ?, ?)",
        rows.examples.map((r) => [report, r.leaf, r.year]),
      );
      db.insertMany(
        "INSERT INTO leaves (report, leaf) VALUES",
        "(?, ?)",
        [...rows.leaves].map((leaf) => [report, leaf]),
      );
      db.insertMany(
        "INSERT INTO row_labels (report, label, entry, ord) VALUES",
        "(?, ?, ?, ?)",
        tableRowLabels(c.facts, rows.factEntry).map((r) => [report, r.label, r.key, r.ord]),
      );
      const passageRows = c.passages.map((p, i) => {
        const body = JSON.stringify(p);
        return [base + i, report, p.id, body, rowSum(body)];
      });
      if (db.dialect === "postgres") {
        const tsv = c.tokens.map((t) => [...t.title, ...t.section, ...t.body].join(" "));
        db.insertMany(
          "INSERT INTO passages (doc, report, id, body, sum, tsv) VALUES",
          "(?, ?, ?, ?, ?, to_tsvector('simple', ?))",
          passageRows.map((row, i) => [...row, tsv[i]]),
        );
      } else db.insertMany("INSERT INTO passages (doc, report, id, body, sum) VALUES", "(?, ?, ?, ?, ?)", passageRows);
      db.insertMany(
        "INSERT INTO postings (term, report, pairs, docs, blob) VALUES",
        "(?, ?, ?, ?, ?)",
        postings.terms.map((t) => [t.term, report, t.pairs, t.docs, t.blob]),
      );
    });

  /** One report per text and per entity and year (as the files store decides): sets `used`, returns the warnings. */
  const settleDuplicates = () =>
    db.transaction((): IngestWarning[] => {
      const rows = db.all("SELECT file, used, meta, counts FROM reports WHERE meta IS NOT NULL ORDER BY file") as [string, number, string, string][];
      const candidates = rows.map(([file, used, meta, counts]) => ({ file, used, meta: JSON.parse(meta) as ReportMeta, size: sizeOf(JSON.parse(counts)) }));
      const warnings: IngestWarning[] = [];
      const kept = new Set(dropDuplicates(candidates, warnings, (r) => r.size));
      const changes: { file: string; sign: 1 | -1 }[] = [];
      for (const r of candidates) {
        const now = kept.has(r) ? 1 : 0;
        if (now === r.used) continue;
        db.run("UPDATE reports SET used = ? WHERE file = ?", [now, r.file]);
        changes.push({ file: r.file, sign: now ? 1 : -1 });
      }
      vocabulary(changes);
      return warnings;
    });

  return { put, remove, settleDuplicates };
}

/** Every label on a table row's path (its own and its parents'), once per entry holding such a row. */
function tableRowLabels(facts: readonly Fact[], factEntry: Map<string, { key: string; ord: number }>): { label: string; key: string; ord: number }[] {
  const seen = new Map<string, Set<string>>();
  const out: { label: string; key: string; ord: number }[] = [];
  for (const f of facts) {
    const e = f.source === "table" ? factEntry.get(f.id) : undefined;
    if (!e) continue;
    for (const label of f.path) {
      let keys = seen.get(label);
      if (!keys) seen.set(label, (keys = new Set()));
      if (keys.has(e.key)) continue;
      keys.add(e.key);
      out.push({ label, key: e.key, ord: e.ord });
    }
  }
  return out;
}

const sizeOf = (counts: { facts: number; passages: number }) => counts.facts + counts.passages;

/** The index meta a database holds, as the files store's meta.json would say it. */
function readMeta(db: SqlDb): IndexMeta {
  const rows = db.all("SELECT file, key, used, warnings, counts FROM reports ORDER BY file") as [string, string, number, string, string | null][];
  const said = JSON.parse(info(db, "warnings") ?? '{"corpus":[],"duplicates":[]}') as { corpus: IngestWarning[]; duplicates: IngestWarning[] };
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
    corpusFingerprint: info(db, "fingerprint") ?? "",
    counts,
    bundles: rows.map(([file, key, used]) => ({ file, key, used: !!used })),
    warnings: [...said.corpus, ...rows.flatMap(([, , , w]) => JSON.parse(w) as IngestWarning[]), ...said.duplicates],
  };
}

/** The corpus fingerprint a database was last built for (null: no such database, or of another version). */
export function databaseFingerprint(db: SqlDb): string | null {
  return readVersion(db) === VERSION ? (info(db, "fingerprint") ?? null) : null;
}

/** Whether a database's index is the corpus as it is (see {@link sqliteIsCurrent}). */
export function databaseIsCurrent(db: SqlDb, corpusDir: string): boolean {
  if (readVersion(db) !== VERSION) return false;
  if (info(db, "stat_fingerprint") === corpusStatFingerprint(corpusDir)) return true;
  return info(db, "fingerprint") === corpusFingerprint(corpusDir);
}

/**
 * Whether a SQLite index is the corpus as it is: by the files' names, sizes and times when they are
 * as the last build saw them, else by their bytes.
 */
export function sqliteIsCurrent(dbPath: string, corpusDir: string): boolean {
  let db: SqlDb;
  try {
    db = sqliteDb(dbPath, { readonly: true });
  } catch {
    return false;
  }
  try {
    return databaseIsCurrent(db, corpusDir);
  } catch {
    return false;
  } finally {
    db.close();
  }
}

/** Up to this many (label, report) pairs, a lookup by label seeks each pair; more, and it reads the labels' rows in every report. */
const LABEL_SEEKS = 20_000;

/** Reports whose content is kept ready (the others are read again when asked for). */
const CONTENT_CACHE = 64;

/** An index database opened for answering; close it when done. */
export interface SqliteView extends IndexView {
  /** True once another process has changed the database since this view opened it (PostgreSQL shared by instances); checked at most every `GENERATION_CHECK_MS`. */
  stale(): boolean;
  close(): void;
}

/** How often a view asks the database whether it changed. */
export const GENERATION_CHECK_MS = 2000;

/** Opens a SQLite database built by buildSqliteIndex for answering; `log` hears of rows found changed (see {@link openDatabaseIndex}). */
export function openSqliteIndex(dbPath: string, log: (message: string) => void = () => {}): SqliteView {
  let db: SqlDb;
  try {
    db = explainDamage(sqliteDb(dbPath, { readonly: true }), dbPath);
  } catch (err) {
    throw new IndexVersionError(`no index database at ${dbPath} (${(err as Error).message}): run \`zhibao index --store sqlite\``);
  }
  const mark = (report: string) => {
    const writer = sqliteDb(dbPath, { readonly: false });
    try {
      markDamaged(writer, report);
    } finally {
      writer.close();
    }
  };
  return openDatabaseIndex(db, `the index database ${dbPath}`, "zhibao index --store sqlite", { log, mark });
}

/**
 * The database, its damage reported as what to do: SQLite's "database disk image is malformed" or
 * "file is not a database" becomes an IndexVersionError naming the file and saying that `zhibao
 * index` moves it aside and builds a new one.
 */
function explainDamage(db: SqlDb, dbPath: string): SqlDb {
  const wrap =
    <A extends unknown[], R>(fn: (...args: A) => R) =>
    (...args: A): R => {
      try {
        return fn(...args);
      } catch (err) {
        if (!isDamagedDatabase(err)) throw err;
        throw new IndexVersionError(`the index database ${dbPath} is damaged (${(err as Error).message}): run \`zhibao index --store sqlite\`, which moves it aside and builds a new one from corpus/`);
      }
    };
  return { ...db, all: wrap(db.all), get: wrap(db.get), run: wrap(db.run), insertMany: wrap(db.insertMany), exec: wrap(db.exec), transaction: wrap(db.transaction) };
}

/** Connects to a PostgreSQL index (DATABASE_URL) for answering; with `guard`, every query has a timeout (pgGuard.ts). */
export function openPostgresIndex(url: string, log: (message: string) => void = () => {}, guard?: GuardOptions): SqliteView {
  const db = postgresDb(url, guard ? { guard } : {});
  return openDatabaseIndex(db, "the PostgreSQL index", "zhibao index --store postgres", { log, mark: (report) => markDamaged(db, report) });
}

/** One build at a time per PostgreSQL database, whichever instance or machine starts it (pg_advisory_lock). */
const BUILD_LOCK = 0x7a6869626130; // "zhiba0"

/**
 * Brings a PostgreSQL index up to date with corpus/ (see {@link buildDatabaseIndex}), holding the
 * build lock: a second build waits for the first, then finds little or nothing left to read.
 */
export function buildPostgresIndex(corpusDir: string, url: string, opts: BuildOptions): SqliteBuildResult {
  const db = postgresDb(url);
  try {
    db.run("SELECT pg_advisory_lock(?::bigint)", [BUILD_LOCK]);
    try {
      return buildDatabaseIndex(corpusDir, db, opts);
    } finally {
      db.run("SELECT pg_advisory_unlock(?::bigint)", [BUILD_LOCK]);
    }
  } finally {
    db.close();
  }
}

/** What a PostgreSQL index holds: none (empty, or of another version), the corpus here, or another. */
export function postgresState(url: string, corpusDir: string): "empty" | "current" | "other" {
  const db = postgresDb(url);
  try {
    if (databaseFingerprint(db) === null) return "empty";
    return databaseIsCurrent(db, corpusDir) ? "current" : "other";
  } finally {
    db.close();
  }
}

/** What a view does with a report whose rows are not what the build wrote. */
export interface DamageHandler {
  log(message: string): void;
  /** Marks the report for the next build (see markDamaged). */
  mark(report: string): void;
}

/**
 * A view over a database built by buildDatabaseIndex. Reads the report rows' metas and schools
 * now; everything else when first asked for, each row checked against its checksum: a report with
 * a changed row is not served at all (as if the index lacked it), and is marked so the next start
 * (or `zhibao index`) reads its file again. Takes ownership of `db` (closed with the view).
 */
export function openDatabaseIndex(db: SqlDb, name: string, rebuildCommand: string, damage: DamageHandler = { log: () => {}, mark: () => {} }): SqliteView {
  const version = readVersion(db);
  if (version !== VERSION) {
    db.close();
    throw new IndexVersionError(`${name} is of another version (${version ?? "none"}, this zhibao reads ${VERSION}): run \`${rebuildCommand}\``);
  }
  const meta = readMeta(db);
  const generation = info(db, "generation") ?? "0";
  const used = db.all("SELECT meta, schools FROM reports WHERE used = 1 ORDER BY file") as [string, string][];
  const reports = used.map(([m]) => JSON.parse(m) as ReportMeta);
  const schools = used.flatMap(([, s]) => JSON.parse(s) as { name: string; report: string }[]);
  const usedReports = new Set(reports.map((r) => r.report));
  const metaOf = new Map(reports.map((r) => [r.report, r]));

  const damaged = new Set<string>();
  /** Whether these rows are intact; when not, the report is damaged from now on (and marked for the next build). */
  const intact = (report: string, rows: readonly (readonly unknown[])[], sumOf: (row: readonly unknown[]) => string, sumAt: number): boolean => {
    if (damaged.has(report)) return false;
    if (rows.every((r) => sumOf(r) === r[sumAt])) return true;
    damaged.add(report);
    cache.delete(report);
    damage.log(`${name}: the rows of ${report} are not what was saved (checksums differ): not answering from them; the next start or \`${rebuildCommand}\` reads the report again`);
    try {
      damage.mark(report);
    } catch (err) {
      damage.log(`${name}: could not mark ${report} for the next build (${(err as Error).message}): run \`${rebuildCommand}\``);
    }
    return false;
  };
  const passageRows = (report: string): Passage[] => {
    const rows = db.all("SELECT body, sum FROM passages WHERE report = ? ORDER BY doc", [report]) as [string, string][];
    return intact(report, rows, (r) => rowSum(r[0] as string), 1) ? rows.map(([p]) => JSON.parse(p) as Passage) : [];
  };
  const cache = new Map<string, ReportBody>();
  const content = (report: string): ReportBody | undefined => {
    const hit = cache.get(report);
    if (hit) {
      cache.delete(report);
      cache.set(report, hit);
      return hit;
    }
    const row = usedReports.has(report) && !damaged.has(report) ? (db.get("SELECT sections, tables, sum FROM reports WHERE file = ?", [report]) as [string, string, string] | undefined) : undefined;
    if (!row || !intact(report, [row], (r) => rowSum(r[0] as string, r[1] as string), 2)) return undefined;
    const facts = db.all("SELECT body, sum FROM facts WHERE report = ? ORDER BY pos", [report]) as [string, string][];
    if (!intact(report, facts, (r) => rowSum(r[0] as string), 1)) return undefined;
    const passages = passageRows(report);
    if (damaged.has(report)) return undefined;
    const body: ReportBody = {
      meta: metaOf.get(report)!,
      sections: JSON.parse(row[0]) as Section[],
      tables: JSON.parse(row[1]) as Table[],
      facts: facts.map(([f]) => JSON.parse(f) as Fact),
      passages,
    };
    if (cache.size >= CONTENT_CACHE) cache.delete(cache.keys().next().value!);
    cache.set(report, body);
    return body;
  };

  const vocabMemo = new Map<string, number>();
  const df = (term: string): number => {
    let n = vocabMemo.get(term);
    if (n === undefined) {
      n = (db.get("SELECT docs FROM vocab WHERE term = ?", [term])?.[0] as number | undefined) ?? 0;
      if (vocabMemo.size >= 100_000) vocabMemo.clear();
      vocabMemo.set(term, n);
    }
    return n;
  };
  const vocab: Vocabulary = { has: (t) => df(t) > 0, df };
  let passages: PassageIndex | null = null;
  let checked = Date.now();
  let isStale = false;
  return {
    meta,
    reports,
    schools,
    content,
    passagesOf: (report) => cache.get(report)?.passages ?? (usedReports.has(report) ? passageRows(report) : []),
    entries: entryIndex(db, usedReports, intact),
    vocab,
    passageCount: meta.counts.passages,
    passageIndex: () => (passages ??= databasePassageIndex(db, [...usedReports])),
    stale() {
      if (!isStale && Date.now() - checked >= GENERATION_CHECK_MS) {
        checked = Date.now();
        isStale = (info(db, "generation") ?? "0") !== generation;
      }
      return isStale;
    },
    close: () => db.close(),
  };
}

type HeadRow = [id: string, report: string, number: string | null, title: string | null, standard: string | null, startLine: number, rowCount: number];
const headOf = ([id, report, number, title, standard, startLine, rowCount]: HeadRow): TableHead => ({ id, report, number, title, standard: standard as Table["standard"], startLine, rowCount });

/** The catalogue's entries by label gram, over the used reports. */
function entryIndex(
  db: SqlDb,
  used: ReadonlySet<string>,
  intact: (report: string, rows: readonly (readonly unknown[])[], sumOf: (row: readonly unknown[]) => string, sumAt: number) => boolean,
): EntryIndex {
  let leaves: Set<string> | null = null;
  let rowLabels: Set<string> | null = null;
  // Statements for up to this many values at once; more are read in turns.
  const CHUNK = 200;
  const chunks = <T>(xs: readonly T[]): T[][] => Array.from({ length: Math.ceil(xs.length / CHUNK) }, (_, i) => xs.slice(i * CHUNK, (i + 1) * CHUNK));
  const marks = (n: number) => Array(n).fill("?").join(",");
  /**
   * The rows `select` gives (the report first) whose `column` is one of `values`, of these reports
   * (all when null), without the unused reports' rows. `perReport` puts the reports into the
   * statement (the index seeks them); else the values' rows of every report are read and the others dropped.
   */
  const rowsIn = <R extends [string, ...unknown[]]>(select: string, column: string, values: readonly string[], reports: readonly string[] | null, perReport: boolean): R[] => {
    const out: R[] = [];
    const asked = reports ? new Set(reports) : null;
    for (const part of chunks(values))
      for (const within of perReport && reports ? chunks(reports) : [null]) {
        const sql = `${select} WHERE ${column} IN (${marks(part.length)})${within ? ` AND report IN (${marks(within.length)})` : ""}`;
        for (const row of db.all(sql, [...part, ...(within ?? [])]) as R[]) if (used.has(row[0]) && (!asked || asked.has(row[0]))) out.push(row);
      }
    return out;
  };
  return {
    leaves() {
      if (!leaves) {
        leaves = new Set(db.all("SELECT leaf FROM leaf_counts").map(([leaf]) => leaf as string));
      }
      return leaves;
    },
    tableHeads(ids) {
      const out: TableHead[] = [];
      for (const part of chunks(ids)) {
        const rows = db.all(`SELECT id, report, number, title, standard, start_line, row_count FROM table_heads WHERE id IN (${marks(part.length)})`, part) as HeadRow[];
        for (const row of rows) if (used.has(row[1])) out.push(headOf(row));
      }
      return out;
    },
    tableHeadsOf(reports) {
      const order = new Map(reports.map((r, i) => [r, i]));
      const rows: [number, number, TableHead][] = [];
      // Most of the index asked for: every row, the others dropped.
      for (const within of reports.length * 2 <= used.size ? chunks(reports) : [null]) {
        const sql = `SELECT pos, id, report, number, title, standard, start_line, row_count FROM table_heads${within ? ` WHERE report IN (${marks(within.length)})` : ""}`;
        for (const [pos, ...head] of db.all(sql, within ?? []) as [number, ...HeadRow][]) {
          const at = order.get(head[1]);
          if (at !== undefined && used.has(head[1])) rows.push([at, pos, headOf(head)]);
        }
      }
      return rows.sort((a, b) => a[0] - b[0] || a[1] - b[1]).map(([, , head]) => head);
    },
    rowLabels() {
      return (rowLabels ??= new Set(JSON.parse(info(db, "row_labels") ?? "[]") as string[]));
    },
    rowEntries(labels, reports) {
      // Each (label, report) pair asked is one seek of row_labels (label, report) while they stay few.
      const rows = rowsIn<[string, string, number]>("SELECT report, entry, ord FROM row_labels", "label", labels, reports, labels.length * reports.length <= LABEL_SEEKS);
      return rows.map(([report, key, ord]) => ({ report, key, ord }));
    },
    pinyinWords() {
      return JSON.parse(info(db, "pinyin_words") ?? "[]") as [string, string][];
    },
    exampleTopic() {
      return JSON.parse(info(db, "example_topic") ?? "null") as ExampleTopic | null;
    },
    sharing(grams, reports) {
      // Reports named: only theirs are read, a few hundred at a time (entry_grams is indexed by gram
      // and report); most of the index named: every row of the grams, the others dropped.
      const rows = rowsIn<[string, string, number, string]>("SELECT report, entry, ord, gram FROM entry_grams", "gram", grams, reports, !!reports && reports.length * 2 <= used.size);
      return rows.map(([report, key, ord, gram]) => ({ report, key, ord, gram }));
    },
    labelled(leaves, reports) {
      // label_entries is clustered by (label, report): each (label, report) pair asked is one seek,
      // so the reports go into the statement while the pairs stay few, else every report's rows of the labels are read and the others dropped.
      const rows = rowsIn<[string, string, number, string]>("SELECT report, entry, ord, leaf FROM label_entries", "leaf", leaves, reports, !!reports && leaves.length * reports.length <= LABEL_SEEKS);
      return rows.map(([report, key, ord, leaf]) => ({ report, key, ord, leaf }));
    },
    factsOf(keys) {
      const rows: [string, number, string, string][] = [];
      for (const part of chunks(keys)) rows.push(...(db.all(`SELECT report, pos, body, sum FROM facts WHERE entry IN (${marks(part.length)})`, part) as [string, number, string, string][]));
      // A report with a changed fact row gives none of its facts.
      const byReport = new Map<string, [string, number, string, string][]>();
      for (const r of rows) {
        const mine = byReport.get(r[0]);
        if (mine) mine.push(r);
        else byReport.set(r[0], [r]);
      }
      const facts = [...byReport].flatMap(([report, mine]) =>
        intact(report, mine, (r) => rowSum(r[2] as string), 3) ? mine.map(([, pos, body]) => ({ report, pos, fact: JSON.parse(body) as Fact })) : [],
      );
      return facts.sort((a, b) => (a.report < b.report ? -1 : a.report > b.report ? 1 : a.pos - b.pos)).map((f) => f.fact);
    },
  };
}
