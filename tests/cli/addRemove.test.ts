import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createEngine } from "../../src/answer/engine.js";
import { runAdd } from "../../src/cli/add.js";
import { filesNamed, runRemove } from "../../src/cli/indexCmd.js";
import type { ReportMeta } from "../../src/types.js";
import { readIndexMeta } from "../../src/index/store.js";

/** `zhibao add` and `zhibao remove`, in either store: the index follows, reading only the files named. */

const root = join(import.meta.dirname, "..", "..");
let dir: string;
let stderr: string[];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "zhibao-add-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => {
  vi.restoreAllMocks();
  delete process.env.ZHIBAO_STORE;
  process.exitCode = undefined;
});

function captureStderr() {
  stderr = [];
  vi.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => {
    stderr.push(String(chunk));
    return true;
  });
}

describe.each(["files", "sqlite"] as const)("zhibao add / remove (%s store)", (store) => {
  const folders = () => ({ corpusDir: join(dir, store, "corpus"), indexDir: join(dir, store, "index") });
  beforeAll(() => {
    mkdirSync(folders().corpusDir, { recursive: true });
    cpSync(join(root, "corpus", "suining-2024.txt"), join(folders().corpusDir, "suining-2024.txt"));
  });

  it("adds a report, reading only it, and the engine answers from it", async () => {
    process.env.ZHIBAO_STORE = store;
    captureStderr();
    await runAdd([join(root, "corpus", "bishan-2024.txt")], {}, folders());
    expect(process.exitCode).toBeUndefined();
    expect(stderr.join("")).toMatch(/added bishan-2024\.txt: index updated in \d+ ms \(\d report files read\)/);
    captureStderr();
    await runAdd([join(root, "corpus", "jiangmen-2024.txt")], {}, folders());
    // The file just added comes to the build as the bundle its check made: no report file is read again.
    if (store === "files") expect(stderr.join("")).toMatch(/\(0 report files read\)/);
    const engine = await createEngine({ ...folders(), store, rebuild: "never" });
    expect(engine.reports().map((r) => r.report)).toEqual(["bishan-2024.txt", "jiangmen-2024.txt", "suining-2024.txt"]);
    expect(engine.ask("璧山区人才培养质量计分卡上的升学人数是多少").facts[0]?.value).toBe(766);
  }, 60_000);

  it("refuses a name already there, a missing file, and a file that is no report (taking it out again)", async () => {
    process.env.ZHIBAO_STORE = store;
    captureStderr();
    await runAdd([join(root, "corpus", "bishan-2024.txt")], {}, folders());
    expect(stderr.join("")).toContain("bishan-2024.txt is already in corpus/: add --replace");
    expect(process.exitCode).toBe(1);
    process.exitCode = undefined;
    captureStderr();
    await runAdd([join(dir, "nothing-here.txt")], {}, folders());
    expect(stderr.join("")).toContain("no such file");
    const junk = join(dir, "junk-2024.pdf");
    writeFileSync(junk, "this is not a pdf");
    captureStderr();
    await runAdd([junk], {}, folders());
    expect(stderr.join("")).toMatch(/not added: junk-2024\.pdf cannot be read as a report: /);
    expect(existsSync(join(folders().corpusDir, "junk-2024.pdf"))).toBe(false);
    const engine = await createEngine({ ...folders(), store, rebuild: "never" });
    expect(engine.reports()).toHaveLength(3);
  }, 60_000);

  it("removes a report by its name or file name; an unknown name lists those there", async () => {
    process.env.ZHIBAO_STORE = store;
    captureStderr();
    // By the report's name (江门 for 江门市), as well as by file name.
    await runRemove(["江门"], folders());
    expect(stderr.join("")).toMatch(/removed jiangmen-2024\.txt/);
    captureStderr();
    await runRemove(["nope.txt"], folders());
    expect(stderr.join("")).toContain("nope.txt: no such report file in corpus/ (there are: bishan-2024.txt, suining-2024.txt)");
    const engine = await createEngine({ ...folders(), store, rebuild: "never" });
    expect(engine.reports().map((r) => r.report)).toEqual(["bishan-2024.txt", "suining-2024.txt"]);
    if (store === "files") expect(readIndexMeta(folders().indexDir)?.bundles.map((b) => b.file)).toEqual(["bishan-2024.txt", "suining-2024.txt"]);
  }, 60_000);
});

describe("zhibao remove by report name (issue 23)", () => {
  const reports = [
    { report: "leshan-2024.txt", entity: "乐山市", aliases: ["嘉州"], english: "Leshan" },
    { report: "suining-2024.txt", entity: "遂宁市职业技术学校", aliases: ["遂宁职校"], english: "Suining Vocational and Technical School" },
    { report: "anju-2024.txt", entity: "遂宁市安居职业高级中学", aliases: ["遂宁"], english: null },
  ] as unknown as ReportMeta[];
  it("finds the file by entity (with or without 市), alias, English name or file stem", () => {
    expect(filesNamed("乐山", reports)).toEqual(["leshan-2024.txt"]);
    expect(filesNamed("乐山市", reports)).toEqual(["leshan-2024.txt"]);
    expect(filesNamed("嘉州", reports)).toEqual(["leshan-2024.txt"]);
    expect(filesNamed("leshan", reports)).toEqual(["leshan-2024.txt"]);
    expect(filesNamed("suining-2024", reports)).toEqual(["suining-2024.txt"]);
    expect(filesNamed("雅安", reports)).toEqual([]);
  });
});
