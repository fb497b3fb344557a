import type { BuildOptions } from "../index/databaseStore.js";
import type { IndexView, SavedDerived } from "../index/store.js";
import { exampleTopic } from "./exampleRow.js";
import { buildCatalog, catalogRows } from "./indicators.js";
import { pinyinLabels, pinyinWordList } from "./understand/pinyinWords.js";

/**
 * What a database index keeps of the answer layer's own readings, made as it is built (the index
 * layer never imports answer code): each report's catalogue rows, the pinyin vocabulary's words and the example questions' topic.
 */
export const DATABASE_DERIVED: Pick<BuildOptions, "catalogRows" | "pinyinWords" | "exampleTopic"> = { catalogRows, pinyinWords: pinyinWordList, exampleTopic };

/**
 * What the files store saves of the answer layer's readings when it saves an index (see
 * SavedDerived): the pinyin vocabulary's words, so a first question in pinyin or English does not
 * read every label into pinyin (~0.35 s of a one-shot `zhibao ask` in English, pinyin-pro included).
 */
export function filesDerived(data: IndexView): SavedDerived {
  const contents = data.reports.map((r) => data.content(r.report)!);
  const tables = contents.flatMap((c) => c.tables);
  const catalog = buildCatalog(
    contents.flatMap((c) => c.facts),
    tables,
  );
  return { pinyinWords: pinyinWordList(pinyinLabels(catalog, tables)), leaves: [...new Set(catalog.map((e) => e.leaf))] };
}
