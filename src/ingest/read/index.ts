/**
 * One entry for reading a report file into text, chosen by the file's extension: plain text in any
 * of the encodings `decodeReport` knows, a PDF through its text layer (pdf.ts), a Word .docx from its
 * XML (docx.ts), a web page (.html, .htm) from its article (html.ts); an old binary Word .doc or WPS
 * .wps through LibreOffice when it is installed (doc.ts), else a message saying how to convert it. Every failure is a
 * ReportParseError naming the file, so the corpus loader warns and goes on with the other reports.
 *
 * Line numbers: for a text file they are the file's own lines. For a PDF, Word or HTML file they are the
 * lines of the text rebuilt here (a paragraph, heading or table row per line); `pages` then says on
 * which page of the PDF each line stands, so a citation can name the page.
 */
import { extname } from "node:path";
import { ReportParseError } from "../../errors.js";
import { decodeReport } from "../decode.js";
import { readOldWord } from "./doc.js";
import { readDocx } from "./docx.js";
import { looksLikeHtml, readHtml } from "./html.js";
import type { PagePublication } from "./htmlPage.js";
import { readPdf } from "./pdf.js";

/** The formats a report file can come in. */
export type ReportFormat = "text" | "pdf" | "docx" | "html";

/** A report's text as read, and where it came from. */
export interface ReadReport {
  text: string;
  format: ReportFormat;
  /** For a PDF: the 1-based page of each 1-based line of `text` (`pages[line - 1]`). */
  pages?: number[];
  /** For a web page: its title, the first line of `text` (`# …`), read from the page's markup. */
  title?: string;
  /** For a web page: what its publication block says (发布机构, 发布日期, 来源, 文号, 索引号), kept out of `text`. */
  publication?: PagePublication;
}

/** What a caller knows about a file besides its bytes and name. */
export interface ReadOptions {
  /** The HTTP `Content-Type` a web page was served with (`text/html; charset=gbk`): its charset wins over the page's own. */
  contentType?: string | null;
}

/**
 * The first line of each page, from the page of every line: `[1, 7, 28]` when page 2 starts at
 * line 7 and page 3 at line 28. A page that adds no line starts where the next one does.
 *
 * @example pageStarts([1, 1, 2, 2, 2, 4]) // [1, 3, 6, 6]
 */
export function pageStarts(pages: number[]): number[] {
  const last = pages.length ? pages[pages.length - 1] : 0;
  const starts: number[] = new Array(last).fill(0);
  for (let n = pages.length; n >= 1; n--) starts[pages[n - 1] - 1] = n;
  for (let p = last - 2; p >= 0; p--) if (starts[p] === 0) starts[p] = starts[p + 1];
  return starts;
}

function readWebPage(bytes: Uint8Array, report: string, options: ReadOptions): ReadReport {
  const page = readHtml(bytes, report, options.contentType);
  return { format: "html", text: page.text, publication: page.publication, ...(page.title ? { title: page.title } : {}) };
}

/** Extensions read as something other than text. */
const READERS: Record<string, (bytes: Uint8Array, report: string, options: ReadOptions) => ReadReport> = {
  ".pdf": (bytes, report) => ({ format: "pdf", ...readPdf(bytes, report) }),
  ".docx": (bytes, report) => ({ format: "docx", text: readDocx(bytes, report) }),
  ".docm": (bytes, report) => ({ format: "docx", text: readDocx(bytes, report) }),
  ".doc": (bytes, report) => ({ format: "docx", text: readOldWord(bytes, report) }),
  ".wps": (bytes, report) => ({ format: "docx", text: readOldWord(bytes, report) }),
  ".html": readWebPage,
  ".htm": readWebPage,
  ".shtml": readWebPage,
  ".xhtml": readWebPage,
};

/**
 * The reader a file's first bytes call for, whatever its name says: `%PDF-`, a zip (a .docx is one),
 * an OLE compound file (old .doc, .wps), or an HTML document (`<!DOCTYPE html`, `<html`). Null for anything else.
 */
export function sniff(bytes: Uint8Array): string | null {
  const head = new TextDecoder("latin1").decode(bytes.subarray(0, 1024));
  if (head.includes("%PDF-")) return ".pdf";
  if (head.startsWith("PK\x03\x04")) return ".docx";
  if (head.startsWith("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")) return ".doc";
  if (looksLikeHtml(bytes)) return ".html";
  return null;
}

/**
 * Reads a report file's bytes as text: by what the bytes are when they say (a PDF named .txt is
 * still read as a PDF, a saved page named .txt as a web page), else by the extension
 * (case-insensitive), else as text.
 *
 * @example readReport(readFileSync("corpus/x.pdf"), "x.pdf").pages?.[0] // 1
 */
export function readReport(bytes: Uint8Array, report: string, options: ReadOptions = {}): ReadReport {
  const ext = extname(report).toLowerCase();
  const sniffed = sniff(bytes);
  const reader = READERS[sniffed === ".doc" && ext === ".wps" ? ext : (sniffed ?? ext)];
  if (reader) return withinTextLimits(reader(bytes, report, options), report);
  // No character takes more than 4 bytes: a text file this large is refused before it is decoded.
  if (bytes.length > 4 * MAX_TEXT_CHARS) throw tooLong(report, `${(bytes.length / 1024 / 1024).toFixed(0)} MB of text`);
  return withinTextLimits({ format: "text", text: decodeReport(bytes, report).text }, report);
}

/**
 * Most characters of text read from one report (1 million): the reports are 20,000–45,000, a
 * province's a few times that. Structure, tables and figures are read in time that grows with the
 * text (and faster with long lines): a 19 MB text file took 2.8 GB and 161 s; at this limit the worst
 * shape takes a few seconds.
 */
export const MAX_TEXT_CHARS = 1_000_000;

/** Longest line read (20,000 characters): a report's paragraphs are at most a few thousand; one line of 350,000 took 20 s. */
export const MAX_LINE_CHARS = 20_000;

function tooLong(report: string, what: string): ReportParseError {
  return new ReportParseError(
    report,
    null,
    `${what} is far more than a report holds (at most ${MAX_TEXT_CHARS.toLocaleString("en")} characters, lines of at most ${MAX_LINE_CHARS.toLocaleString("en")}): not read`,
  );
}

/** The text read, refused when it is longer than a report could be (see MAX_TEXT_CHARS, MAX_LINE_CHARS). */
function withinTextLimits(read: ReadReport, report: string): ReadReport {
  const { text } = read;
  if (text.length > MAX_TEXT_CHARS) throw tooLong(report, `its text of ${text.length.toLocaleString("en")} characters`);
  for (let start = 0, line = 1; start < text.length; line++) {
    const end = text.indexOf("\n", start);
    const stop = end < 0 ? text.length : end;
    if (stop - start > MAX_LINE_CHARS)
      throw new ReportParseError(
        report,
        line,
        `a line of ${(stop - start).toLocaleString("en")} characters is far more than a report's paragraph (at most ${MAX_LINE_CHARS.toLocaleString("en")}): not read`,
      );
    start = stop + 1;
  }
  return read;
}
