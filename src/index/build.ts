import { collectSchoolNames } from "../places/schools.js";
import { ingestCorpus } from "../ingest/corpus.js";
import { linePassages } from "../search/linePassages.js";
import { DEFAULT_RANKING } from "../search/ranking.js";
import { buildPassageIndex, passageVocabulary, segmentPassages } from "../search/passages.js";
import { openPassageIndex, packPassageIndex, type PassageIndex, type SavedLunrIndex } from "../search/passageIndex.js";
import { corpusFingerprint, INDEX_FORMAT_VERSION, type BuiltIndexData } from "./store.js";

/** Domain terms nodejieba's dictionary splits but users mean whole. */
const DOMAIN_WORDS = [
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

/**
 * Ingests corpus/ and builds the passage index. Deterministic: the same corpus gives the same
 * index, byte for byte, once saved.
 */
export function buildIndex(corpusDir: string, onProgress?: (message: string) => void): BuiltIndexData {
  const fingerprint = corpusFingerprint(corpusDir);
  const { reports, warnings } = ingestCorpus(corpusDir, (done, total, file) => onProgress?.(`ingested ${done}/${total} ${file}`));
  const facts = reports.flatMap((r) => r.facts);
  // Running text, then what it leaves out (table titles and rows, captions) as one-line passages.
  const passages = reports.flatMap((r) => [...r.passages, ...linePassages({ report: r.meta.report, entity: r.meta.entity, sections: r.sections, tables: r.tables, captions: r.captions })]);
  const tables = reports.flatMap((r) => r.tables);
  const sections = Object.fromEntries(reports.map((r) => [r.meta.report, r.sections]));
  onProgress?.(`indexing ${passages.length} passages`);
  const userWords = [...DOMAIN_WORDS, ...reports.map((r) => r.meta.entity), ...new Set(facts.filter((f) => f.source === "table").flatMap((f) => f.path.map((p) => p.replace(/^其中[:：]/, ""))))];
  const docs = segmentPassages(passages, userWords);
  const lunrIndex = buildPassageIndex(docs);
  // Saved and searched packed, the way a loaded index is (see passageIndex.ts).
  // Plus every passage's character bigrams, for query words the index does not know.
  const grams = passages.map((p) => ({ ref: p.id, text: `${p.title}\n${p.text}` }));
  const packedPassageIndex = packPassageIndex(lunrIndex.toJSON() as unknown as SavedLunrIndex, grams, DEFAULT_RANKING.bigram);
  let searchable: PassageIndex | null = null;
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
      [
        ...passages.filter((p) => p.kind === "paragraph").map((p) => ({ report: p.report, text: p.text })),
        // Schools a region's tables list row by row (各校办学条件) and its text may never name.
        ...tables.map((t) => ({ report: t.report, text: t.rows.map((r) => r.path[r.path.length - 1] ?? "").join("\n") })),
      ],
      reports.map((r) => r.meta),
    ),
    vocab: passageVocabulary(lunrIndex),
    packedPassageIndex,
    passageIndex: () => (searchable ??= openPassageIndex(packedPassageIndex)),
  };
}
