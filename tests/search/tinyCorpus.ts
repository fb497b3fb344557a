import type { Passage } from "../../src/types.js";
import { openPassageIndex, packPassageIndex, type SavedLunrIndex } from "../../src/search/passageIndex.js";
import { buildPassageIndex, createPassageSearch, passagesInMemory, passageVocabulary, segmentPassages, vocabularyOf, type PassageQuery } from "../../src/search/passages.js";
import { rankingParams, type RankingParams } from "../../src/search/ranking.js";

/** A passage of a tiny test corpus: an id, its text, and optionally a title and kind. */
export interface TinyPassage {
  id: string;
  text: string;
  title?: string;
  kind?: Passage["kind"];
}

/**
 * Builds the whole search (segmentation, lunr, packing with bigrams, ranking) over a few passages,
 * with some ranking knobs changed, and returns a function giving the ids of the hits, best first.
 */
export function tinySearch(docs: TinyPassage[], overrides: Partial<RankingParams> = {}, userWords: string[] = []) {
  const params = rankingParams(overrides);
  // Ids as the ingest code makes them (report, kind letter, line): search reads a hit's report and kind off its id.
  const letter = { paragraph: "p", case: "c", table: "t", caption: "f" } as const;
  const passages: Passage[] = docs.map((d, i) => ({
    id: `tiny.txt:${letter[d.kind ?? "paragraph"]}:${10 * (i + 1)}`,
    report: "tiny.txt",
    entity: "测试市",
    kind: d.kind ?? "paragraph",
    title: d.title ?? "",
    sectionPath: [],
    text: d.text,
    line: 10 * (i + 1),
    endLine: 10 * (i + 1),
  }));
  const lunrIndex = buildPassageIndex(segmentPassages(passages, userWords), params.fieldBoosts);
  const packed = packPassageIndex(
    lunrIndex.toJSON() as unknown as SavedLunrIndex,
    passages.map((p) => ({ ref: p.id, text: `${p.title}\n${p.text}` })),
    params.bigram,
  );
  const index = openPassageIndex(packed);
  const search = createPassageSearch(() => index, passagesInMemory(passages), vocabularyOf(passageVocabulary(lunrIndex)), params);
  const ids = (query: string, opts: PassageQuery = {}) => search.search(query, opts).map((h) => idOf(docs, h.line));
  return Object.assign(ids, { search });
}

/** The test's own id of the passage at a line. */
function idOf(docs: TinyPassage[], line: number): string {
  return docs[line / 10 - 1]!.id;
}
