import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createEngine } from "../../../src/answer/engine.js";
import { ingestCorpus } from "../../../src/ingest/corpus.js";
import type { Engine } from "../../../src/types.js";

// Reports dropped into corpus/ as published: a Word file, a PDF, a locked PDF, a broken .docx and
// an old .doc beside a text report. The readable ones load and answer; each other one is named.
const root = join(import.meta.dirname, "..", "..", "..");
const fixtures = join(root, "tests", "fixtures", "reports");
let dir: string;
let engine: Engine;

beforeAll(async () => {
  // As on a machine without LibreOffice: the .doc is named, not converted.
  vi.stubEnv("PATH", "");
  dir = mkdtempSync(join(tmpdir(), "zhibao-files-"));
  const corpus = join(dir, "corpus");
  mkdirSync(corpus);
  for (const f of ["deyang-school-2023.docx", "mianyang-school-2023.pdf", "deyang-school-2023-encrypted.pdf"]) copyFileSync(join(fixtures, f), join(corpus, f));
  copyFileSync(join(root, "corpus", "suining-2024.txt"), join(corpus, "suining-2024.txt"));
  writeFileSync(join(corpus, "broken.docx"), Buffer.from("PK\u0003\u0004 not really a zip"));
  writeFileSync(join(corpus, "old.doc"), Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]));
  engine = await createEngine({ corpusDir: corpus, indexDir: join(dir, "index"), log: () => {} });
}, 120_000);
afterAll(() => {
  vi.unstubAllEnvs();
  rmSync(dir, { recursive: true, force: true });
});

describe("PDF and Word reports in corpus/", () => {
  it("loads the Word and PDF reports beside the text one, and names each file it cannot read", () => {
    const { reports, warnings } = ingestCorpus(join(dir, "corpus"));
    expect(reports.map((r) => [r.meta.report, r.meta.entity])).toEqual([
      ["deyang-school-2023.docx", "德阳市职业技术学校"],
      ["mianyang-school-2023.pdf", "绵阳市职业技术学校"],
      ["suining-2024.txt", "遂宁市职业技术学校"],
    ]);
    const skipped = Object.fromEntries(warnings.filter((w) => w.message.startsWith("skipped")).map((w) => [w.report, w.message]));
    expect(Object.keys(skipped).sort()).toEqual(["broken.docx", "deyang-school-2023-encrypted.pdf", "old.doc"]);
    expect(skipped["deyang-school-2023-encrypted.pdf"]).toMatch(/password-protected/);
    expect(skipped["broken.docx"]).toMatch(/damaged/);
    expect(skipped["old.doc"]).toMatch(/\.doc.*save it as \.docx/);
  });

  it("answers a figure from the Word report's table, citing the file and line", () => {
    const a = engine.ask("德阳市职业技术学校 2023年 全日制在校生数");
    expect(a.facts[0]).toMatchObject({ report: "deyang-school-2023.docx", value: 3256, unit: "人", year: 2023, table: "学校主要办学指标" });
    expect(a.reply).toContain("3256");
    expect(a.reply).toContain(`deyang-school-2023.docx 第${a.facts[0].line}行`);
    expect(a.facts[0].page).toBeUndefined();
  });

  it("answers a figure from the PDF report's table, a wrapped cell's indicator included", () => {
    const a = engine.ask("绵阳市职业技术学校2023年毕业生去向落实人数");
    expect(a.facts[0]).toMatchObject({ report: "mianyang-school-2023.pdf", value: 828, unit: "人", year: 2023, indicator: "毕业生去向落实人数" });
    const b = engine.ask("绵阳市职业技术学校2022年专任教师数");
    expect(b.facts[0]).toMatchObject({ report: "mianyang-school-2023.pdf", value: 152, year: 2022, page: 2 });
    // The citation names the PDF's page, where a reader finds the table.
    expect(b.reply).toContain(`mianyang-school-2023.pdf 第2页，第${b.facts[0].line}行`);
  });

  it("still answers from the text report", () => {
    expect(engine.ask("遂宁2024年有多少毕业生升学？").facts[0]).toMatchObject({ report: "suining-2024.txt", value: 803 });
  });
});
