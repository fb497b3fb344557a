import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { rowSlots } from "../../src/answer/indicatorModel.js";
import { extractTextFacts } from "../../src/ingest/textFacts.js";
import { impliedValue } from "../../src/text/qualifiers.js";
import type { Dimension } from "../../src/text/vocabulary.js";
import type { Fact } from "../../src/types.js";

/**
 * The corpus of sentence forms (docs/sentence-forms.md): sentences written in the forms real
 * reports print, each with every figure a careful reader takes from it and the numbers that must
 * not become exact figures. A new form is a new line of tests/fixtures/forms/sentences.jsonl.
 */
interface Expected {
  value: number | string;
  unit: string | null;
  year: number;
  words: string[];
  qualifiers: Record<string, string>;
}
interface Form {
  form: string;
  sentence: string;
  entity: string;
  defaultYear: number;
  facts: Expected[];
  none: string[];
}
const FORMS: Form[] = readFileSync(join(import.meta.dirname, "..", "fixtures", "forms", "sentences.jsonl"), "utf8")
  .trim()
  .split("\n")
  .map((l) => JSON.parse(l));

function factsOf(f: Form): Fact[] {
  const p = { id: "r:p:1", report: "r.txt", entity: f.entity, kind: "paragraph" as const, title: "", sectionPath: [], text: f.sentence, line: 1, endLine: 1 };
  return extractTextFacts([p], { entity: f.entity, report: "r.txt", defaultYear: f.defaultYear });
}

const UNIT: Record<string, string> = { 名: "人", "％": "%" };
/** The fact read for an expected figure: same value and unit, the expected words in its label. */
function found(facts: Fact[], e: Expected): Fact | undefined {
  return facts.find((x) => x.value === e.value && (x.unit ?? null) === (e.unit ? (UNIT[e.unit] ?? e.unit) : null) && e.words.every((w) => x.indicator.includes(w)));
}

/** Dimensions and values the corpus does not mark (it has no staff, title, 直接 or 非全日制): not compared. */
const UNMARKED = (d: string, v: string) => d === "staff" || d === "title" || (d === "destination" && v === "直接") || (d === "population" && v === "非全日制");

/** The corpus's slot names and values in the model's (src/text/vocabulary.ts): 升学 and 就业 are measures, 本省 a region. */
function modelSlots(q: Record<string, string>): Partial<Record<Dimension, string>> {
  const out: Partial<Record<Dimension, string>> = {};
  for (const [d, v] of Object.entries(q)) {
    if (d === "destination" && ["升学", "就业"].includes(v)) continue;
    if (d === "plan" && v === "完成率") continue;
    const [dim, value] =
      d === "destination" && ["本省", "省外", "市外"].includes(v) ? ["region", v] : d === "destination" && v === "对口就业" ? [d, "对口"] : d === "timeScope" && /^近/.test(v) ? [d, "近几年"] : [d, v];
    if (impliedValue(dim as Dimension) !== value) out[dim as Dimension] = value;
  }
  return out;
}

/**
 * How many expected figures of each form are read today: a floor that only rises. A mechanism
 * removed (number before its noun, 累计 read under its scope, 截至 as a date) lowers one.
 */
const FLOORS: Record<string, number> = {
  "number-after-noun": 11,
  "number-before-noun": 14,
  "qizhong-chain": 23,
  "paren-breakdown": 9,
  "dun-list": 5,
  respectively: 5,
  "share-of": 5,
  rate: 4,
  change: 14,
  "percentage-points": 2,
  "from-to": 5,
  cumulative: 7,
  money: 5,
  "wan-count": 4,
  "plan-actual": 11,
  ownership: 5,
  level: 8,
  destination: 8,
  population: 5,
  approximation: 1,
  "named-school": 4,
  ratio: 5,
  "per-capita": 4,
  area: 3,
  "printed-format": 3,
  "chinese-numeral": 3,
  "year-series": 7,
  "count-chain": 7,
};

describe("sentence forms: precision", () => {
  it.each(FORMS.filter((f) => f.none.length).map((f) => [f.form, f.sentence, f] as const))("%s: %s states none of its non-figures as exact", (_form, _s, f) => {
    const facts = factsOf(f);
    for (const n of f.none) {
      const stated = facts.filter((x) => (String(x.value) === n || x.raw.includes(n)) && !x.qualifier);
      expect(
        stated.map((x) => `${x.indicator} ${x.raw}`),
        `${n} in ${f.sentence}`,
      ).toEqual([]);
    }
  });

  it("a figure read under the expected words carries the expected year and qualifier slots", () => {
    const wrong: string[] = [];
    for (const f of FORMS) {
      const facts = factsOf(f);
      for (const e of f.facts) {
        const x = found(facts, e);
        if (!x) continue;
        if (x.year !== e.year) wrong.push(`${x.indicator}=${x.raw}: year ${x.year}, not ${e.year} (${f.sentence})`);
        const slots = Object.fromEntries(
          Object.entries(rowSlots(x.path, "", ""))
            .filter(([d, s]) => impliedValue(d as Dimension) !== s.value && !UNMARKED(d, s.value))
            .map(([d, s]) => [d, s.value]),
        );
        if (JSON.stringify(Object.entries(slots).sort()) !== JSON.stringify(Object.entries(modelSlots(e.qualifiers)).sort()))
          wrong.push(`${x.indicator}=${x.raw}: slots ${JSON.stringify(slots)}, not ${JSON.stringify(modelSlots(e.qualifiers))} (${f.sentence})`);
      }
    }
    expect(wrong).toEqual([]);
  });
});

describe("sentence forms: recall", () => {
  const byForm = new Map<string, { read: number; total: number }>();
  for (const f of FORMS) {
    const facts = factsOf(f);
    const r = byForm.get(f.form) ?? { read: 0, total: 0 };
    for (const e of f.facts) {
      r.total++;
      if (found(facts, e)) r.read++;
    }
    byForm.set(f.form, r);
  }
  it.each([...byForm].map(([form, r]) => [form, r] as const))("%s: at least as many figures read as before", (form, r) => {
    expect(r.read).toBeGreaterThanOrEqual(FLOORS[form] ?? 0);
  });
});

describe("a paragraph whose figures cannot be read", () => {
  it("is said, with its line, and the other paragraphs' figures are still read", () => {
    const warnings: string[] = [];
    const good = { id: "r:p:1", report: "r.txt", entity: "青川市", kind: "paragraph" as const, title: "", sectionPath: [], text: "全市在校生43018人。", line: 1, endLine: 1 };
    // A damaged paragraph record (its line starts are no list) throws while its figure's line is looked up.
    const bad = { ...good, id: "r:p:3", line: 3, endLine: 3, text: "全市招生12000人。", lineStarts: 7 as unknown as [number, number][] };
    const facts = extractTextFacts([bad, good], { entity: "青川市", report: "r.txt", defaultYear: 2024, warn: (line, m) => warnings.push(`${line}: ${m}`) });
    expect(facts.map((f) => f.value)).toEqual([43018]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^3: .*line 3/);
  });
});

describe("breakdowns, lists of names and places", () => {
  const read = (sentence: string, entity = "青川市") => factsOf({ form: "", sentence, entity, defaultYear: 2024, facts: [], none: [] }).map((f) => [f.indicator, f.value]);

  it("a bracket after a figure breaks it down, and a share after the bracket is the figure's again", () => {
    expect(read("全市认定双师型教师412人（初级155人、中级231人、高级26人），占专任教师的36.2%。")).toEqual([
      ["认定双师型教师", 412],
      ["初级认定双师型教师", 155],
      ["中级认定双师型教师", 231],
      ["高级认定双师型教师", 26],
      ["认定双师型教师占专任教师比例", 36.2],
    ]);
  });

  it("截至 dates a stock unless 共 or 已 counts a figure up to it", () => {
    expect(read("截至2024年底，全市有中职学校13所（含已合并办学的财经学校），在校学生22916人。")).toEqual([
      ["中职学校", 13],
      ["在校学生", 22916],
    ]);
    expect(read("截至2024年，“春蕾班”已招收8届共857名学生。")).toEqual([]);
  });

  it("thousands separators are printed, not part of the value", () => {
    expect(read("学校占地面积61,208.4平方米，全市中职教育经费投入132,907.26万元。")).toEqual([
      ["占地面积", 61208.4],
      ["中职教育经费投入", 132907.26],
    ]);
  });

  it("the schools as the subject counted (全州中等职业学校共有20所)", () => {
    expect(read("全州中等职业学校共有20所，全日制在校生30771人。", "青川州")).toEqual([
      ["中等职业学校", 20],
      ["全日制在校生", 30771],
    ]);
  });

  it("a 其中 part named only by a status takes its whole's noun; where from is no part of a label", () => {
    expect(read("全市职业教育教师1576人，其中，正式在编1331人，外聘教师245人。")).toEqual([
      ["职业教育教师", 1576],
      ["正式在编教师", 1331],
      ["外聘教师", 245],
    ]);
    expect(read("2024年，从职业技术本科大学引进专业教师10名。")).toEqual([["引进专业教师", 10]]);
  });

  it("the city's own schools (市内中职学校) are the report's scope, no part of a label; 市内生源 is", () => {
    expect(read("当年市内中职学校实际招生9511人。")).toEqual([["实际招生", 9511]]);
    expect(read("其中市内生源学生9054人。")).toEqual([["市内生源学生", 9054]]);
  });

  it("a list of the names counted, then the count and its noun (共有A、B和C3所中等职业学校)", () => {
    expect(read("全市共有青川中等专业学校、云岭县职业高级中学和河西县职业技术学校3所中等职业学校。")).toEqual([["中等职业学校", 3]]);
  });

  it("a county of the region named in the figure's own clause makes the figure that county's", () => {
    expect(read("其中，市财政局下达沐川县2024年技能人才培养补贴资金2.5万元。", "乐山市")).toEqual([["沐川县技能人才培养补贴资金", 2.5]]);
    // In a list of the names counted, the counties are parts of school names.
    expect(read("全市共有沐川县职业高级中学、井研县职业高级中学和马边县职业高级中学3所中等职业学校。", "乐山市")).toEqual([["中等职业学校", 3]]);
  });
});
