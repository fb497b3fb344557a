import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { IndexVersionError } from "../errors.js";
import { listReportFiles } from "../ingest/files.js";
import { MANIFEST_FILE } from "../ingest/manifest.js";
import { decodePassageIndex, encodePassageIndex, openPassageIndex, type PackedPassageIndex, type PassageIndex } from "../search/passageIndex.js";
import type { Fact, IngestWarning, Passage, ReportMeta, Section, Table } from "../types.js";

/**
 * The built index on disk: what ingestion produced for the whole corpus plus the lunr passage
 * index, saved as a few JSON files under index/ with a format version. Loading needs none of the
 * ingestion code (that is src/index/build.ts), so answering starts fast.
 */

/** Bump when the shape of anything saved changes: an index of another version is rebuilt, never misread. */
export const INDEX_FORMAT_VERSION = 6;

export const FILES = { meta: "meta.json", reports: "reports.json", facts: "facts.json", passages: "passages.json", tables: "tables.json", vocab: "vocab.json" } as const;

/** The passage index (see src/search/passageIndex.ts), read on the first search. */
export const PASSAGE_INDEX_FILE = "passages.bin";

/** What index/meta.json records. */
export interface IndexMeta {
  formatVersion: number;
  /** sha256 over every corpus file's name and bytes: the index is stale when this changes. */
  corpusFingerprint: string;
  counts: { reports: number; facts: number; passages: number; tables: number; sections: number };
  warnings: IngestWarning[];
}

/** Everything the engine needs, in memory. */
export interface IndexData {
  meta: IndexMeta;
  reports: ReportMeta[];
  facts: Fact[];
  passages: Passage[];
  tables: Table[];
  sections: Record<string, Section[]>;
  /** Schools named in each report's text, for the entity resolver (collected once, at build time). */
  schools: { name: string; report: string }[];
  /** Every search token, with the number of passages (all reports) it occurs in: the query segmenter's dictionary. */
  vocab: Record<string, number>;
  /** The passage index over every report; read on first use. */
  passageIndex(): PassageIndex;
}

/** An index just built: what IndexData holds, and the passage index to save. */
export interface BuiltIndexData extends IndexData {
  packedPassageIndex: PackedPassageIndex;
}

/**
 * sha256 over the names and bytes of every report file and the manifest, in name order.
 * Cheap (the corpus is read once, ~2 ms) so every start can check the index is current.
 */
export function corpusFingerprint(corpusDir: string): string {
  const hash = createHash("sha256");
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

/** Writes the index files into `indexDir` (atomically: a half-written index is never read). */
export function saveIndex(data: BuiltIndexData, indexDir: string): void {
  const tmp = `${indexDir}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  const write = (name: string, value: unknown) => writeFileSync(join(tmp, name), `${JSON.stringify(value)}\n`);
  write(FILES.meta, data.meta);
  write(FILES.reports, { reports: data.reports, sections: data.sections, schools: data.schools });
  write(FILES.facts, data.facts);
  write(FILES.passages, data.passages);
  write(FILES.tables, data.tables);
  write(FILES.vocab, data.vocab);
  writeFileSync(join(tmp, PASSAGE_INDEX_FILE), encodePassageIndex(data.packedPassageIndex));
  mkdirSync(indexDir, { recursive: true });
  // meta.json last: it says the rest is there.
  for (const name of [PASSAGE_INDEX_FILE, ...Object.values(FILES).filter((f) => f !== FILES.meta), FILES.meta]) renameSync(join(tmp, name), join(indexDir, name));
  // Earlier formats: one lunr JSON for all reports (2), lunr JSON per report (3), packed per report (4).
  rmSync(join(indexDir, "lunr.json"), { force: true });
  for (const dir of ["lunr", "passages"]) rmSync(join(indexDir, dir), { recursive: true, force: true });
  rmSync(tmp, { recursive: true, force: true });
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

/** Loads a saved index; throws IndexVersionError when it is missing, damaged or of another format version. */
export function loadIndex(indexDir: string): IndexData {
  const meta = readIndexMeta(indexDir);
  if (!meta) throw new IndexVersionError(`no index in ${indexDir}: run \`zhibao index\``);
  if (meta.formatVersion !== INDEX_FORMAT_VERSION) {
    throw new IndexVersionError(`the index in ${indexDir} is format ${meta.formatVersion}, this zhibao reads ${INDEX_FORMAT_VERSION}: run \`zhibao index\``);
  }
  try {
    const read = (name: string) => JSON.parse(readFileSync(join(indexDir, name), "utf8"));
    const { reports, sections, schools } = read(FILES.reports) as { reports: ReportMeta[]; sections: Record<string, Section[]>; schools: { name: string; report: string }[] };
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
    const data = { meta, reports, sections, schools, facts: read(FILES.facts), passages: read(FILES.passages), tables: read(FILES.tables), passageIndex } as IndexData;
    let vocab: Record<string, number> | null = null;
    Object.defineProperty(data, "vocab", { enumerable: true, get: () => (vocab ??= read(FILES.vocab)) });
    return data;
  } catch (err) {
    throw new IndexVersionError(`the index in ${indexDir} is damaged (${(err as Error).message}): run \`zhibao index\``);
  }
}
