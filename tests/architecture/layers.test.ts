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
