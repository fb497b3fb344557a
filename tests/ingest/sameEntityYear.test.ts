/**
 * Issue 25: two files for the same place and year. The choice is made by what they are and say (a
 * draft never replaces a final report, then the later publication date, then the more complete),
 * never by file name; when nothing tells them apart both are kept and every figure cites its file.
 * Before: the more complete one, else the first by name (a draft's 999 served instead of 803, the
 * real report "skipped: a copy").
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { DATABASE_DERIVED } from "../../src/answer/databaseBuild.js";
import { createEngine } from "../../src/answer/engine.js";
import { runAdd } from "../../src/cli/add.js";
import { buildSqliteIndex } from "../../src/index/databaseStore.js";
import { buildIndex } from "../../src/index/build.js";
import { BUNDLE_DIR, readIndexMeta, saveIndex } from "../../src/index/store.js";
import { dropDuplicates } from "../../src/ingest/corpus.js";
import { draftMark } from "../../src/ingest/meta.js";
import type { IngestWarning, ReportMeta } from "../../src/types.js";

const corpus = join(import.meta.dirname, "..", "..", "corpus");
const SUINING = readFileSync(join(corpus, "suining-2024.txt"), "utf8");
/** The 升学人数 row of 表1 (line 1350) made to say 999: a second text of the same school and year. */
const EDITED = SUINING.split("\n")
  .map((l, i) => (i === 1349 ? l.replace("803", "999") : l))
  .join("\n");
/** The same, its cover marked as a draft. */
const DRAFT = EDITED.replace(/^(.*)\n/, "$1（征求意见稿）\n");

function meta(report: string, over: Partial<ReportMeta> = {}): { meta: ReportMeta } {
  return {
    meta: {
      report,
      entity: "遂宁市职业技术学校",
      title: "职业教育年度质量报告（2024）",
      kind: "school",
      province: null,
      english: null,
      aliases: [],
      reportYear: 2024,
      latestDataYear: 2024,
      dataYears: [2024],
      sha256: report,
      ...over,
    },
  };
}

describe("dropDuplicates: the choice between two reports of one entity and year", () => {
  const pick = (reports: { meta: ReportMeta }[], size: (r: { meta: ReportMeta }) => number = () => 10) => {
    const warnings: IngestWarning[] = [];
    return { kept: dropDuplicates(reports, warnings, size).map((r) => r.meta.report), warnings };
  };

  it("a draft never replaces a final report: not when it sorts first, not when it is more complete", () => {
    const draft = meta("a-draft.txt", { draft: { word: "征求意见稿", line: 1 } });
    const final = meta("z-final.txt");
    const { kept, warnings } = pick([draft, final], (r) => (r === draft ? 99 : 10));
    expect(kept).toEqual(["z-final.txt"]);
    expect(warnings).toEqual([{ report: "a-draft.txt", line: null, message: expect.stringMatching(/only z-final\.txt is loaded: a-draft\.txt is marked as a draft \(征求意见稿, line 1\)/) }]);
  });

  it("the later publication date wins over completeness", () => {
    const { kept } = pick([meta("a.html", { published: { date: "2024-12-30" } }), meta("b.html", { published: { date: "2025-01-20" } })], (r) => (r.meta.report === "a.html" ? 99 : 10));
    expect(kept).toEqual(["b.html"]);
  });

  it("the file names never decide: the same two texts under swapped names give the same text", () => {
    const asNamed = (draftName: string, finalName: string) =>
      pick([meta(draftName, { draft: { word: "草稿", line: 3 }, sha256: "draft-text" }), meta(finalName, { sha256: "final-text" })].sort((a, b) => a.meta.report.localeCompare(b.meta.report))).kept;
    expect(asNamed("a.txt", "b.txt")).toEqual(["b.txt"]);
    expect(asNamed("b.txt", "a.txt")).toEqual(["a.txt"]);
  });

  it("when nothing tells them apart, both are kept, each with a warning naming the other", () => {
    const { kept, warnings } = pick([meta("a.txt"), meta("b.txt")]);
    expect(kept).toEqual(["a.txt", "b.txt"]);
    expect(warnings.map((w) => w.report)).toEqual(["b.txt", "a.txt"]);
    expect(warnings[0]!.message).toMatch(/a\.txt is another report of 遂宁市职业技术学校 for 2024.*both are answered from/);
  });

  it("a byte-identical copy is still loaded once (regression)", () => {
    const { kept } = pick([meta("a.txt", { sha256: "same" }), meta("b.txt", { sha256: "same" })]);
    expect(kept).toEqual(["a.txt"]);
  });

  it("a draft mark is read from the title or the front matter", () => {
    expect(draftMark("某市2024年中职教育质量年度报告（征求意见稿）", [])).toEqual({ word: "征求意见稿", line: null });
    expect(draftMark("某市2024年中职教育质量年度报告", ["", "某市教育局", "（讨论稿）"])).toEqual({ word: "讨论稿", line: 3 });
    expect(draftMark(SUINING.split("\n")[0]!, SUINING.split("\n"))).toBeNull();
  });
});

describe("the engine, real reports", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "zhibao-same-entity-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  afterEach(() => {
    vi.restoreAllMocks();
    process.exitCode = undefined;
  });

  const corpusOf = (name: string, files: Record<string, string>) => {
    const corpusDir = join(dir, name, "corpus");
    mkdirSync(corpusDir, { recursive: true });
    for (const [file, text] of Object.entries(files)) writeFileSync(join(corpusDir, file), text);
    return { corpusDir, indexDir: join(dir, name, "index") };
  };
  const figures = async (folders: { corpusDir: string; indexDir: string }, store: "files" | "sqlite") => {
    const engine = await createEngine({ ...folders, store, rebuild: "never" });
    try {
      return engine
        .ask("遂宁 2024 升学人数")
        .facts.filter((f) => f.line === 1350)
        .map((f) => `${f.value} ${f.report}`)
        .sort();
    } finally {
      engine.close?.();
    }
  };

  it("files store: a draft that sorts first is not served; the final report's 803 is", async () => {
    const folders = corpusOf("draft-files", { "a-suining-draft.txt": DRAFT, "suining-2024.txt": SUINING });
    const data = buildIndex(folders.corpusDir);
    saveIndex(data, folders.indexDir);
    expect(await figures(folders, "files")).toEqual(["803 suining-2024.txt"]);
    expect(data.meta.warnings.some((w) => w.report === "a-suining-draft.txt" && /marked as a draft/.test(w.message))).toBe(true);
  }, 60_000);

  it("sqlite store: the same choice", async () => {
    const folders = corpusOf("draft-sqlite", { "a-suining-draft.txt": DRAFT, "suining-2024.txt": SUINING });
    mkdirSync(folders.indexDir, { recursive: true });
    buildSqliteIndex(folders.corpusDir, join(folders.indexDir, "zhibao.sqlite"), DATABASE_DERIVED);
    expect(await figures(folders, "sqlite")).toEqual(["803 suining-2024.txt"]);
  }, 60_000);

  it("two texts nothing tells apart: both figures are answered, each citing its file (before: the first by name only)", async () => {
    const folders = corpusOf("both", { "a-suining-2024.txt": EDITED, "suining-2024.txt": SUINING });
    saveIndex(buildIndex(folders.corpusDir), folders.indexDir);
    expect(await figures(folders, "files")).toEqual(["803 suining-2024.txt", "999 a-suining-2024.txt"]);
  }, 60_000);

  it("`zhibao add` of the final report over a draft is accepted and answers; a draft over a final one is refused, saying why", async () => {
    const folders = corpusOf("add", { "suining-draft.txt": DRAFT });
    saveIndex(buildIndex(folders.corpusDir), folders.indexDir);
    const stderr: string[] = [];
    vi.spyOn(process.stderr, "write").mockImplementation((c: string | Uint8Array) => {
      stderr.push(String(c));
      return true;
    });
    vi.spyOn(process.stdout, "write").mockImplementation(() => true);
    const finalFile = join(dir, "suining-2024.txt");
    cpSync(join(corpus, "suining-2024.txt"), finalFile);
    const stdout: string[] = [];
    vi.mocked(process.stdout.write).mockImplementation((c: string | Uint8Array) => {
      stdout.push(String(c));
      return true;
    });
    await runAdd([finalFile], {}, folders);
    expect(stderr.join("")).toMatch(/added suining-2024\.txt/);
    expect(stdout.join("")).toMatch(/answers from it instead of suining-draft\.txt, a draft of the same report \(征求意见稿\), which stays in corpus\/ unused/);
    expect(await figures(folders, "files")).toEqual(["803 suining-2024.txt"]);
    // The note is the receipt's only: the saved bundle says what the file says, as a build from nothing would.
    const entry = readIndexMeta(folders.indexDir)!.bundles.find((b) => b.file === "suining-2024.txt")!;
    expect(readFileSync(join(folders.indexDir, BUNDLE_DIR, `${entry.key}.json`), "utf8")).not.toContain("answers from it instead");
    const draftFile = join(dir, "suining-draft2.txt");
    writeFileSync(draftFile, DRAFT.replace("999", "998"));
    await runAdd([draftFile], {}, folders);
    expect(stderr.join("")).toMatch(
      /not added: suining-draft2\.txt is a copy of suining-2024\.txt \(the same entity \(遂宁市职业技术学校\) and year \(2024\), and this one is marked as a draft \(征求意见稿\)\)/,
    );
  }, 120_000);
});
