import type { ExampleRow, Fact, Table } from "../types.js";
import { exampleRows } from "./exampleRow.js";
import { MATCH_PARAMS, type MatchParams } from "./matchParams.js";
import { coverTextOf, leftoverWords, withoutOptional, type CoverText } from "./coverage.js";
import { refuses, rowSlots, slotConflicts } from "./indicatorModel.js";
import { readSlots, withoutSlotWords, type Slots } from "../text/qualifiers.js";
import { GENERIC_MEASURE_WORDS, LIGHT_VERBS, STANDARD_TABLE_SOURCE, UNITS } from "../text/vocabulary.js";

/**
 * The catalogue of indicators a question can ask for, and the scoring that matches a question's
 * words to them. An indicator is one row of one table (one label of running text), with one
 * column kind ("2024年" and "2023年" are the same indicator in two years; "占比" is another).
 *
 * Matching is by character bigrams, which suits Chinese: 毕业生升学人数 shares 升学/学人/人数
 * with 其中：升学人数 and 毕业/业生 with its parent 毕业生去向落实人数, and almost nothing with
 * 升入本科人数.
 */
export interface IndicatorEntry {
  key: string;
  report: string;
  table: string | null;
  tableNumber: string | null;
  tableId: string | null;
  standard: boolean;
  indicator: string;
  path: string[];
  /** The row label, normalised (no 其中：, quotes, units in brackets); a generic label ("学时") is prefixed with its parent's. */
  leaf: string;
  /** The row's own label, normalised, even when generic. */
  rowLabel: string;
  /** The printed label starts with a scope word (全日制在校生人数): a question that names none fits a plainer row better. */
  scoped: boolean;
  /** The column's words other than its year ("合计", "金额（万元）", "占比（%）", "调查人数"), normalised; "" for a plain year column. */
  columnLabel: string;
  source: "table" | "text";
  facts: Fact[];
  leafGrams: Set<string>;
  /** The label's bigrams without its trailing measure word (占地面积 → 占地, 培训人数 → 培训), or null when it has none. */
  coreGrams: Set<string> | null;
  contextGrams: Set<string>;
  columnGrams: Set<string>;
  /** Bigrams of the words the row's unit stands for (万元 → 金额 经费): a question's head may be one. */
  measureGrams: Set<string>;
  /** Everything that accounts for a question's words: label, parents, table title, column, the measure its unit says (coverage.ts). */
  cover: CoverText;
  /** Its qualifier slots (indicatorModel.ts), read from its label path, table title and column: never from the sentence around it. */
  slots: Slots;
  /** Inverse document frequency of every label bigram in the catalogue (shared by all entries). */
  idf: Map<string, number>;
}

/** The question's words as a label is normalised for matching. */
function indicatorText(query: string): string {
  // Latin words left over after synonyms ("have", "did") are not part of any Chinese label.
  let q = /[\u4e00-\u9fff]/.test(query) ? query.replace(/[A-Za-z]+/g, "") : query;
  // "多少人" leaves a measure word behind: 中职招生人 asks for 中职招生人数, as the tables print it.
  if ([...q].length >= 3 && !/人数$/.test(q))
    q = q
      .replace(/[人名]$/, "人数")
      .replace(/[个所项门]$/, "数")
      .replace(/[元次册]$/, "");
  return normalizeLabel(q);
}

/**
 * Catalogue entries looked up by the bigrams of their row label: an entry that shares none with
 * the question scores 0 (scoreEntry), so only those sharing one need scoring. Built once per index.
 */
export interface CatalogLookup {
  /**
   * Entries (that `accept` takes) whose label shares a bigram with `queryGrams`. `keepLabel` says which
   * labels could score (given the catalogue's IDF): a lookup that builds entries on demand builds
   * no others; one over a whole catalogue may return them all (the scoring drops them anyway).
   */
  sharingGrams(queryGrams: Set<string>, keepLabel?: (leaf: string, idf: Map<string, number>) => boolean): IndicatorEntry[];
}

/** A lookup over the entries of some gram indexes (one per report, see indexByLeafGram), limited to those `accept` takes. */
export function catalogLookup(indexes: Map<string, IndicatorEntry[]>[], accept: (e: IndicatorEntry) => boolean = () => true): CatalogLookup {
  return {
    // Entries already built: `keepLabel` would only repeat what scoreEntry asks of each.
    sharingGrams(queryGrams) {
      const found = new Set<IndicatorEntry>();
      for (const index of indexes) for (const g of queryGrams) for (const e of index.get(g) ?? []) if (accept(e)) found.add(e);
      return [...found];
    },
  };
}

/** Entries by each bigram of their row label. */
export function indexByLeafGram(entries: IndicatorEntry[]): Map<string, IndicatorEntry[]> {
  const byGram = new Map<string, IndicatorEntry[]>();
  for (const e of entries) {
    for (const g of e.leafGrams) {
      const list = byGram.get(g);
      if (list) list.push(e);
      else byGram.set(g, [e]);
    }
  }
  return byGram;
}

/** A scored match. */
export interface IndicatorMatch {
  entry: IndicatorEntry;
  score: number;
  /** Words of the question the row does not account for (see coverage.ts); [] when it covers all. */
  leftover: string[];
}

const STANDARD = new RegExp(STANDARD_TABLE_SOURCE);

/** Normalises a label for matching: drops 其中：/A类： prefixes, quotes, stars, bracketed units and spaces. */
export function normalizeLabel(s: string): string {
  return canonicalTerms(
    s
      .replace(/^其中[:：]/, "")
      .replace(/^[A-Za-z]类[:：]/, "")
      .replace(/[“”"'‘’*＊\s]/g, "")
      .replace(/[（(](?:人|人次|所|个|元|万元|亿元|%|％|册|项|门|学时|平方米|㎡|台|套|件|天|小时|元\/生|万元\/生|间)[)）]/g, "")
      .replace(/[，。、；：:,.;？?！!（）()【】《》]/g, "")
      // Questions lose 与/及/和 as filler words: labels do too (电子与信息大类 ~ 电子信息大类).
      .replace(/[与及和]/g, ""),
  );
}

/**
 * One spelling for terms the reports (and users) write several ways, applied to labels and
 * questions alike: 在校人数 / 在校学生数 / 在校生数量 → 在校生数, 招生数 → 招生人数.
 */
function canonicalTerms(s: string): string {
  const out = s
    // Abbreviations users and reports both write: 普高 (普通高中), 中等职业 (中职), 毕业去向 (毕业生去向).
    .replace(/普高/g, "普通高中")
    .replace(/中等职业(?:教育)?|中职教育/g, "中职")
    // A share is written 占比, 比重 or 比例 alike (兼职教师占比 ~ 兼职教师比例).
    .replace(/占比|比重|所占比例/g, "比例")
    // A professional title is written 职称 or 专业技术职务 (专业技术职称) alike.
    .replace(/专业技术(?:职务|职称)/g, "职称")
    .replace(/毕业去向/g, "毕业生去向")
    .replace(/在校(?:学生|生)?(?:人数|数量|数)|在校学生(?!满意)|在校生(?![数满人规])/g, "在校生数")
    .replace(/招生(?:人数|数量|数)/g, "招生人数")
    .replace(/毕业(?:生)?(?:人数|数量|数)|毕业生(?![人数满去就本省面对升留在三届专])/g, "毕业生人数")
    .replace(/双师素质/g, "双师型")
    // 双师教师 and 双师型教师 are printed both ways.
    .replace(/双师(?!型)/g, "双师型")
    // Short forms and verbs the reports write both ways: 对口率 is the 对口就业率; 新设 (新开设) 专业 is 新增专业.
    .replace(/对口率/g, "对口就业率")
    .replace(/(?:新开设|新设|新开)(?=[\u4e00-\u9fff]{0,6}专业)/g, "新增")
    .replace(/[普职]{2}(?:招生)?比(?:例)?/g, "普职招生比例");
  const unscoped = out.replace(SCOPE, "");
  // "中职学校3所" in running text, "全市有几所中职学校" in a question: the number of schools.
  return ([...unscoped].length >= 2 ? unscoped : out).replace(/^(合计|总计)?(?:中职)?学校(?:数量|的数量|数)?$/, "$1学校数");
}

/**
 * Scope words every report implies (全市, 全日制, 中职学校) say nothing about which row:
 * 中职学校在校人数 and 全日制在校生人数 are 在校生数; 年生均财政拨款水平 is 生均财政拨款水平.
 */
const SCOPE = /^(?:全日制|全市|全区|全校|本校|中职学校|中职|年(?=[\u4e00-\u9fff]{3}))+/;

/** Whether a label loses a scope word when normalised (the question may still have said it). */
function hasScopeWord(label: string): boolean {
  return SCOPE.test(label.replace(/^其中[:：]/, "").replace(/[“”"'‘’*＊\s]/g, ""));
}

/** The column's words other than a year: "2024学年 · 金额（万元）" → "金额（万元）". */
export function columnLabelOf(column: string): string {
  return column
    .replace(/20\d{2}\s*[-—–~至]\s*20\d{2}\s*学?年?/g, "")
    .replace(/20\d{2}\s*(?:年度|学年|年)?/g, "")
    .replace(/^[\s·:：\-—]+|[\s·:：\-—]+$/g, "")
    .trim();
}

/** Character bigrams of a string (a lone character counts as its own gram). */
export function grams(s: string): Set<string> {
  const chars = [...s.replace(/[^\u4e00-\u9fffA-Za-z0-9%]/g, "")];
  const out = new Set<string>();
  if (chars.length === 1) out.add(chars[0]);
  for (let i = 0; i + 1 < chars.length; i++) out.add(chars[i] + chars[i + 1]);
  return out;
}

function overlap(a: Set<string>, b: Set<string>): number {
  let n = 0;
  for (const g of a) if (b.has(g)) n++;
  return n;
}

/** What an entry's derived fields are made from, kept until each is first read. */
interface EntrySource {
  fact: Fact;
  table: CatalogTableHead | undefined;
  ancestors: string[];
  norm: (s: string) => string;
  gramsOf: (s: string) => Set<string>;
}

type EagerFields = Omit<IndicatorEntry, "coreGrams" | "contextGrams" | "columnGrams" | "measureGrams" | "cover" | "slots">;

/**
 * A catalogue entry whose scoring fields (cover text, slots, context, column and measure grams) are
 * made on first read: a question scores the few entries sharing a bigram with it, and a one-shot
 * `zhibao ask` used to spend most of its start-up making them for every row of every report.
 * The values are exactly those made eagerly before; each is made once.
 */
class CatalogEntry implements IndicatorEntry {
  key!: string;
  report!: string;
  table!: string | null;
  tableNumber!: string | null;
  tableId!: string | null;
  standard!: boolean;
  indicator!: string;
  path!: string[];
  leaf!: string;
  rowLabel!: string;
  scoped!: boolean;
  columnLabel!: string;
  source!: "table" | "text";
  facts!: Fact[];
  leafGrams!: Set<string>;
  idf!: Map<string, number>;
  #from: EntrySource;
  #core: Set<string> | null | undefined;
  #context: Set<string> | undefined;
  #column: Set<string> | undefined;
  #measure: Set<string> | undefined;
  #cover: CoverText | undefined;
  #slots: Slots | undefined;

  constructor(fields: EagerFields, from: EntrySource) {
    Object.assign(this, fields);
    this.#from = from;
  }
  get coreGrams(): Set<string> | null {
    if (this.#core === undefined) {
      const core = coreOf(this.leaf);
      this.#core = core ? this.#from.gramsOf(core) : null;
    }
    return this.#core;
  }
  get contextGrams(): Set<string> {
    // The parent rows and the table's own title (…各专业在校生分年级规模表) explain words of a question too.
    const { ancestors, table, norm, gramsOf } = this.#from;
    return (this.#context ??= gramsOf(ancestors.map(norm).join("") + (table && !table.standard ? norm(table.title ?? "") : "")));
  }
  get columnGrams(): Set<string> {
    return (this.#column ??= this.#from.gramsOf(this.columnLabel));
  }
  get measureGrams(): Set<string> {
    return (this.#measure ??= coverTextOf(MEASURE_WORDS[this.#from.fact.unit ?? ""] ?? "").grams);
  }
  get cover(): CoverText {
    if (!this.#cover) {
      const { fact: f, table, norm } = this.#from;
      this.#cover = coverTextOf(
        [...f.path.map(norm), this.leaf, table?.title ? norm(table.title) : "", this.columnLabel, MEASURE_WORDS[f.unit ?? ""] ?? "", ...(f.scope ?? "").split(/[，,：:；;\s]+/).map(norm)].join(" "),
      );
    }
    return this.#cover;
  }
  get slots(): Slots {
    if (!this.#slots) {
      const { fact: f, table, norm } = this.#from;
      this.#slots = rowSlots(f.path.map(norm), table?.title ? norm(table.title) : "", this.columnLabel);
    }
    return this.#slots;
  }
  /** The fields as plain data (JSON.stringify of an entry shows them all). */
  toJSON(): IndicatorEntry {
    const { coreGrams, contextGrams, columnGrams, measureGrams, cover, slots } = this;
    return { ...this, coreGrams, contextGrams, columnGrams, measureGrams, cover, slots };
  }
}

/** What a catalogue entry takes from its table: its title and whether it is a standard one. */
export type CatalogTableHead = Pick<Table, "id" | "title" | "standard">;

/**
 * Groups facts into indicator entries (one per report × table × row × column kind). The label
 * grams' IDF is over these entries' labels, unless `idf` is given: a store that builds a few
 * reports' entries at a time passes the IDF of every report's labels (see {@link leafIdf}).
 */
export function buildCatalog(facts: Fact[], tables: readonly CatalogTableHead[], idf?: Map<string, number>): IndicatorEntry[] {
  const tableById = new Map(tables.map((t) => [t.id, t]));
  const entries = new Map<string, IndicatorEntry>();
  const shared = idf ?? new Map<string, number>();
  // Labels repeat across facts, years and reports: each is normalised once.
  const memo = <T>(fn: (s: string) => T) => {
    const cache = new Map<string, T>();
    return (s: string): T => {
      let v = cache.get(s);
      if (v === undefined) cache.set(s, (v = fn(s)));
      return v;
    };
  };
  const norm = memo(normalizeLabel);
  const columnOf = memo((column) => norm(columnLabelOf(column)).replace(/^学年$/, ""));
  const gramsOf = memo(grams);
  for (const f of facts) {
    if (f.source === "table" && typeof f.value === "string" && f.value.length > 24) continue; // long text cells are not figures
    const columnLabel = columnOf(f.column);
    const key = `${f.report}|${f.tableId ?? "text"}|${f.indicator}|${columnLabel}`;
    let e = entries.get(key);
    if (!e) {
      const table = f.tableId ? tableById.get(f.tableId) : undefined;
      // A row named only "学时" (a continuation row) means its parent's hours: the parent is part of its name.
      // A bracketed note (（含计算机应用、电子商务）, （含升学）) says what the row holds, not what it is called:
      // it is left out of the name and kept in the row's cover text.
      const own = countLabel(norm(withoutNote(f.path[f.path.length - 1] ?? f.indicator)), f);
      const generic = f.path.length > 1 && [...own].length <= 2;
      const parent = f.path.length > 1 ? norm(f.path[f.path.length - 2]) : "";
      // A row that only qualifies its parent (省级数量, 民办, 女生 under 专业教学资源库数, 在校生数) is named
      // with it: 省级专业教学资源库数 is what a person asks for.
      const qualifier = parent && !generic ? QUALIFIER_ROW.exec(own)?.[1] : undefined;
      const leaf = generic ? parent + own : qualifier ? qualifier + parent : own;
      const ancestors = f.path.slice(0, generic ? -2 : -1);
      e = new CatalogEntry(
        {
          key,
          report: f.report,
          table: f.table,
          tableNumber: f.tableNumber,
          tableId: f.tableId,
          standard: !!table?.standard || STANDARD.test(f.table ?? ""),
          indicator: f.indicator,
          path: f.path,
          leaf,
          rowLabel: own,
          scoped: hasScopeWord(f.path[f.path.length - 1] ?? ""),
          columnLabel,
          source: f.source,
          facts: [],
          leafGrams: gramsOf(leaf),
          idf: shared,
        },
        { fact: f, table, ancestors, norm, gramsOf },
      );
      entries.set(key, e);
    }
    e.facts.push(f);
  }
  if (!idf) leafIdf(new Set([...entries.values()].map((e) => e.leaf)), shared);
  return [...entries.values()];
}

/**
 * The label grams' IDF over a catalogue's distinct labels, into `idf`: 人数 ends hundreds of labels
 * and says little; 招生 is in a few and says a lot.
 */
export function leafIdf(leaves: ReadonlySet<string>, idf: Map<string, number> = new Map()): Map<string, number> {
  const df = new Map<string, number>();
  for (const leaf of leaves) for (const g of grams(leaf)) df.set(g, (df.get(g) ?? 0) + 1);
  for (const [g, n] of df) idf.set(g, Math.log(1 + leaves.size / n));
  idf.set(UNSEEN, Math.log(1 + leaves.size));
  return idf;
}

/**
 * What a store keeps to find one report's entries without reading the report: each fact's entry
 * (its key and its place in the report's catalogue order; facts in no entry are left out), each
 * entry's label grams (with its label, so a lookup can pass over an entry without building it), and
 * the report's distinct labels (for {@link leafIdf}).
 */
export function catalogRows(
  facts: Fact[],
  tables: Table[],
): { factEntry: Map<string, { key: string; ord: number }>; grams: { gram: string; key: string; ord: number; leaf: string }[]; leaves: string[]; examples: ExampleRow[] } {
  const entries = buildCatalog(facts, tables);
  const factEntry = new Map<string, { key: string; ord: number }>();
  const rows: { gram: string; key: string; ord: number; leaf: string }[] = [];
  entries.forEach((e, ord) => {
    for (const f of e.facts) factEntry.set(f.id, { key: e.key, ord });
    for (const gram of e.leafGrams) rows.push({ gram, key: e.key, ord, leaf: e.leaf });
  });
  return { factEntry, grams: rows, leaves: [...new Set(entries.map((e) => e.leaf))], examples: exampleRows(entries) };
}

/** A label without its bracketed note, when enough of it is left: 电子与信息大类（含计算机应用） → 电子与信息大类. */
function withoutNote(label: string): string {
  const bare = label.replace(/[（(][^（）()]*[）)]/g, "").trim();
  return [...bare.replace(/[^\u4e00-\u9fffA-Za-z0-9]/g, "")].length >= 2 ? bare : label;
}

/** A row label that names a level, an ownership or a sex of its parent's measure: 国家级数量, 民办, 女生人数. */
const QUALIFIER_ROW = /^([\u4e00-\u9fff]{0,2}(?:级|办|类)|[男女]生?)(?:数量|个数|人数|数|比例|占比)?$/;

/** The words a unit stands for: a row printed in 人 counts people (人数, 人次), one in % is a rate (比例). */
const MEASURE_WORDS: Record<string, string> = Object.fromEntries(Object.entries(UNITS).map(([unit, u]) => [unit, u.words]));

const UNSEEN = "\u0000unseen";

/**
 * A count's, an area's or a sum's measure word at the end of a label (人数, 数量, 面积, 金额, 资金…). A rate's
 * (比例, 率) is not one: it is what tells a rate from a count when the question says neither.
 */
const MEASURE_SUFFIX = /(?:人数|人次|数量|个数|总数|总量|总额|金额|资金|面积|数)$/;

/**
 * 毕业生 opening a measure of where graduates went (毕业生专业对口就业率, 毕业生升学人数): such a measure is
 * of graduates by definition, so the word says nothing a question must repeat. (Before 满意度 it does:
 * 毕业生满意度 is not 家长满意度.)
 */
const LEADING_SUBJECT = /^(?:应届)?毕业生(?=[\u4e00-\u9fff]*(?:就业|升学|去向))/;

const LEADING_LIGHT_VERB = new RegExp(`^(?:${LIGHT_VERBS.join("|")})(?=[\\u4e00-\\u9fff]{2})`);

/**
 * What a label measures: without its qualifier words (the slots compare those apart) and its
 * measure word, and without the report's own subject before it, when at least two characters remain
 * (占地面积 → 占地, 实际完成招生 → 招生, 省级专业教学资源库数 → 专业教学资源库, 毕业生专业对口就业率 → 就业率
 * with 对口 in its slots). null when that is the label itself.
 */
export function coreOf(leaf: string): string | null {
  const bare = withoutSlotWords(leaf).replace(LEADING_SUBJECT, "").replace(LEADING_LIGHT_VERB, "");
  const core = (bare.length >= 2 ? bare : leaf).replace(MEASURE_SUFFIX, "");
  return core !== leaf && [...core].length >= 2 ? core : null;
}

/**
 * How much of a row's label the question names: the share of its bigrams' IDF weight, or of its
 * core's when that is more (a label's measure word is what its unit already says: 占地 asks for
 * 占地面积, 培训 for 培训人数). A row under MatchParams.minLeafCover is not what was asked.
 */
function leafCoverOf(leafGrams: Set<string>, coreGrams: Set<string> | null, queryGrams: Set<string>, idf: Map<string, number>): number {
  return Math.max(weightedCover(leafGrams, queryGrams, idf), coreGrams ? weightedCover(coreGrams, queryGrams, idf) : 0);
}

/** Whether a label could score at all for these query grams (see leafCoverOf): asked of a label before its entry is built. */
export function labelMayMatch(leaf: string, queryGrams: Set<string>, idf: Map<string, number>, p: MatchParams = MATCH_PARAMS): boolean {
  const core = coreOf(leaf);
  const cover = leafCoverOf(grams(leaf), core ? grams(core) : null, queryGrams, idf);
  return cover > 0 && cover >= p.minLeafCover;
}

/** The share of `gramsOf`'s IDF weight that `queryGrams` names. */
function weightedCover(gramsOf: Set<string>, queryGrams: Set<string>, idf: Map<string, number>): number {
  let hit = 0;
  let total = 0;
  for (const g of gramsOf) {
    const w = weightOf(idf, g);
    total += w;
    if (queryGrams.has(g)) hit += w;
  }
  return total ? hit / total : 0;
}

function weightOf(idf: Map<string, number>, g: string): number {
  return idf.get(g) ?? idf.get(UNSEEN) ?? 1;
}

/** Why a row is no reading of a question: the gate it failed, and the word that decided it. */
export interface Refusal {
  gate: "empty" | "labelCover" | "labelOpening" | "qualifier" | "queryCover" | "measureKind" | "headMissed" | "scope";
  /** The word the row prints that the question lacks, or the question's word the row lacks, when one decided it. */
  word?: string;
  detail?: string;
}

/** A row's score for a question, or the reason it has none. */
export interface Judgement {
  score: number;
  refusal: Refusal | null;
}

/**
 * Scores how well `query` (the question's indicator words, synonyms applied) asks for `entry`:
 * how much of the row label the question names, how much of the question the row (with its
 * parent and column) explains, a bonus when the whole label is named, a penalty when the column
 * adds words the question did not ask for (占比, 调查人数). 0 when a gate refuses it.
 */
export function scoreEntry(query: string, queryGrams: Set<string>, entry: IndicatorEntry, covered: boolean | (() => boolean) = false, p: MatchParams = MATCH_PARAMS, asked?: Slots): number {
  return judgeEntry(query, queryGrams, entry, covered, p, asked).score;
}

/** {@link scoreEntry} with the reason for a 0: which gate refused the row and on which word (for `--explain`). */
export function judgeEntry(query: string, queryGrams: Set<string>, entry: IndicatorEntry, covered: boolean | (() => boolean) = false, p: MatchParams = MATCH_PARAMS, asked?: Slots): Judgement {
  const refuse = (gate: Refusal["gate"], word?: string, detail?: string): Judgement => ({ score: 0, refusal: { gate, ...(word ? { word } : {}), ...(detail ? { detail } : {}) } });
  if (!queryGrams.size || !entry.leafGrams.size) return refuse("empty");
  // Coverage in both directions, each bigram weighted by how rare it is among labels.
  const leafCover = leafCoverOf(entry.leafGrams, entry.coreGrams, queryGrams, entry.idf);
  if (!leafCover) return refuse("labelCover", undefined, "the question names none of the label");
  let explained = 0;
  let queryTotal = 0;
  let contextHit = false;
  for (const g of queryGrams) {
    const w = weightOf(entry.idf, g);
    queryTotal += w;
    if (entry.leafGrams.has(g) || entry.columnGrams.has(g)) explained += w;
    else if (entry.contextGrams.has(g)) {
      explained += w;
      contextHit = true;
    }
  }
  // The question must name most of the row's label: 接收国外留学生人数 is not 接收国外访学教师人数.
  if (leafCover < p.minLeafCover) return refuse("labelCover", undefined, `names ${leafCover.toFixed(2)} of the label (< minLeafCover ${p.minLeafCover})`);
  // ...and what the label starts with, unless it names nearly all of it: 招生人数 is not 毕业生人数,
  // 双师型教师比例 is not 高级双师型教师比例.
  // A word of two or more characters is a qualifier the question lacks; one character may be a misprint (教教职工).
  // (Qualifier words are the slots' to judge: 实际完成招生 opens with 实际完成, and answers 招生人数.)
  const opening = openingLeftover(withoutSlotWords(entry.leaf), queryGrams);
  if (opening && ([...opening].length >= 2 || leafCover < p.labelStartCover)) return refuse("labelOpening", opening, "the label opens with a word the question lacks");
  // ...and its qualifier slots agree with the question's (indicatorModel.ts): 毕业生本省去向落实率 is
  // not 毕业生去向落实率, 招生计划 is not 招生人数.
  const conflict = slotConflicts(asked ?? readSlots(query), entry.slots).find(refuses);
  if (conflict) return refuse("qualifier", conflict.word, `${conflict.dimension}: ${conflict.kind}`);
  // ...and the row must explain a fair part of the question: 培训 alone does not answer 护理护工两委干部培训.
  const queryCover = explained / queryTotal;
  // A row that accounts for every word of the question (coverage.ts) needs no share of its bigrams.
  // (Coverage is asked only here, of the rows that got this far: it is the costly part.)
  if (queryCover < (entry.source === "text" ? p.minQueryCoverText : p.minQueryCoverTable) && !(typeof covered === "function" ? covered() : covered))
    return refuse("queryCover", undefined, `explains ${queryCover.toFixed(2)} of the question`);
  let score = p.leafWeight * leafCover + p.queryWeight * queryCover;
  // A child row (其中：在校生数 under 中外合作办学专业数) answers its parent's question, not a bare one.
  if (entry.path.length > 1 && entry.contextGrams.size && !contextHit && entry.rowLabel === entry.leaf) score -= p.childWithoutParent;
  // A rate is not a count: 去向落实率 is not 去向落实人数.
  const askedKind = questionKind(query);
  const printed = measureKind(entry.leaf + entry.columnLabel) ?? unitKind(entry.facts[0]?.unit ?? null);
  if (askedKind && printed && askedKind !== printed) return refuse("measureKind", undefined, `asked a ${askedKind}, the row is a ${printed}`);
  const labelHead = [...entry.leaf].slice(-2).join("");
  if (labelHead.length === 2 && queryGrams.has(labelHead)) score += p.labelHead;
  if (entry.leaf.length >= 2 && query.includes(entry.leaf)) score += p.wholeLabel;
  // Chinese puts the head noun last: in 中职学校总收入 the indicator is 总收入, in 毕业生月收入 it is 月收入.
  const head = headOf(query);
  if (head) {
    if (query.endsWith(entry.leaf) || (entry.columnLabel && query.endsWith(entry.columnLabel))) score += p.endsWithLabel;
    // A label that explains none of the head likely answers another question (毕业生 for 毕业生月收入).
    // Table rows only lose points (面向第二产业的毕业生 still means the 面向第二产业 row);
    // a phrase from running text, which is far noisier, is dropped.
    else if (!headCovered(head, entry)) {
      // Running text and text cells (award lists, where a row is a person's name) are too noisy to keep.
      if (entry.source === "text" || typeof entry.facts[0]?.value === "string") return refuse("headMissed", head[0], "running text that explains none of the question's head");
      score -= p.headMissed;
    }
  }
  if (entry.rowLabel !== entry.leaf && query.includes(entry.rowLabel)) score += p.rowLabelNamed;
  // A column with words of its own (占比, 调查人数) answers only a question that says them; a total column is the default.
  if (entry.columnLabel && !overlap(entry.columnGrams, queryGrams) && !/^(?:合计|总计|总数|小计)/.test(entry.columnLabel)) score -= p.unaskedColumn;
  if (entry.standard) score += p.standardTable;
  if (entry.scoped) {
    // 中职学校在校人数 was read as 在校生数; a question about 高中阶段在校生 asks for another scope.
    const at = query.indexOf(entry.leaf);
    const qualifier = at > 0 ? withoutOptional(query.slice(0, at)) : "";
    if (qualifier.length >= 2 && !overlap(grams(qualifier), entry.contextGrams)) return refuse("scope", qualifier, "a scoped label against another scope");
    score -= p.scopedLabel;
  }
  if (entry.source === "text") score -= p.runningText;
  return { score, refusal: null };
}

/**
 * The words a label opens with that the question does not say, optional words aside: 高级 in
 * 高级双师型教师比例 for 双师型教师比例, 普通高中 in 普通高中招生人数 for 招生人数. Such a row is narrower
 * than what was asked. "" when the question names how the label starts.
 */
export function openingLeftover(leaf: string, queryGrams: Set<string>): string {
  // The characters bigrams are made of (grams): “9+3”升学率 opens with 9 and 3, as 9+3学生升学率 does.
  const chars = [...leaf.replace(/[^\u4e00-\u9fffA-Za-z0-9%]/g, "")];
  let end = 0;
  while (end < chars.length && !queryGrams.has(chars[end] + (chars[end + 1] ?? "")) && !(end > 0 && queryGrams.has(chars[end - 1] + chars[end]))) end++;
  // 教学 and 教育 open labels without narrowing them (教学计划内课程总数 ~ 计划内课程总数).
  const opening = withoutOptional(chars.slice(0, end).join("")).replace(/^(?:教学|教育)/, "");
  // A preposition opening the label (到中小微企业就业人数) qualifies nothing: 去中小微企业就业 asks for it.
  return PREPOSITION.test(opening) ? "" : opening;
}

/** A single preposition, as it opens a label of where or whom (到…就业, 在…任职, 向…输送). */
const PREPOSITION = /^[到在向对为从赴去往]$/;

/**
 * A sentence says "直接就业1075人", a body table prints "全市升学学生（人）": the label names the
 * people, the unit says it counts them. Spelled as the count it is (直接就业人数, 升学学生人数), it
 * matches how people ask and how the standard tables print.
 */
function countLabel(label: string, f: Fact): string {
  if (/(?:数|率|比例|额|费|值|入|面积)$/.test(label)) return label;
  // A table row names its count itself, except one that names only the people (全市升学学生（人）).
  if (f.source !== "text" && !/(?:学生|教师|毕业生|考生|人员)$/.test(label)) return label;
  if (f.unit === "人" || f.unit === "名") return canonicalTerms(`${label}人数`);
  if (f.unit === "所" || f.unit === "个" || f.unit === "项" || f.unit === "门") return canonicalTerms(`${label}数`);
  return label;
}

/** The kinds of figure the measure-kind gate tells apart: a rate is no count, a sum of money is no head count. */
type GatedKind = "rate" | "count" | "amount";

/** Whether a label (or question) names a rate, a sum of money or a count, by how it ends. */
function measureKind(s: string): GatedKind | null {
  if (/(?:率|比例|占比|比重|满意度)$/.test(s)) return "rate";
  // 配套资金, 学费收入, "how much money" (金额): a sum, never a number of people.
  if (/(?:金额|资金|经费|费用|钱|收入|支出|拨款|总额)$/.test(s)) return "amount";
  // A question ending on the people it counts (自主创业学生, 初级职称教师) asks how many.
  if (/(?:人数|数量|人次|个数|数|学生|教师|考生|人员)$/.test(s)) return "count";
  return null;
}

/** The kind a question asks for: a sum wherever it says 金额 (多少钱, "how much money"), else by how it ends. */
function questionKind(query: string): GatedKind | null {
  return /金额|总额/.test(query) ? "amount" : measureKind(query);
}

/** A rate, a sum or a count by its unit (vocabulary UNITS), for labels that do not say ("升学" printed with 人). */
function unitKind(unit: string | null): GatedKind | null {
  const kind = unit ? UNITS[unit]?.kind : undefined;
  return kind === "rate" || kind === "count" || kind === "amount" ? kind : null;
}

const GENERIC_END = new RegExp(`(?:${GENERIC_MEASURE_WORDS.join("|")})+$`);

/** The last two bigrams of a query, without a trailing measure word ("…就业人" → 就业). */
function headOf(query: string): string[] | null {
  // A generic measure word at the end (合计, 总数, 一共) asks for the kind of figure, not for what it is of.
  const q = [
    ...query
      .replace(GENERIC_END, "")
      .replace(/[人个所名元项门次册位]$/, "")
      .replace(/[^\u4e00-\u9fff]/g, ""),
  ];
  if (q.length < 3) return null;
  return [q.slice(-2).join(""), q.slice(-3, -1).join("")];
}

/** The head is the row's, its column's, its parent's or table's (a child row counts in its parent's unit), or its unit's (经费…金额 in 万元). */
function headCovered(head: string[], entry: IndicatorEntry): boolean {
  return head.some((g) => entry.leafGrams.has(g) || entry.columnGrams.has(g) || entry.contextGrams.has(g) || entry.measureGrams.has(g));
}

/** Ranks entries for a query, best first, dropping those under `min`. */
export function matchIndicators(query: string, entries: IndicatorEntry[] | CatalogLookup, min = MATCH_PARAMS.minScore, p: MatchParams = MATCH_PARAMS): IndicatorMatch[] {
  const q = indicatorText(query);
  const qg = grams(q);
  const asked = readSlots(q);
  const out: IndicatorMatch[] = [];
  // A row whose label the question names too little of scores 0 (scoreEntry): a lookup passes over it unbuilt.
  const keepLabel = min > 0 ? (leaf: string, idf: Map<string, number>) => labelMayMatch(leaf, qg, idf, p) : undefined;
  for (const entry of Array.isArray(entries) ? entries : entries.sharingGrams(qg, keepLabel)) {
    let leftover: string[] | null = null;
    const left = (): string[] => (leftover ??= unexplained(q, asked, entry));
    const score = scoreEntry(q, qg, entry, () => !left().length, p, asked);
    if (score >= min) out.push({ entry, score, leftover: left() });
  }
  return out.sort((a, b) => b.score - a.score || Number(b.entry.standard) - Number(a.entry.standard) || a.entry.key.localeCompare(b.entry.key));
}

/**
 * Rows that would answer the question but for a qualifier the row sets and the question does not
 * (省级认定“双师型”教师 for 双师型教师): narrower than asked, so never the answer, but worth naming in a
 * not-found reply. Each carries the row's qualifier words as its `leftover`.
 */
export function narrowerMatches(query: string, entries: CatalogLookup, p: MatchParams = MATCH_PARAMS): IndicatorMatch[] {
  const q = indicatorText(query);
  const qg = grams(q);
  const asked = readSlots(q);
  const out: IndicatorMatch[] = [];
  // The row's own qualifier words may be most of its label (民办学校招生计划): look wider than an answer would.
  const wider = { ...p, minLeafCover: p.minLeafCover / 2 };
  for (const entry of entries.sharingGrams(qg, (leaf, idf) => labelMayMatch(leaf, qg, idf, wider))) {
    const conflicts = slotConflicts(asked, entry.slots).filter(refuses);
    if (!conflicts.length) continue;
    // Asked as if the question had said the row's qualifiers, the row must be a full answer. (A row
    // that says another value than the question, 省级 for 国家级, then names two: their total, no slot.)
    const q2 = conflicts.map((c) => c.word).join("") + q;
    const asked2 = readSlots(q2);
    if (unexplained(q2, asked2, entry).length) continue;
    const score = scoreEntry(q2, grams(q2), entry, true, p, asked2);
    if (score >= p.minScore) out.push({ entry, score, leftover: conflicts.map((c) => c.word) });
  }
  return out.sort((a, b) => b.score - a.score || a.entry.key.localeCompare(b.entry.key));
}

/**
 * The question's words a row leaves unexplained: those its text does not cover (coverage.ts), and
 * every qualifier the question sets that the row's own slots lack — a sentence's scope may explain
 * a topic word, never a qualifier (民办 from `其中…民办学校2所` is not the 在校生 after it).
 */
function unexplained(q: string, asked: Slots, entry: IndicatorEntry): string[] {
  const words = leftoverWords(q, entry.cover);
  for (const c of slotConflicts(asked, entry.slots)) if (c.kind === "missing" && !words.includes(c.word)) words.push(c.word);
  return words;
}

/** The matches that answer the question: those that leave none of its words unexplained. Every answer path filters with this. */
export function answering(matches: readonly IndicatorMatch[]): IndicatorMatch[] {
  return matches.filter((m) => !m.leftover.length);
}

/** One row as {@link explainMatches} judged it. */
export interface ExplainedRow {
  entry: IndicatorEntry;
  score: number;
  refusal: Refusal | null;
  leftover: string[];
}

/**
 * Every row sharing a bigram with the question, judged as {@link matchIndicators} judges it but
 * with the reason for each refusal: what `zhibao ask --explain` prints. Best first, refused rows
 * after, those naming more of the question first.
 */
export function explainMatches(query: string, entries: IndicatorEntry[] | CatalogLookup, p: MatchParams = MATCH_PARAMS): { text: string; slots: Slots; rows: ExplainedRow[] } {
  const q = indicatorText(query);
  const qg = grams(q);
  const asked = readSlots(q);
  const rows: ExplainedRow[] = [];
  for (const entry of Array.isArray(entries) ? entries : entries.sharingGrams(qg)) {
    const leftover = unexplained(q, asked, entry);
    const j = judgeEntry(q, qg, entry, !leftover.length, p, asked);
    const refusal = j.refusal ?? (j.score < p.minScore ? { gate: "labelCover" as const, detail: `score ${j.score.toFixed(2)} < minScore ${p.minScore}` } : null);
    rows.push({ entry, score: j.score, refusal, leftover });
  }
  const shared = (e: IndicatorEntry) => overlap(e.leafGrams, qg);
  rows.sort((a, b) => Number(!!a.refusal) - Number(!!b.refusal) || b.score - a.score || shared(b.entry) - shared(a.entry));
  return { text: q, slots: asked, rows };
}
