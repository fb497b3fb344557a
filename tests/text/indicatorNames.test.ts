import { describe, expect, it } from "vitest";
import { englishIndicator, indicatorLabelEn } from "../../src/text/indicatorNames.js";

describe("English names of the common indicators", () => {
  it.each([
    ["全日制在校生人数", "full-time students"],
    ["人才培养质量计分卡 › 月收入", "monthly income"],
    ["毕业去向落实人数 › 其中：升学人数", "graduates going on to further study"],
    ["生师比", "student-teacher ratio"],
    ["“双师型”教师比例", "share of dual-qualified teachers"],
    ["家长满意度", "parents' satisfaction"],
  ])("%s → %s", (label, en) => {
    expect(englishIndicator(label)).toBe(en);
  });

  // A row that says more than the plain indicator keeps its Chinese: an English name would widen it.
  it.each(["民办学校在校生数", "省级专业教学资源库数", "本科升学率提升"])("%s has no English name", (label) => {
    expect(englishIndicator(label)).toBeNull();
  });

  it("keeps the printed label beside the English name, for the citation", () => {
    expect(indicatorLabelEn("月收入")).toBe("Monthly income (月收入)");
    expect(indicatorLabelEn("民办学校在校生数")).toBe("民办学校在校生数");
  });
});
