import { describe, expect, it } from "vitest";
import { isContentToken, prepareIndexSegmenter, segmentQuery } from "../../src/search/tokenize.js";

describe("segmentQuery against the index vocabulary", () => {
  const vocab = new Set(["璧山", "宿舍", "宿舍楼", "案例", "职普", "融通", "职普融通", "典型", "典型案例", "升学", "人数", "叉车", "司机", "技能", "大赛", "住"]);
  it.each([
    ["璧山 宿舍 案例", ["璧山", "宿舍", "案例"]],
    ["关于职普融通的典型案例", ["职普融通", "职普", "融通", "典型案例", "典型", "案例"]],
    ["宿舍楼", ["宿舍楼", "宿舍"]],
    ["江门 叉车司机技能大赛 案例", ["叉车", "司机", "技能", "大赛", "案例"]],
    ["Suining 2024 升学人数", ["suining", "2024", "升学", "人数"]],
    ["住的问题", ["住"]],
  ])("%s → %j", (q, tokens) => {
    expect(segmentQuery(q, vocab)).toEqual(tokens);
  });

  it("finds nothing in noise, and never throws on query syntax lunr would choke on", () => {
    expect(segmentQuery("？？？ ^~:+-", vocab)).toEqual([]);
    expect(segmentQuery("", vocab)).toEqual([]);
  });
});

describe("prepareIndexSegmenter (nodejieba cut-for-search)", () => {
  it("lists sub-words of long words, drops punctuation and stop words", () => {
    const text = "遂宁市职业技术学校的学生，拾金不昧。";
    const tokens = prepareIndexSegmenter([text], [])(text);
    expect(tokens).toContain("遂宁");
    expect(tokens).toContain("技术学校");
    expect(tokens).toContain("拾金不昧");
    expect(tokens).not.toContain("的");
    expect(tokens).not.toContain("，");
  });
  it("keeps user words whole", () => {
    const text = "双师型教师比例和职普融通";
    expect(prepareIndexSegmenter([text], [])(text)).not.toContain("职普融通");
    const tokens = prepareIndexSegmenter([text], ["双师型", "职普融通"])(text);
    expect(tokens).toContain("双师型");
    expect(tokens).toContain("职普融通");
  });
  it("refuses texts it was not prepared for, and goes stale once nodejieba is loaded for others", () => {
    const segment = prepareIndexSegmenter(["学生"], []);
    expect(() => segment("教师")).toThrow(/not prepared/);
    prepareIndexSegmenter(["教师"], []);
    expect(() => segment("学生")).toThrow(/loaded for other texts/);
  });
  it("content tokens have a letter, digit or ideograph", () => {
    expect(isContentToken("，")).toBe(false);
    expect(isContentToken("的")).toBe(false);
    expect(isContentToken("2024")).toBe(true);
  });
});
