/**
 * Answer objects, passage pages, tables and report lists as lines of styled spans
 * (./markup.ts), ready to be split (./split.ts) and turned into Telegram HTML. Nothing here
 * knows about grammY: every function is plain data in, lines out.
 */
import type { Answer, AnswerFact, PassageHit, ReportMeta, Table, TableRow, TableSummary } from "../types.js";
import type { Messages } from "./i18n.js";
import { tableGrid } from "../export/tableGrid.js";
import { indicatorLabelEn } from "../text/indicatorNames.js";
import { b, highlight, htmlLine, i, linesFromText, t, type Line } from "./markup.js";

/** Passage hits per page of a paged list. */
export const PER_PAGE = 5;
/** Longest snippet shown for one hit, in characters. */
export const SNIPPET_MAX = 320;

/**
 * A figure as people read it: the value as printed with its unit, or a "blank" note.
 *
 * @example formatValue({ raw: "803", unit: "人", value: 803, … }, zh) // "803 人"
 */
export function formatValue(f: Pick<AnswerFact, "value" | "raw" | "unit">, m: Messages): string {
  const raw = f.raw.trim();
  if (f.value === null) return m.blank(raw);
  const shown = raw || String(f.value);
  const unit = f.unit?.trim();
  // "7535名", "2.53万人", "28.8%": the report printed its own unit; add ours only to a bare number.
  if (!unit || /^[:：/]$/.test(unit) || !/\d$/.test(shown)) return shown;
  return /^[%‰℃]$/.test(unit) ? `${shown}${unit}` : `${shown} ${unit}`;
}

/** The last segment of an indicator path ("毕业生去向落实人数 › 其中：升学人数" → "其中：升学人数"). */
export function indicatorName(indicator: string): string {
  return lastName(indicator);
}

function lastName(indicator: string): string {
  const parts = indicator.split(" › ");
  return parts[parts.length - 1] ?? indicator;
}

/** "表1 人才培养质量计分卡", or "running text" for a figure from the report's prose. */
export function tableLabel(f: Pick<AnswerFact, "table" | "tableNumber" | "source">, m: Messages): string {
  if (f.source === "text" || (!f.table && !f.tableNumber)) return m.runningText;
  return [f.tableNumber, f.table].filter(Boolean).join(" ");
}

/** "suining-2024.txt 第1350行" */
export function sourceLabel(f: Pick<AnswerFact, "report" | "line">, m: Messages): string {
  return `${f.report} ${m.line(f.line)}`;
}

/** "2024年", or the column as printed when the fact has no year. */
export function yearLabel(f: Pick<AnswerFact, "year" | "column">, m: Messages): string {
  return f.year !== null ? m.year(f.year) : f.column;
}

/** One-line summary of a fact, for inline result titles: "803 人 · 遂宁市职业技术学校 2024年 其中：升学人数". */
export function factTitle(f: AnswerFact, m: Messages): string {
  return `${formatValue(f, m)} · ${unique([f.entity, yearLabel(f, m), indicatorName(f.indicator)]).join(" ")}`;
}

/**
 * An answer: for figures the value with unit, entity, year, table and indicator path, the
 * source (report and line), changes, notes, and where the reports state it differently; for
 * anything else the engine's reply text.
 */
export function renderAnswer(answer: Answer, m: Messages): Line[] {
  const lines: Line[] = [];
  const a = m.lang === "en" ? inEnglish(answer) : answer;
  // In English a common indicator is named in English, its printed label beside it (the path under it stays as printed).
  const indicatorName = (indicator: string) => (m.lang === "en" ? indicatorLabelEn(ownName(indicator)) : lastName(indicator));
  if (a.facts.length === 0) {
    const reply = a.reply.trim();
    // With passages to offer, say what was not found, then the best passage inline (it often holds the figure in
    // its words, as the CLI shows it); the others stay behind the button.
    const text = a.passages.length > 0 ? (reply.split("\n")[0] ?? "") : reply;
    lines.push(...linesFromText(text || m.notFound));
    // A figure derived from printed ones, offered beside "not printed" (answer/derived.ts), is shown, not hidden.
    if (a.passages.length > 0 && a.notes?.length) lines.push(...a.notes.map((n) => [i(n)]));
    if (a.passages.length > 0) lines.push([], [b(m.bestPassage)], ...renderHit(a.passages[0]!, m));
    return lines;
  }
  // A snapshot reads best as the engine wrote it: each figure with its change and source under it, in its language.
  if (a.intent === "snapshot") {
    const [head = "", ...rest] = a.reply.split("\n");
    return [[b(head)], ...rest.map((l) => (/^\s/.test(l) ? [i(l)] : [t(l)]))];
  }
  if (a.facts.length === 1) {
    const f = a.facts[0]!;
    lines.push([t(unique([f.entity, yearLabel(f, m), indicatorName(f.indicator)]).join(" · "))]);
    lines.push([b(formatValue(f, m))]);
    lines.push([t(`📊 ${tableLabel(f, m)} › ${withColumn(f)}`)]);
    lines.push([t(`📄 ${m.source}${m.colon}`), t(sourceLabel(f, m))]);
  } else if (a.intent === "rank") {
    lines.push(...renderRanking(a.facts, m));
  } else {
    for (const f of a.facts) {
      lines.push([t(`• ${unique([f.entity, yearLabel(f, m), indicatorName(f.indicator)]).join(" ")}${m.colon}`), b(formatValue(f, m))]);
      lines.push([i(`   ${tableLabel(f, m)} › ${f.indicator} · ${sourceLabel(f, m)}`)]);
    }
  }
  if (a.changes.length > 0) {
    lines.push([], [b(m.changesTitle)]);
    for (const c of a.changes) {
      const sign = c.delta > 0 ? "+" : "";
      const pct = c.pct === null ? "" : `, ${sign}${round(c.pct)}%`;
      lines.push([t(`• ${c.entity} ${indicatorName(c.indicator)}${m.colon}${m.year(c.fromYear)} ${c.from} → ${m.year(c.toYear)} ${c.to} (`), b(`${sign}${round(c.delta)}`), t(`${pct})`)]);
    }
  }
  // Caveats and the reports or years without the figure, as the engine's reply gives them.
  if (a.notes && a.notes.length > 0) lines.push([], ...a.notes.map((n) => [i(n)]));
  const first = a.facts[0]!;
  // With figures of different years (a ranking over reports), no one year was "taken".
  const oneYear = a.facts.every((f) => f.year === first.year);
  if (a.understood.yearDefaulted && first.year !== null && oneYear) lines.push([], [i(m.yearDefaulted(first.year))]);
  if (a.understood.unknownEntities.length > 0) lines.push([i(m.unknownEntities(a.understood.unknownEntities.join("、")))]);
  if (a.variants.length > 0) {
    lines.push([], [b(m.variantsTitle)]);
    for (const v of a.variants.slice(0, 6)) {
      lines.push([t("• "), b(formatValue(v, m)), t(` — ${tableLabel(v, m)} · ${sourceLabel(v, m)}`)]);
    }
  }
  return lines;
}

/** The last segment of an indicator path without its 其中： ("毕业生去向落实人数 › 其中：升学人数" → "升学人数"). */
function ownName(indicator: string): string {
  return lastName(indicator).replace(/^其中[:：]/, "");
}

/**
 * An answer as an English message shows it: the reports' entities by their English names (Jiangmen for 江门市) in
 * the figures, the changes and the notes; the tables, rows and lines cited stay as printed.
 */
function inEnglish(a: Answer): Answer {
  const names = a.entityNames ?? {};
  if (!Object.keys(names).length) return a;
  const name = (e: string) => names[e] ?? e;
  const inText = (text: string) => Object.entries(names).reduce((x, [zh, en]) => x.replaceAll(zh, en), text);
  return {
    ...a,
    facts: a.facts.map((f) => ({ ...f, entity: name(f.entity) })),
    changes: a.changes.map((c) => ({ ...c, entity: name(c.entity) })),
    ...(a.notes ? { notes: a.notes.map(inText) } : {}),
  };
}

/** Units of things counted (人, 所, 个…): their ranking says "most", a rate's says "highest". */
const COUNT_UNITS = /^(?:人|人次|万人|所|个|门|项|名|册|本|台|套|次|家|间|张|部)$/;

/**
 * A ranking: "1. 乐山市 2024年：287 人" with its source under each, then the first named
 * ("最多的是 乐山市：287 人").
 */
export function renderRanking(facts: AnswerFact[], m: Messages): Line[] {
  const own = ownName(facts[0]!.indicator);
  const lines: Line[] = [[b(m.lang === "en" ? indicatorLabelEn(own) : indicatorName(facts[0]!.indicator))]];
  facts.forEach((f, k) => {
    lines.push([t(`${k + 1}. ${unique([f.entity, yearLabel(f, m)]).join(" ")}${m.colon}`), b(formatValue(f, m))]);
    lines.push([i(`   ${tableLabel(f, m)} › ${f.indicator} · ${sourceLabel(f, m)}`)]);
  });
  const top = facts[0]!;
  const last = facts[facts.length - 1]!;
  const most = rankValue(top) >= rankValue(last);
  lines.push([], [t("🏆 "), b(m.rankTop(top.entity, formatValue(top, m), most, COUNT_UNITS.test(top.unit?.trim() ?? "")))]);
  return lines;
}

function rankValue(f: AnswerFact): number {
  if (typeof f.value === "number") return f.value;
  const x = /^(\d+(?:\.\d+)?)/.exec(String(f.value ?? ""));
  return x ? Number(x[1]) : 0;
}

/** "指标 › 路径 · 2024年", without the column when it only repeats the indicator. */
function withColumn(f: AnswerFact): string {
  return f.column && f.column !== indicatorName(f.indicator) ? `${f.indicator} · ${f.column}` : f.indicator;
}

function unique(parts: string[]): string[] {
  return parts.filter((p, k) => p && parts.indexOf(p) === k);
}

/** Number of pages for `n` hits. */
export function pageCount(n: number, perPage: number = PER_PAGE): number {
  return Math.max(1, Math.ceil(n / perPage));
}

/**
 * One page of a passage or case list: a header, then each hit with its title, entity, source and
 * a snippet with the matched terms in bold.
 */
export function renderPassagePage(list: { query: string; casesOnly: boolean; hits: PassageHit[] }, page: number, m: Messages, snippetMax: number = SNIPPET_MAX, perPage: number = PER_PAGE): Line[] {
  const n = list.hits.length;
  const title = list.casesOnly ? m.casesTitle(list.query, n) : m.passagesTitle(list.query, n);
  const lines: Line[] = [[b(`🔎 ${title}`)]];
  const start = page * perPage;
  list.hits.slice(start, start + perPage).forEach((h, k) => {
    lines.push([], ...renderHit(h, m, snippetMax, start + k + 1));
  });
  return lines;
}

/**
 * One passage hit: "3. 标题 · 典型案例 5", "遂宁市职业技术学校 · suining-2024.txt 第752行", then its
 * snippet (or, with `full`, the whole passage) cut to `max` characters, matched terms in bold.
 */
export function renderHit(h: PassageHit, m: Messages, max: number = SNIPPET_MAX, rank?: number, full = false): Line[] {
  const head: Line = [];
  if (rank !== undefined) head.push(t(`${rank}. `));
  head.push(b(h.title || h.caseLabel || h.sectionPath[h.sectionPath.length - 1] || h.report));
  if (h.caseLabel && h.caseLabel !== h.title) head.push(t(` · ${h.caseLabel}`));
  const body = full ? h.text : h.snippet || h.text;
  return [head, [i(`${h.entity} · ${h.report} ${m.line(h.line)}`)], highlight(clip(body, max), h.terms)];
}

/**
 * A whole table for a phone: title, where it is, the value columns once, then one line per row,
 * "label：v1 | v2 unit", indented under its parent. Labels stand on their own (a continuation row
 * is named with its parent, a repeated label with its parent's name: export/tableGrid.ts), running
 * numbers are dropped, values are as printed and a blank is "—".
 */
export function renderTable(table: Table, entity: string, m: Messages): Line[] {
  const grid = tableGrid(table, entity, { indented: true });
  const lines: Line[] = [[b(`📊 ${[table.number, table.title].filter(Boolean).join(" ") || table.id}`)], [i(`${entity} · ${table.report} ${m.lines(table.startLine, table.endLine)}`)]];
  const label = grid.columns.findIndex((c) => c.kind === "label");
  const unit = grid.columns.findIndex((c) => c.kind === "unit");
  const shown = grid.columns.flatMap((c, k) => (c.kind === "value" ? [k] : []));
  if (shown.length > 0) lines.push([t(`${m.tableColumns}${m.colon}${shown.map((k) => table.header[k] || grid.columns[k]!.header).join(" | ")}`)]);
  lines.push([]);
  table.rows.forEach((row, r) => {
    const values = shown.map((k) => (grid.rows[r]!.cells[k] === null ? "—" : (row.cells[k]?.text ?? "").trim() || "—")).join(" | ");
    const u = unit >= 0 ? (row.cells[unit]?.text ?? "").trim() : "";
    // The unit after all the values, spaced even for %: "80 | 98 %" is both in %, "80 | 98%" would read as one.
    const withUnit = !u || /^[-—–/:：]+$/.test(u) ? values : `${values} ${u}`;
    if (label < 0) {
      lines.push([t(withUnit)]);
      return;
    }
    const name = String(grid.rows[r]!.cells[label] ?? "") || "—";
    lines.push([t(`${"  ".repeat(Math.min(grid.rows[r]!.depth, 3))}${name}${m.colon}`), b(withUnit)]);
  });
  return lines;
}

/** One row of a table, as "column: value" lines, the cell `line` (the answer's figure) in bold. */
export function renderRow(table: Table, row: TableRow, entity: string, m: Messages, line?: number): Line[] {
  const lines: Line[] = [
    [b(row.path.join(" › ") || row.cells.map((c) => c.text).join(" "))],
    [i(`${entity} · ${[table.number, table.title].filter(Boolean).join(" ")} · ${table.report} ${m.line(row.line)}`)],
    [],
  ];
  row.cells.forEach((c, k) => {
    if (c.text === "") return;
    const head = table.header[k] ?? `#${k + 1}`;
    lines.push([t(`${head}${m.colon}`), c.line === line ? b(c.text) : t(c.text)]);
  });
  return lines;
}

/** The row of `table` whose cells include raw line `line`, or the last row starting at or before it. */
export function findRow(table: Table, line: number): TableRow | undefined {
  const exact = table.rows.find((r) => r.cells.some((c) => c.line === line));
  if (exact) return exact;
  let best: TableRow | undefined;
  for (const r of table.rows) if (r.line <= line && (!best || r.line > best.line)) best = r;
  return best;
}

/** Every report, with entity, kind, province, year and data years. */
export function renderReports(reports: ReportMeta[], m: Messages): Line[] {
  const lines: Line[] = [[b(`📚 ${m.reportsTitle(reports.length)}`)]];
  for (const r of reports) {
    const about = [m.kinds[r.kind] ?? "", r.province ?? "", r.english ?? ""].filter(Boolean).join(" · ");
    const years = r.dataYears.length > 0 ? `${m.dataYears} ${r.dataYears[0]}–${r.dataYears[r.dataYears.length - 1]}` : "";
    lines.push([]);
    lines.push([b(r.entity), t(about ? ` · ${about}` : "")]);
    lines.push([t([r.reportYear !== null ? m.reportYear(r.reportYear) : "", years, r.report].filter(Boolean).join(" · "))]);
  }
  return lines;
}

/** A report's tables, numbered like the buttons under them. */
export function renderTableList(entity: string, tables: TableSummary[], m: Messages, shown: number): Line[] {
  const lines: Line[] = [[b(m.tablesOf(entity, tables.length))], []];
  tables.slice(0, shown).forEach((s, k) => {
    lines.push([t(`${k + 1}. ${[s.number, s.title ?? s.standard].filter(Boolean).join(" ") || s.id} (${s.rows}) · ${m.line(s.startLine)}`)]);
  });
  if (tables.length > shown) lines.push([], [i(m.tableMore(tables.length - shown))]);
  return lines;
}

/** The trusted intro/help lines of the catalogue. */
export function catalogueLines(html: string[]): Line[] {
  return html.map((h) => (h === "" ? [] : htmlLine(h)));
}

/** Cuts text to `max` characters at a sentence or word boundary, adding "…". */
export function clip(text: string, max: number): string {
  const s = text.replace(/\s+/g, " ").trim();
  if (s.length <= max) return s;
  const head = s.slice(0, max - 1);
  const cut = Math.max(head.lastIndexOf("。"), head.lastIndexOf("；"), head.lastIndexOf("，"), head.lastIndexOf(" "));
  const end = cut > max * 0.6 ? cut + 1 : max - 1;
  // Do not leave half a surrogate pair.
  const c = s.charCodeAt(end - 1);
  return `${s.slice(0, c >= 0xd800 && c <= 0xdbff ? end - 1 : end)}…`;
}

function round(x: number): string {
  return String(Math.round(x * 100) / 100);
}
