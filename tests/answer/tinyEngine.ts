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
