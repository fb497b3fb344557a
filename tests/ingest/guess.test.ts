import { describe, expect, it } from "vitest";
import { placeFromBody, placeFromFileName, publisherFromMetadata, yearFromFileName } from "../../src/ingest/guess.js";
import { ingestReport } from "../../src/ingest/report.js";

/**
 * A text with no title line (a page's text pasted without its heading, a chapter): who it is about,
 * guessed in order from (a) a publisher its metadata names, (b) the place its text calls its own,
 * (c) its file name; and the report says what was guessed. Each text below is built so that the
 * rule it tests decides: without that rule the next one would give another answer, or none.
 */

const bytes = (s: string) => new TextEncoder().encode(s);
const metaOf = (file: string, text: string) => ingestReport(file, bytes(text)).meta;

// A page's text as copied from the browser: navigation, the metadata block, then the body.
// The body names 汉中市 (a visit) more often than 安康市, so rule (b) alone would say 汉中市.
const PAGE = [
  "首页 > 政务公开 > 通知公告",
  "索引号：11610900/2023-01234",
  "发布机构：安康市教育体育局",
  "发布日期：2023-12-28",
  "一、基本情况",
  "全市共有中等职业学校12所，在校生21000人。",
  "全市组织骨干教师赴汉中市学习，汉中市职教中心介绍了经验，汉中市教育局参加。",
  "二、质量保障",
  "全市毕业生就业率96.5%。",
].join("\n");

// A chapter of a report: no title, no metadata; the body calls 安康市 its own (全市), names a
// district of it (汉滨区) and a city it visited once (西安市).
const CHAPTER = [
  "第三章 教育教学",
  "全市中职学校开设专业52个，安康市教育体育局统筹推进专业建设。",
  "汉滨区职教中心新增专业3个。全市共培训教师1200人次。",
  "安康市与西安市开展交流，安康市中职学校获省级奖项15项。",
].join("\n");

// No title, no metadata, no 全市: only the file name says whose it is.
const PLAIN = ["一、学校概况", "学校占地面积120亩，在校生3200人，教职工210人。", "二、学生发展", "毕业生就业率98.2%。"].join("\n");

describe("rule (a): the publisher a metadata line names", () => {
  it("takes 安康市 from 发布机构：安康市教育体育局 on a copied page, over the place the body names most", () => {
    const meta = metaOf("page.txt", PAGE);
    expect(meta.entity).toBe("安康市");
    expect(meta.kind).toBe("city");
    expect(meta.guessed?.entity).toEqual({ name: "安康市", from: "publisher", evidence: "发布机构：安康市教育体育局", line: 3 });
    // Without rule (a), rule (b) reads the body and says 汉中市: the order matters.
    expect(placeFromBody(PAGE.split("\n"))?.entity).toBe("汉中市");
  });

  it("reads 来源： and several labels on one line; a label naming no place or school is passed over", () => {
    expect(publisherFromMetadata(["发布时间：2024-01-05  来源：岐山县教育局  浏览次数：120"])?.entity).toBe("岐山县");
    expect(publisherFromMetadata(["来源：本站原创", "信息来源：岐山县职业技术教育中心"])).toMatchObject({ entity: "岐山县职业技术教育中心", line: 2 });
    expect(publisherFromMetadata(["来源：新华网", "作者：张三"])).toBeNull();
  });
});

describe("rule (b): the place the text calls its own", () => {
  it("takes 安康市 from 全市 and the city the chapter names most, with its province", () => {
    const meta = metaOf("chapter3.txt", CHAPTER);
    expect(meta.entity).toBe("安康市");
    expect(meta.province).toBe("陕西");
    expect(meta.guessed?.entity).toMatchObject({ name: "安康市", from: "body" });
    // Without rule (b), the file name names nothing: the report would be listed as "chapter3".
    expect(placeFromFileName("chapter3.txt")).toBeNull();
  });

  it("全区 asks for a district: 汉滨区, though the city is named as often", () => {
    const text = ["全区共有中职学校3所。", "汉滨区职教中心、汉滨区第二职中在校生合计4100人。", "安康市教育体育局、安康市人社局指导，汉滨区统筹。"];
    expect(placeFromBody(text)?.entity).toBe("汉滨区");
  });

  it("says nothing without 全市/全区/全县, or when two places are named equally often", () => {
    expect(placeFromBody(["安康市在校生21000人。安康市就业率96%。"])).toBeNull();
    expect(placeFromBody(["全市与安康市、汉中市交流。"])).toBeNull();
  });
});

describe("rule (c): the file name, in Chinese or pinyin", () => {
  it("ankang-2023.txt is 安康市 in 2023, both said to be guessed", () => {
    const meta = metaOf("ankang-2023.txt", PLAIN);
    expect(meta.entity).toBe("安康市");
    expect(meta.province).toBe("陕西");
    expect(meta.reportYear).toBe(2023);
    expect(meta.guessed).toEqual({
      entity: { name: "安康市", from: "file name", evidence: "ankang-2023.txt", line: null },
      year: { year: 2023, from: "file name", evidence: "ankang-2023.txt" },
    });
    // The same text under a name that names no place stays under its file name.
    expect(metaOf("report-2023.txt", PLAIN).entity).toBe("report-2023");
  });

  it("reads Chinese names, pinyin split or prefixed with the province, and refuses a pinyin several places share", () => {
    expect(placeFromFileName("安康市2023年中职质量报告.pdf")?.entity).toBe("安康市");
    expect(placeFromFileName("an-kang_2023.docx")?.entity).toBe("安康市");
    expect(placeFromFileName("shaanxi-ankang-2023.html")?.entity).toBe("安康市");
    expect(placeFromFileName("leshan.txt")?.entity).toBe("乐山市");
    // 魏县, 威县 and 蔚县 are all wei xian; story is no pinyin at all.
    expect(placeFromFileName("weixian-2023.txt")).toBeNull();
    expect(placeFromFileName("story.txt")).toBeNull();
    expect(yearFromFileName("ankang-2023.txt")).toBe(2023);
    expect(yearFromFileName("2022-2023.txt")).toBeNull();
  });
});

describe("a title still decides", () => {
  it("a report whose title names its publisher is not guessed at, whatever its file name and metadata", () => {
    const meta = metaOf("ankang-2023.txt", `# 乐山市中等职业教育质量年度报告（2024）\n发布机构：安康市教育体育局\n${PLAIN}`);
    expect(meta.entity).toBe("乐山市");
    expect(meta.reportYear).toBe(2024);
    expect(meta.guessed).toBeUndefined();
  });
});
