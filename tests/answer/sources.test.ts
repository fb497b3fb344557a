import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEngine } from "../../src/answer/engine.js";
import type { Engine } from "../../src/types.js";

// corpus/manifest.json may give a report's published address: answers citing it link to the original.
let engine: Engine;
let dir: string;
const warnings: string[] = [];
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "zhibao-sources-"));
  mkdirSync(join(dir, "corpus"));
  const fixtures = join(import.meta.dirname, "..", "fixtures", "reports");
  copyFileSync(join(fixtures, "linwei-2023.txt"), join(dir, "corpus", "linwei-2023.txt"));
  copyFileSync(join(fixtures, "qishan-zhijiao-2017.txt"), join(dir, "corpus", "qishan-zhijiao-2017.txt"));
  writeFileSync(
    join(dir, "corpus", "manifest.json"),
    JSON.stringify({ "linwei-2023.txt": { url: "https://jyj.example.gov.cn/2024/linwei-2023.pdf" }, "qishan-zhijiao-2017.txt": { url: "javascript:alert(1)" } }),
  );
  engine = await createEngine({ corpusDir: join(dir, "corpus"), indexDir: join(dir, "index"), log: (m) => warnings.push(m) });
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("source links", () => {
  it("an answer from a report with a published address links to it", () => {
    const a = engine.ask("临渭区2023年毕业生人数");
    expect(a.facts[0]?.report).toBe("linwei-2023.txt");
    expect(a.sources).toEqual([{ report: "linwei-2023.txt", entity: "临渭区", url: "https://jyj.example.gov.cn/2024/linwei-2023.pdf" }]);
    expect(a.reply).toContain("原文：临渭区 https://jyj.example.gov.cn/2024/linwei-2023.pdf");
  });

  it("an address that is not http(s) is ignored, with a warning, and nothing links", () => {
    const a = engine.ask("岐山职教中心 毕业生人数");
    expect(a.sources).toBeUndefined();
    expect(a.reply).not.toMatch(/原文/);
    expect(warnings.join("\n")).toMatch(/qishan-zhijiao-2017\.txt: url ignored/);
  });
});
