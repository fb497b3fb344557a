import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

// Data flows one way: ingest → index → answer → interfaces. The layers below answering never import it.
const src = join(import.meta.dirname, "..", "..", "src");
const files = (dir: string): string[] => readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? files(join(dir, f)) : f.endsWith(".ts") ? [join(dir, f)] : []));

describe("layers", () => {
  it.each(["ingest", "index", "search", "places", "text"])("src/%s imports nothing of src/answer, src/bot or src/cli", (layer) => {
    const offenders = files(join(src, layer)).filter((f) => /from\s+"(?:\.\.\/)+(?:answer|bot|cli)\//.test(readFileSync(f, "utf8")));
    expect(offenders.map((f) => relative(src, f))).toEqual([]);
  });
});

describe("the vocabulary is declared once (src/text/vocabulary.ts)", () => {
  // A word list copied into a second file drifts: these runs of it may stand nowhere else.
  it.each([
    ["the standard tables", /满意度调查表\|教学资源表|教学资源表\|服务贡献表/],
    ["the change verbs", /增加\|增长\|(?:提高|减少)|增长\|增加\|减少/],
  ])("%s", (_name, copy) => {
    const offenders = files(src).filter((f) => !f.endsWith("vocabulary.ts") && copy.test(readFileSync(f, "utf8")));
    expect(offenders.map((f) => relative(src, f))).toEqual([]);
  });
});
