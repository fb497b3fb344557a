import { readFileSync } from "node:fs";
import { join } from "node:path";
import { dropDuplicates } from "../ingest/corpus.js";
import { scanCorpus } from "../ingest/files.js";
import { readManifest } from "../ingest/manifest.js";
import { DEFAULT_RANKING } from "../search/ranking.js";
import { savedPassageIndex, vocabularyOf } from "../search/passages.js";
import { openPassageIndex, packPassageIndex, type PassageIndex } from "../search/passageIndex.js";
import type { IngestWarning } from "../types.js";
import { buildBundle, bundleKey, type ReportBundle, type ReportContent } from "./bundle.js";
import { corpusFingerprint, inMemoryView, INDEX_FORMAT_VERSION, type BuiltIndexData } from "./store.js";

/** Earlier bundles by file name, to reuse those whose key is unchanged (an incremental build). */
export type BundleCache = (file: string) => ReportBundle | null;

/** What one pass over corpus/ found: every file's bundle, in name order, and what was said about the folder itself. */
export interface CorpusBundles {
  bundles: ReportBundle[];
  /** Manifest problems and skipped entries (directories, links, huge files). */
  warnings: IngestWarning[];
  /** How many bundles were made now. */
  read: number;
  /** Keys of the bundles that came from the cache. */
  reused: Set<string>;
}

/**
 * Bundles every report file of corpus/, re-reading only those whose key changed since `cached`
 * made theirs. Deterministic: the same corpus gives the same bundles, byte for byte once saved.
 */
export function bundleCorpus(corpusDir: string, cached: BundleCache = () => null, onProgress?: (message: string) => void): CorpusBundles {
  const { entries, warnings } = readManifest(corpusDir);
  const { files, skipped } = scanCorpus(corpusDir);
  warnings.push(...skipped);
  let read = 0;
  const reused = new Set<string>();
  const bundles = files.map((file, i) => {
    const entry = entries[file];
    const key = bundleKey(file, readFileSync(join(corpusDir, file)), entry);
    const earlier = cached(file);
    if (earlier && earlier.key === key) {
      reused.add(key);
      return earlier;
    }
    read++;
    const bundle = buildBundle(corpusDir, file, entry, key);
    onProgress?.(`read ${i + 1}/${files.length} ${file}`);
    return bundle;
  });
  return { bundles, warnings, read, reused };
}

/** The bundles a corpus answers from: readable ones, one per text and per entity and year (see dropDuplicates). */
export function usableContents(bundles: ReportBundle[], warnings: IngestWarning[]): ReportContent[] {
  return dropDuplicates(
    bundles.flatMap((b) => (b.content ? [b.content] : [])),
    warnings,
  );
}

/**
 * Ingests corpus/ (re-reading only files whose bundle changed, with `cached`) and builds the
 * in-memory store's passage index over every report. Deterministic: the same corpus gives the same
 * index, byte for byte, once saved.
 */
export function buildIndex(corpusDir: string, onProgress?: (message: string) => void, cached?: BundleCache): BuiltIndexData {
  const fingerprint = corpusFingerprint(corpusDir);
  const { bundles, warnings, read, reused } = bundleCorpus(corpusDir, cached, onProgress);
  for (const b of bundles) warnings.push(...b.warnings);
  const contents = usableContents(bundles, warnings);
  const passages = contents.flatMap((r) => r.passages);
  const counts = (pick: (r: ReportContent) => unknown[]) => contents.reduce((n, r) => n + pick(r).length, 0);
  onProgress?.(`indexing ${passages.length} passages`);
  const { saved, vocabulary: vocab } = savedPassageIndex(contents.flatMap((r) => r.tokens));
  // Saved and searched packed, the way a loaded index is (see passageIndex.ts).
  // Plus every passage's character bigrams, for query words the index does not know.
  const grams = passages.map((p) => ({ ref: p.id, text: `${p.title}\n${p.text}` }));
  const packedPassageIndex = packPassageIndex(saved, grams, DEFAULT_RANKING.bigram);
  let searchable: PassageIndex | null = null;
  const meta = {
    formatVersion: INDEX_FORMAT_VERSION,
    corpusFingerprint: fingerprint,
    counts: { reports: contents.length, facts: counts((r) => r.facts), passages: passages.length, tables: counts((r) => r.tables), sections: counts((r) => r.sections) },
    bundles: bundles.map((b) => ({ file: b.file, key: b.key, used: !!b.content && contents.includes(b.content) })),
    warnings,
  };
  return {
    ...inMemoryView(meta, contents, () => (searchable ??= openPassageIndex(packedPassageIndex)), vocabularyOf(vocab)),
    bundles,
    read,
    reused,
    vocabCounts: vocab,
    packedPassageIndex,
  };
}
