/**
 * A fake Engine returning realistic Answer objects, so the bot is tested without the real
 * index. Figures are the reports' own: 遂宁市职业技术学校 2024 升学人数 = 803 (人才培养质量计分卡,
 * suining-2024.txt line 1350; 2023 = 765 on line 1349).
 */
import type { Answer, AnswerFact, AskContext, Engine, PassageHit, ReportMeta, Table, TableSummary } from "../../src/types.js";

const SUINING = "遂宁市职业技术学校";
const SCORECARD = "人才培养质量计分卡";

/** A fact of the Suining scorecard. */
function suiningFact(year: 2023 | 2024, indicator: "升学人数" | "升入本科人数"): AnswerFact {
  const rows = {
    升学人数: { path: "毕业生去向落实人数 › 其中：升学人数", 2023: [765, 1349], 2024: [803, 1350] },
    升入本科人数: { path: "毕业生去向落实人数 › 其中：升学人数 › 升入本科人数", 2023: [1, 1355], 2024: [4, 1356] },
  } as const;
  const r = rows[indicator];
  const [value, line] = r[year];
  return {
    entity: SUINING,
    report: "suining-2024.txt",
    table: SCORECARD,
    tableNumber: "表1",
    tableId: "suining-2024.txt#1327",
    indicator: r.path,
    year,
    column: `${year}年`,
    value,
    raw: String(value),
    unit: "人",
    line,
    source: "table",
  };
}

function baseAnswer(question: string, over: Partial<Answer>): Answer {
  return {
    question,
    intent: "figure",
    facts: [],
    passages: [],
    reply: "",
    understood: { entities: [], years: [], indicator: null, intent: "figure", unknownEntities: [], keywords: [], yearDefaulted: false },
    alternatives: [],
    variants: [],
    changes: [],
    ms: 1,
    ...over,
  };
}

function figureAnswer(question: string, f: AnswerFact, extra: Partial<Answer> = {}): Answer {
  return baseAnswer(question, {
    facts: [f],
    reply: `${f.entity} ${f.year}年 ${f.indicator.split(" › ").pop()}：${f.raw}${f.unit ?? ""}（${f.tableNumber} ${f.table}，${f.report} 第${f.line}行）`,
    understood: {
      entities: [f.entity],
      years: f.year ? [f.year] : [],
      indicator: f.indicator
        .split(" › ")
        .pop()!
        .replace(/^其中：/, ""),
      intent: "figure",
      unknownEntities: [],
      keywords: ["升学"],
      yearDefaulted: false,
    },
    ...extra,
  });
}

/** A passage hit about `query`. */
function hit(k: number, query: string, casesOnly: boolean): PassageHit {
  const terms = query.split(/\s+/).filter(Boolean);
  const first = k === 0 && /电商/.test(query);
  return {
    report: "suining-2024.txt",
    entity: SUINING,
    kind: casesOnly ? "case" : "paragraph",
    title: first ? "遂潼电商职教联盟成立" : `${terms[0] ?? "段落"}相关工作 ${k + 1}`,
    sectionPath: ["三、服务贡献", "（二）服务地方"],
    text: `学校围绕${terms.join("、")}开展工作，第${k + 1}项举措成效明显，形成了可复制的经验。`.repeat(12),
    snippet: `学校围绕${terms.join("、")}开展工作，第${k + 1}项举措成效明显，形成了可复制的经验。`,
    terms,
    score: 10 - k * 0.5,
    line: first ? 752 : 700 + k * 7,
    ...(casesOnly ? { caseLabel: `典型案例 ${k + 1}` } : {}),
  };
}

const SCORECARD_TABLE: Table = {
  id: "suining-2024.txt#1327",
  report: "suining-2024.txt",
  title: SCORECARD,
  number: "表1",
  standard: SCORECARD,
  header: ["序号", "指标", "单位", "2023年", "2024年"],
  rows: [
    {
      line: 1334,
      path: ["毕业生人数*"],
      cells: [
        { text: "1", line: 1334 },
        { text: "毕业生人数*", line: 1335 },
        { text: "人", line: 1336 },
        { text: "1218", line: 1337 },
        { text: "1332", line: 1338 },
      ],
    },
    {
      line: 1346,
      path: ["毕业生去向落实人数", "其中：升学人数"],
      cells: [
        { text: "", line: 1346 },
        { text: "其中：升学人数", line: 1347 },
        { text: "人", line: 1348 },
        { text: "765", line: 1349 },
        { text: "803", line: 1350 },
      ],
    },
  ],
  startLine: 1327,
  endLine: 1420,
  layout: "cell-per-line",
  transposed: false,
};

const REPORTS: ReportMeta[] = [
  {
    report: "suining-2024.txt",
    entity: SUINING,
    title: "遂宁市职业技术学校职业教育年度质量报告（2024）",
    kind: "school",
    province: "四川",
    english: "Suining Vocational and Technical School",
    aliases: ["遂宁职校", "Suining"],
    reportYear: 2024,
    latestDataYear: 2024,
    dataYears: [2023, 2024],
    sha256: "0".repeat(64),
  },
  {
    report: "leshan-2024.txt",
    entity: "乐山市",
    title: "乐山市职业教育质量年度报告（2024年度）",
    kind: "city",
    province: "四川",
    english: "Leshan",
    aliases: ["嘉州"],
    reportYear: 2024,
    latestDataYear: 2024,
    dataYears: [2023, 2024],
    sha256: "1".repeat(64),
  },
];

/** What the fake engine was asked, for assertions. */
export interface FakeEngineCalls {
  ask: { question: string; context?: AskContext }[];
  search: { query: string; casesOnly: boolean }[];
  reload: number;
}

/** A fake Engine plus the record of its calls. */
export type FakeEngine = Engine & { calls: FakeEngineCalls };

/**
 * The fake engine. Questions it knows:
 * - Suining/遂宁 + 升学 (+ 2023/2024) → the scorecard figure, a variant from running text, an alternative;
 * - a reply "2023年呢" with a Suining context → the 2023 figure;
 * - 升入本科 → 4;
 * - 案例 → case passages; 职普融通 → paragraph passages;
 * - 教职工满意度 → a blank figure: no facts, a reply, an alternative and passages;
 * - 全部月收入 → 150 facts (a long answer);
 * - 注入 → a figure whose text is full of HTML;
 * - 遂宁 升学 对比/vs → both years side by side with the change (a chart);
 * - 画图 with 遂宁 升学 → one figure that asked for a chart (none can be drawn);
 * - 计分卡 导出 → the scorecard as a table answer that asked for a file; 显示…计分卡 → the table answer;
 * - asdfgh → small talk ("nonsense") with two example questions;
 * - boom → throws.
 */
export function createFakeEngine(): FakeEngine {
  const calls: FakeEngineCalls = { ask: [], search: [], reload: 0 };
  const engine: FakeEngine = {
    calls,
    ask(question, given) {
      calls.ask.push(given ? { question, context: given } : { question });
      // The engine's conversation rule, in its simplest cases: a reply or an elliptical question continues.
      const context = given && (given.isReply || /呢[？?]?$|^那/.test(question)) ? given : undefined;
      if (/boom/i.test(question)) throw new Error("engine exploded");
      const year = /2023|23年/.test(question) ? 2023 : /2024|24年/.test(question) ? 2024 : null;
      const suining = /suining|遂宁/i.test(question) || (context?.entities.includes(SUINING) ?? false);
      if (suining && /升学/.test(question) && /对比|vs/i.test(question)) {
        const facts = [suiningFact(2023, "升学人数"), suiningFact(2024, "升学人数")];
        return baseAnswer(question, {
          intent: "change",
          facts,
          reply: "…",
          changes: [{ entity: SUINING, indicator: facts[0]!.indicator, from: 765, to: 803, fromYear: 2023, toYear: 2024, delta: 38, pct: 4.97 }],
          understood: { entities: [SUINING], years: [2023, 2024], indicator: "升学人数", intent: "change", unknownEntities: [], keywords: [], yearDefaulted: false },
        });
      }
      if (suining && /升学/.test(question) && /画图/.test(question)) return figureAnswer(question, suiningFact(2024, "升学人数"), { wants: "chart" });
      if (suining && /计分卡/.test(question) && /导出|显示/.test(question)) {
        return baseAnswer(question, { intent: "table", reply: "表1 人才培养质量计分卡 | …", tableId: SCORECARD_TABLE.id, ...(/导出/.test(question) ? { wants: "export" as const } : {}) });
      }
      if (/asdfgh/.test(question)) {
        return baseAnswer(question, {
          intent: "unknown",
          smallTalk: "nonsense",
          reply: "I didn't understand that. …",
          alternatives: [
            { label: "遂宁 2024 升学人数", question: "遂宁 2024 升学人数" },
            { label: "遂宁 升学 2023 vs 2024", question: "遂宁 升学 2023 vs 2024" },
          ],
        });
      }
      if (/升入本科/.test(question) && suining) return figureAnswer(question, suiningFact(year === 2023 ? 2023 : 2024, "升入本科人数"));
      if (suining && (/升学|further study/i.test(question) || context?.indicator === "升学人数")) {
        const y = year ?? 2024;
        return figureAnswer(question, suiningFact(y, "升学人数"), {
          variants:
            y === 2024 ? [{ ...suiningFact(2024, "升学人数"), table: null, tableNumber: null, tableId: null, indicator: "升入高职院校", raw: "803人", line: 646, source: "text", column: "正文" }] : [],
          alternatives: [{ label: "升入本科人数（2024年）", question: "遂宁 2024 升入本科人数" }],
          understood: {
            entities: [SUINING],
            years: [y],
            indicator: "升学人数",
            intent: "figure",
            unknownEntities: [],
            keywords: ["升学"],
            yearDefaulted: year === null,
          },
        });
      }
      if (/教职工满意度/.test(question)) {
        const hits = engine.search("满意度", { limit: 3 });
        return baseAnswer(question, {
          intent: "figure",
          passages: hits,
          reply:
            "遂宁市职业技术学校 2024年 教职工满意度：报告中该项未填写（印为“-”，满意度调查表，suining-2024.txt 第1504行）。\n相近的指标：\n• 遂宁市职业技术学校 家长满意度（满意度调查表，2023、2024年）\n相关段落：\n1. 满意度调查情况",
          alternatives: [{ label: "遂宁市职业技术学校 家长满意度（满意度调查表，2023、2024年）", question: "遂宁市职业技术学校 2024年 满意度调查表 家长满意度" }],
          understood: { entities: [SUINING], years: [2024], indicator: "教职工满意度", intent: "figure", unknownEntities: [], keywords: ["满意度"], yearDefaulted: false },
        });
      }
      if (/案例|case/i.test(question)) {
        const hits = engine.search(question.replace(/案例|有哪些|的|关于|典型/g, " ").trim() || question, { casesOnly: true, limit: 20 });
        return baseAnswer(question, { intent: "case", passages: hits, reply: `找到 ${hits.length} 个案例` });
      }
      if (/全部月收入/.test(question)) {
        const facts: AnswerFact[] = Array.from({ length: 150 }, (_, k) => ({
          ...suiningFact(2024, "升学人数"),
          entity: `第${k + 1}所学校（很长的名字用来占位置）`,
          indicator: "毕业生月收入 › 其中：本地就业月收入",
          value: 3000 + k,
          raw: String(3000 + k),
          unit: "元",
          line: 2000 + k,
        }));
        return baseAnswer(question, { intent: "compare", facts, reply: "…" });
      }
      if (/注入/.test(question)) {
        const f: AnswerFact = {
          ...suiningFact(2024, "升学人数"),
          entity: `A&B <script>alert("x")</script> 学校`,
          indicator: "a<b › c>d & e",
          raw: "<803>&amp;",
          table: "<i>表</i>",
        };
        return figureAnswer(question, f, { variants: [{ ...f, raw: "&lt;803", line: 12 }] });
      }
      return baseAnswer(question, {
        intent: "unknown",
        reply: `报告里没有找到「${question}」。试试：遂宁 2024 升学人数`,
        understood: { entities: [], years: [], indicator: null, intent: "unknown", unknownEntities: [], keywords: [], yearDefaulted: false },
        alternatives: [{ label: "遂宁 2024 升学人数", question: "遂宁 2024 升学人数" }],
      });
    },
    search(query, opts) {
      const casesOnly = opts?.casesOnly ?? false;
      calls.search.push({ query, casesOnly });
      if (/nothing|没有/.test(query)) return [];
      const n = /many/.test(query) ? 80 : 12;
      return Array.from({ length: Math.min(n, opts?.limit ?? 20) }, (_, k) => hit(k, query, casesOnly));
    },
    examples(lang) {
      return lang === "zh"
        ? ["遂宁 2024 升学人数", "乐山和江门2024年毕业生月收入比一下", "哪个报告2024年月收入最高"]
        : ["Suining 2024 升学人数", "Leshan vs Jiangmen 2024 月收入", "which report has the highest 月收入 in 2024"];
    },
    reports() {
      return REPORTS;
    },
    tables(report) {
      const all: TableSummary[] = [
        { id: SCORECARD_TABLE.id, report: "suining-2024.txt", entity: SUINING, number: "表1", title: SCORECARD, standard: SCORECARD, rows: 2, startLine: 1327 },
        { id: "suining-2024.txt#1430", report: "suining-2024.txt", entity: SUINING, number: "表2", title: "满意度调查表", standard: "满意度调查表", rows: 9, startLine: 1430 },
        { id: "suining-2024.txt#300", report: "suining-2024.txt", entity: SUINING, number: "表1", title: "专业设置一览表", standard: null, rows: 14, startLine: 300 },
      ];
      if (report === undefined) return all;
      return /suining|遂宁/i.test(report) ? all : [];
    },
    table(query) {
      if (query === SCORECARD_TABLE.id || (/遂宁|suining/i.test(query) && /计分卡/.test(query))) return SCORECARD_TABLE;
      return null;
    },
    async reload() {
      calls.reload++;
      return this.status();
    },
    status() {
      return { reports: 5, tables: 42, facts: 4321, passages: 987, warnings: [{ report: "lvliang-2023.txt", line: 88, message: "table without header" }] };
    },
  };
  return engine;
}
