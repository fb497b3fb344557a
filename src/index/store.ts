import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type lunr from "lunr";
import { IndexVersionError } from "../errors.js";
import { ingestCorpus, listReportFiles } from "../ingest/corpus.js";
import { MANIFEST_FILE } from "../ingest/manifest.js";
import { buildPassageIndex, loadPassageIndex } from "../search/passages.js";
import { addUserWords } from "../search/tokenize.js";
import { collectSchoolNames } from "../answer/understand/index.js";
import type { Fact, IngestWarning, Passage, ReportMeta, Section, Table } from "../types.js";

/**
 * The built index: what ingestion produced for the whole corpus plus the lunr passage index,
 * saved as a few JSON files under index/ with a format version.
 */

/** Bump when the shape of anything saved changes: an index of another version is rebuilt, never misread. */
export const INDEX_FORMAT_VERSION = 2;

const FILES = { meta: "meta.json", reports: "reports.json", facts: "facts.json", passages: "passages.json", tables: "tables.json", lunr: "lunr.json" } as const;

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
  lunr: lunr.Index;
}

/** Domain terms nodejieba's dictionary splits but users mean whole. */
const DOMAIN_WORDS = [
  "双师型", "双师素质", "产教融合", "职普融通", "校企合作", "中高职贯通", "贯通培养", "职教高考", "现代学徒制", "订单班",
  "1+X", "技能大赛", "教学能力比赛", "班主任能力比赛", "文明风采", "思政课", "大思政课", "课程思政", "劳动教育", "非遗",
  "职教联盟", "职教集团", "产业学院", "实训基地", "生师比", "师生比", "升学率", "就业率", "满意度", "计分卡",
];

/**
 * sha256 over the names and bytes of every report file and the manifest, in name order.
 * Cheap (the corpus is read once, ~2 ms) so every start can check the index is current.
 */
export function corpusFingerprint(corpusDir: string): string {
  const hash = createHash("sha256");
  const files = [...listReportFiles(corpusDir), ...(existsSync(join(corpusDir, MANIFEST_FILE)) ? [MANIFEST_FILE] : [])].sort();
  for (const f of files) {
    hash.update(f).update("\0").update(readFileSync(join(corpusDir, f))).update("\0");
  }
  return hash.digest("hex");
}

/**
 * Ingests corpus/ and builds the passage index. Deterministic: the same corpus gives the same
 * index, byte for byte, once saved.
 */
export function buildIndex(corpusDir: string, onProgress?: (message: string) => void): IndexData {
  const fingerprint = corpusFingerprint(corpusDir);
  const { reports, warnings } = ingestCorpus(corpusDir, (done, total, file) => onProgress?.(`ingested ${done}/${total} ${file}`));
  const facts = reports.flatMap((r) => r.facts);
  const passages = reports.flatMap((r) => r.passages);
  const tables = reports.flatMap((r) => r.tables);
  const sections = Object.fromEntries(reports.map((r) => [r.meta.report, r.sections]));
  addUserWords([...DOMAIN_WORDS, ...reports.map((r) => r.meta.entity), ...new Set(facts.filter((f) => f.source === "table").flatMap((f) => f.path.map((p) => p.replace(/^其中[:：]/, ""))))]);
  onProgress?.(`indexing ${passages.length} passages`);
  const index = buildPassageIndex(passages);
  return {
    meta: {
      formatVersion: INDEX_FORMAT_VERSION,
      corpusFingerprint: fingerprint,
      counts: { reports: reports.length, facts: facts.length, passages: passages.length, tables: tables.length, sections: reports.reduce((n, r) => n + r.sections.length, 0) },
      warnings,
    },
    reports: reports.map((r) => r.meta),
    facts,
    passages,
    tables,
    sections,
    schools: collectSchoolNames(
      passages.filter((p) => p.kind === "paragraph").map((p) => ({ report: p.report, text: p.text })),
      reports.map((r) => r.meta),
    ),
    lunr: index,
  };
}

/** Writes the index files into `indexDir` (atomically: a half-written index is never read). */
export function saveIndex(data: IndexData, indexDir: string): void {
  const tmp = `${indexDir}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  const write = (name: string, value: unknown) => writeFileSync(join(tmp, name), JSON.stringify(value) + "\n");
  write(FILES.meta, data.meta);
  write(FILES.reports, { reports: data.reports, sections: data.sections, schools: data.schools });
  write(FILES.facts, data.facts);
  write(FILES.passages, data.passages);
  write(FILES.tables, data.tables);
  write(FILES.lunr, data.lunr.toJSON());
  mkdirSync(indexDir, { recursive: true });
  for (const name of Object.values(FILES)) renameSync(join(tmp, name), join(indexDir, name));
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
    const data = { meta, reports, sections, schools, facts: read(FILES.facts), passages: read(FILES.passages), tables: read(FILES.tables) } as IndexData;
    // The passage index is most of the load time and figure questions never touch it: read it on first use.
    let passageIndex: lunr.Index | null = null;
    Object.defineProperty(data, "lunr", { enumerable: true, get: () => (passageIndex ??= loadPassageIndex(read(FILES.lunr))) });
    return data;
  } catch (err) {
    throw new IndexVersionError(`the index in ${indexDir} is damaged (${(err as Error).message}): run \`zhibao index\``);
  }
}
