/**
 * Reads a report published as a web page (a government or school site's article, saved as .html)
 * into the text the other readers produce: the title as a `# ` line first, headings (`<h1>`–`<h6>`)
 * as `#` lines, a paragraph per line, every data `<table>` as tab-separated rows with its merged
 * cells printed once at their top-left and a two-row header flattened (grid.ts, as the Word reader
 * prints them), blank lines between blocks. A citation's "第N行" counts the lines of that text.
 *
 * The page is parsed by parse5 (the WHATWG algorithm browsers use, so a page's unclosed `<p>`s and
 * `<td>`s nest as they display), after decoding it (htmlEncoding.ts). Only the article is kept:
 * scripts, styles, forms, `<nav>`, `<aside>`, `<footer>` and hidden elements are never read, and of
 * the rest the container with the most Chinese text in its paragraphs and tables is chosen the way
 * readability does (each paragraph's characters count for its parent, half for the grandparent,
 * less further up; link text counts for nothing), with its siblings that hold a fifth as much.
 * Inside it, lines that are page furniture go: 上一篇/下一篇, 打印/关闭/字号 tools, 分享到, 当前位置,
 * lines mostly of links, and the publication block (索引号, 发布机构, 发布日期, 来源, 文号), which is
 * read into `publication` instead, from anywhere on the page.
 */
import { type DefaultTreeAdapterTypes, parse } from "parse5";
import { ReportParseError } from "../../errors.js";
import { type Grid, type GridCell, gridLines, joinWrapped } from "./grid.js";
import { decodeHtml, type DecodedPage } from "./htmlEncoding.js";
import { choosePageTitle, isPublicationLine, type PagePublication, publicationFromMeta, readPublication } from "./htmlPage.js";

type Element = DefaultTreeAdapterTypes.Element;
type ChildNode = DefaultTreeAdapterTypes.ChildNode;
type ParentNode = DefaultTreeAdapterTypes.ParentNode;

/** A web page read as a report. */
export interface HtmlReport {
  /** The rebuilt text: `# title`, then the article's headings, paragraphs and table rows. */
  text: string;
  /** The title the text starts with (null when the page offers none). */
  title: string | null;
  /** The publication block's details (who published it, when, its numbers). */
  publication: PagePublication;
  /** How the bytes were decoded. */
  encoding: Pick<DecodedPage, "encoding" | "from">;
}

/** Elements whose content is never the report's text. */
const SKIP = new Set([
  "head",
  "script",
  "style",
  "noscript",
  "template",
  "iframe",
  "frame",
  "object",
  "embed",
  "svg",
  "math",
  "canvas",
  "audio",
  "video",
  "map",
  "input",
  "select",
  "option",
  "button",
  "textarea",
  "nav",
  "aside",
  "footer",
  "menu",
]);

/** Elements that start and end a block of text; everything else (span, font, a, b, strong…) runs inline. */
const BLOCK = new Set([
  "html",
  "body",
  "p",
  "div",
  "section",
  "article",
  "main",
  "header",
  "center",
  "blockquote",
  "pre",
  "ul",
  "ol",
  "li",
  "dl",
  "dt",
  "dd",
  "form",
  "fieldset",
  "figure",
  "figcaption",
  "address",
  "hr",
  "table",
  "caption",
  "thead",
  "tbody",
  "tfoot",
  "tr",
  "td",
  "th",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
]);

/** What a block of the page is: a paragraph, a heading, a data table, or a table of publication details. */
type BlockKind = "text" | "heading" | "table" | "publication";

/** A block of the page as read, before the article is chosen. */
interface Block {
  kind: BlockKind;
  /** The lines it prints as (a heading with its `#`s; a table's rows). */
  lines: string[];
  /** The element that holds it: the `<p>`, the heading, the `<table>`, or the block holding loose text. */
  owner: Element;
  /** Chinese characters in it, and how many of them are inside links. */
  cjk: number;
  linkCjk: number;
  /** Its pieces of text for the publication reader: lines, or a table's cells in order. */
  pieces: string[];
}

const isElement = (n: ChildNode | ParentNode): n is Element => "tagName" in n;

function attr(el: Element, name: string): string | null {
  return el.attrs.find((a) => a.name === name)?.value ?? null;
}

/** Hidden from the reader: the `hidden` attribute or an inline `display:none` / `visibility:hidden`. */
function isHidden(el: Element): boolean {
  if (attr(el, "hidden") !== null) return true;
  const style = attr(el, "style")?.toLowerCase().replace(/\s+/g, "") ?? "";
  return style.includes("display:none") || style.includes("visibility:hidden");
}

/** Chinese characters in a string (CJK ideographs of every plane). */
function countCjk(s: string): number {
  let n = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if ((c >= 0x3400 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0x20000 && c <= 0x3ffff)) n++;
  }
  return n;
}

const CJK_CHAR = /[\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]|[\ud840-\ud8bf][\udc00-\udfff]/;
/** Stands for whitespace with a line break in the source: nothing between Chinese characters, else a space. */
const BREAK = "\u0000";

/**
 * A line of inline text as a reader sees it: runs of whitespace one space, a source line break
 * between two Chinese characters nothing (Word's HTML wraps paragraphs mid-sentence), no
 * indentation (`&nbsp;`, ideographic spaces) at either end.
 */
function finishLine(raw: string): string {
  let s = raw.replace(/[ \t\r\n\f]+/g, " ");
  s = s.replace(/ ?\u0000[ \u0000]*/g, (_m, offset: number, whole: string) => {
    const before = whole.slice(Math.max(0, offset - 2), offset);
    const after = whole.slice(offset + _m.length, offset + _m.length + 2);
    return CJK_CHAR.test(before.slice(-1)) && CJK_CHAR.test(after.slice(0, 1)) ? "" : " ";
  });
  return s.replace(/^[\s\u00a0\u3000]+|[\s\u00a0\u3000]+$/g, "").replace(/\u00a0/g, " ");
}

/** Reads the blocks of a page (or of one table cell) in document order. */
class BlockReader {
  readonly blocks: Block[] = [];
  private buf: string[] = [];
  private cjk = 0;
  private linkCjk = 0;

  /** `plain`: inside a table cell, where a heading is text like any other. */
  constructor(private readonly plain = false) {}

  read(node: ChildNode | ParentNode, owner: Element, inLink: boolean): void {
    if (node.nodeName === "#text") {
      const value = (node as DefaultTreeAdapterTypes.TextNode).value.replace(/[ \t\f]*[\r\n][\s]*/g, BREAK);
      this.buf.push(value);
      const n = countCjk(value);
      this.cjk += n;
      if (inLink) this.linkCjk += n;
      return;
    }
    if (!isElement(node)) {
      if (node.nodeName === "#document") for (const c of node.childNodes) this.read(c, owner, inLink);
      return;
    }
    const tag = node.tagName;
    if (SKIP.has(tag) || isHidden(node)) return;
    if (tag === "br") {
      this.buf.push("\n");
      return;
    }
    if (tag === "table" && !isLayoutTable(node)) {
      this.flush(owner);
      this.table(node);
      return;
    }
    if (BLOCK.has(tag)) {
      this.flush(owner);
      for (const c of node.childNodes) this.read(c, node, inLink);
      this.flush(node);
      return;
    }
    for (const c of node.childNodes) this.read(c, owner, inLink || tag === "a");
  }

  /** Ends the text gathered so far as a block held by `owner`. */
  flush(owner: Element): void {
    const lines = this.buf
      .join("")
      .split("\n")
      .map(finishLine)
      .filter((l) => l !== "");
    const { cjk, linkCjk } = this;
    this.buf = [];
    this.cjk = 0;
    this.linkCjk = 0;
    if (lines.length === 0) return;
    const level = /^h([1-6])$/.exec(owner.tagName);
    if (level && !this.plain) this.blocks.push({ kind: "heading", lines: [`${"#".repeat(Number(level[1]))} ${lines.join(" ")}`], owner, cjk, linkCjk, pieces: [lines.join(" ")] });
    else this.blocks.push({ kind: "text", lines, owner, cjk, linkCjk, pieces: lines });
  }

  /** A data table: its caption as a line of its own, then its rows (a table of publication details is kept apart). */
  private table(table: Element): void {
    const caption = table.childNodes.find((c): c is Element => isElement(c) && c.tagName === "caption");
    if (caption) {
      const text = cellText(caption);
      if (text) this.blocks.push({ kind: "text", lines: [text], owner: table, cjk: countCjk(text), linkCjk: 0, pieces: [text] });
    }
    const { grid, cells, linkCjk } = readTable(table);
    const lines = gridLines(grid);
    if (lines.length === 0) return;
    const labelled = cells.filter((c) => isPublicationLine(c)).length;
    const kind: BlockKind = labelled >= 2 && labelled * 4 >= cells.length ? "publication" : "table";
    this.blocks.push({ kind, lines, owner: table, cjk: countCjk(cells.join("")), linkCjk, pieces: cells });
  }
}

/** The text of a table cell (or caption): its paragraphs and lines joined as wrapped text, as the Word reader joins a cell's paragraphs. */
function cellText(cell: Element): string {
  const r = new BlockReader(true);
  for (const c of cell.childNodes) r.read(c, cell, false);
  r.flush(cell);
  return joinWrapped(r.blocks.flatMap((b) => b.lines.map((l) => l.replace(/\t+/g, " "))));
}

function cellLinkCjk(cell: Element): number {
  const r = new BlockReader(true);
  for (const c of cell.childNodes) r.read(c, cell, false);
  r.flush(cell);
  return r.blocks.reduce((n, b) => n + b.linkCjk, 0);
}

/**
 * The table's own rows in display order (`<thead>` first, `<tfoot>` last), not those of tables
 * inside its cells, each with the index after the last row of its row group (where `rowspan="0"` ends).
 */
function tableRows(table: Element): { tr: Element; groupEnd: number }[] {
  const head: Element[][] = [];
  const body: Element[][] = [];
  const foot: Element[][] = [];
  for (const c of table.childNodes) {
    if (!isElement(c)) continue;
    if (c.tagName === "tr") body.push([c]);
    else if (c.tagName === "thead" || c.tagName === "tbody" || c.tagName === "tfoot") {
      const rows = c.childNodes.filter((r): r is Element => isElement(r) && r.tagName === "tr");
      (c.tagName === "thead" ? head : c.tagName === "tfoot" ? foot : body).push(rows);
    }
  }
  const out: { tr: Element; groupEnd: number }[] = [];
  for (const group of [...head, ...body, ...foot]) {
    const end = out.length + group.length;
    for (const tr of group) out.push({ tr, groupEnd: end });
  }
  return out;
}

/** A `colspan`/`rowspan` as browsers read it: at least 1, at most `max`; a `rowspan` of 0 runs to `max`. */
function span(el: Element, name: string, max: number): number {
  const n = Number.parseInt(attr(el, name) ?? "1", 10);
  if (n === 0 && name === "rowspan") return max;
  return Number.isFinite(n) && n >= 1 ? Math.min(n, max) : 1;
}

/**
 * A `<table>` as a grid (grid.ts): each cell at the first free position of its row, `colspan`
 * positions to its right covered from the left, `rowspan` positions below covered from above (a
 * cell spanning both covers its whole block from above, as Word's vMerge of a gridSpan cell does),
 * `rowspan="0"` to the end of its row group; a span never reaches past its group; rows padded to the widest.
 */
export function readTable(table: Element): { grid: Grid; cells: string[]; linkCjk: number } {
  const rows = tableRows(table);
  const grid: (GridCell | undefined)[][] = rows.map(() => []);
  const cells: string[] = [];
  let linkCjk = 0;
  rows.forEach(({ tr, groupEnd }, r) => {
    let c = 0;
    for (const td of tr.childNodes) {
      if (!isElement(td) || (td.tagName !== "td" && td.tagName !== "th") || isHidden(td)) continue;
      while (grid[r]![c] !== undefined) c++;
      const text = cellText(td);
      cells.push(text);
      linkCjk += cellLinkCjk(td);
      const cols = span(td, "colspan", 1000);
      const down = span(td, "rowspan", groupEnd - r);
      for (let dr = 0; dr < down; dr++) {
        for (let dc = 0; dc < cols; dc++) {
          grid[r + dr]![c + dc] = dr === 0 && dc === 0 ? { text, from: "own" } : { text: "", from: dr === 0 ? "left" : "above" };
        }
      }
      c += cols;
    }
  });
  const width = Math.max(0, ...grid.map((row) => row.length));
  const full: Grid = grid.map((row) => Array.from({ length: width }, (_, k) => row[k] ?? { text: "", from: "own" as const }));
  return { grid: full, cells, linkCjk };
}

/** Characters of text inside an element, skipping what is never read. */
function textLength(el: Element): number {
  let n = 0;
  const walk = (node: ChildNode) => {
    if (node.nodeName === "#text") n += (node as DefaultTreeAdapterTypes.TextNode).value.trim().length;
    else if (isElement(node) && !SKIP.has(node.tagName)) for (const c of node.childNodes) walk(c);
  };
  for (const c of el.childNodes) walk(c);
  return n;
}

/**
 * A table used for page layout rather than data (old sites set the whole page in tables): it holds
 * another table, declares itself presentational, or has a cell with an article's worth of text.
 */
function isLayoutTable(table: Element): boolean {
  if (attr(table, "role") === "presentation") return true;
  let nested = false;
  let longCell = false;
  const walk = (node: ChildNode, depth: number) => {
    if (nested || longCell || !isElement(node) || SKIP.has(node.tagName)) return;
    if (node.tagName === "table" && depth > 0) {
      nested = true;
      return;
    }
    if ((node.tagName === "td" || node.tagName === "th") && textLength(node) > 400) longCell = true;
    for (const c of node.childNodes) walk(c, depth + 1);
  };
  walk(table, 0);
  return nested || longCell;
}

function ancestors(el: Element): Element[] {
  const out: Element[] = [];
  for (let p = el.parentNode; p && isElement(p); p = p.parentNode) out.push(p);
  return out;
}

/** A block read as a paragraph of the article for scoring: enough Chinese, not mostly links. */
function scores(block: Block): boolean {
  return (block.kind === "text" || block.kind === "table") && block.cjk >= 10 && block.linkCjk * 2 < block.cjk;
}

/**
 * The elements that hold the article: the best-scored element and those of its siblings that
 * score a fifth as much. A paragraph's Chinese characters count for the element holding it (loose
 * text in a `<div>` counts for that `<div>`), half for the next one up, a third, a sixth… further up
 * (readability's weights); an element's score is then scaled by the share of its text outside links.
 */
function chooseArticle(blocks: Block[]): Set<Element> | null {
  const score = new Map<Element, number>();
  const total = new Map<Element, { cjk: number; link: number }>();
  for (const b of blocks) {
    const chain = [b.owner, ...ancestors(b.owner)];
    for (const el of chain) {
      const t = total.get(el) ?? { cjk: 0, link: 0 };
      t.cjk += b.cjk;
      t.link += b.linkCjk;
      total.set(el, t);
    }
    if (!scores(b)) continue;
    // A <p>, heading or table counts for its parent; loose text for the block holding it.
    const holders = b.owner.tagName === "p" || b.owner.tagName === "table" || b.owner.tagName === "pre" || b.owner.tagName === "li" ? chain.slice(1) : chain;
    holders.slice(0, 5).forEach((el, level) => {
      const weight = level === 0 ? 1 : level === 1 ? 0.5 : 1 / (level * 3);
      score.set(el, (score.get(el) ?? 0) + b.cjk * weight);
    });
  }
  const final = (el: Element) => {
    const t = total.get(el);
    return (score.get(el) ?? 0) * (t && t.cjk > 0 ? 1 - t.link / t.cjk : 1);
  };
  let top: Element | null = null;
  for (const el of score.keys()) if (top === null || final(el) > final(top)) top = el;
  if (top === null) return null;
  const chosen = new Set([top]);
  const parent = top.parentNode;
  if (parent && isElement(parent)) {
    for (const sib of parent.childNodes) if (isElement(sib) && sib !== top && final(sib) >= Math.max(10, final(top) * 0.2)) chosen.add(sib);
  }
  return chosen;
}

/** Page tools: font size, print, close, bookmark, back to top (each in brackets or not). */
const TOOLS =
  /[【[（(]?\s*(?:打印本页|打印此页|打印文章|打印|关闭窗口|关闭本页|关闭|收藏本页|加入收藏|收藏|返回顶部|返回首页|返回列表|返回|字[体号][：:]?(?:\s*[大中小]){0,3}|(?:[大中小]\s*){3}|默认|分享)\s*[】\]）)]?/g;
/** Lines that are page furniture whatever else they say. */
const FURNITURE =
  /^[\s【[]*(?:上一篇|下一篇|上一条|下一条|上一页|下一页|上篇|下篇|分享到|分享至|当前位置|您现在的位置|你现在的位置|您当前的位置|您的位置|你的位置|扫一扫|版权所有|主办单位|承办单位|技术支持|网站标识码|网站地图|ICP备|Copyright|©)/i;

/** True for a line of the article's container that is page furniture, not the report. */
function isFurniture(line: string): boolean {
  if (FURNITURE.test(line)) return true;
  if (isPublicationLine(line)) return true;
  // Only tools and separators: 【字体：大 中 小】【打印本页】【关闭窗口】.
  return line.replace(TOOLS, "").replace(/[\s\u3000|｜/·、]+/g, "") === "" && line.trim() !== "";
}

/** The same words, spaces aside. */
function sameText(a: string, b: string): boolean {
  return a.replace(/[\s\u3000#]+/g, "") === b.replace(/[\s\u3000#]+/g, "");
}

/** True when `el` is one of `chosen` or inside one. */
function within(el: Element, chosen: Set<Element>): boolean {
  if (chosen.has(el)) return true;
  return ancestors(el).some((a) => chosen.has(a));
}

function collectTitles(doc: DefaultTreeAdapterTypes.Document): { metaTitle: string | null; candidates: string[]; docTitle: string | null; metas: { name: string; content: string }[] } {
  let docTitle: string | null = null;
  let metaTitle: string | null = null;
  const candidates: string[] = [];
  const metas: { name: string; content: string }[] = [];
  const TITLE_CLASS = /(?:^|[-_\s])(?:title|tit|bt|biaoti|wzbt|artTitle|article-title|news-title|detail-title)(?:$|[-_\s\d])/i;
  const walk = (node: ChildNode | ParentNode) => {
    if (!isElement(node)) {
      if ("childNodes" in node) for (const c of node.childNodes) walk(c);
      return;
    }
    const tag = node.tagName;
    if (tag === "script" || tag === "style" || tag === "template") return;
    if (tag === "title" && docTitle === null) docTitle = cellText(node);
    else if (tag === "meta") {
      const name = attr(node, "name") ?? attr(node, "property");
      const content = attr(node, "content");
      if (name && content !== null) {
        metas.push({ name, content });
        if (/^(?:articletitle|og:title)$/i.test(name) && metaTitle === null && content.trim() !== "") metaTitle = content.trim();
      }
    } else if (/^h[1-3]$/.test(tag) || TITLE_CLASS.test(`${attr(node, "class") ?? ""} ${attr(node, "id") ?? ""}`)) {
      const text = cellText(node);
      if (text) candidates.push(text);
    }
    for (const c of node.childNodes) walk(c);
  };
  walk(doc);
  return { metaTitle, candidates, docTitle, metas };
}

/**
 * Reads a web page's bytes as a report (see the module comment), or throws a ReportParseError that
 * names the file: empty, binary, undecodable, or a page with no article text (a frameset, a
 * redirect, a page of links). `contentType` is the HTTP header it was served with, when known.
 *
 * @example readHtml(readFileSync("tests/fixtures/reports/qinghe-2023.html"), "qinghe-2023.html").text.split("\n")[0] // "# 青禾县2023年中等职业教育质量年度报告"
 */
export function readHtml(bytes: Uint8Array, report: string, contentType?: string | null): HtmlReport {
  const decoded = decodeHtml(bytes, report, contentType);
  const doc = parse(decoded.text);
  const html = doc.childNodes.find(isElement);
  const body = html?.childNodes.find((c): c is Element => isElement(c) && c.tagName === "body");
  if (!body) throw new ReportParseError(report, null, "the web page has no body");
  if (!hasMarkup(body)) throw new ReportParseError(report, null, "the file has no HTML markup: it is not a web page");
  const reader = new BlockReader();
  reader.read(body, body, false);
  reader.flush(body);
  const blocks = reader.blocks;

  const titles = collectTitles(doc);
  const title = choosePageTitle(titles);
  const publication = publicationFromMeta(titles.metas, readPublication(blocks.flatMap((b) => b.pieces)));

  const article = chooseArticle(blocks);
  if (article === null) throw new ReportParseError(report, null, "the web page has no report text: no paragraph or table of Chinese text in its body");
  const out: string[] = title ? [`# ${title}`, ""] : [];
  let kept = 0;
  for (const b of blocks) {
    if (b.kind === "publication" || !within(b.owner, article)) continue;
    if (b.kind === "table") {
      out.push("", ...b.lines, "");
      kept++;
      continue;
    }
    if (b.cjk > 0 && b.linkCjk * 2 > b.cjk) continue;
    const lines = b.lines.filter((l) => !isFurniture(l.replace(/^#+ /, "")));
    // The article's own copy of the title, at its top: the title line stands for it.
    if (title && kept < 3 && lines.length === 1 && sameText(lines[0]!, title)) continue;
    if (lines.length === 0) continue;
    out.push(...lines, "");
    kept++;
  }
  const text = out
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .replace(/^\n+|\n+$/g, "");
  if (kept === 0 || countCjk(text) === 0) throw new ReportParseError(report, null, "the web page has no report text: no paragraph or table of Chinese text in its body");
  return { text, title, publication, encoding: { encoding: decoded.encoding, from: decoded.from } };
}

/** True when the body holds an element of the page's own (a text file parsed as HTML holds only text). */
function hasMarkup(body: Element): boolean {
  return (
    body.childNodes.some(isElement) ||
    (body.parentNode !== null && isElement(body.parentNode) && body.parentNode.childNodes.some((c) => isElement(c) && c.tagName === "head" && c.childNodes.some(isElement)))
  );
}

/**
 * True when a file's first bytes are an HTML document's (`<!DOCTYPE html`, `<html`, after an optional
 * BOM, XML declaration, whitespace or comments), whatever its name: the MIME sniffing rule.
 */
export function looksLikeHtml(bytes: Uint8Array): boolean {
  let head = new TextDecoder("latin1").decode(bytes.subarray(0, 2048));
  head = head.replace(/^\xef\xbb\xbf/, "");
  for (;;) {
    const trimmed = head.replace(/^\s+/, "");
    if (trimmed.startsWith("<!--")) {
      const end = trimmed.indexOf("-->");
      if (end < 0) return false;
      head = trimmed.slice(end + 3);
    } else if (trimmed.startsWith("<?xml")) {
      const end = trimmed.indexOf("?>");
      if (end < 0) return false;
      head = trimmed.slice(end + 2);
    } else {
      head = trimmed;
      break;
    }
  }
  return /^<(?:!doctype\s+html|html[\s>])/i.test(head);
}
