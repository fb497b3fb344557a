import type { EntryIndex, IndexView } from "../index/store.js";
import { createPassageSearch, type PassageSearch } from "../search/passages.js";
import type { ExampleTopic, ReportMeta, Table, TableHead } from "../types.js";
import { exampleRows, exampleTopic } from "./exampleRow.js";
import { buildCatalog, catalogLookup, grams, indexByLeafGram, leafIdf, type CatalogLookup, type IndicatorEntry } from "./indicators.js";
import { createEntityResolver } from "./understand/index.js";
import { pinyinLabels, pinyinWordList, vocabularyOf, type PinyinVocabulary } from "./understand/pinyinWords.js";

/**
 * The state every answering function takes: a loaded index with its indicator catalogue, entity
 * resolver and (lazily) passage search. Built once per index by `prepare`, swapped whole on reload.
 */

/** Everything a loaded index gives the answering code; swapped whole on reload. */
export interface Loaded {
  data: IndexView;
  /** Every report's catalogue entries (a store on disk reads every report for this: examples only). */
  catalog: IndicatorEntry[];
  /** The catalogue entries of these reports (all when none). */
  catalogOf(reports: readonly string[]): IndicatorEntry[];
  /** The entries of these reports (all when none) that `accept` takes, looked up by label bigrams (see CatalogLookup). */
  lookup(reports: readonly string[], accept?: (e: IndicatorEntry) => boolean): CatalogLookup;
  /** Each report's table entries with a row label (the row's own or a parent's) that `test` takes, in catalogue order; reports with none are left out. */
  tableRowsLabelled(reports: readonly string[], test: (label: string) => boolean): Map<string, IndicatorEntry[]>;
  /** The tables of these reports (all when none). */
  tablesOf(reports: readonly string[]): Table[];
  /** The heads (number, title, kind) of these reports' tables (all when none), as tablesOf orders them: a store on disk reads no table for them. */
  tableHeadsOf(reports: readonly string[]): TableHead[];
  /** A table by its id. */
  tableById(id: string): Table | undefined;
  search: PassageSearch;
  /** What the example questions ask about (a store on disk chose it when it was built). */
  exampleTopic: ExampleTopic | null;
  /** Pinyin of the catalogue's words, read back to Chinese (saved with the index, else built on the first question with Latin letters). */
  pinyin: PinyinVocabulary;
  resolver: ReturnType<typeof createEntityResolver>;
  metaByReport: Map<string, ReportMeta>;
  reportByEntity: Map<string, string>;
  /** Every report's file name, in index order. */
  reportNames: string[];
}

/** How the catalogue is reached: built whole at start (a small index), or a report or an entry at a time. */
interface CatalogAccess {
  catalogOf(reports: readonly string[]): IndicatorEntry[];
  lookup(reports: readonly string[], accept?: (e: IndicatorEntry) => boolean): CatalogLookup;
  tableRowsLabelled(reports: readonly string[], test: (label: string) => boolean): Map<string, IndicatorEntry[]>;
}

/**
 * Prepares a loaded index for answering: the catalogue, its bigram lookups, the resolver.
 * The passage search is built on first use, so a figure question never waits for it.
 */
export function prepare(data: IndexView): Loaded {
  let search: PassageSearch | null = null;
  const reportNames = data.reports.map((r) => r.report);
  const access = data.entries ? catalogByEntry(data, data.entries, reportNames) : catalogInMemory(data, reportNames);
  const tablesOf = (reports: readonly string[]) => (reports.length ? reports : reportNames).flatMap((r) => data.content(r)?.tables ?? []);
  const loaded = {
    data,
    reportNames,
    ...access,
    tablesOf,
    tableHeadsOf: (reports: readonly string[]) =>
      data.entries
        ? data.entries.tableHeadsOf(reports.length ? reports : reportNames)
        : tablesOf(reports).map(({ id, report, number, title, standard, startLine, rows }) => ({ id, report, number, title, standard, startLine, rowCount: rows.length })),
    tableById: (id: string) => {
      // Table ids are `${report}#${line}`: only that report is read.
      const report = id.slice(0, id.lastIndexOf("#"));
      return data.content(report)?.tables.find((t) => t.id === id);
    },
    resolver: createEntityResolver(data.reports, { schools: data.schools }),
    metaByReport: new Map(data.reports.map((r) => [r.report, r])),
    reportByEntity: new Map(data.reports.map((r) => [r.entity, r.report])),
  } as Loaded;
  Object.defineProperty(loaded, "catalog", { enumerable: true, get: () => access.catalogOf([]) });
  let topic: { value: ExampleTopic | null } | null = null;
  Object.defineProperty(loaded, "exampleTopic", {
    enumerable: true,
    get: () => (topic ??= { value: data.entries ? data.entries.exampleTopic() : exampleTopic(exampleRows(access.catalogOf([]))) }).value,
  });
  // Built on the first passage search, so a figure question never waits for the lunr index.
  let pinyin: PinyinVocabulary | null = null;
  Object.defineProperty(loaded, "pinyin", {
    enumerable: true,
    get: () => (pinyin ??= data.entries ? vocabularyOf(data.entries.pinyinWords()) : vocabularyOf(data.savedPinyinWords?.() ?? pinyinWordList(pinyinLabels(access.catalogOf([]), tablesOf([]))))),
  });
  Object.defineProperty(loaded, "search", {
    enumerable: true,
    get: () => (search ??= createPassageSearch(data.passageIndex, { passagesOf: (r) => data.passagesOf(r), total: data.passageCount }, data.vocab)),
  });
  return loaded;
}

/**
 * A small index's catalogue, held in memory with a bigram index per report. With the labels the
 * build saved (their IDF is over every report's), a report's catalogue is made when a question first
 * needs it, as a database store makes it: the same entries, in the same order, as the whole catalogue
 * made at once (which is what an index saved without them makes at start).
 */
function catalogInMemory(data: IndexView, reportNames: string[]): CatalogAccess {
  const leaves = data.savedLeaves?.() ?? null;
  if (leaves) {
    const idf = leafIdf(new Set(leaves));
    const made = new Map<string, IndicatorEntry[]>();
    return catalogAccess(reportNames, (report) => {
      let entries = made.get(report);
      if (!entries) {
        const c = data.content(report);
        if (!c) return [];
        made.set(report, (entries = buildCatalog(c.facts, c.tables, idf)));
      }
      return entries;
    });
  }
  const contents = reportNames.map((r) => data.content(r)!);
  const catalog = buildCatalog(
    contents.flatMap((c) => c.facts),
    contents.flatMap((c) => c.tables),
  );
  const byReport = new Map<string, IndicatorEntry[]>();
  for (const e of catalog) {
    const list = byReport.get(e.report);
    if (list) list.push(e);
    else byReport.set(e.report, [e]);
  }
  return catalogAccess([...byReport.keys()], (r) => byReport.get(r) ?? []);
}

/** Lookups over reports' catalogues (`reportNames` in catalogue order), each report's got from `entriesOf`. */
function catalogAccess(reportNames: string[], entriesOf: (report: string) => IndicatorEntry[]): CatalogAccess {
  let whole: IndicatorEntry[] | null = null;
  // A report's bigram index is made when a question first looks into it: one naming a report makes one.
  const gramIndexes = new Map<string, Map<string, IndicatorEntry[]>>();
  const gramIndexOf = (report: string): Map<string, IndicatorEntry[]> => {
    let index = gramIndexes.get(report);
    if (!index) gramIndexes.set(report, (index = indexByLeafGram(entriesOf(report))));
    return index;
  };
  return {
    catalogOf: (reports) => (reports.length ? reports.flatMap(entriesOf) : (whole ??= reportNames.flatMap(entriesOf))),
    tableRowsLabelled(reports, test) {
      const out = new Map<string, IndicatorEntry[]>();
      for (const report of reports) {
        const rows = entriesOf(report).filter((e) => e.source === "table" && e.path.some(test));
        if (rows.length) out.set(report, rows);
      }
      return out;
    },
    lookup: (reports, accept) => catalogLookup((reports.length ? reports : reportNames).map(gramIndexOf), accept),
  };
}

/** Reports whose whole catalogue is kept ready (a store on disk reads the others again). */
const CATALOG_CACHE = 64;
/** Entries kept ready for lookups across reports. */
const ENTRY_CACHE = 20_000;

/**
 * A large index's catalogue, reached through its entry index: a lookup reads only the entries
 * that share a label gram with the question, a report's whole catalogue is built when asked for.
 * Entries are the ones the whole catalogue would hold (one IDF over every report's labels), in the
 * same order, so answers are the same as from memory.
 */
function catalogByEntry(data: IndexView, index: EntryIndex, reportNames: string[]): CatalogAccess {
  // Filled on first use (it reads every report's labels): a question about tables never waits for it.
  const idf = new Map<string, number>();
  const sharedIdf = () => (idf.size ? idf : leafIdf(index.leaves(), idf));
  // Every report's distinct labels by their bigrams (a few per label): which labels a question could name.
  let byGram: Map<string, string[]> | null = null;
  const labelsByGram = (): Map<string, string[]> => {
    if (byGram) return byGram;
    byGram = new Map();
    for (const leaf of index.leaves())
      for (const g of grams(leaf)) {
        const list = byGram.get(g);
        if (list) list.push(leaf);
        else byGram.set(g, [leaf]);
      }
    return byGram;
  };
  const position = new Map(reportNames.map((r, i) => [r, i]));
  const reportCatalogs = new Map<string, { entries: IndicatorEntry[]; byKey: Map<string, IndicatorEntry> }>();
  const entryCache = new Map<string, IndicatorEntry>();
  const catalogOfReport = (report: string): IndicatorEntry[] => {
    let cached = reportCatalogs.get(report);
    if (!cached) {
      const c = data.content(report);
      const entries = c ? buildCatalog(c.facts, c.tables, sharedIdf()) : [];
      cached = { entries, byKey: new Map(entries.map((e) => [e.key, e])) };
      if (reportCatalogs.size >= CATALOG_CACHE) reportCatalogs.delete(reportCatalogs.keys().next().value!);
      reportCatalogs.set(report, cached);
    }
    return cached.entries;
  };
  /** Entries by key, from a cached catalogue or the cache, else read by their facts. */
  const entriesByKey = (rows: { report: string; key: string }[]): Map<string, IndicatorEntry> => {
    const out = new Map<string, IndicatorEntry>();
    const missing = new Set<string>();
    for (const { report, key } of rows) {
      const e = reportCatalogs.get(report)?.byKey.get(key) ?? entryCache.get(key);
      if (e) out.set(key, e);
      else missing.add(key);
    }
    if (missing.size) {
      const facts = index.factsOf([...missing]);
      const tableIds = new Set(facts.map((f) => f.tableId).filter((t): t is string => !!t));
      for (const e of buildCatalog(facts, index.tableHeads([...tableIds]), sharedIdf())) {
        if (entryCache.size >= ENTRY_CACHE) entryCache.delete(entryCache.keys().next().value!);
        entryCache.set(e.key, e);
        out.set(e.key, e);
      }
    }
    return out;
  };
  return {
    catalogOf: (reports) => (reports.length ? reports : reportNames).flatMap(catalogOfReport),
    tableRowsLabelled(reports, test) {
      // The stored row labels name the entries: a few are read, not the reports' whole catalogues.
      const labels = [...index.rowLabels()].filter(test);
      const rows = labels.length ? index.rowEntries(labels, reports) : [];
      const byKey = entriesByKey(rows);
      const at = new Map(reports.map((r, i) => [r, i]));
      rows.sort((a, b) => at.get(a.report)! - at.get(b.report)! || a.ord - b.ord);
      const out = new Map<string, IndicatorEntry[]>();
      const seen = new Set<string>();
      for (const r of rows) {
        const e = byKey.get(r.key);
        if (e?.source !== "table" || seen.has(r.key)) continue;
        seen.add(r.key);
        const list = out.get(r.report);
        if (list) list.push(e);
        else out.set(r.report, [e]);
      }
      return out;
    },
    lookup: (reports, accept = () => true) => ({
      sharingGrams(queryGrams, keepLabel) {
        const ordered = [...queryGrams];
        const gramAt = new Map(ordered.map((g, i) => [g, i]));
        const asked = reports.length ? reports : null;
        // A row per entry and the first query gram its label holds: the order comes from that gram.
        let rows: { report: string; key: string; ord: number; gram: number }[];
        if (keepLabel) {
          // Labels the question names too little of are passed over before any row is read: the
          // labels sharing a gram come from every report's distinct labels, kept in memory. An
          // entry's label grams are its label's, so its first shared gram is known without reading them.
          const idf = sharedIdf();
          const byGram = labelsByGram();
          const kept = [...new Set(ordered.flatMap((g) => byGram.get(g) ?? []))].filter((leaf) => keepLabel(leaf, idf));
          const firstGram = new Map(kept.map((leaf) => [leaf, Math.min(...[...grams(leaf)].map((g) => gramAt.get(g) ?? Infinity))]));
          rows = kept.length ? index.labelled(kept, asked).map((r) => ({ ...r, gram: firstGram.get(r.leaf)! })) : [];
        } else rows = index.sharing(ordered, asked).map((r) => ({ ...r, gram: gramAt.get(r.gram)! }));
        const byKey = entriesByKey(rows);
        // The order catalogLookup gives over whole catalogues: report by report (in the order asked,
        // or the index's), the query's grams in turn, each gram's entries in catalogue order.
        const reportAt = asked ? new Map(asked.map((r, i) => [r, i])) : position;
        rows.sort((a, b) => reportAt.get(a.report)! - reportAt.get(b.report)! || a.gram - b.gram || a.ord - b.ord);
        const found = new Set<IndicatorEntry>();
        for (const r of rows) {
          const e = byKey.get(r.key);
          if (e && accept(e)) found.add(e);
        }
        return [...found];
      },
    }),
  };
}
