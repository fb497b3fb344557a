/**
 * Tables on a PDF page, found from the rules drawn around their cells: rules that touch form one
 * table; their x and y positions make the grid; a rule missing inside the grid is a merged cell;
 * each text item goes to the cell its centre falls in, and a cell's lines are joined as wrapped
 * text (`毕业生去向落` / `实人数` → `毕业生去向落实人数`).
 */
import { joinWrapped, type Grid, type GridCell } from "./grid.js";
import type { PdfItem, PdfRule } from "./pdfExtract.js";
import { itemLines } from "./pdfText.js";

/** A table found on a page. */
export interface PdfTable {
  /** Its box in page points (y upwards). */
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  grid: Grid;
  /** Indexes (into the page's items) of the items read into the table. */
  items: Set<number>;
}

/** Rules closer than this (points) are one rule: double borders, cell edges drawn twice. */
const TOL = 2;
/** Rules shorter than this are no cell edge (tick marks, underline stubs). */
const MIN_RULE = 3;

const isHorizontal = (r: PdfRule) => r.y1 - r.y0 <= TOL && r.x1 - r.x0 >= MIN_RULE;
const isVertical = (r: PdfRule) => r.x1 - r.x0 <= TOL && r.y1 - r.y0 >= MIN_RULE;

function touches(a: PdfRule, b: PdfRule): boolean {
  return a.x0 - TOL <= b.x1 && b.x0 - TOL <= a.x1 && a.y0 - TOL <= b.y1 && b.y0 - TOL <= a.y1;
}

/** Groups of rules that touch each other, each a candidate table. */
function ruleGroups(rules: PdfRule[]): PdfRule[][] {
  const parent = rules.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
  for (let i = 0; i < rules.length; i++) {
    for (let j = i + 1; j < rules.length; j++) if (touches(rules[i], rules[j])) parent[find(i)] = find(j);
  }
  const groups = new Map<number, PdfRule[]>();
  rules.forEach((r, i) => {
    const root = find(i);
    if (!groups.has(root)) groups.set(root, []);
    groups.get(root)!.push(r);
  });
  return [...groups.values()];
}

/** Positions closer than TOL merged into one (their mean). */
function clusterPositions(values: number[]): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  const out: number[][] = [];
  for (const v of sorted) {
    const last = out[out.length - 1];
    if (last && v - last[last.length - 1] <= TOL) last.push(v);
    else out.push([v]);
  }
  return out.map((c) => c.reduce((s, v) => s + v, 0) / c.length);
}

function indexIn(bounds: number[], v: number, descending: boolean): number {
  for (let k = 0; k + 1 < bounds.length; k++) {
    const [a, b] = descending ? [bounds[k + 1], bounds[k]] : [bounds[k], bounds[k + 1]];
    if (v >= a && v <= b) return k;
  }
  return -1;
}

/** The table a group of rules draws, or null when it is no table (a box, an underline, a chart's axes). */
function tableOf(group: PdfRule[], items: PdfItem[], taken: Set<number>): PdfTable | null {
  const hs = group.filter(isHorizontal);
  const vs = group.filter(isVertical);
  const xs = clusterPositions(vs.map((r) => (r.x0 + r.x1) / 2));
  const ys = clusterPositions(hs.map((r) => (r.y0 + r.y1) / 2)).reverse();
  if (xs.length < 3 || ys.length < 2) return null;
  const rows = ys.length - 1;
  const cols = xs.length - 1;
  const hasVertical = (x: number, y: number) => vs.some((r) => Math.abs((r.x0 + r.x1) / 2 - x) <= TOL && r.y0 - TOL <= y && y <= r.y1 + TOL);
  const hasHorizontal = (y: number, x: number) => hs.some((r) => Math.abs((r.y0 + r.y1) / 2 - y) <= TOL && r.x0 - TOL <= x && x <= r.x1 + TOL);
  const cells: GridCell[][] = [];
  for (let r = 0; r < rows; r++) {
    const midY = (ys[r] + ys[r + 1]) / 2;
    const row: GridCell[] = [];
    for (let c = 0; c < cols; c++) {
      const midX = (xs[c] + xs[c + 1]) / 2;
      if (c > 0 && !hasVertical(xs[c], midY)) row.push({ text: "", from: "left" });
      else if (r > 0 && !hasHorizontal(ys[r], midX)) row.push({ text: "", from: "above" });
      else row.push({ text: "", from: "own" });
    }
    cells.push(row);
  }
  // Each item to the cell (the merged cell's origin) its centre falls in.
  const inCell = new Map<string, number[]>();
  const used = new Set<number>();
  items.forEach((it, i) => {
    if (taken.has(i)) return;
    const cx = it.x + it.w / 2;
    const cy = it.y + it.size * 0.35;
    let c = indexIn(xs, cx, false);
    let r = indexIn(ys, cy, true);
    if (c < 0 || r < 0) return;
    while (cells[r][c].from !== "own") {
      if (cells[r][c].from === "left" && c > 0) c--;
      else if (cells[r][c].from === "above" && r > 0) r--;
      else break;
    }
    const key = `${r}:${c}`;
    if (!inCell.has(key)) inCell.set(key, []);
    inCell.get(key)!.push(i);
    used.add(i);
  });
  for (const [key, idx] of inCell) {
    const [r, c] = key.split(":").map(Number);
    cells[r][c].text = joinWrapped(itemLines(idx.map((i) => items[i])).map((l) => l.text));
  }
  // One row is enough: the rest of a table cut by a page break can be a single row.
  if (!cells.some((row) => row.filter((c) => c.text !== "").length >= 2)) return null;
  return { x0: xs[0], x1: xs[xs.length - 1], y0: ys[ys.length - 1], y1: ys[0], grid: cells, items: used };
}

/**
 * The ruled tables of one page, top to bottom. Items read into a table are listed in its `items`,
 * so the page's running text leaves them out.
 *
 * @example findTables(page.rules, page.items)[0].grid[0].map((c) => c.text) // ["指标", "单位", "2022年", "2023年"]
 */
export function findTables(rules: PdfRule[], items: PdfItem[]): PdfTable[] {
  const straight = rules.filter((r) => isHorizontal(r) || isVertical(r));
  const tables: PdfTable[] = [];
  const taken = new Set<number>();
  for (const group of ruleGroups(straight)) {
    const t = tableOf(group, items, taken);
    if (!t) continue;
    for (const i of t.items) taken.add(i);
    tables.push(t);
  }
  return tables.sort((a, b) => b.y1 - a.y1);
}
