import type { BuildOptions } from "../index/databaseStore.js";
import { exampleTopic } from "./exampleRow.js";
import { catalogRows } from "./indicators.js";
import { pinyinWordList } from "./understand/pinyinWords.js";

/**
 * What a database index keeps of the answer layer's own readings, made as it is built (the index
 * layer never imports answer code): each report's catalogue rows, the pinyin vocabulary's words and the example questions' topic.
 */
export const DATABASE_DERIVED: Pick<BuildOptions, "catalogRows" | "pinyinWords" | "exampleTopic"> = { catalogRows, pinyinWords: pinyinWordList, exampleTopic };
