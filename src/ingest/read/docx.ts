/**
 * Reads a Word report (.docx) from its own XML: the body's paragraphs in order, headings from
 * their paragraph style (Heading N, 标题 N, an outline level), and tables as the document's own
 * tables (w:tbl rows and cells, with gridSpan and vMerge merges). Headers, footers, footnotes and
 * the table of contents are left out: they repeat or point at text that is read anyway.
 *
 * The result is plain text in the form the rest of ingestion reads: a heading is a `## ` line, a
 * paragraph one line, a table one tab-separated line per row (see grid.ts), blank lines between
 * blocks. Line N of that text is what a citation's "第N行" counts: the Nth paragraph or table row.
 */
import { DOMParser, type Element, type Node } from "@xmldom/xmldom";
import { ReportParseError } from "../../errors.js";
import { label, readNumbering, type Numbering, type NumberingCounters } from "./docxNumbering.js";
import { gridLines, joinWrapped, type Grid, type GridCell } from "./grid.js";
import { readZipEntries, ZipLimitError, type ZipLimits } from "./zip.js";

/**
 * What a .docx's parts may expand to. A report's word/document.xml is a few MB (its pictures are
 * other parts, never inflated); 32 MB is several times the largest seen, and is reached in well
 * under a second, so a zip bomb (0.9 MB expanding to 200 MB) costs that, not 2 GB and 36 s.
 */
export const DOCX_LIMITS: ZipLimits = { maxEntryBytes: 32 * 1024 * 1024, maxTotalBytes: 48 * 1024 * 1024 };

const W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const MC = "http://schemas.openxmlformats.org/markup-compatibility/2006";
const ELEMENT_NODE = 1;

/** What one paragraph style says about the paragraphs that use it. */
interface StyleInfo {
  name: string;
  basedOn: string | null;
  outlineLevel: number | null;
  /** The list a heading style numbers its paragraphs with (`一、`, `（一）`), if any. */
  numId: string | null;
  ilvl: number | null;
}

/** What reading one document needs besides the element at hand. */
interface Context {
  styles: Map<string, StyleInfo>;
  numbering: Numbering | null;
  counters: NumberingCounters;
}

function children(el: Element | Node, local?: string): Element[] {
  const out: Element[] = [];
  for (let n = el.firstChild; n; n = n.nextSibling) {
    if (n.nodeType !== ELEMENT_NODE) continue;
    const e = n as Element;
    if (local === undefined || (e.localName === local && e.namespaceURI === W)) out.push(e);
  }
  return out;
}

function child(el: Element, local: string): Element | null {
  return children(el, local)[0] ?? null;
}

/** A `w:val` attribute (namespaced or not, as some writers drop the prefix). */
function val(el: Element | null): string | null {
  if (!el) return null;
  return el.getAttributeNS(W, "val") || el.getAttribute("w:val") || null;
}

function parseXml(xml: string, report: string, part: string): Element {
  const damaged = () => new ReportParseError(report, null, `the Word file is damaged (${part} is not readable XML)`);
  let root: Element | null;
  try {
    // xmldom throws on a fatal error (unclosed tags, a cut file); warnings are let pass.
    root = new DOMParser({ onError: () => {} }).parseFromString(xml, "text/xml").documentElement;
  } catch {
    throw damaged();
  }
  if (!root) throw damaged();
  return root;
}

function readStyles(root: Element | null): Map<string, StyleInfo> {
  const styles = new Map<string, StyleInfo>();
  if (!root) return styles;
  for (const s of children(root, "style")) {
    const id = s.getAttributeNS(W, "styleId") || s.getAttribute("w:styleId");
    if (!id) continue;
    const pPr = child(s, "pPr");
    const level = val(pPr && child(pPr, "outlineLvl"));
    const numPr = pPr && child(pPr, "numPr");
    const ilvl = val(numPr && child(numPr, "ilvl"));
    styles.set(id, {
      name: val(child(s, "name")) ?? id,
      basedOn: val(child(s, "basedOn")),
      outlineLevel: level === null ? null : Number(level),
      numId: val(numPr && child(numPr, "numId")),
      ilvl: ilvl === null ? null : Number(ilvl),
    });
  }
  return styles;
}

/** Table-of-contents entries: printed page numbers, not text to read. */
const TOC_STYLE = /^(toc|contents|目录)\s*\d/i;
/** A heading style's name: `heading 2`, `Heading2`, `标题 2`, `Title`. */
const HEADING_STYLE = /^(?:heading|标题)\s*(\d)$/i;

/** The heading level (1–6) a paragraph style gives, following `basedOn`, or null for body text. */
function headingLevel(styleId: string | null, ownOutline: number | null, styles: Map<string, StyleInfo>): number | null {
  if (ownOutline !== null && ownOutline < 9) return ownOutline + 1;
  for (let id = styleId, hops = 0; id && hops < 10; hops++) {
    const s = styles.get(id);
    if (!s) return null;
    const m = HEADING_STYLE.exec(s.name.trim());
    if (m) return Math.min(6, Number(m[1]));
    if (/^(title|标题)$/i.test(s.name.trim())) return 1;
    if (s.outlineLevel !== null && s.outlineLevel < 9) return s.outlineLevel + 1;
    id = s.basedOn;
  }
  return null;
}

/**
 * The text of a run container (paragraph, hyperlink, inserted or smart-tag text) in order:
 * `w:t`, tabs as spaces (a tab in running text is layout, not a table), line breaks as new lines.
 * Deleted text, field codes and the fallback copy of alternate content are skipped.
 */
function runText(el: Element, out: string[]): void {
  for (const e of children(el)) {
    if (e.namespaceURI === MC && e.localName === "AlternateContent") {
      const choice = children(e).find((c) => c.localName === "Choice");
      if (choice) runText(choice, out);
      continue;
    }
    if (e.namespaceURI !== W) {
      runText(e, out);
      continue;
    }
    switch (e.localName) {
      case "t":
        out.push(e.textContent ?? "");
        break;
      case "tab":
      case "ptab":
        out.push(" ");
        break;
      case "br":
      case "cr":
        if (val(e) !== "page" && (e.getAttributeNS(W, "type") || e.getAttribute("w:type")) !== "page") out.push("\n");
        break;
      case "noBreakHyphen":
        out.push("-");
        break;
      case "del":
      case "delText":
      case "instrText":
      case "pPr":
      case "rPr":
      case "footnoteReference":
      case "endnoteReference":
        break;
      case "txbxContent":
        // A text box inside a paragraph (a cover title): its paragraphs read as lines of their own.
        for (const p of children(e, "p")) out.push("\n", paragraphText(p), "\n");
        break;
      default:
        runText(e, out);
    }
  }
}

/**
 * The automatic number a paragraph shows (`一、`), from its own numPr or its style's (following
 * basedOn), counted in document order; "" when it has none.
 */
function numberLabel(p: Element, ctx: Context): string {
  const pPr = child(p, "pPr");
  const numPr = pPr && child(pPr, "numPr");
  let numId = val(numPr && child(numPr, "numId"));
  let ilvl = val(numPr && child(numPr, "ilvl"));
  for (let id = val(pPr && child(pPr, "pStyle")), hops = 0; id && hops < 10 && (numId === null || ilvl === null); hops++) {
    const s = ctx.styles.get(id);
    if (!s) break;
    numId ??= s.numId;
    if (ilvl === null && s.ilvl !== null) ilvl = String(s.ilvl);
    id = s.basedOn;
  }
  return numId === null ? "" : label(ctx.numbering, ctx.counters, numId, Number(ilvl ?? 0));
}

function paragraphText(p: Element): string {
  const out: string[] = [];
  runText(p, out);
  return out.join("");
}

/** The text of a table cell: its paragraphs (and any nested table's cells) joined as wrapped lines. */
function cellText(tc: Element, ctx: Context): string {
  const parts: string[] = [];
  const walk = (el: Element) => {
    for (const e of children(el)) {
      if (e.namespaceURI !== W) continue;
      if (e.localName === "p") parts.push(...(numberLabel(e, ctx) + paragraphText(e)).split("\n"));
      else if (e.localName === "tbl" || e.localName === "tr" || e.localName === "tc" || e.localName === "sdt" || e.localName === "sdtContent") walk(e);
    }
  };
  walk(tc);
  return joinWrapped(parts);
}

function intAttr(el: Element | null, fallback: number): number {
  const v = Number(val(el));
  return Number.isFinite(v) && v > 0 ? v : fallback;
}

/**
 * A w:tbl as a grid. `gridSpan` makes a cell cover positions to its right; a `vMerge` cell that does
 * not restart continues the cell above it in the same grid column; `gridBefore`/`gridAfter` leave
 * positions empty at a row's ends.
 */
export function readTable(tbl: Element, ctx: Context): Grid {
  const grid: Grid = [];
  for (const tr of children(tbl, "tr")) {
    const row: GridCell[] = [];
    const trPr = child(tr, "trPr");
    for (let k = intAttr(trPr && child(trPr, "gridBefore"), 0); k > 0; k--) row.push({ text: "", from: "own" });
    const cells = children(tr).flatMap((e) => (e.localName === "sdt" ? children(child(e, "sdtContent") ?? e, "tc") : e.localName === "tc" && e.namespaceURI === W ? [e] : []));
    for (const tc of cells) {
      const tcPr = child(tc, "tcPr");
      const span = intAttr(tcPr && child(tcPr, "gridSpan"), 1);
      const vMerge = tcPr && child(tcPr, "vMerge");
      const continues = vMerge !== null && val(vMerge) !== "restart";
      row.push(continues ? { text: "", from: "above" } : { text: cellText(tc, ctx), from: "own" });
      for (let k = 1; k < span; k++) row.push({ text: "", from: continues ? "above" : "left" });
    }
    grid.push(row);
  }
  const width = Math.max(0, ...grid.map((r) => r.length));
  for (const row of grid) while (row.length < width) row.push({ text: "", from: "own" });
  return grid;
}

/** Reads the body in order into output lines. */
function readBody(body: Element, ctx: Context, out: string[]): void {
  const styles = ctx.styles;
  for (const e of children(body)) {
    if (e.namespaceURI !== W) continue;
    if (e.localName === "sdt") {
      const content = child(e, "sdtContent");
      const gallery = val(child(child(e, "sdtPr") ?? e, "docPartObj") && child(child(child(e, "sdtPr")!, "docPartObj")!, "docPartGallery"));
      if (content && !/table of contents/i.test(gallery ?? "")) readBody(content, ctx, out);
      continue;
    }
    if (e.localName === "tbl") {
      const lines = gridLines(readTable(e, ctx));
      if (lines.length > 0) out.push("", ...lines, "");
      continue;
    }
    if (e.localName !== "p") continue;
    const pPr = child(e, "pPr");
    const styleId = val(pPr && child(pPr, "pStyle"));
    const styleName = (styleId && styles.get(styleId)?.name) ?? styleId ?? "";
    if (TOC_STYLE.test(styleName.trim())) continue;
    const outline = val(pPr && child(pPr, "outlineLvl"));
    const level = headingLevel(styleId, outline === null ? null : Number(outline), styles);
    const pieces = (numberLabel(e, ctx) + paragraphText(e))
      .split("\n")
      .map((s) => s.replace(/\s+$/, ""))
      .filter((s) => s.trim() !== "");
    if (pieces.length === 0) continue;
    if (level !== null) out.push(`${"#".repeat(level)} ${pieces.join(" ").trim()}`);
    else out.push(...pieces);
    out.push("");
  }
}

/**
 * The text of a .docx file, or a ReportParseError saying why it cannot be read (not a zip, no
 * word/document.xml, damaged XML).
 *
 * @example readDocx(readFileSync("tests/fixtures/reports/deyang-school-2023.docx"), "deyang-school-2023.docx").split("\n")[0] // "# 德阳市职业技术学校2023年质量年度报告"
 */
export function readDocx(bytes: Uint8Array, report: string): string {
  let files: Record<string, Uint8Array>;
  try {
    files = readZipEntries(bytes, (name) => name === "word/document.xml" || name === "word/styles.xml" || name === "word/numbering.xml", DOCX_LIMITS);
  } catch (err) {
    if (err instanceof ZipLimitError) throw new ReportParseError(report, null, `the Word file is not read: ${err.message}, a zip bomb or no report`);
    throw new ReportParseError(report, null, `the Word file is damaged or not a .docx (${(err as Error).message})`);
  }
  const documentXml = files["word/document.xml"];
  if (!documentXml) throw new ReportParseError(report, null, "the file is a zip archive but not a Word document (no word/document.xml)");
  const decoder = new TextDecoder("utf-8");
  const styles = readStyles(files["word/styles.xml"] ? parseXml(decoder.decode(files["word/styles.xml"]), report, "word/styles.xml") : null);
  const root = parseXml(decoder.decode(documentXml), report, "word/document.xml");
  const body = children(root, "body")[0];
  if (!body) throw new ReportParseError(report, null, "the Word document has no body");
  const numberingXml = files["word/numbering.xml"];
  const numbering = numberingXml ? readNumbering(parseXml(decoder.decode(numberingXml), report, "word/numbering.xml"), children, val) : null;
  const out: string[] = [];
  readBody(body, { styles, numbering, counters: new Map() }, out);
  // One blank line between blocks, none at the ends.
  return out
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .replace(/^\n+|\n+$/g, "");
}
