import { afterAll, beforeAll } from "vitest";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createEngine } from "../../src/answer/engine.js";
import type { Engine } from "../../src/types.js";

/** An engine over made-up reports (file name → text) in a temporary folder, and how to remove it. */
export async function tinyEngine(reports: Record<string, string>): Promise<{ engine: Engine; dispose: () => void }> {
  const dir = mkdtempSync(join(tmpdir(), "zhibao-tiny-"));
  mkdirSync(join(dir, "corpus"));
  for (const [file, text] of Object.entries(reports)) writeFileSync(join(dir, "corpus", file), text);
  const engine = await createEngine({ corpusDir: join(dir, "corpus"), indexDir: join(dir, "index"), store: "files" });
  return { engine, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * The engine of a test file over made-up reports: built before its tests, removed after them. Call it
 * at the top of the file; the function it returns gives the engine inside a test.
 */
export function tinyEngineFor(reports: Record<string, string>): () => Engine {
  let built: { engine: Engine; dispose: () => void } | undefined;
  beforeAll(async () => {
    built = await tinyEngine(reports);
  }, 60_000);
  afterAll(() => built?.dispose());
  return () => {
    if (!built) throw new Error("the tiny engine is built in beforeAll: ask it inside a test");
    return built.engine;
  };
}
