import type { IndexData } from "../index/store.js";
import { createPassageSearch, type PassageSearch } from "../search/passages.js";
import type { ReportMeta } from "../types.js";
import { buildCatalog, catalogLookup, indexByLeafGram, type CatalogLookup, type IndicatorEntry } from "./indicators.js";
import { createEntityResolver } from "./understand/index.js";
import { pinyinVocabulary, type PinyinVocabulary } from "./understand/pinyinWords.js";

/**
 * The state every answering function takes: a loaded index with its indicator catalogue, entity
 * resolver and (lazily) passage search. Built once per index by `prepare`, swapped whole on reload.
 */

/** Everything a loaded index gives the answering code; swapped whole on reload. */
export interface Loaded {
  data: IndexData;
  catalog: IndicatorEntry[];
  /** The catalogue entries of these reports (all when none). */
  catalogOf(reports: readonly string[]): IndicatorEntry[];
  /** The entries of these reports (all when none) that `accept` takes, looked up by label bigrams (see CatalogLookup). */
  lookup(reports: readonly string[], accept?: (e: IndicatorEntry) => boolean): CatalogLookup;
  search: PassageSearch;
  /** Pinyin of the catalogue's words, read back to Chinese (built on the first question with Latin letters). */
  pinyin: PinyinVocabulary;
  resolver: ReturnType<typeof createEntityResolver>;
  metaByReport: Map<string, ReportMeta>;
  reportByEntity: Map<string, string>;
}

/**
 * Prepares a loaded index for answering: the catalogue, its bigram lookups, the resolver.
 * The passage search is built on first use, so a figure question never waits for it.
 */
export function prepare(data: IndexData): Loaded {
  let search: PassageSearch | null = null;
  const catalog = buildCatalog(data.facts, data.tables);
  const byReport = new Map<string, IndicatorEntry[]>();
  for (const e of catalog) {
    const list = byReport.get(e.report);
    if (list) list.push(e);
    else byReport.set(e.report, [e]);
  }
  const gramIndexes = new Map([...byReport].map(([report, entries]) => [report, indexByLeafGram(entries)]));
  const loaded = {
    data,
    catalog,
    catalogOf: (reports: readonly string[]) => (reports.length ? reports.flatMap((r) => byReport.get(r) ?? []) : catalog),
    lookup: (reports: readonly string[], accept?: (e: IndicatorEntry) => boolean) =>
      catalogLookup(
        (reports.length ? reports : [...gramIndexes.keys()]).flatMap((r) => gramIndexes.get(r) ?? []),
        accept,
      ),
    resolver: createEntityResolver(data.reports, { schools: data.schools }),
    metaByReport: new Map(data.reports.map((r) => [r.report, r])),
    reportByEntity: new Map(data.reports.map((r) => [r.entity, r.report])),
  } as Loaded;
  // Built on the first passage search, so a figure question never waits for the lunr index.
  let pinyin: PinyinVocabulary | null = null;
  Object.defineProperty(loaded, "pinyin", { enumerable: true, get: () => (pinyin ??= pinyinVocabulary([...catalog.map((e) => e.leaf), ...data.tables.map((t) => t.title ?? "")])) });
  Object.defineProperty(loaded, "search", { enumerable: true, get: () => (search ??= createPassageSearch(data.passageIndex, data.passages, data.vocab)) });
  return loaded;
}
