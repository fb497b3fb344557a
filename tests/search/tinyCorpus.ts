import type { Passage } from "../../src/types.js";
import { openPassageIndex, packPassageIndex, type SavedLunrIndex } from "../../src/search/passageIndex.js";
import { buildPassageIndex, createPassageSearch, passageVocabulary, segmentPassages, type PassageQuery } from "../../src/search/passages.js";
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
  const passages: Passage[] = docs.map((d, i) => ({
    id: d.id,
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
  const search = createPassageSearch(() => index, passages, passageVocabulary(lunrIndex), params);
  const ids = (query: string, opts: PassageQuery = {}) => search.search(query, opts).map((h) => idOf(passages, h.line));
  return Object.assign(ids, { search });
}

function idOf(passages: Passage[], line: number): string {
  return passages.find((p) => p.line === line)!.id;
}
