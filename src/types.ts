/**
 * The data model every layer shares: what ingestion produces, what the index stores, and the
 * one Answer object the CLI, the bot and the JSON output all render.
 *
 * Line numbers are always 1-based lines of the raw corpus file, counted as `text.split("\n")`.
 */

import type { STANDARD_TABLES } from "./text/vocabulary.js";

/** A problem found while reading a report: it names the file and line, and never stops the other reports. */
export interface IngestWarning {
  report: string;
  line: number | null;
  message: string;
}

/** What the corpus manifest adds about a report that its text cannot tell (see corpus/manifest.json). */
export interface ManifestEntry {
  /** English name, e.g. "Leshan". */
  english?: string;
  /** Province in Chinese, e.g. "四川". */
  province?: string;
  /** What the report's publisher is. */
  kind?: "city" | "district" | "school";
  /** Extra names users type (short names, old names, common typos). */
  aliases?: string[];
  /** Where the report is published (http or https): answers citing it link to the original. */
  url?: string;
  /** The `Content-Type` it was served with (`zhibao add https://…` records it): a web page's charset, passed to the reader. */
  contentType?: string;
}

/** One report, as read from its text plus the manifest. */
export interface ReportMeta {
  /** File name in corpus/, e.g. "leshan-2024.txt"; the `report` of every fact and passage. */
  report: string;
  /** The entity the report is about, e.g. "乐山市", "遂宁市职业技术学校". */
  entity: string;
  /** The report's title as printed (cleaned). */
  title: string;
  kind: "city" | "district" | "school" | "unknown";
  province: string | null;
  english: string | null;
  aliases: string[];
  /** The published original, from the manifest (http or https), when it gives one. */
  url?: string;
  /** The year the report is titled with ("2024年度" → 2024). */
  reportYear: number | null;
  /** The latest year its tables have data for: the default for a question with no year. */
  latestDataYear: number | null;
  /** Every year that appears as a table column, ascending. */
  dataYears: number[];
  sha256: string;
  /**
   * PDF reports only: `pageStarts[p - 1]` is the first line of the rebuilt text (the text a PDF's
   * lines are counted in, see src/ingest/read/) that stands on page p, so a line maps to its page.
   */
  pageStarts?: number[];
  /**
   * Web pages only: what the page's publication block says about it (发布机构, 发布日期 as YYYY-MM-DD,
   * 来源, 文号, 索引号), each when the page prints it. Not part of the report's text.
   */
  published?: { publisher?: string; date?: string; source?: string; number?: string; index?: string };
  /**
   * Set when the title or the front matter marks the report as not final (征求意见稿, 讨论稿, 送审稿, 草稿,
   * draft …): the word and its line. Of two reports of one entity and year, a draft never replaces a
   * final one (src/ingest/corpus.ts dropDuplicates).
   */
  draft?: { word: string; line: number | null };
  /**
   * Set when no title line named the report's publisher and the entity was guessed (src/ingest/meta.ts):
   * from a publisher named in its metadata (a `发布机构：`/`来源：` line, or a web page's publication
   * block), from the place its text calls its own (全市… with the place it names most), or from its
   * file name (`ankang-2023.txt` → 安康市). `evidence` is what it was read from; `line` where, when a line.
   * Absent when the title (or a title-like line of the front matter) names the publisher and the year.
   */
  guessed?: {
    entity?: { name: string; from: "publisher" | "body" | "file name"; evidence: string; line: number | null };
    /** The year, from the file name (`ankang-2023.txt`), when neither a title nor the cover gives one. */
    year?: { year: number; from: "file name"; evidence: string };
  };
}

/** A cell of a table as printed, after markup cleaning. */
export interface TableCell {
  /** Cleaned text (bookmarks, footnotes, HTML removed; inner wrap spaces collapsed). */
  text: string;
  /** Raw line number where the cell's text starts. */
  line: number;
}

/** One data row of a table. */
export interface TableRow {
  cells: TableCell[];
  /** Raw line where the row starts. */
  line: number;
  /** Indicator path of the row: ["毕业生去向落实人数", "其中：升学人数"]; [label] for a top-level row. */
  path: string[];
}

/** The six standard appendix tables every report is asked to publish. */
export type StandardTable = (typeof STANDARD_TABLES)[number];

/** A table, body or appendix, in any layout. */
/** A row an example question can ask about: a standard-table row printed with a number for a year, and the latest such year in its report. */
export interface ExampleRow {
  report: string;
  leaf: string;
  year: number;
}

/** The row the example questions ask about, and the reports printing it (in report order) with their latest year. */
export interface ExampleTopic {
  leaf: string;
  reports: { report: string; year: number }[];
}

/** What names a table (its number, title and standard kind) and where it is, without its rows. */
export type TableHead = Pick<Table, "id" | "report" | "number" | "title" | "standard" | "startLine"> & { rowCount: number };

export interface Table {
  /** `${report}#${startLine}`: table numbers repeat within a report, so they are no identifier. */
  id: string;
  report: string;
  /** Title as printed without its number ("全市中职学校规模一览表"), the standard name when the title is missing, or null. */
  title: string | null;
  /** Number as printed ("表1", "表1-1"), or null. */
  number: string | null;
  /** Which standard appendix table this is, recognised by header and indicators, or null. */
  standard: StandardTable | null;
  /** Flattened column headers, one per column ("序号", "指标", "单位", "2023年", "2024年"). */
  header: string[];
  rows: TableRow[];
  /** Raw line of the title (or of the header when untitled) and of the table's last cell. */
  startLine: number;
  endLine: number;
  /**
   * How it was printed: tab-separated rows, one tab-prefixed cell per line, one bare cell per line
   * (a flattened HTML table), space-aligned columns (typed text, a PDF's text layer), or pipe rows (Markdown).
   */
  layout: "tab-rows" | "cell-per-line" | "line-cells" | "space-aligned" | "pipe-rows";
  /** True when years are rows and indicators are columns (吕梁 表1-x, 江门 表1-1). */
  transposed: boolean;
  /** The unit the table states for all its figures (`单位：万元` under the title), when it states one. */
  unit?: string;
}

/**
 * One figure (or text cell) from a report: the unit of every numeric answer.
 * `value` is null for a missing cell (`-`, `——`, `/`, blank, `仅高职填报`): kept, never 0.
 */
export interface Fact {
  /** Stable id: `${report}:${line}:${column}`. */
  id: string;
  entity: string;
  report: string;
  /** Table title (standard name for standard tables); null for a figure read from running text. */
  table: string | null;
  /** Table number as printed ("表6"), or null. */
  tableNumber: string | null;
  /** Id of the source table, or null for running text. */
  tableId: string | null;
  /** Indicator path joined with " › ": "毕业生去向落实人数 › 其中：升学人数". */
  indicator: string;
  path: string[];
  unit: string | null;
  /** Column header as printed ("2024年", "合计（人）", "2024学年 · 金额（万元）"). */
  column: string;
  /** Year the value is for, when the column (or row, in a transposed table) says. */
  year: number | null;
  /** Number when the cell is numeric ("36册" → 36, "28.8%" → 28.8), the string for ratios ("2.7:1") and text, null when missing. */
  value: number | string | null;
  /** The cell as printed (cleaned of markup). */
  raw: string;
  /** Raw 1-based line where the value stands. */
  line: number;
  /** PDF reports only: the page the value stands on (`line` counts the text rebuilt from the PDF). */
  page?: number;
  source: "table" | "text";
  /**
   * For text facts printed as approximate or as a bound: the word that says so (约, 近, 超过, 不足, 余, 多, 左右).
   * `raw` keeps it as printed (约2.53万人), and replies show `raw`: such a figure is never stated as exact.
   */
  qualifier?: string;
  /** For text facts: the sentence it was read from. */
  context?: string;
  /**
   * For text facts: the words that scope the figure beyond its short label — its section's title and
   * the words of its clause group before it (`全市共有9所学校开展职业技能培训，66个工种共培训` for 6659人).
   * A question may name them; they explain its words, the label still has to match (answer/coverage.ts).
   */
  scope?: string;
}

/** A numbered section heading. */
export interface Section {
  /** Numbering as printed ("一", "（一）", "1", "1.2.1"). */
  number: string;
  title: string;
  level: number;
  line: number;
}

/** What a passage is. Tables and captions are searchable as one-line passages that cite their line. */
export type PassageKind = "paragraph" | "case" | "table" | "caption";

/** A searchable chunk of a report: a paragraph, a whole case study, a table's title or one of its rows, a caption. */
export interface Passage {
  id: string;
  report: string;
  entity: string;
  /** A paragraph, a case study, a table's title or row (see src/search/linePassages.ts), or a figure caption. */
  kind: PassageKind;
  /** Case title, or the title of the paragraph's innermost section. */
  title: string;
  /** Section titles from the top level down. */
  sectionPath: string[];
  text: string;
  /** First raw line. */
  line: number;
  endLine: number;
  /** Case marker as printed ("典型案例 5", "案例2-4", "【案例3】"), for cases. */
  caseLabel?: string;
  /**
   * For a paragraph joined across a page break: [offset in `text`, raw line] where each raw
   * line's part starts, ascending, so a figure in the text can be cited on its own line.
   * Absent when the text comes from one line.
   */
  lineStarts?: [number, number][];
}

/** A figure caption as printed (markup gone), its raw line and the section it stands in. */
export interface Caption {
  line: number;
  text: string;
  sectionPath: string[];
}

/** Everything one report yields. */
export interface IngestedReport {
  meta: ReportMeta;
  sections: Section[];
  passages: Passage[];
  /** Figure captions, in report order. */
  captions: Caption[];
  tables: Table[];
  facts: Fact[];
  warnings: IngestWarning[];
}

// ---------------------------------------------------------------------------------------------
// Answers

/** `snapshot`: a report's key indicators in one answer (遂宁 2024 概况, answer/snapshot.ts). */
export type Intent = "figure" | "compare" | "change" | "rank" | "snapshot" | "passage" | "case" | "table" | "help" | "unknown";

/** A fact as the answer contract (shared/eval/README.md) prints it, plus display fields and its table's id. */
export type AnswerFact = Pick<Fact, "entity" | "report" | "table" | "tableNumber" | "tableId" | "indicator" | "year" | "column" | "value" | "raw" | "unit" | "line" | "page" | "source">;

/** A ranked passage or case hit. */
export interface PassageHit {
  report: string;
  entity: string;
  kind: PassageKind;
  title: string;
  sectionPath: string[];
  /** The whole passage text (a paragraph, or a case's full body), plain text. */
  text: string;
  /** A short excerpt (≤ ~160 chars) around the matched terms, plain text; what a chat shows. */
  snippet: string;
  /** Matched terms, for highlighting. */
  terms: string[];
  score: number;
  line: number;
  caseLabel?: string;
}

/** A close alternative reading of the question (the bot offers these as buttons). */
export interface Alternative {
  label: string;
  question: string;
}

/** What the engine understood; also what a follow-up question inherits. */
export interface AskContext {
  entities: string[];
  years: number[];
  indicator: string | null;
  intent: Intent;
  /** True when the question replies to the answer this context is of (a Telegram reply): it continues it, however it is worded. */
  isReply?: boolean;
  /**
   * What the answer this context is of answered, so a follow-up can act on that answer again (画个图, 导出Excel,
   * 更多, 只看乐山, 从高到低, 乐山呢 after passages): the question as asked (presentation words taken out), the slots
   * of the context it was asked in, and the changes follow-ups have made since. See understand/followUp.ts.
   */
  asked?: AskedQuestion;
}

/** A question as it was asked, with what follow-ups acting on its answer have changed (see {@link AskContext.asked}). */
export interface AskedQuestion {
  question: string;
  /** The slots of the context it was asked in (never itself carrying `asked`). */
  context?: AskContext;
  /** Reports (file names) that replace the question's own: 乐山呢 after passages, 只看乐山 after a comparison. */
  reports?: string[];
  /** Years that replace the question's own: 那2023年呢 after a ranking, 只要2024年. */
  years?: number[];
  /** Page of a passage list shown (0 is the first): 更多, 下一页. */
  page?: number;
  /** Order of the figures: 从高到低 ("desc"), 从低到高 ("asc"). */
  order?: "asc" | "desc";
}

/** The one answer object every interface renders. */
export interface Answer {
  question: string;
  intent: Intent;
  /** Ordered: the first answers the question; comparisons list every value asked for. [] when the reports do not have it. */
  facts: AnswerFact[];
  passages: PassageHit[];
  /** The answer as plain text, ready to send. */
  reply: string;
  understood: AskContext & { unknownEntities: string[]; keywords: string[]; yearDefaulted: boolean };
  alternatives: Alternative[];
  /** The same figure printed differently elsewhere in the reports (shown with its source). */
  variants: AnswerFact[];
  /** Year-on-year change for change/compare answers. */
  changes: { entity: string; indicator: string; from: number; to: number; fromYear: number; toYear: number; delta: number; pct: number | null }[];
  /** Time spent answering, ms. */
  ms: number;
  /** How the question asked to be shown ("画个图表" → chart, "导出成Excel" → export); absent when it did not say. */
  wants?: "chart" | "export";
  /** The file an export asked for: "csv" when the question said CSV, else "xlsx". */
  exportAs?: "csv" | "xlsx";
  /** Id of the table a table answer shows, so an interface can render or export it. */
  tableId?: string;
  /** What the reply says beside the figures, for interfaces that render the facts themselves: caveats (a school among regions, years that differ), reports or years without the figure. */
  notes?: string[];
  /** The English names of the entities it cites (江门市 → Jiangmen), for English charts, files and messages drawn from `facts`. */
  entityNames?: Record<string, string>;
  /** The published originals of the reports the answer cites, when the manifest gives them ("原文"). */
  sources?: { report: string; entity: string; url: string }[];
  /** Set when the message was not a question about the reports (谢谢, 再见, the weather, random letters): `alternatives` are example questions. */
  smallTalk?: "thanks" | "bye" | "ack" | "out-of-scope" | "nonsense";
}

/** A table as listed for a person (`zhibao tables`, the bot's /table). */
export interface TableSummary {
  id: string;
  report: string;
  entity: string;
  number: string | null;
  title: string | null;
  standard: StandardTable | null;
  rows: number;
  startLine: number;
}

/**
 * The answer engine as every interface sees it. Built by `createEngine` (src/answer/engine.ts);
 * the bot and the CLI take it as a parameter so tests can pass a fake.
 */
/** What a loaded index holds: counts, and the warnings about its report files. */
export interface IndexStatus {
  reports: number;
  /** Tables read from the reports (absent from an engine that does not count them). */
  tables?: number;
  facts: number;
  passages: number;
  warnings: IngestWarning[];
}

export interface Engine {
  /** Answers a question; `context` is the previous answer's `understood`, for follow-ups ("2023年呢？"). */
  ask(question: string, context?: AskContext): Answer;
  /** How a question is read and why each near row answers or not (`zhibao ask --explain`), as lines of text. */
  explain(question: string, context?: AskContext): string;
  /** Ranked passages (or only case studies) for a keyword query. */
  search(query: string, opts?: { casesOnly?: boolean; limit?: number }): PassageHit[];
  /** Every report loaded, with its entity and years. */
  reports(): ReportMeta[];
  /** Questions the loaded reports answer (a figure, a comparison, a ranking), for examples and /start buttons. */
  examples(lang: "zh" | "en"): string[];
  /** Tables of one report (by file name, entity name or alias) or of all reports. */
  tables(report?: string): TableSummary[];
  /** One table by id, or by report plus number/title words ("遂宁", "计分卡"); null when none matches. */
  table(query: string, report?: string): Table | null;
  /** Rebuilds the index from corpus/ and swaps it in; resolves with what was loaded. */
  reload(): Promise<IndexStatus>;
  /** What the loaded index holds, and what was said about its reports. */
  status(): IndexStatus;
  /** Closes the index database, if the store has one (answering after this is an error). */
  close?(): void;
}
