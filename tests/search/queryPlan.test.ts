import { describe, expect, it } from "vitest";
import { GRAM_PREFIX } from "../../src/search/passageIndex.js";
import { planQuery, unknownChunks } from "../../src/search/queryPlan.js";
import { DEFAULT_RANKING } from "../../src/search/ranking.js";

const vocab = new Set(["技能", "大赛", "技能大赛", "马拉松", "志愿", "服务", "志愿服务", "马克", "观音", "德国", "签约", "宿舍", "管理"]);

describe("unknownChunks: the parts of a query the index does not know as words", () => {
  it.each([
    ["技能大赛", []], // a word
    ["宿舍管理", []], // made of words
    ["德国赋优 签约", ["赋优"]],
    ["沙马克杰", ["沙马克杰"]], // only 马克 is known
    ["观音湖马拉松", ["观音湖马拉松"]], // 湖 is not
    ["遂宁市青年志愿服务制度改革方案精神", ["遂宁市青年", "制度改革方案精神"]], // long run: the stretches no word covers
  ])("%s → %j", (query, chunks) => {
    expect(unknownChunks(query, vocab)).toEqual(chunks);
  });
});

describe("planQuery", () => {
  const index = { vocab, total: 100, wordFrequency: (w: string) => (vocab.has(w) ? 5 : 0), gramFrequency: (g: string) => (g === `${GRAM_PREFIX}赋优` ? 1 : 0) };
  it("one piece per space-separated chunk; bigrams for an unknown chunk the index holds; words in query order", () => {
    const q = planQuery("德国赋优 签约", index, DEFAULT_RANKING);
    expect(q.words).toEqual(["德国", "签约"]);
    expect(q.unknown).toEqual(["赋优"]);
    expect(q.terms.map((t) => t.term)).toEqual(["德国", `${GRAM_PREFIX}赋优`, "签约"]);
    expect(q.pieces).toEqual([[0, 1], [2]]);
    expect(q.phrases).toEqual(["德国赋优"]);
  });
  it("drops a word in more than commonShare of the passages when rarer ones exist", () => {
    const common = { ...index, wordFrequency: (w: string) => (w === "服务" ? 60 : 5) };
    expect(planQuery("志愿服务", common, DEFAULT_RANKING).words).toEqual(["志愿服务", "志愿"]);
  });
});
