import { describe, expect, it } from "vitest";
import { lazyVocabulary, vocabularyOf } from "../../src/search/passages.js";
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

describe("the vocabulary's longest word from a character (the segmenter tries no longer lengths)", () => {
  const counts = { 职业: 3, 职业教育: 2, 职业教育活动周: 1, 教育: 5, 活动: 4, 周: 1 };
  it("is the length of the longest word starting with the character, 0 for none", () => {
    const vocab = vocabularyOf(counts);
    expect(vocab.longestFrom!("职")).toBe(7);
    expect(vocab.longestFrom!("教")).toBe(2);
    expect(vocab.longestFrom!("周")).toBe(1);
    expect(vocab.longestFrom!("学")).toBe(0);
  });
  it("still finds the longest word at each position, and every word inside it", () => {
    expect(segmentQuery("职业教育活动周开幕", vocabularyOf(counts))).toEqual(["职业教育活动周", "职业教育", "职业", "教育", "活动"]);
  });
  it("read on first use, once, and answers as the table does", () => {
    let reads = 0;
    const vocab = lazyVocabulary(() => {
      reads++;
      return counts;
    });
    expect(reads).toBe(0);
    expect(segmentQuery("职业教育活动周", vocab)).toEqual(["职业教育活动周", "职业教育", "职业", "教育", "活动"]);
    expect([vocab.has("活动"), vocab.df("教育"), vocab.longestFrom!("职")]).toEqual([true, 5, 7]);
    expect(reads).toBe(1);
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
