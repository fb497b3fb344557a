/**
 * Tables on a PDF page, found from the rules drawn around their cells and the text between them,
 * in every style office suites export:
 *
 * - a full grid: rules that touch form one table; their x and y positions make the grid;
 * - open-sided (top, bottom and inside rules, no left or right border): an edge without its rule is
 *   where the rules across the table end, so the first and last columns are read too;
 * - no vertical rules at all (a 三线表, rules only between rows): rules of the same width stacked with
 *   only table text between them are one table, and its columns are where its text lines up (the
 *   rows with figures give the column gaps; a label set across a gap spans those columns, `2023年`
 *   over `人数 | 占比`);
 * - several rows between two rules (a 三线表's body): each line with figures is a row, the lines
 *   without (a wrapped label) join the nearest; a header between two rules whose spanning label
 *   stands over its columns' own labels is two header rows.
 *
 * A rule missing inside the grid is a merged cell; each text item goes to the cell its centre falls
 * in, and a cell's lines are joined as wrapped text (`毕业生去向落` / `实人数` → `毕业生去向落实人数`).
 */
import { joinWrapped, type Grid, type GridCell } from "./grid.js";
import { boundsOfWidest, isFigure } from "./pdfColumns.js";
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
/** Rules whose ends differ by at most this much (points) span the same width: one table's rules. */
const SAME_WIDTH = 3;
/** Inside a table, a gap wider than this many font sizes between two pieces of a line separates cells. */
const RUN_GAP = 0.8;
/** A text size this much above the body's is a heading: never inside a table. */
const HEADING_RATIO = 1.15;

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

/** A piece of a line with no wide gap inside: one cell's text on that line. */
interface Run {
  x0: number;
  x1: number;
  text: string;
  items: number[];
}

/** Items on one baseline, as runs left to right. */
interface TextLine {
  y: number;
  size: number;
  runs: Run[];
}

/** The items (indexes) as lines top to bottom, each cut into runs at gaps wider than RUN_GAP font sizes. */
function textLines(idx: number[], items: PdfItem[]): TextLine[] {
  const sorted = idx.filter((i) => items[i].str.trim() !== "").sort((a, b) => items[b].y - items[a].y || items[a].x - items[b].x);
  const groups: number[][] = [];
  for (const i of sorted) {
    const g = groups[groups.length - 1];
    const ref = g && items[g[0]];
    if (ref && Math.abs(ref.y - items[i].y) <= Math.max(ref.size, items[i].size) * 0.4) g.push(i);
    else groups.push([i]);
  }
  return groups.map((g) => {
    g.sort((a, b) => items[a].x - items[b].x);
    const size = Math.max(...g.map((i) => items[i].size));
    const runs: Run[] = [];
    for (const i of g) {
      const it = items[i];
      const last = runs[runs.length - 1];
      if (last && it.x - last.x1 <= RUN_GAP * size) {
        last.x1 = Math.max(last.x1, it.x + it.w);
        last.text += it.str;
        last.items.push(i);
      } else runs.push({ x0: it.x, x1: it.x + it.w, text: it.str, items: [i] });
    }
    return { y: items[g[0]].y, size, runs };
  });
}

/** True when a line holds a figure in a cell other than its first: a row of a table's body. */
const hasFigure = (l: TextLine) => l.runs.slice(1).some((r) => isFigure(r.text));

/**
 * Column boundaries (x between two columns) from the text alone: the rows with figures (else all
 * rows) that have the most runs give the gaps, each boundary halfway across the gap they share.
 */
function textColumns(lines: TextLine[]): number[] {
  const body = lines.filter(hasFigure);
  return boundsOfWidest((body.length > 0 ? body : lines).map((l) => l.runs));
}

/** The columns a run covers: one, or several when it is set across column gaps (a spanning label). */
function runColumns(run: Run, xs: number[], size: number): [number, number] {
  const margin = 0.3 * size;
  const first = indexIn(xs, Math.min(run.x0 + margin, (run.x0 + run.x1) / 2), false);
  const last = indexIn(xs, Math.max(run.x1 - margin, (run.x0 + run.x1) / 2), false);
  const centre = indexIn(xs, (run.x0 + run.x1) / 2, false);
  return first >= 0 && last >= first ? [first, last] : [centre, centre];
}

/**
 * The rows one band (the space between two horizontal rules) holds, as groups of its lines:
 * - several lines with figures: each is a row, every other line joins the nearest (on a tie the one
 *   above); in the table's first band a first line without figures is the header;
 * - no figures, and a label spanning columns over other labels in them (a 三线表's header): two rows,
 *   the spanning level and the rest;
 * - else one row (a cell's wrapped lines).
 * Null when the columns are read from the text and a band below the first rows with figures (`inBody`)
 * holds several rows of words only, which cannot be told from wrapped cells.
 */
function bandRows(lines: TextLine[], first: boolean, inBody: boolean, xs: number[], fromText: boolean): TextLine[][] | null {
  if (lines.length <= 1) return [lines];
  const anchors = lines.map(hasFigure);
  if (anchors.filter(Boolean).length >= 2) {
    if (first) anchors[0] = true;
    const rowOf = lines.map((l, k) => {
      let best = -1;
      for (let a = 0; a < lines.length; a++) if (anchors[a] && (best < 0 || Math.abs(lines[a].y - l.y) < Math.abs(lines[best].y - l.y))) best = a;
      return anchors[k] ? k : best;
    });
    return [...new Set(rowOf)].map((a) => lines.filter((_, k) => rowOf[k] === a));
  }
  if (!fromText || anchors.some(Boolean)) return [lines];
  const spans = lines.map((l) => l.runs.map((r) => runColumns(r, xs, l.size)));
  // The lowest line with a spanning label that has labels of its columns below it.
  let level = -1;
  spans.forEach((line, k) => {
    for (const [a, b] of line) {
      if (b > a && spans.slice(k + 1).some((below) => below.some(([c, d]) => c >= a && d <= b))) level = k;
    }
  });
  if (level >= 0) return [lines.slice(0, level + 1), lines.slice(level + 1)].filter((g) => g.length > 0);
  const multi = spans.filter((s) => new Set(s.map(([a]) => a)).size >= 2);
  return inBody && multi.length >= 2 ? null : [lines];
}

/** One row of the grid: the band it stands in, its place in that band, and its lines. */
interface GridRow {
  band: number;
  sub: number;
  y: number;
  lines: TextLine[];
}

/**
 * The table a group of rules draws, or null when it is no table (a box, an underline, a chart's
 * axes). `taken` are items already read into another table.
 */
function tableOf(group: PdfRule[], items: PdfItem[], taken: Set<number>): PdfTable | null {
  const hs = group.filter(isHorizontal);
  const vs = group.filter(isVertical);
  const xs = clusterPositions(vs.map((r) => (r.x0 + r.x1) / 2));
  const ys = clusterPositions(hs.map((r) => (r.y0 + r.y1) / 2)).reverse();
  // An edge drawn without its rule (an open-sided table) is where the rules across the table end.
  if (hs.length > 0) {
    const [left, right] = [Math.min(...hs.map((r) => r.x0)), Math.max(...hs.map((r) => r.x1))];
    if (xs.length === 0 || xs[0] > left + TOL) xs.unshift(left);
    if (xs[xs.length - 1] < right - TOL) xs.push(right);
  }
  if (vs.length > 0) {
    const [bottom, top] = [Math.min(...vs.map((r) => r.y0)), Math.max(...vs.map((r) => r.y1))];
    if (ys.length === 0 || ys[0] < top - TOL) ys.unshift(top);
    if (ys[ys.length - 1] > bottom + TOL) ys.push(bottom);
  }
  if (xs.length < 2 || ys.length < 2) return null;
  const inside: number[] = [];
  items.forEach((it, i) => {
    const cx = it.x + it.w / 2;
    const cy = it.y + it.size * 0.35;
    if (!taken.has(i) && cx >= xs[0] && cx <= xs[xs.length - 1] && cy <= ys[0] && cy >= ys[ys.length - 1]) inside.push(i);
  });
  const lines = textLines(inside, items);
  // No vertical rule at all: the columns are where the text lines up.
  const fromText = vs.length === 0;
  if (fromText) xs.splice(1, 0, ...textColumns(lines).filter((x) => x > xs[0] && x < xs[xs.length - 1]));
  if (xs.length < 3) return null;
  const rows: GridRow[] = [];
  let inBody = false;
  for (let b = 0; b + 1 < ys.length; b++) {
    const inBand = lines.filter((l) => indexIn(ys, l.y + l.size * 0.35, true) === b);
    const groups = bandRows(inBand, b === 0, inBody, xs, fromText);
    inBody ||= inBand.some(hasFigure);
    if (!groups) return null;
    groups.forEach((g, sub) => rows.push({ band: b, sub, y: g.length > 0 ? g.reduce((s, l) => s + l.y, 0) / g.length : (ys[b] + ys[b + 1]) / 2, lines: g }));
  }
  const grid = gridOf(rows, xs, ys, hs, vs, fromText, items);
  if (!grid) return null;
  // Spaces inside the table's box go with it too, so the running text never gets them.
  return { x0: xs[0], x1: xs[xs.length - 1], y0: ys[ys.length - 1], y1: ys[0], grid, items: new Set(inside) };
}

/** The cells of the rows: merges from missing rules (or from labels set across text columns), each item in its cell. */
function gridOf(rows: GridRow[], xs: number[], ys: number[], hs: PdfRule[], vs: PdfRule[], fromText: boolean, items: PdfItem[]): Grid | null {
  const cols = xs.length - 1;
  const hasVertical = (x: number, y: number) => vs.some((r) => Math.abs((r.x0 + r.x1) / 2 - x) <= TOL && r.y0 - TOL <= y && y <= r.y1 + TOL);
  const hasHorizontal = (y: number, x: number) => hs.some((r) => Math.abs((r.y0 + r.y1) / 2 - y) <= TOL && r.x0 - TOL <= x && x <= r.x1 + TOL);
  const cells: GridCell[][] = rows.map((row) =>
    Array.from({ length: cols }, (_, c): GridCell => {
      if (c > 0 && !fromText && !hasVertical(xs[c], row.y)) return { text: "", from: "left" };
      if (row.sub === 0 && row.band > 0 && !hasHorizontal(ys[row.band], (xs[c] + xs[c + 1]) / 2)) return { text: "", from: "above" };
      return { text: "", from: "own" };
    }),
  );
  const inCell = new Map<string, number[]>();
  const place = (r: number, c: number, idx: number[]) => {
    while (cells[r][c].from !== "own") {
      if (cells[r][c].from === "left" && c > 0) c--;
      else if (cells[r][c].from === "above" && r > 0) r--;
      else break;
    }
    const key = `${r}:${c}`;
    if (!inCell.has(key)) inCell.set(key, []);
    inCell.get(key)!.push(...idx);
  };
  rows.forEach((row, r) => {
    const runs = row.lines.flatMap((line) => line.runs.map((run) => ({ run, span: runColumns(run, xs, line.size), centre: indexIn(xs, (run.x0 + run.x1) / 2, false) })));
    for (const { run, span, centre } of runs) {
      if (!fromText) {
        // Ruled columns: each item by its centre, as the rules cut the line.
        for (const i of run.items) {
          const c = indexIn(xs, items[i].x + items[i].w / 2, false);
          if (c >= 0) place(r, c, [i]);
        }
        continue;
      }
      // A label across column gaps spans them, unless another cell of its row stands there.
      let [a, b] = span;
      if (b > a && runs.some((o) => o.run !== run && o.centre > a && o.centre <= b)) a = b = centre;
      if (a < 0) continue;
      for (let c = a + 1; c <= b; c++) if (cells[r][c].from === "own" && cells[r][c].text === "") cells[r][c] = { text: "", from: "left" };
      place(r, a, run.items);
    }
  });
  for (const [key, idx] of inCell) {
    const [r, c] = key.split(":").map(Number);
    cells[r][c].text = joinWrapped(itemLines(idx.map((i) => items[i])).map((l) => l.text));
  }
  // One row is enough: the rest of a table cut by a page break can be a single row.
  const filled = cells.filter((row) => row.filter((c) => c.text !== "").length >= 2).length;
  if (filled < (fromText ? 2 : 1)) return null;
  return cells;
}

/** The horizontal extent of a group's horizontal rules, or null when it has a vertical rule. */
function flatExtent(group: PdfRule[]): { x0: number; x1: number; top: number; bottom: number } | null {
  if (!group.every(isHorizontal)) return null;
  return { x0: Math.min(...group.map((r) => r.x0)), x1: Math.max(...group.map((r) => r.x1)), top: Math.max(...group.map((r) => r.y1)), bottom: Math.min(...group.map((r) => r.y0)) };
}

/**
 * True when what stands between two rules of the same width (x0..x1, from `top` down to `bottom`)
 * can be a table's rows: some text, and no caption, heading, or line of running text (one piece
 * wider than half the rules, or reaching past them).
 */
function tableBetween(items: PdfItem[], x0: number, x1: number, top: number, bottom: number, body: number): boolean {
  const between = items.filter((it) => it.y + it.size * 0.35 < top && it.y + it.size * 0.35 > bottom && it.x + it.w > x0 && it.x < x1);
  const lines = itemLines(between);
  if (lines.length === 0) return top - bottom <= 3 * (body || 10);
  return lines.every((l) => {
    if (l.size > body * HEADING_RATIO || l.x0 < x0 - l.size || l.x1 > x1 + l.size) return false;
    if (/^(续)?(表|图)\s*[0-9一二三四五六七八九十]/.test(l.text)) return false;
    return !(l.cells.length === 1 && l.x1 - l.x0 > (x1 - x0) / 2);
  });
}

/**
 * Groups of horizontal rules only (a 三线表's three, the rules between rows) stacked one under the
 * other with the same width and only table text between them, joined into one group each; a
 * narrower rule between two of them (under a header cell that spans columns) joins them too.
 */
function stackFlatGroups(groups: PdfRule[][], items: PdfItem[], body: number): PdfRule[][] {
  const flat = groups.filter((g) => flatExtent(g) !== null).sort((a, b) => flatExtent(b)!.top - flatExtent(a)!.top);
  const out = groups.filter((g) => flatExtent(g) === null);
  let stack: PdfRule[] | null = null;
  let inner: PdfRule[][] = [];
  const flush = () => {
    out.push(...inner);
    inner = [];
  };
  for (const g of flat) {
    const above = stack && flatExtent(stack)!;
    const here = flatExtent(g)!;
    const joins = above !== null && tableBetween(items, above.x0, above.x1, above.bottom, here.top, body);
    if (joins && Math.abs(above.x0 - here.x0) <= SAME_WIDTH && Math.abs(above.x1 - here.x1) <= SAME_WIDTH) {
      stack!.push(...g, ...inner.flat());
      inner = [];
    } else if (joins && here.x0 >= above.x0 - TOL && here.x1 <= above.x1 + TOL) {
      inner.push(g);
    } else {
      flush();
      stack = [...g];
      out.push(stack);
    }
  }
  flush();
  return out;
}

/**
 * The ruled tables of one page, top to bottom. Items read into a table are listed in its `items`,
 * so the page's running text leaves them out. `body` is the body text's font size (a line set larger
 * is a heading, never a table's row); by default the size most of the page's characters are set in.
 *
 * @example findTables(page.rules, page.items)[0].grid[0].map((c) => c.text) // ["指标", "单位", "2022年", "2023年"]
 */
export function findTables(rules: PdfRule[], items: PdfItem[], body = commonSize(items)): PdfTable[] {
  const straight = rules.filter((r) => isHorizontal(r) || isVertical(r));
  const tables: PdfTable[] = [];
  const taken = new Set<number>();
  for (const group of stackFlatGroups(ruleGroups(straight), items, body)) {
    const t = tableOf(group, items, taken);
    if (!t) continue;
    for (const i of t.items) taken.add(i);
    tables.push(t);
  }
  return tables.sort((a, b) => b.y1 - a.y1);
}

/** The font size most characters are set in. */
export function commonSize(items: PdfItem[]): number {
  const weight = new Map<number, number>();
  for (const it of items) weight.set(Math.round(it.size * 2) / 2, (weight.get(Math.round(it.size * 2) / 2) ?? 0) + it.str.trim().length);
  let best = 0;
  let bestWeight = 0;
  for (const [size, w] of weight) if (w > bestWeight) [best, bestWeight] = [size, w];
  return best;
}
