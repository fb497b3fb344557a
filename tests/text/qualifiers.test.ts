import { describe, expect, it } from "vitest";
import { latinQualifiersToChinese, readSlots, spelling } from "../../src/text/qualifiers.js";
import { DIMENSIONS } from "../../src/text/vocabulary.js";

/** [text, the slots it must set as dimension → value]. */
const SLOTS: [string, Record<string, string>][] = [
  ["民办学校在校生数", { ownership: "民办" }],
  ["私立学校招生人数", { ownership: "民办" }],
  ["公办学校数", { ownership: "公办" }],
  ["省级专业教学资源库数", { level: "省级" }],
  ["国家级重点专业", { level: "国家级" }],
  ["招生计划", { plan: "计划" }],
  ["计划招生人数", { plan: "计划" }],
  ["实际完成招生", { plan: "实际" }],
  ["升入本科人数", { destination: "本科" }],
  ["对口就业率", { destination: "对口" }],
  ["毕业生本省去向落实率", { region: "本省" }],
  ["省内就业人数", { region: "本省" }],
  ["女生人数", { population: "女生" }],
  ["兼职教师数", { staff: "兼职" }],
  ["累计培训人次", { timeScope: "累计" }],
  // 近三年累计 says one thing twice: still a total over years.
  ["近三年累计培训人次", { timeScope: "近几年" }],
  ["各级各类学校在校学生", { stage: "各级各类" }],
  ["普通高中招生人数", { stage: "普通高中" }],
  // The longer form wins: 非全日制 is not 全日制.
  ["非全日制学生人数", { population: "非全日制" }],
  // 职业高级中学 is a kind of school, not a professional title.
  ["某某职业高级中学在校生", {}],
  ["高级职称教师人数", { title: "高级" }],
  // Two values of one dimension: the row is their total, no slot.
  ["公办民办学校合计", {}],
  ["男女生人数", {}],
  ["在校生数", {}],
];

describe("readSlots", () => {
  it.each(SLOTS)("%s → %j", (text, expected) => {
    const slots = readSlots(text);
    expect(Object.fromEntries(Object.entries(slots).map(([d, s]) => [d, s.value]))).toEqual(expected);
  });

  it("keeps the word as printed beside the canonical value", () => {
    expect(readSlots("省内就业人数").region).toEqual({ value: "本省", word: "省内" });
  });

  it("reads every value's own spelling back as that value (the English and pinyin rewrites rely on it)", () => {
    for (const d of DIMENSIONS) for (const v of d.values) expect(readSlots(spelling(v))[d.dimension]?.value, `${d.dimension}: ${v.value}`).toBe(v.value);
  });
});

describe("latinQualifiersToChinese", () => {
  it.each([
    ["How many students do private schools have", "民办"],
    ["publicly-run schools", "公办"],
    ["provincial-level awards", "省级"],
    ["national-level projects", "国家级"],
    ["graduates employed in jobs matching their major", "对口"],
    ["cumulative training", "累计"],
    ["in the last three years", "近几年"],
    ["minban xuexiao", "民办"],
    ["planned enrolment", "招生计划"],
  ])("%s sets %s", (text, zh) => {
    expect(latinQualifiersToChinese(text)).toContain(zh);
  });

  it("leaves Chinese and unrelated English alone", () => {
    expect(latinQualifiersToChinese("乐山 在校生")).toBe("乐山 在校生");
    expect(latinQualifiersToChinese("How many graduates")).toBe("How many graduates");
  });
});
