import { readFileSync } from "node:fs";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { ReportParseError } from "../../src/errors.js";
import { decodeReport } from "../../src/ingest/decode.js";

const sample = "表1 人才培养质量计分卡\n序号\t指标\t单位\t2023年\t2024年\n1\t毕业生人数\t人\t10159\t10201\n";

describe("decodeReport", () => {
  it("reads UTF-8, with or without a BOM", () => {
    expect(decodeReport(Buffer.from(sample, "utf8"), "a.txt")).toEqual({ text: sample, encoding: "utf-8" });
    expect(decodeReport(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(sample)]), "a.txt")).toEqual({ text: sample, encoding: "utf-8-bom" });
  });

  it("decodes GBK (how Chinese Office exports often arrive) instead of mangling it", () => {
    const gbk = iconv.encode(sample, "gbk");
    expect(() => new TextDecoder("utf-8", { fatal: true }).decode(gbk)).toThrow();
    expect(decodeReport(gbk, "gbk.txt")).toEqual({ text: sample, encoding: "gb18030" });
  });

  it("reads UTF-16 with a BOM", () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(sample, "utf16le")]);
    expect(decodeReport(le, "u16.txt").text).toBe(sample);
  });

  it("reads UTF-16 without a BOM, either byte order (issue 12, row 12)", () => {
    const le = Buffer.from(sample, "utf16le");
    expect(decodeReport(le, "u16le.txt")).toEqual({ text: sample, encoding: "utf-16le" });
    const be = Buffer.from(le).swap16();
    expect(decodeReport(be, "u16be.txt")).toEqual({ text: sample, encoding: "utf-16be" });
    // A real report, not just a snippet: the whole of one corpus file.
    const report = readFileSync(new URL("../../corpus/suining-2024.txt", import.meta.url), "utf8");
    expect(decodeReport(Buffer.from(report, "utf16le"), "suining.txt").text).toBe(report);
  });

  it("binary with NULs on both byte offsets is still binary, not UTF-16", () => {
    const bytes = Buffer.alloc(4096);
    for (let i = 0; i < bytes.length; i++) bytes[i] = i % 3 === 0 ? 0 : (i * 7) % 256;
    expect(() => decodeReport(bytes, "blob.bin")).toThrow(/binary/);
  });

  it.each([
    ["empty", Buffer.alloc(0), /empty/],
    ["whitespace only", Buffer.from(" \n\n\t\n"), /empty/],
    ["binary (a PDF)", Buffer.concat([Buffer.from("%PDF-1.7\n"), Buffer.from([0, 1, 2, 3, 0, 0, 5])]), /binary/],
    ["Latin-1 bytes that are neither UTF-8 nor Chinese", Buffer.from("caf\xe9 na\xefve r\xe9sum\xe9 \xe0 la carte\n".repeat(20), "latin1"), /neither UTF-8 nor GBK/],
  ])("rejects %s with a ReportParseError naming the file", (_name, bytes, message) => {
    try {
      decodeReport(bytes, "bad.txt");
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ReportParseError);
      expect((err as ReportParseError).report).toBe("bad.txt");
      expect((err as Error).message).toMatch(message);
    }
  });
});
