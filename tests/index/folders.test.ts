import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { defaultFolders } from "../../src/index/storeChoice.js";

describe("defaultFolders", () => {
  it("are the package's corpus/ and index/ unless ZHIBAO_CORPUS_DIR and ZHIBAO_INDEX_DIR say otherwise", () => {
    expect(defaultFolders("/pkg", {})).toEqual({ corpusDir: join("/pkg", "corpus"), indexDir: join("/pkg", "index") });
    expect(defaultFolders("/pkg", { ZHIBAO_CORPUS_DIR: "/data/reports", ZHIBAO_INDEX_DIR: " rel/index " })).toEqual({ corpusDir: "/data/reports", indexDir: resolve("rel/index") });
    expect(defaultFolders("/pkg", { ZHIBAO_CORPUS_DIR: "  " }).corpusDir).toBe(join("/pkg", "corpus"));
  });
});
