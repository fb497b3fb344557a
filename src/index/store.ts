import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { IndexVersionError } from "../errors.js";
import { listReportFiles } from "../ingest/files.js";
import { MANIFEST_FILE } from "../ingest/manifest.js";
import { lazyVocabulary, type Vocabulary } from "../search/passages.js";
import { decodePassageIndex, encodePassageIndex, openPassageIndex, type PackedPassageIndex, type PassageIndex } from "../search/passageIndex.js";
import type { Fact, IngestWarning, Passage, ReportMeta, Section, Table, TableHead, ExampleTopic } from "../types.js";
import type { ReportBundle, ReportContent } from "./bundle.js";
import { BUNDLE_VERSION } from "./bundleVersion.js";

/**
 * The built index on disk: what ingestion produced for the whole corpus plus the lunr passage
 * index, saved as a few JSON files under index/ with a format version. Loading needs none of the
 * ingestion code (that is src/index/build.ts), so answering starts fast.
 */

/** Bump when the shape of anything saved changes: an index of another version is rebuilt, never misread. */
export const INDEX_FORMAT_VERSION = 10;

export const FILES = { meta: "meta.json", vocab: "vocab.json", pinyin: "pinyin.json", leaves: "leaves.json" } as const;

/**
 * What the answer layer makes of every report at once, made when the index is built and saved with
 * it (the index layer never imports answer code: its caller hands this over, see
 * src/answer/databaseBuild.ts `filesDerived`). Without it, the first question that needs it makes it.
 */
export interface SavedDerived {
  /** The pinyin vocabulary's words, [pinyin key, word] (src/answer/understand/pinyinWords.ts pinyinWordList). */
  pinyinWords: [string, string][];
  /** Every report's distinct catalogue labels (for the label grams' IDF), so a report's catalogue can be made alone. */
  leaves: string[];
}

/** The passage index (see src/search/passageIndex.ts), read on the first search. */
export const PASSAGE_INDEX_FILE = "passages.bin";

/**
 * Each report's bundle (src/index/bundle.ts), named by its key: reports/<key>.json (what answering
 * reads), reports/<key>.passages.json (its passages, read on the first search or citation that needs
 * them: a figure question never parses them) and reports/<key>.tokens.json (its passages' tokens,
 * read only by the next build). A build
 * writes only the bundles that changed, and meta.json, written last, says which are the index.
 */
export const BUNDLE_DIR = "reports";

/** A report file as the index last read it. */
export interface BundleEntry {
  file: string;
  key: string;
  /** False for a file that could not be read, or a copy of another report. */
  used: boolean;
  /** sha256 of each saved file of the bundle, as written: a file that differs (edited by hand, damaged) is never served. */
  sums?: BundleSums;
}

/** The sha256 (hex) of a bundle's three saved files (its key is the sha256 of its report file). */
export interface BundleSums {
  bundle: string;
  passages: string;
  tokens: string;
}

/** A saved bundle file whose bytes are not those the index saved (edited by hand, damaged). */
export class BundleChecksumError extends IndexVersionError {}

const sha256 = (bytes: Uint8Array | string) => createHash("sha256").update(bytes).digest("hex");

/** The bytes of a saved bundle file, checked against the sum the index recorded for it. */
function readChecked(path: string, sum: string | undefined): Buffer {
  const bytes = readFileSync(path);
  if (sha256(bytes) !== sum) throw new BundleChecksumError(`${path} is not the file the index saved (its checksum differs: edited or damaged)`);
  return bytes;
}

/** What index/meta.json records. */
export interface IndexMeta {
  formatVersion: number;
  /** sha256 over every corpus file's name and bytes: the index is stale when this changes. */
  corpusFingerprint: string;
  counts: { reports: number; facts: number; passages: number; tables: number; sections: number };
  /** Every report file read, in name order. */
  bundles: BundleEntry[];
  warnings: IngestWarning[];
}

/** One report's content as answering reads it. */
export type ReportBody = Omit<ReportContent, "tokens" | "schools">;

/**
 * The catalogue's entries (src/answer/indicators.ts) as a store on disk finds them without
 * reading every report: each fact carries its entry's key and place, each entry its label grams.
 */
export interface EntryIndex {
  /** Every report's distinct entry labels (for the label grams' IDF). */
  leaves(): ReadonlySet<string>;
  /** Every report's distinct row labels (every label on a table row's path), made when the index was built. */
  rowLabels(): ReadonlySet<string>;
  /** The entries (report, key, place in its catalogue) of these reports' table rows with one of these labels on their path. */
  rowEntries(labels: readonly string[], reports: readonly string[]): { report: string; key: string; ord: number }[];
  /** The pinyin vocabulary's words ([pinyin key, word]), made from every report's labels and table titles when the index was built. */
  pinyinWords(): [string, string][];
  /** The example questions' topic, chosen from every report's rows when the index was built. */
  exampleTopic(): ExampleTopic | null;
  /** Entries with one of these label grams, in these reports (all when null): report, key, place in its report's catalogue, gram (a row per gram shared). */
  sharing(grams: readonly string[], reports: readonly string[] | null): { report: string; key: string; ord: number; gram: string }[];
  /** Entries with one of these row labels, in these reports (all when null): report, key, place in its report's catalogue, label (a row per entry). */
  labelled(leaves: readonly string[], reports: readonly string[] | null): { report: string; key: string; ord: number; leaf: string }[];
  /** The facts of these entries, in report order. */
  factsOf(keys: readonly string[]): Fact[];
  /** These tables' heads, without reading the tables (what a catalogue entry takes of them). */
  tableHeads(ids: readonly string[]): TableHead[];
  /** The heads of these reports' tables, report by report in the order given, each report's in its order. */
  tableHeadsOf(reports: readonly string[]): TableHead[];
}

/**
 * What answering reads of an index, whichever store holds it: this folder of files (everything in
 * memory), or a database (src/index/databaseStore.ts) read a report at a time.
 */
export interface IndexView {
  meta: IndexMeta;
  reports: ReportMeta[];
  /** Schools named in each report's text, for the entity resolver (collected once, at build time). */
  schools: { name: string; report: string }[];
  /** A report's content (undefined for one the index lacks); a store on disk reads it on first use. */
  content(report: string): ReportBody | undefined;
  /** A report's passages only ([] for one the index lacks): a search's hits need no facts or tables. */
  passagesOf(report: string): readonly Passage[];
  /** Finds catalogue entries without reading whole reports; null: the index is small and read whole. */
  entries: EntryIndex | null;
  /** Every search token, with the number of passages (all reports) it occurs in: the query segmenter's dictionary. */
  vocab: Vocabulary;
  /** How many passages, all reports. */
  passageCount: number;
  /** The passage index over every report; read on first use. */
  passageIndex(): PassageIndex;
  /** The pinyin vocabulary's words as the build saved them (read on first use), or null: none saved, make them from the catalogue. */
  savedPinyinWords?(): [string, string][] | null;
  /** Every report's distinct catalogue labels as the build saved them, or null: none saved, make every report's catalogue to know them. */
  savedLeaves?(): string[] | null;
}

/** An index held in memory: the view, and every report's content at hand. */
export interface IndexData extends IndexView {
  facts: Fact[];
  passages: Passage[];
  tables: Table[];
  sections: Record<string, Section[]>;
}

/** An index just built: what IndexData holds, the bundles it was made of, and the passage index to save. */
export interface BuiltIndexData extends IndexData {
  bundles: ReportBundle[];
  /** The vocabulary's counts, to save. */
  vocabCounts: Record<string, number>;
  /** How many report files this build read; the others' bundles were reused. */
  read: number;
  /** Keys of the bundles reused from a saved index (read back intact, so not written again). */
  reused: ReadonlySet<string>;
  packedPassageIndex: PackedPassageIndex;
}

/**
 * sha256 over the names and bytes of every report file and the manifest, in name order.
 * Cheap (the corpus is read once, ~2 ms) so every start can check the index is current.
 */
export function corpusFingerprint(corpusDir: string): string {
  // The code that reads the reports is part of what the index was made from.
  const hash = createHash("sha256").update(`zhibao bundle ${BUNDLE_VERSION}\0`);
  const files = [...listReportFiles(corpusDir), ...(existsSync(join(corpusDir, MANIFEST_FILE)) ? [MANIFEST_FILE] : [])].sort();
  for (const f of files) {
    hash
      .update(f)
      .update("\0")
      .update(readFileSync(join(corpusDir, f)))
      .update("\0");
  }
  return hash.digest("hex");
}

/**
 * sha256 over every corpus file's name, size and modification time: a check that costs a stat per
 * file, where {@link corpusFingerprint} reads every byte (at 1,000 reports, 100 MB and ~0.4 s of
 * every start). Equal means unchanged; different means "look at the bytes" (a fresh clone, a touch).
 */
export function corpusStatFingerprint(corpusDir: string): string {
  const hash = createHash("sha256").update(`zhibao bundle ${BUNDLE_VERSION}\0`);
  const files = [...listReportFiles(corpusDir), ...(existsSync(join(corpusDir, MANIFEST_FILE)) ? [MANIFEST_FILE] : [])].sort();
  for (const f of files) {
    const st = statSync(join(corpusDir, f));
    hash.update(`${f}\0${st.size}\0${Math.floor(st.mtimeMs)}\0`); // whole milliseconds: what utimes and copies keep
  }
  return hash.digest("hex");
}

/** Writes the index into `indexDir`. Atomic: meta.json, renamed into place last, names the bundles of the new index, so a half-written one is never read. */
export function saveIndex(data: BuiltIndexData, indexDir: string, derived?: SavedDerived): void {
  const bundleDir = join(indexDir, BUNDLE_DIR);
  mkdirSync(bundleDir, { recursive: true });
  const tmp = (name: string) => `${name}.tmp-${process.pid}`;
  const writeAtomic = (path: string, bytes: string | Buffer) => {
    writeFileSync(tmp(path), bytes);
    renameSync(tmp(path), path);
  };
  const json = (value: unknown) => `${JSON.stringify(value)}\n`;
  const sums = new Map<string, BundleSums>();
  for (const b of data.bundles) {
    const { tokens, passages, ...content } = b.content ?? { tokens: null, passages: null };
    const path = join(bundleDir, `${b.key}.json`);
    const files = { bundle: path, passages: join(bundleDir, `${b.key}.passages.json`), tokens: join(bundleDir, `${b.key}.tokens.json`) };
    // A bundle's name is its key: a reused one, read back intact from there (its sums checked), is not written again.
    if (data.reused.has(b.key) && Object.values(files).every((f) => existsSync(f))) {
      sums.set(b.key, { bundle: sha256(readFileSync(files.bundle)), passages: sha256(readFileSync(files.passages)), tokens: sha256(readFileSync(files.tokens)) });
      continue;
    }
    const bytes = { tokens: json(tokens), passages: json(passages), bundle: json({ key: b.key, file: b.file, content: b.content ? content : null, warnings: b.warnings }) };
    writeAtomic(files.tokens, bytes.tokens);
    writeAtomic(files.passages, bytes.passages);
    writeAtomic(path, bytes.bundle);
    sums.set(b.key, { bundle: sha256(bytes.bundle), passages: sha256(bytes.passages), tokens: sha256(bytes.tokens) });
  }
  for (const entry of data.meta.bundles) entry.sums = sums.get(entry.key);
  writeAtomic(join(indexDir, FILES.vocab), json(data.vocabCounts));
  for (const [file, value] of [
    [FILES.pinyin, derived?.pinyinWords],
    [FILES.leaves, derived?.leaves],
  ] as const) {
    if (value) writeAtomic(join(indexDir, file), json(value));
    else rmSync(join(indexDir, file), { force: true });
  }
  writeAtomic(join(indexDir, PASSAGE_INDEX_FILE), encodePassageIndex(data.packedPassageIndex));
  // meta.json last: it says the rest is there. (vocab and passages.bin are renamed in first: a crash
  // between them leaves the old meta over the new search files, which answers as the new corpus
  // would for the reports both share; the next start sees the corpus fingerprint differ and rebuilds.)
  writeAtomic(join(indexDir, FILES.meta), json(data.meta));
  // Bundles no longer named, and what earlier formats saved.
  const keep = new Set(data.bundles.flatMap((b) => [`${b.key}.json`, `${b.key}.passages.json`, `${b.key}.tokens.json`]));
  for (const name of readdirSync(bundleDir)) if (!keep.has(name)) rmSync(join(bundleDir, name), { force: true });
  for (const name of ["lunr.json", "reports.json", "facts.json", "passages.json", "tables.json"]) rmSync(join(indexDir, name), { force: true });
  for (const dir of ["lunr", "passages"]) rmSync(join(indexDir, dir), { recursive: true, force: true });
}

/** Reads only index/meta.json: enough to tell whether the index is current. Null when there is none. */
export function readIndexMeta(indexDir: string): IndexMeta | null {
  const path = join(indexDir, FILES.meta);
  if (!existsSync(path)) return null;
  try {
    return JSON.parse(readFileSync(path, "utf8")) as IndexMeta;
  } catch {
    return null;
  }
}

/**
 * A saved bundle, without its tokens unless asked for. Its passages are read when first asked for
 * (a getter, replaced by the value once read), unless `withTokens`: a build reuses them whole.
 * Every file read is checked against `sums` (see {@link BundleEntry}); its passages' file too, now,
 * so a changed one is found at load, not in the middle of an answer.
 *
 * @throws BundleChecksumError when a file is not the one the index saved
 */
export function readBundle(indexDir: string, key: string, sums: BundleSums | undefined, withTokens = false): ReportBundle {
  const dir = join(indexDir, BUNDLE_DIR);
  const bundle = JSON.parse(readChecked(join(dir, `${key}.json`), sums?.bundle).toString("utf8")) as ReportBundle;
  const content = bundle.content;
  if (!content) return bundle;
  content.tokens = withTokens ? (JSON.parse(readChecked(join(dir, `${key}.tokens.json`), sums?.tokens).toString("utf8")) as ReportContent["tokens"]) : [];
  // Hashing the bytes costs ~0.5 ms per MB; parsing them is what waits for the first search.
  const passageBytes = readChecked(join(dir, `${key}.passages.json`), sums?.passages);
  const readPassages = () => JSON.parse(passageBytes.toString("utf8")) as Passage[];
  if (withTokens) content.passages = readPassages();
  else
    Object.defineProperty(content, "passages", {
      enumerable: true,
      configurable: true,
      get() {
        const passages = readPassages();
        Object.defineProperty(content, "passages", { value: passages, enumerable: true, writable: true, configurable: true });
        return passages;
      },
    });
  return bundle;
}

/**
 * The saved bundles of an index of this format, by file name, for an incremental build to reuse
 * (with their tokens); none when there is no such index. A bundle whose files are not those saved
 * (their checksums differ) is none: its report is read again.
 */
export function savedBundles(indexDir: string): (file: string) => ReportBundle | null {
  const meta = readIndexMeta(indexDir);
  const byFile = new Map(meta?.formatVersion === INDEX_FORMAT_VERSION ? meta.bundles.map((b) => [b.file, b]) : []);
  return (file) => {
    const entry = byFile.get(file);
    if (!entry) return null;
    try {
      return readBundle(indexDir, entry.key, entry.sums, true);
    } catch {
      return null; // damaged, changed or gone: read the file again
    }
  };
}

/** Loads a saved index; throws IndexVersionError when it is missing, damaged or of another format version. */
export function loadIndex(indexDir: string): IndexData {
  const meta = readIndexMeta(indexDir);
  if (!meta) throw new IndexVersionError(`no index in ${indexDir}: run \`zhibao index\``);
  if (meta.formatVersion !== INDEX_FORMAT_VERSION) {
    throw new IndexVersionError(`the index in ${indexDir} is format ${meta.formatVersion}, this zhibao reads ${INDEX_FORMAT_VERSION}: run \`zhibao index\``);
  }
  try {
    const read = (name: string) => JSON.parse(readFileSync(join(indexDir, name), "utf8"));
    const contents = meta.bundles.filter((b) => b.used).map((b) => readBundle(indexDir, b.key, b.sums).content!);
    // Figure questions never touch the passage index: it is read on the first search.
    let passages: PassageIndex | null = null;
    const passageIndex = (): PassageIndex => {
      if (!passages) {
        const path = join(indexDir, PASSAGE_INDEX_FILE);
        try {
          passages = openPassageIndex(decodePassageIndex(readFileSync(path)));
        } catch (err) {
          throw new IndexVersionError(`${path}: ${(err as Error).message}: run \`zhibao index\``);
        }
      }
      return passages;
    };
    const view = inMemoryView(
      meta,
      contents,
      passageIndex,
      lazyVocabulary(() => read(FILES.vocab) as Record<string, number>),
    );
    // Saved by the build that wrote meta.json (or by none): a later build without it removes it.
    const pinyinPath = join(indexDir, FILES.pinyin);
    let pinyin: { words: [string, string][] | null } | null = null;
    view.savedPinyinWords = () => (pinyin ??= { words: existsSync(pinyinPath) ? (JSON.parse(readFileSync(pinyinPath, "utf8")) as [string, string][]) : null }).words;
    const leavesPath = join(indexDir, FILES.leaves);
    view.savedLeaves = () => (existsSync(leavesPath) ? (JSON.parse(readFileSync(leavesPath, "utf8")) as string[]) : null);
    return view;
  } catch (err) {
    throw new IndexVersionError(`the index in ${indexDir} is damaged (${(err as Error).message}): run \`zhibao index\``);
  }
}

/** The view over reports' contents held in memory (a loaded index folder, or one just built). */
export function inMemoryView(meta: IndexMeta, contents: ReportContent[], passageIndex: () => PassageIndex, vocab: Vocabulary): IndexData {
  const byReport = new Map(contents.map((c) => [c.meta.report, c]));
  // Every report's passages, read (from a saved index) when first asked for: answering reads a report's own.
  let passages: Passage[] | null = null;
  const view: IndexData = {
    meta,
    reports: contents.map((c) => c.meta),
    schools: contents.flatMap((c) => c.schools),
    content: (report) => byReport.get(report),
    passagesOf: (report) => byReport.get(report)?.passages ?? [],
    entries: null,
    vocab,
    passageCount: meta.counts.passages,
    passageIndex,
    facts: contents.flatMap((c) => c.facts),
    passages: [],
    tables: contents.flatMap((c) => c.tables),
    sections: Object.fromEntries(contents.map((c) => [c.meta.report, c.sections])),
  };
  Object.defineProperty(view, "passages", { enumerable: true, get: () => (passages ??= contents.flatMap((c) => c.passages)) });
  return view;
}
