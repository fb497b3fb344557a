/**
 * Cuts the cells of a layout-B table into rows of the header's width. Blank-line groups are the
 * first guess; a group that is short because a blank line fell inside a row (遂宁 1565, 江门 1137)
 * is joined to the next, and a group that does not fit (遂宁 表7, whose rows lost their 序号 and
 * their separators) is placed cell by cell by what each column holds, and reported.
 */
import type { IngestWarning } from "../../types.js";
import { emptyCell, cellText, type RawCell, type RawRow } from "./model.js";
import { isSeqHeader } from "./detect.js";

type CellType = "int" | "award" | "long" | "short";

function matches(type: CellType, text: string): boolean {
  switch (type) {
    case "int":
      return /^\d+$/.test(text);
    case "award":
      return /奖$|等级$/.test(text);
    case "long":
      return text.length >= 8;
    case "short":
      // An award level is never a name, even a short one (`市级三等奖`).
      return text.length > 0 && text.length <= 12 && !/^[\d.,:%]+$/.test(text) && !/奖$/.test(text);
  }
}

const TYPES: CellType[] = ["int", "award", "long", "short"];

/**
 * For each column, the kind of text (a running number, award level, long or short text) that nearly
 * every well-formed row holds there, or null when the column is mixed or holds figures. Needs at
 * least three well-formed rows.
 */
function columnProfile(groups: RawCell[][], width: number, hasSeq: boolean): (CellType | null)[] {
  const full = groups.filter((g) => g.length === width);
  const profile: (CellType | null)[] = Array(width).fill(null);
  if (full.length < 3) return profile;
  for (let c = 0; c < width; c++) {
    const texts = full.map((g) => cellText(g[c]));
    for (const t of TYPES) {
      // Only the running number is typed as a number: figures in value columns vary too much.
      if (t === "int" && !(hasSeq && c === 0)) continue;
      if (texts.filter((s) => matches(t, s)).length >= Math.ceil(texts.length * 0.9)) {
        profile[c] = t;
        break;
      }
    }
  }
  return profile;
}

function fits(cells: RawCell[], profile: (CellType | null)[]): boolean {
  return cells.every((cell, c) => {
    const t = profile[c];
    return t === null || matches(t, cellText(cell));
  });
}

/**
 * Places cells one by one into the leftmost column at or after the current one whose profile they
 * match; a cell that fits nowhere to the right starts a new row. Rows that lost leading cells come
 * out right-aligned under the right headers (`["", "张蓉", "遂宁市2024年度…", "市级三等奖"]`).
 */
function placeByType(cells: RawCell[], width: number, profile: (CellType | null)[]): RawCell[][] {
  const rows: (RawCell | null)[][] = [];
  let row: (RawCell | null)[] = Array(width).fill(null);
  let p = 0;
  const flush = () => {
    if (row.some((c) => c !== null)) rows.push(row);
    row = Array(width).fill(null);
    p = 0;
  };
  for (const cell of cells) {
    const text = cellText(cell);
    const find = (from: number) => {
      for (let c = from; c < width; c++) {
        const t = profile[c];
        if (text === "" || t === null || matches(t, text)) return c;
      }
      return -1;
    };
    let c = find(p);
    if (c < 0) {
      flush();
      c = find(0);
      if (c < 0) c = 0;
    }
    row[c] = cell;
    p = c + 1;
    if (p >= width) flush();
  }
  flush();
  return rows.map((r) => {
    const line = (r.find((c) => c !== null) as RawCell).line;
    return r.map((c) => c ?? emptyCell(line));
  });
}

/**
 * Cuts blank-line groups of cells into rows of `header.length` cells. Irregular rows are kept
 * (with empty cells where text was lost) and each is reported with its line.
 */
export function segmentRows(groups: RawCell[][], header: string[], report: string, where: string, warnings: IngestWarning[]): RawRow[] {
  const width = header.length;
  const hasSeq = isSeqHeader(header[0] ?? "");
  const rows: RawRow[] = [];
  const startsRow = (g: RawCell[]) => hasSeq && /^\d+$/.test(cellText(g[0]));
  // A blank line inside a row splits it in two groups: join them back while they fit.
  const merged: RawCell[][] = [];
  for (let k = 0; k < groups.length; k++) {
    let g = groups[k];
    while (g.length < width && k + 1 < groups.length && g.length + groups[k + 1].length <= width && !startsRow(groups[k + 1])) {
      g = g.concat(groups[++k]);
    }
    merged.push(g);
  }
  // Only a table with misshapen groups is checked cell by cell; regular tables are cut as printed.
  const irregular = merged.some((g) => g.length !== width);
  const profile = irregular ? columnProfile(merged, width, hasSeq) : Array<CellType | null>(width).fill(null);
  const push = (cells: RawCell[], irregular: boolean) => {
    const line = cells[0].line;
    rows.push({ cells, line, group: null });
    if (irregular) {
      const kept = cells.map((c) => cellText(c)).filter((t) => t !== "").length;
      warnings.push({
        report,
        line,
        message: `${where}: the row at line ${line} does not fit the ${width}-column header (${kept} of ${width} cells readable); it was kept with empty cells where text is missing.`,
      });
    }
  };
  for (const g of merged) {
    if (g.length === width && fits(g, profile)) {
      push(g, false);
      continue;
    }
    if (g.length > width && g.length % width === 0) {
      const chunks: RawCell[][] = [];
      for (let s = 0; s < g.length; s += width) chunks.push(g.slice(s, s + width));
      if (chunks.every((ch) => fits(ch, profile) && (!hasSeq || startsRow(ch) || cellText(ch[0]) === ""))) {
        chunks.forEach((ch) => push(ch, false));
        continue;
      }
    }
    const hasProfile = profile.some((t) => t !== null);
    if (hasProfile) {
      for (const r of placeByType(g, width, profile)) push(r, !(r.every((c) => cellText(c) !== "") && fits(r, profile)));
    } else {
      for (let s = 0; s < g.length; s += width) {
        const chunk = g.slice(s, s + width);
        const line = chunk[0].line;
        while (chunk.length < width) chunk.push(emptyCell(line));
        push(chunk, g.length % width !== 0);
      }
    }
  }
  return rows;
}
