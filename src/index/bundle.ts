import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ingestBytes, ingestFile } from "../ingest/corpus.js";
import { collectSchoolNames } from "../places/schools.js";
import { linePassages } from "../search/linePassages.js";
import { segmentPassages, type SegmentedPassage } from "../search/passages.js";
import type { Fact, IngestWarning, ManifestEntry, Passage, ReportMeta, Section, Table } from "../types.js";
import { BUNDLE_VERSION } from "./bundleVersion.js";

/**
 * One report as every store keeps it: what ingestion made of its file, its passages (running text,
 * then its table lines and captions) and their search tokens. A bundle depends on its own file
 * and manifest entry only, never on the other reports, so a build re-reads a file only when that
 * file changed (its `key`), and a store adds, replaces or drops one report without touching the rest.
 */
export interface ReportBundle {
  /** sha256 over the bundle format, the file's name, bytes and manifest entry: a changed key means re-read. */
  key: string;
  file: string;
  /** Null when the file could not be read; its warnings say why (the failure is kept, not retried until the file changes). */
  content: ReportContent | null;
  warnings: IngestWarning[];
}

/** A readable report's content. */
export interface ReportContent {
  meta: ReportMeta;
  facts: Fact[];
  tables: Table[];
  sections: Section[];
  passages: Passage[];
  /** Schools the report's text and tables name, for the entity resolver. */
  schools: { name: string; report: string }[];
  /** Each passage's segmented fields, in `passages` order. */
  tokens: SegmentedPassage[];
}

export { BUNDLE_VERSION };

/** Domain terms nodejieba's dictionary splits but users mean whole. */
export const DOMAIN_WORDS = [
  "双师型",
  "双师素质",
  "产教融合",
  "职普融通",
  "校企合作",
  "中高职贯通",
  "贯通培养",
  "职教高考",
  "现代学徒制",
  "订单班",
  "1+X",
  "技能大赛",
  "教学能力比赛",
  "班主任能力比赛",
  "文明风采",
  "思政课",
  "大思政课",
  "课程思政",
  "劳动教育",
  "非遗",
  "职教联盟",
  "职教集团",
  "产业学院",
  "实训基地",
  "生师比",
  "师生比",
  "升学率",
  "就业率",
  "满意度",
  "计分卡",
];

/** The key of a report file: what its bundle is made from. */
export function bundleKey(file: string, bytes: Uint8Array, entry: ManifestEntry | undefined): string {
  return createHash("sha256")
    .update(`zhibao bundle ${BUNDLE_VERSION}\0${file}\0`)
    .update(bytes)
    .update(`\0${JSON.stringify(entry ?? null)}`)
    .digest("hex");
}

/**
 * Reads one report file into its bundle. Never throws for a bad file: the bundle then has no
 * content and a warning naming the file (and line).
 */
export function buildBundle(corpusDir: string, file: string, entry: ManifestEntry | undefined, key = bundleKey(file, readFileSync(join(corpusDir, file)), entry)): ReportBundle {
  return bundleOf(key, file, ingestFile(corpusDir, file, entry));
}

/**
 * The bundle a file of these bytes will have once in corpus/ under `file` with this manifest
 * entry (the same key, the same content): `zhibao add` reads a file once, to check it, and the
 * build then takes this bundle instead of reading the file again.
 */
export function bundleFromBytes(file: string, bytes: Uint8Array, entry: ManifestEntry | undefined): ReportBundle {
  return bundleOf(bundleKey(file, bytes, entry), file, ingestBytes(file, bytes, entry));
}

/** A bundle of a file as ingested (its key made from its name, bytes and manifest entry). */
export function bundleOf(key: string, file: string, { report, warnings }: ReturnType<typeof ingestFile>): ReportBundle {
  if (!report) return { key, file, content: null, warnings };
  const { meta, sections, tables, facts } = report;
  const passages = [...report.passages, ...linePassages({ report: meta.report, entity: meta.entity, sections, tables, captions: report.captions })];
  // The report's own names are kept whole: its entity, and the row labels of its tables.
  const userWords = [...DOMAIN_WORDS, meta.entity, ...new Set(facts.filter((f) => f.source === "table").flatMap((f) => f.path.map((p) => p.replace(/^其中[:：]/, ""))))];
  const tokens = segmentPassages(passages, userWords);
  const schools = collectSchoolNames(
    [
      ...passages.filter((p) => p.kind === "paragraph").map((p) => ({ report: p.report, text: p.text })),
      // Schools a region's tables list row by row (各校办学条件) and its text may never name.
      ...tables.map((t) => ({ report: t.report, text: t.rows.map((r) => r.path[r.path.length - 1] ?? "").join("\n") })),
    ],
    [meta],
  );
  return { key, file, content: { meta, facts, tables, sections, passages, schools, tokens }, warnings };
}
