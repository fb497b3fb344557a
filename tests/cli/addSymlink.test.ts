/**
 * Issue 25: `zhibao add` (with or without --replace) over a symbolic link planted in corpus/ replaces
 * the link with the report and never writes through it (before: the file the link pointed at,
 * outside corpus/, was overwritten).
 */
import { cpSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { runAdd } from "../../src/cli/add.js";

const root = join(import.meta.dirname, "..", "..");
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "zhibao-add-link-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => {
  vi.restoreAllMocks();
  process.exitCode = undefined;
});

describe.each([[{ replace: true }], [{}]])("zhibao add %j over a link planted in corpus/", (opts) => {
  it("replaces the link, and the file it pointed at is untouched", async () => {
    const base = mkdtempSync(join(dir, "case-"));
    const folders = { corpusDir: join(base, "corpus"), indexDir: join(base, "index") };
    mkdirSync(folders.corpusDir);
    cpSync(join(root, "corpus", "suining-2024.txt"), join(folders.corpusDir, "suining-2024.txt"));
    const victim = join(base, "outside.txt");
    writeFileSync(victim, "not a report: must stay as it is\n");
    symlinkSync(victim, join(folders.corpusDir, "bishan-2024.txt"));
    const stderr: string[] = [];
    vi.spyOn(process.stderr, "write").mockImplementation((c: string | Uint8Array) => {
      stderr.push(String(c));
      return true;
    });
    vi.spyOn(process.stdout, "write").mockImplementation(() => true);
    await runAdd([join(root, "corpus", "bishan-2024.txt")], opts, folders);
    expect(stderr.join("")).toMatch(/added bishan-2024\.txt/);
    expect(readFileSync(victim, "utf8")).toBe("not a report: must stay as it is\n");
    const placed = lstatSync(join(folders.corpusDir, "bishan-2024.txt"));
    expect(placed.isSymbolicLink()).toBe(false);
    expect(readFileSync(join(folders.corpusDir, "bishan-2024.txt"))).toEqual(readFileSync(join(root, "corpus", "bishan-2024.txt")));
  }, 60_000);
});
