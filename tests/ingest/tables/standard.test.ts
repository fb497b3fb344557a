import { describe, expect, it } from "vitest";
import { recognizeStandard, standardPaths } from "../../../src/ingest/tables/standard.js";

describe("recognizeStandard", () => {
  const header = ["序号", "指标", "单位", "2023年", "2024年"];
  it("goes by the title when there is one", () => {
    expect(recognizeStandard("服务贡献表", header, [])).toBe("服务贡献表");
    expect(recognizeStandard("人才培养质量计分卡", header, [])).toBe("人才培养质量计分卡");
    expect(recognizeStandard("全市中职学生升学就业情况一览表", ["序号", "指标", "2023", "2024"], ["全市毕业生（人）"])).toBeNull();
  });

  it("goes by header and indicator names without a title", () => {
    expect(recognizeStandard(null, [...header, "调查人数", "调查方式"], ["在校生满意度*", "其中：课堂育人满意度*", "毕业生满意度"])).toBe("满意度调查表");
    expect(recognizeStandard(null, header, ["生师比*", "“双师型”教师比例", "专业群数量*"])).toBe("教学资源表");
    // One matching name is not enough, and a header without 指标/单位 is never standard.
    expect(recognizeStandard(null, header, ["月收入"])).toBeNull();
    expect(recognizeStandard(null, ["专业", "一年级（人）"], ["毕业去向落实人数", "月收入"])).toBeNull();
  });
});

describe("standardPaths", () => {
  it("nests sub-rows, siblings without 其中, 学时 continuations and platform rows", () => {
    const rows = [
      { seq: "2", name: "毕业去向落实人数", unit: "人" },
      { seq: "", name: "其中：升学人数", unit: "人" },
      { seq: "", name: "升入本科人数", unit: "人" },
      { seq: "5", name: "教学计划内课程总数*", unit: "门" },
      { seq: "", name: "", unit: "学时" },
      { seq: "", name: "其中：课证融通课程数*", unit: "门" },
      { seq: "", name: "", unit: "学时" },
      { seq: "6", name: "专业教学资源库数", unit: "个" },
      { seq: "", name: "其中：国家级数量*", unit: "个" },
      { seq: "", name: "接入国家智慧教育平台数*", unit: "个" },
      { seq: "", name: "省级数量", unit: "个" },
      { seq: "", name: "接入国家智慧教育平台数*", unit: "个" },
      { seq: "9", name: "编写教材数", unit: "本" },
      { seq: "", name: "新形态教材数", unit: "本" },
      { seq: "", name: "接入国家智慧教育平台数*", unit: "本" },
    ];
    expect(standardPaths(rows)).toEqual([
      ["毕业去向落实人数"],
      ["毕业去向落实人数", "其中：升学人数"],
      ["毕业去向落实人数", "升入本科人数"],
      ["教学计划内课程总数"],
      ["教学计划内课程总数", "学时"],
      ["教学计划内课程总数", "其中：课证融通课程数"],
      ["教学计划内课程总数", "其中：课证融通课程数", "学时"],
      ["专业教学资源库数"],
      ["专业教学资源库数", "其中：国家级数量"],
      ["专业教学资源库数", "其中：国家级数量", "接入国家智慧教育平台数"],
      ["专业教学资源库数", "省级数量"],
      ["专业教学资源库数", "省级数量", "接入国家智慧教育平台数"],
      ["编写教材数"],
      ["编写教材数", "新形态教材数"],
      ["编写教材数", "接入国家智慧教育平台数"],
    ]);
  });
});
