import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createEngine } from "../../src/answer/engine.js";

const dir = mkdtempSync(join(tmpdir(), "zhibao-bundle-version-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("an index made by older reading code", () => {
  it("is rebuilt at the next start, not served: the fingerprint counts the bundle version", async () => {
    const corpus = join(dir, "corpus");
    const index = join(dir, "index");
    mkdirSync(corpus);
    writeFileSync(join(corpus, "qingchuan-2024.txt"), "青川市中等职业教育质量年度报告（2024年）\n一、基本情况\n全市在校生43018人。\n");
    (await createEngine({ corpusDir: corpus, indexDir: index, store: "files" })).close?.();
    // What an index saved before bundle versions counted says of the same files: their bytes alone.
    const hash = createHash("sha256");
    hash
      .update("qingchuan-2024.txt")
      .update("\0")
      .update(readFileSync(join(corpus, "qingchuan-2024.txt")))
      .update("\0");
    const metaPath = join(index, "meta.json");
    const meta = JSON.parse(readFileSync(metaPath, "utf8"));
    writeFileSync(metaPath, JSON.stringify({ ...meta, corpusFingerprint: hash.digest("hex") }));
    const said: string[] = [];
    const engine = await createEngine({ corpusDir: corpus, indexDir: index, store: "files", log: (m) => said.push(m) });
    expect(said.join("\n")).toMatch(/rebuild/);
    expect(engine.ask("青川 在校生").facts[0]?.value).toBe(43018);
  });
});
