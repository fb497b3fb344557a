import type { BuildOptions } from "../index/databaseStore.js";
import { catalogRows } from "./indicators.js";
import { pinyinWordList } from "./understand/pinyinWords.js";

/**
 * What a database index keeps of the answer layer's own readings, made as it is built (the index
 * layer never imports answer code): each report's catalogue rows, and the pinyin vocabulary's words.
 */
export const DATABASE_DERIVED: Pick<BuildOptions, "catalogRows" | "pinyinWords"> = { catalogRows, pinyinWords: pinyinWordList };
