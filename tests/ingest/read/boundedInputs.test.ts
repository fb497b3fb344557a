/**
 * Issue 25: bounded inputs. A .docx that expands to 100 MB is refused while it is inflated (a cap
 * on the output, whatever sizes the archive declares), a text far longer than a report (or with a
 * line far longer than a paragraph) is refused before structure and figures are read, each with a
 * warning saying why; a refused report costs well under seconds, once: its refusal is remembered by
 * both local stores. The archives are made here, in memory (no large file committed).
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createDeflateRaw, deflateRawSync } from "node:zlib";
import { strToU8, zipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DATABASE_DERIVED } from "../../../src/answer/databaseBuild.js";
import { addReports } from "../../../src/cli/add.js";
import { buildSqliteIndex } from "../../../src/index/databaseStore.js";
import { buildIndex } from "../../../src/index/build.js";
import { saveIndex, savedBundles } from "../../../src/index/store.js";
import { ingestBytes } from "../../../src/ingest/corpus.js";
import { DOCX_LIMITS, readDocx } from "../../../src/ingest/read/docx.js";
import { MAX_LINE_CHARS, MAX_TEXT_CHARS } from "../../../src/ingest/read/index.js";
import { readZipEntries, ZipLimitError } from "../../../src/ingest/read/zip.js";

const root = join(import.meta.dirname, "..", "..", "..");

/** `mb` MB of the same XML run, deflated a megabyte at a time (never held expanded): ~100 KB per 100 MB. */
async function deflatedBomb(mb: number): Promise<Buffer> {
  const deflate = createDeflateRaw({ level: 9 });
  const parts: Buffer[] = [];
  deflate.on("data", (c: Buffer) => parts.push(c));
  const done = new Promise((resolve) => deflate.on("end", resolve));
  const chunk = Buffer.from("<w:p><w:r><w:t>职业教育</w:t></w:r></w:p>".repeat(Math.ceil((1024 * 1024) / 48)).slice(0, 1024 * 1024));
  for (let i = 0; i < mb; i++) if (!deflate.write(chunk)) await new Promise((r) => deflate.once("drain", r));
  deflate.end();
  await done;
  return Buffer.concat(parts);
}

/** A zip of one deflated entry whose headers declare `declared` bytes expanded (a bomb may lie). */
function zipOf(name: string, deflated: Buffer, declared: number): Buffer {
  const nameBytes = Buffer.from(name);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(8, 8); // deflate
  local.writeUInt32LE(deflated.length, 18);
  local.writeUInt32LE(declared, 22);
  local.writeUInt16LE(nameBytes.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(deflated.length, 20);
  central.writeUInt32LE(declared, 24);
  central.writeUInt16LE(nameBytes.length, 28);
  central.writeUInt32LE(0, 42);
  const cdOffset = local.length + nameBytes.length + deflated.length;
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(1, 8);
  eocd.writeUInt16LE(1, 10);
  eocd.writeUInt32LE(central.length + nameBytes.length, 12);
  eocd.writeUInt32LE(cdOffset, 16);
  return Buffer.concat([local, nameBytes, deflated, central, nameBytes, eocd]);
}

let bomb: Buffer;
let dir: string;
beforeAll(async () => {
  bomb = zipOf("word/document.xml", await deflatedBomb(100), 4096);
  dir = mkdtempSync(join(tmpdir(), "zhibao-bounded-"));
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("archives: a cap on what they expand to, enforced while inflating", () => {
  it("the bomb is small, and would expand to 100 MB", () => {
    expect(bomb.length).toBeLessThan(1024 * 1024);
  });

  it("a .docx expanding to 100 MB (declaring 4 KB) is refused in well under seconds, saying why", () => {
    const t0 = performance.now();
    expect(() => readDocx(bomb, "bomb.docx")).toThrow(/the Word file is not read: word\/document\.xml expands to more than 32 MB/);
    expect(performance.now() - t0).toBeLessThan(3000);
  });

  it("the cap holds for each entry and for their sum; entries not asked for are never inflated", () => {
    const small = deflateRawSync(Buffer.alloc(2048, 0x41));
    expect(() => readZipEntries(zipOf("a.xml", small, 2048), () => true, { maxEntryBytes: 1024, maxTotalBytes: 4096 })).toThrow(ZipLimitError);
    expect(readZipEntries(zipOf("a.xml", small, 2048), () => true, { maxEntryBytes: 4096, maxTotalBytes: 4096 })["a.xml"]?.length).toBe(2048);
    expect(readZipEntries(bomb, (n) => n === "word/styles.xml", DOCX_LIMITS)).toEqual({});
  });

  it("an ordinary .docx is read as before", () => {
    const doc = `<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>全市中职学校共有20所</w:t></w:r></w:p></w:body></w:document>`;
    expect(readDocx(zipSync({ "word/document.xml": strToU8(doc) }), "ok.docx")).toBe("全市中职学校共有20所");
  });
});

describe("text: a cap on its length and its lines", () => {
  it("a text file far larger than a report is refused before it is decoded", () => {
    const t0 = performance.now();
    const { report, warnings } = ingestBytes("dump.txt", Buffer.alloc(4 * MAX_TEXT_CHARS + 1, 0x41), undefined);
    expect(report).toBeNull();
    expect(warnings[0]?.message).toMatch(/^skipped: 4 MB of text is far more than a report holds/);
    expect(performance.now() - t0).toBeLessThan(2000);
  });

  it("a text of more characters than a report holds is refused, saying how many", () => {
    const text = "职业教育质量报告\n".repeat(Math.ceil(MAX_TEXT_CHARS / 9) + 10);
    const { report, warnings } = ingestBytes("long.txt", Buffer.from(text), undefined);
    expect(report).toBeNull();
    expect(warnings[0]?.message).toMatch(/^skipped: its text of [\d,]+ characters is far more than a report holds/);
  });

  it("a line far longer than a paragraph is refused, naming the line (one of 350,000 characters took 20 s)", () => {
    const text = `某市2024年中等职业教育质量年度报告\n\n${"学".repeat(MAX_LINE_CHARS + 1)}\n`;
    const t0 = performance.now();
    const { report, warnings } = ingestBytes("oneline.txt", Buffer.from(text), undefined);
    expect(report).toBeNull();
    expect(warnings[0]).toMatchObject({ report: "oneline.txt", line: 3 });
    expect(warnings[0]?.message).toMatch(/a line of 20,001 characters is far more than a report's paragraph/);
    expect(performance.now() - t0).toBeLessThan(2000);
  });
});

describe("a refused report costs once: the refusal is remembered", () => {
  const corpusOf = (name: string) => {
    const corpusDir = join(dir, name, "corpus");
    mkdirSync(corpusDir, { recursive: true });
    cpSync(join(root, "corpus", "lvliang-2023.txt"), join(corpusDir, "lvliang-2023.txt"));
    writeFileSync(join(corpusDir, "bomb.docx"), bomb);
    return { corpusDir, indexDir: join(dir, name, "index") };
  };

  it("files store: the next build does not read it again", () => {
    const { corpusDir, indexDir } = corpusOf("files");
    const first = buildIndex(corpusDir);
    expect(first.meta.warnings.find((w) => w.report === "bomb.docx")?.message).toMatch(/expands to more than 32 MB/);
    saveIndex(first, indexDir);
    expect(buildIndex(corpusDir, undefined, savedBundles(indexDir)).read).toBe(0);
  }, 60_000);

  it("sqlite store: the next build does not read it again", () => {
    const { corpusDir, indexDir } = corpusOf("sqlite");
    mkdirSync(indexDir, { recursive: true });
    const first = buildSqliteIndex(corpusDir, join(indexDir, "zhibao.sqlite"), DATABASE_DERIVED);
    expect(first.meta.warnings.find((w) => w.report === "bomb.docx")?.message).toMatch(/expands to more than 32 MB/);
    expect(buildSqliteIndex(corpusDir, join(indexDir, "zhibao.sqlite"), DATABASE_DERIVED).read).toBe(0);
  }, 60_000);

  it("`zhibao add` refuses it at once, with the reason, and writes nothing", async () => {
    const folders = { corpusDir: join(dir, "add", "corpus"), indexDir: join(dir, "add", "index") };
    mkdirSync(folders.corpusDir, { recursive: true });
    const t0 = performance.now();
    const result = await addReports([{ from: "bomb.docx", name: "bomb.docx", bytes: bomb }], folders);
    expect(performance.now() - t0).toBeLessThan(3000);
    expect(result.outcomes[0]).toMatchObject({ added: false, reason: expect.stringMatching(/bomb\.docx cannot be read as a report: .*expands to more than 32 MB/) });
    expect(result.indexMs).toBeNull();
  });
});
