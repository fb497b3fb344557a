import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import iconv from "iconv-lite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ingestCorpus } from "../../src/ingest/corpus.js";

const corpus = join(import.meta.dirname, "..", "..", "corpus");

describe("ingestCorpus with bad reports beside good ones", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "zhibao-corpus-"));
    cpSync(join(corpus, "bishan-2024.txt"), join(dir, "bishan-2024.txt"));
    cpSync(join(corpus, "manifest.json"), join(dir, "manifest.json"));
    writeFileSync(join(dir, "empty.txt"), "");
    writeFileSync(join(dir, "scan.pdf"), Buffer.concat([Buffer.from("%PDF-1.4\n"), Buffer.alloc(64)]));
    writeFileSync(join(dir, "english.txt"), "This is not a report at all.\nJust English text.\n");
    // A GBK copy of a real table: must be decoded and read, not reported as broken.
    const lines = "表1 人才培养质量计分卡\n\n序号\t指标\t单位\t2023年\t2024年\n1\t毕业生人数\t人\t100\t120\n2\t月收入\t元\t3000\t3100\n";
    writeFileSync(join(dir, "gbk-2024.txt"), iconv.encode(`某某市中等职业教育质量年度报告（2024）\n\n${lines}`, "gbk"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("reports each unreadable file by name and still ingests the others", () => {
    const { reports, warnings } = ingestCorpus(dir);
    expect(reports.map((r) => r.meta.report).sort()).toEqual(["bishan-2024.txt", "gbk-2024.txt"]);
    const skipped = warnings.filter((w) => w.message.startsWith("skipped"));
    expect(skipped.map((w) => w.report).sort()).toEqual(["empty.txt", "english.txt", "scan.pdf"]);
    expect(skipped.find((w) => w.report === "empty.txt")!.message).toMatch(/empty/);
    expect(skipped.find((w) => w.report === "scan.pdf")!.message).toMatch(/PDF is damaged/);
  });

  it("reads a GBK report's title and table", () => {
    const gbk = ingestCorpus(dir).reports.find((r) => r.meta.report === "gbk-2024.txt")!;
    expect(gbk.meta.entity).toBe("某某市");
    expect(gbk.meta.reportYear).toBe(2024);
    const income = gbk.facts.find((f) => f.indicator === "月收入" && f.year === 2024);
    expect(income?.value).toBe(3100);
  });
});
