import iconv from "iconv-lite";
import { ReportParseError } from "../errors.js";

/** Which encoding a report turned out to be in. */
export type DetectedEncoding = "utf-8" | "utf-8-bom" | "utf-16le" | "utf-16be" | "gb18030";

/**
 * Decodes a report file's bytes into text, or throws a ReportParseError that says why it can't.
 * UTF-8 (with or without BOM) and UTF-16 with a BOM are read as such; anything that is not valid
 * UTF-8 is tried as GB18030 (a superset of GBK/GB2312, the usual encoding of Chinese Office
 * exports) and accepted only when the result reads as Chinese text.
 *
 * @example decodeReport(readFileSync("corpus/leshan-2024.txt"), "leshan-2024.txt").text
 */
export function decodeReport(bytes: Uint8Array, report: string): { text: string; encoding: DetectedEncoding } {
  if (bytes.length === 0 || isWhitespaceOnly(bytes)) throw new ReportParseError(report, null, "the file is empty");
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder("utf-16le").decode(bytes.subarray(2)), encoding: "utf-16le" };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder("utf-16be").decode(bytes.subarray(2)), encoding: "utf-16be" };
  const utf16 = utf16WithoutBom(bytes);
  if (utf16) return utf16;
  if (looksBinary(bytes)) throw new ReportParseError(report, null, "the file is binary, not a text, PDF or Word (.docx) report");
  try {
    // TextDecoder drops a leading BOM itself; the bytes say whether there was one.
    const text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
    return { text, encoding: bom ? "utf-8-bom" : "utf-8" };
  } catch {
    // Not UTF-8: fall through to GB18030.
  }
  const text = iconv.decode(Buffer.from(bytes), "gb18030");
  if (!readsAsChinese(text)) {
    const line = firstInvalidUtf8Line(bytes);
    throw new ReportParseError(report, line, "the file is neither UTF-8 nor GBK/GB18030 text");
  }
  return { text, encoding: "gb18030" };
}

/**
 * UTF-16 saved without a BOM (some Windows exports): the high byte of every ASCII character —
 * digits, spaces, line breaks, which every report has plenty of — is 0, so NULs sit almost all on
 * odd offsets (little-endian) or even ones (big-endian). Binary files have NULs on both. Accepted
 * only when the whole file decodes (no lone surrogates) to text with few control characters.
 */
function utf16WithoutBom(bytes: Uint8Array): { text: string; encoding: "utf-16le" | "utf-16be" } | null {
  if (bytes.length < 4 || bytes.length % 2 !== 0) return null;
  const head = bytes.subarray(0, 8192);
  let even = 0;
  let odd = 0;
  for (let i = 0; i < head.length; i++) if (head[i] === 0) i % 2 === 0 ? even++ : odd++;
  const pairs = head.length / 2;
  const encoding = odd >= pairs * 0.05 && even <= odd * 0.02 ? "utf-16le" : even >= pairs * 0.05 && odd <= even * 0.02 ? "utf-16be" : null;
  if (!encoding) return null;
  let text: string;
  try {
    text = new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
  let control = 0;
  for (const ch of text) {
    const c = ch.charCodeAt(0);
    if (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c) control++;
  }
  return control <= text.length * 0.01 ? { text, encoding } : null;
}

/** True for a file of nothing but spaces, tabs and line breaks. */
export function isWhitespaceOnly(bytes: Uint8Array): boolean {
  for (const b of bytes) if (b !== 0x20 && b !== 0x0a && b !== 0x0d && b !== 0x09) return false;
  return true;
}

/** NUL bytes or many control characters in the first 8 KiB: a PDF, DOCX, image or other binary. */
export function looksBinary(bytes: Uint8Array): boolean {
  const head = bytes.subarray(0, 8192);
  let control = 0;
  for (const b of head) {
    if (b === 0) return true;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c && b !== 0x1b) control++;
  }
  return control > head.length * 0.02;
}

/** At least a third of the non-ASCII characters are CJK ideographs or CJK punctuation, and few replacement characters. */
export function readsAsChinese(text: string): boolean {
  let nonAscii = 0;
  let cjk = 0;
  let bad = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) continue;
    nonAscii++;
    if (c === 0xfffd) bad++;
    else if ((c >= 0x3000 && c <= 0x9fff) || (c >= 0xff00 && c <= 0xffef)) cjk++;
  }
  return nonAscii > 0 && cjk >= nonAscii / 3 && bad <= nonAscii * 0.01;
}

/** The 1-based line of the first byte sequence that is not UTF-8, for the error message. */
function firstInvalidUtf8Line(bytes: Uint8Array): number | null {
  let line = 1;
  let start = 0;
  const decoder = new TextDecoder("utf-8", { fatal: true });
  for (let i = 0; i <= bytes.length; i++) {
    if (i === bytes.length || bytes[i] === 0x0a) {
      try {
        decoder.decode(bytes.subarray(start, i));
      } catch {
        return line;
      }
      line++;
      start = i + 1;
    }
  }
  return null;
}
