import { describe, expect, it } from "vitest";
import { isCellLine, isChartRow, isContinuation, isTabRow, isTocRow, parseTitle } from "../../../src/ingest/tables/detect.js";

describe("parseTitle", () => {
  it.each([
    ["表1 人才培养质量计分卡", "表1", "人才培养质量计分卡"],
    ["## 表 2 教学资源表", "表2", "教学资源表"],
    [" \t表1人才培养质量计分卡", "表1", "人才培养质量计分卡"],
    ["表 7 乐山市第十五届中等职业学校“文轩杯”技能大赛团体奖和优秀组织奖获奖名单", "表7", "乐山市第十五届中等职业学校“文轩杯”技能大赛团体奖和优秀组织奖获奖名单"],
    ["[bookmark: _Toc16503]表1-1  2021年、2022年学生基本情况比较", "表1-1", "2021年、2022年学生基本情况比较"],
    [" [bookmark: _Toc28951][bookmark: _Toc8763][bookmark: _Toc2619][bookmark: _Toc15912][bookmark: _Toc1540166511][bookmark: _Toc6239]表1 人才培养质量计分卡", "表1", "人才培养质量计分卡"],
    ["表3  毕业生服务三次产业情况", "表3", "毕业生服务三次产业情况"],
  ])("%j → %s %s", (line, number, title) => {
    expect(parseTitle(line)).toEqual({ number, title });
  });

  it.each([
    "表 1\t全市中职学校规模一览表\t4", // a 表目录 entry
    "表1显示，全市招生持续增长。",
    "表明全市中职教育稳步发展",
    "\t序号",
  ])("%j is not a title", (line) => {
    expect(parseTitle(line)).toBeNull();
  });
});

describe("line kinds", () => {
  it("tells a layout-B cell from a layout-A row", () => {
    expect(isCellLine("\t2024年")).toBe(true);
    expect(isCellLine(" \t遂宁市2024年度优秀教育教学经验文章评选")).toBe(true);
    expect(isCellLine("\t")).toBe(true); // an empty cell, not a separator
    expect(isCellLine("\t其中：升学人数\t人\t7056\t6952")).toBe(false);
    expect(isTabRow("\t其中：升学人数\t人\t7056\t6952")).toBe(true);
    expect(isTabRow("接入国家智慧教育平台数\t门\t0\t0\t")).toBe(true);
    expect(isTabRow("\t2024年")).toBe(false);
  });

  it("recognises table-of-contents rows", () => {
    expect(isTocRow("(一) 党建引领强机制，立德树人育人才 .....\t1")).toBe(true);
    expect(isTocRow("<b>一、人才培养</b> .....\t<b>1</b>")).toBe(true);
    expect(isTocRow("表 1\t全市中职学校规模一览表\t4")).toBe(true);
    expect(isTocRow("1\t中职学校数(所)\t23\t19")).toBe(false);
  });

  it("recognises chart residue rows", () => {
    expect(isChartRow("中职学校类型\t10")).toBe(true);
    expect(isChartRow(" 公办学校\t民办学校\t27\t6\t")).toBe(true);
    expect(isChartRow("销售额\t71人, 29%")).toBe(true);
    expect(isChartRow("[bookmark: _Toc18699]2.3.1 就业情况\t")).toBe(false);
  });

  it("tells a wrapped cell from the text after a table", () => {
    expect(isContinuation("在校人数", false)).toBe(true);
    expect(isContinuation("（参与）", false)).toBe(true);
    expect(isContinuation("产业", true)).toBe(true);
    expect(isContinuation(" [bookmark: _Toc19678]目前，全市中职学校办学条件达标率100%。", false)).toBe(false);
    expect(isContinuation(" [bookmark: _Toc831][bookmark: _Toc21093][bookmark: _Toc13652]6.6 政策落实", false)).toBe(false);
    expect(isContinuation("案例2", true)).toBe(false);
    expect(isContinuation("优秀经验文章评选", true)).toBe(true);
    expect(isContinuation("2023-2024学年，中职学校全日制在校生33577人，毕业生10726人。", true)).toBe(false);
  });
});
