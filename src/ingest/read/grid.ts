/**
 * A table read from a Word or PDF file, as a grid of cells with their merges, written out as the
 * tab-separated rows the table parsers read (layout A, `src/ingest/tables/tabRows.ts`): one row per
 * line, one cell per field. A merged cell prints its text once, at its top-left position, and leaves
 * the positions it covers empty, the way the parsers expect a merged label (乐山 表7's 团体奖).
 */

/** One position of the grid. */
export interface GridCell {
  /** The cell's text (wrapped lines already joined); "" for an empty cell or a covered position. */
  text: string;
  /** Where this position belongs: its own cell (`own`), the cell to its left (`left`, gridSpan) or above (`above`, vMerge). */
  from: "own" | "left" | "above";
}

/** A table as read: rows of positions, all as wide as the table's grid. */
export type Grid = GridCell[][];

const CJK_END = /[\u3400-\u9fff\uf900-\ufaff，。、；：？！“”‘’（）《》【】—…·%％]$/;
const CJK_START = /^[\u3400-\u9fff\uf900-\ufaff，。、；：？！“”‘’（）《》【】—…·%％]/;

/**
 * Joins the lines of one wrapped cell or paragraph: nothing between Chinese pieces (`毕业生去向落` +
 * `实人数`), a space between Latin words or numbers (`1+X` + `证书` stays glued, `Python` + `3` does not).
 *
 * @example joinWrapped(["毕业生去向落", "实人数"]) === "毕业生去向落实人数"
 */
export function joinWrapped(parts: string[]): string {
  let out = "";
  for (const raw of parts) {
    const p = raw.trim();
    if (p === "") continue;
    if (out === "" || CJK_END.test(out) || CJK_START.test(p) || /[-/(（]$/.test(out)) out += p;
    else out += ` ${p}`;
  }
  return out;
}

/** A cell's text as one tab field: tabs and line breaks inside it become spaces. */
function field(text: string): string {
  return text
    .replace(/[\t\r\n]+/g, " ")
    .replace(/ {2,}/g, " ")
    .trim();
}

/** True for a cell that holds a figure (`1089`, `68.3%`, `2.35:1`), which a header never does (a bare year is a label). */
function isFigure(text: string): boolean {
  const t = text.replace(/\s+/g, "");
  if (/^(19|20)\d{2}(年度?|学年)?$/.test(t)) return false;
  return /^[-+]?\d[\d,，.]*(%|％|‰)?$/.test(t) || /^\d+(\.\d+)?[:：]\d+(\.\d+)?$/.test(t);
}

/** True when the row is one cell spanning the whole width: a title or note printed inside the table. */
function isBannerRow(row: GridCell[]): boolean {
  return row.length > 1 && row[0].from === "own" && row[0].text !== "" && row.slice(1).every((c) => c.from === "left");
}

/**
 * How many rows at the top make the header: the first row, plus each following row that the row
 * above reaches into with a span (`2022年` over `人数 | 占比`) and that holds no figure.
 */
export function headerDepth(grid: Grid): number {
  if (grid.length === 0) return 0;
  let depth = 1;
  while (depth < grid.length) {
    const above = grid[depth - 1];
    const spansDown = grid[depth].some((c) => c.from === "above");
    const spansAcross = above.some((c) => c.from === "left");
    if (!(spansDown || spansAcross) || grid[depth].some((c) => c.from === "own" && isFigure(c.text))) break;
    depth++;
  }
  return depth;
}

/** The text of the cell that covers a position (its own text for an own position). */
function originText(grid: Grid, r: number, c: number): string {
  let rr = r;
  let cc = c;
  while (grid[rr][cc].from !== "own") {
    if (grid[rr][cc].from === "left" && cc > 0) cc--;
    else if (grid[rr][cc].from === "above" && rr > 0) rr--;
    else break;
  }
  return grid[rr][cc].text;
}

/**
 * One header row from a header of several: each column's texts top to bottom, a spanning cell
 * named in every column it spans, joined with ` · ` (`2022年 · 人数`), the form the year and unit
 * readers already take from two-row headers.
 */
export function flattenHeader(grid: Grid, depth: number): string[] {
  const width = grid[0]?.length ?? 0;
  const out: string[] = [];
  for (let c = 0; c < width; c++) {
    const names: string[] = [];
    for (let r = 0; r < depth; r++) {
      // Covered from above: the name is already there from the row above.
      if (grid[r][c].from === "above") continue;
      const text = field(originText(grid, r, c));
      if (text !== "" && names[names.length - 1] !== text) names.push(text);
    }
    out.push(names.join(" · "));
  }
  return out;
}

/**
 * The lines a table prints as: banner rows (a title inside the table) as lines of their own, then
 * the header (several header rows flattened into one) and one tab-separated line per row. Rows with
 * nothing in them are left out. Every line of a table has at least one tab.
 *
 * @example gridLines([[own("指标"), own("2023年")], [own("在校生数"), own("3256")]]) // ["指标\t2023年", "在校生数\t3256"]
 */
export function gridLines(grid: Grid): string[] {
  return gridRows(grid).map((l) => l.text);
}

/** `gridLines`, each line with the index of the grid row it starts at (the header: its first row). */
export function gridRows(grid: Grid): { text: string; row: number }[] {
  const lines: { text: string; row: number }[] = [];
  let rows = grid.map((cells, row) => ({ cells, row })).filter((r) => r.cells.some((c) => c.from === "own" && c.text.trim() !== ""));
  while (rows.length > 0 && isBannerRow(rows[0].cells)) {
    lines.push({ text: field(rows[0].cells[0].text), row: rows[0].row });
    rows = rows.slice(1);
  }
  if (rows.length === 0 || (rows[0]?.cells.length ?? 0) < 2) return [...lines, ...rows.map((r) => ({ text: field(r.cells[0]?.text ?? ""), row: r.row }))];
  const body = rows.map((r) => r.cells);
  const depth = headerDepth(body);
  lines.push({ text: flattenHeader(body, depth).join("\t"), row: rows[0].row });
  for (const { cells, row } of rows.slice(depth)) {
    // A row spanning the width inside the body is a group heading or a note: it keeps its tab.
    if (isBannerRow(cells)) lines.push({ text: `${field(cells[0].text)}\t`, row });
    else lines.push({ text: cells.map((c) => (c.from === "own" ? field(c.text) : "")).join("\t"), row });
  }
  return lines;
}
