import { describe, expect, it } from "vitest";
import { GRAM_PREFIX, openPassageIndex, packPassageIndex } from "../../src/search/passageIndex.js";
import { DEFAULT_RANKING } from "../../src/search/ranking.js";
import { tinySearch } from "./tinyCorpus.js";

// One test per ranking knob (src/search/ranking.ts), each on a corpus of three or four passages
// built so that the knob decides the winner: with the knob as shipped one passage wins, with the
// knob off (or turned the other way) another does. Remove or invert a knob and its test fails.
// Filler passages make the words rare enough to count (a word in most passages is dropped).
const FILLER = [
  "图书馆开放时间延长，方便读者借阅。",
  "食堂推出新的菜品，师生反响良好。",
  "园区绿化面积扩大，种植树木千余株。",
  "财务制度修订完成，报销流程简化。",
  "网络带宽升级，机房设备更新换代。",
  "教材选用严格审核，质量稳步提升。",
  "招聘工作顺利完成，新进人员报到。",
  "档案整理归类，查阅更加便捷。",
  "安全演练定期开展，应急能力增强。",
  "家长会议如期召开，沟通渠道畅通。",
].map((text, i) => ({ id: `filler${i}`, title: "综合", text }));

describe("RankingParams: each knob decides a winner on a tiny corpus", () => {
  it("fieldBoosts.title: a passage titled with the word beats one that only mentions it in its text", () => {
    const docs = [{ id: "titled", title: "宿舍", text: "学校改善住宿条件，新建楼房。" }, { id: "mentioned", title: "条件", text: "宿舍条件得到改善。" }, ...FILLER];
    // Why: with the title boost the title is the strongest evidence; with the title weighed down, the text wins.
    expect(tinySearch(docs)("宿舍")[0]).toBe("titled");
    expect(tinySearch(docs, { fieldBoosts: { title: 0.2, section: 1, body: 1 } })("宿舍")[0]).toBe("mentioned");
  });

  it("rarity: a word found in one passage outweighs a common word repeated in another", () => {
    const docs = [
      { id: "rare", text: "文轩杯在乐山举行，场面热烈。" },
      { id: "common", text: "技能大赛技能大赛技能大赛。" },
      { id: "c2", text: "技能大赛圆满结束。" },
      { id: "c3", text: "参加技能大赛获奖。" },
      ...FILLER,
    ];
    // Coordination off, so only the weight of each word decides: 文轩杯 is in one passage, 技能大赛 in three;
    // plain BM25 prefers three mentions of 技能大赛 to one of 文轩杯.
    const q = "文轩杯 技能大赛";
    const off = { coordination: 0, phrase: 0, proximity: 0 };
    expect(tinySearch(docs, off, ["文轩杯"])(q)[0]).toBe("rare");
    expect(tinySearch(docs, { ...off, rarity: 0 }, ["文轩杯"])(q)[0]).toBe("common");
  });

  it("subwordWeight: the parts of a compound query word do not outweigh a rare name beside it", () => {
    const docs = [
      { id: "rare", text: "文轩杯在乐山举行，场面热烈。" },
      { id: "compound", text: "技能大赛技能大赛技能大赛。" },
      { id: "c2", text: "技能大赛圆满结束。" },
      { id: "c3", text: "参加技能大赛获奖。" },
      ...FILLER,
    ];
    // 技能大赛 is a word here, and so are its parts 技能 and 大赛: in full, the compound counts three times.
    const off = { coordination: 0, phrase: 0, proximity: 0 };
    const words = ["文轩杯", "技能大赛"];
    expect(tinySearch(docs, off, words)("文轩杯 技能大赛")[0]).toBe("rare");
    expect(tinySearch(docs, { ...off, subwordWeight: 1 }, words)("文轩杯 技能大赛")[0]).toBe("compound");
  });

  it("coordination: a passage holding both query words beats one repeating only one of them", () => {
    const docs = [
      { id: "both", text: "学校组织马拉松比赛，同学们积极参与，现场还有志愿服务队伍维持秩序，活动持续了整整一天时间。" },
      { id: "one", text: "志愿服务，志愿服务，志愿服务。" },
      { id: "other", text: "社区开展志愿服务活动。" },
      ...FILLER,
    ];
    const q = "马拉松 志愿服务";
    expect(tinySearch(docs, { rarity: 0 })(q)[0]).toBe("both");
    expect(tinySearch(docs, { rarity: 0, coordination: 0 })(q)[0]).toBe("one");
  });

  it("bigramWeight: a name the dictionary lacks is found whole through its bigrams", () => {
    const docs = [{ id: "name", text: "学生琰珂璟在大会上发言。" }, { id: "scattered", text: "琰在前，璟在后，珂在旁，琰与璟，珂与璟，琰珂两人。" }, ...FILLER];
    // 琰珂璟 is no word: segmented into single characters, which `scattered` repeats more often.
    const q = "琰珂璟";
    expect(tinySearch(docs, { phrase: 0 })(q)[0]).toBe("name");
    expect(tinySearch(docs, { phrase: 0, bigramWeight: 0 })(q)[0]).toBe("scattered");
  });

  it("phrase: query words standing together verbatim beat the same words apart", () => {
    const docs = [
      { id: "together", text: "今年重点推进宿舍管理改革，取得了比较明显的效果，学生满意度提高，家长也比较放心。" },
      { id: "apart", text: "宿舍条件改善，宿舍更新；管理制度完善，管理更细。" },
      ...FILLER,
    ];
    // One piece of two words, 宿舍管理, not itself a word of the index.
    const q = "宿舍管理";
    // Bigrams and coordination off: 宿舍管理's bigram 舍管 would favour `together` too.
    const off = { proximity: 0, bigramWeight: 0, coordination: 0 };
    expect(tinySearch(docs, { ...off, phrase: 1 })(q)[0]).toBe("together");
    expect(tinySearch(docs, { ...off, phrase: 0 })(q)[0]).toBe("apart");
  });

  it("proximity and proximityWindow: query words close together beat the same words far apart", () => {
    const docs = [
      { id: "near", text: "宿舍和管理两项工作一起抓，全年没有发生安全事故，各项制度落实到位，师生评价较高。" },
      { id: "far", text: "宿舍宿舍条件改善。学校还开展了读书活动、运动会、文艺汇演和社会实践，管理管理更细。" },
      ...FILLER,
    ];
    const q = "宿舍 管理";
    expect(tinySearch(docs, { phrase: 0, proximity: 1 })(q)[0]).toBe("near");
    expect(tinySearch(docs, { phrase: 0, proximity: 0 })(q)[0]).toBe("far");
    expect(tinySearch(docs, { phrase: 0, proximity: 1, proximityWindow: 1 })(q)[0]).toBe("far");
  });

  it("rerankDepth: the bonuses reach only the best candidates", () => {
    const docs = [
      { id: "together", text: "今年重点推进宿舍管理改革，取得了比较明显的效果，学生满意度提高，家长也比较放心。" },
      { id: "apart", text: "宿舍条件改善，宿舍更新；管理制度完善，管理更细。" },
      ...FILLER,
    ];
    const off = { proximity: 0, bigramWeight: 0, coordination: 0 };
    expect(tinySearch(docs, { ...off, phrase: 1, rerankDepth: 2 })("宿舍管理")[0]).toBe("together");
    // `together` ranks second by BM25: with a depth of one it gets no phrase bonus.
    expect(tinySearch(docs, { ...off, phrase: 1, rerankDepth: 1 })("宿舍管理")[0]).toBe("apart");
  });

  it("commonShare: a word in most passages is dropped when the query has a rarer one", () => {
    const docs = [
      { id: "short", text: "宿舍。" },
      { id: "school", text: "学校学校学校的宿舍。" },
      ...["开学", "放假", "上课", "考试", "运动"].map((w, i) => ({ id: `s${i}`, text: `学校${w}。` })),
      ...FILLER,
    ];
    // 学校 is in 7 of 17 passages (over a quarter): dropped, only 宿舍 counts and the shorter passage wins.
    expect(tinySearch(docs)("学校 宿舍")[0]).toBe("short");
    expect(tinySearch(docs, { commonShare: 1 })("学校 宿舍")[0]).toBe("school");
  });

  it("maxTerms: only the rarest words of a long query count", () => {
    const docs = [
      { id: "rarest", text: "龙舟比赛在江边举行。" },
      { id: "many", text: "学生参加运动会，同学在操场运动，运动会很热闹，学生很开心。" },
      { id: "m2", text: "同学参加运动会。" },
      ...FILLER,
    ];
    const q = "龙舟 运动会 学生 同学";
    expect(tinySearch(docs, { maxTerms: 1, coordination: 0 })(q)[0]).toBe("rarest");
    expect(tinySearch(docs, { maxTerms: 10, coordination: 0 })(q)[0]).toBe("many");
  });

  it("lengthBoost: a longer query word weighs more than its shorter part", () => {
    const docs = [{ id: "long", text: "新建宿舍楼一栋，可住一千人，配有空调和热水，环境整洁舒适，学生入住以后反映良好。" }, { id: "short", text: "宿舍宿舍。" }, ...FILLER];
    // The query says 宿舍楼 (and so its part 宿舍); only `long` holds the longer word.
    const off = { coordination: 0, rarity: 0, phrase: 0, proximity: 0, subwordWeight: 1 };
    expect(tinySearch(docs, { ...off, lengthBoost: 4 }, ["宿舍楼"])("宿舍楼")[0]).toBe("long");
    expect(tinySearch(docs, { ...off, lengthBoost: 0 }, ["宿舍楼"])("宿舍楼")[0]).toBe("short");
  });

  it("preferCases: a case study wins over a paragraph when the question asks for cases", () => {
    const docs = [
      { id: "case", kind: "case" as const, title: "案例1 住宿", text: "案例1 住宿\n学校新建宿舍，改善了学生的住宿条件，得到家长认可。" },
      { id: "paragraph", text: "宿舍条件有所改善，同学们都很满意。" },
      ...FILLER,
    ];
    expect(tinySearch(docs)("宿舍", { preferCases: true })[0]).toBe("case");
    expect(tinySearch(docs, { preferCases: 1 })("宿舍", { preferCases: true })[0]).toBe("paragraph");
  });

  it("kindWeights: a table row stays behind a paragraph that says the same", () => {
    const docs = [
      { id: "row", kind: "table" as const, title: "表3 获奖情况", text: "1 导游服务 二等奖" },
      { id: "paragraph", text: "学生在导游服务项目中获得二等奖，指导教师表现突出，学校给予表彰，并组织经验交流。" },
      ...FILLER,
    ];
    expect(tinySearch(docs, { kindWeights: { ...DEFAULT_RANKING.kindWeights, table: 0.3 } })("导游服务")[0]).toBe("paragraph");
    expect(tinySearch(docs, { kindWeights: { ...DEFAULT_RANKING.kindWeights, table: 1 } })("导游服务")[0]).toBe("row");
  });

  it("bigram.b: length normalisation of the bigram postings lets a short passage win", () => {
    const passages = [
      { ref: "short", text: "琰珂在此。" },
      { ref: "long", text: "琰珂来到这里，参加了很多活动，认识了很多朋友，读了很多书，后来琰珂离开了，走上了工作岗位。" },
      ...FILLER.map((f) => ({ ref: f.id, text: f.text })),
    ];
    // Bigram postings only (no words), queried with the one bigram 琰珂: b decides between one mention in
    // a short passage and two in a long one.
    const top = (b: number) => openPassageIndex(packPassageIndex({ fieldVectors: [], invertedIndex: [] }, passages, { k1: 1.2, b })).query([{ term: `${GRAM_PREFIX}琰珂`, boost: 1 }])[0]!.ref;
    expect(top(DEFAULT_RANKING.bigram.b)).toBe("short");
    expect(top(0)).toBe("long");
  });

  it("lines of one table take turns: a third row waits until other passages had theirs", () => {
    const row = (n: number) => ({ id: `row${n}`, kind: "table" as const, title: "表8 学生资助情况表", text: `资助项目${n} 资助 ${n}人` });
    const docs = [row(1), row(2), row(3), { id: "text", text: "学校落实学生资助政策，资助面广，惠及家庭经济困难学生。" }, ...FILLER];
    const top3 = tinySearch(docs)("学生资助", { limit: 3 });
    // Rows outscore the paragraph (short, the words in their title too), yet only two of them come first.
    expect(top3.filter((id) => id.startsWith("row"))).toHaveLength(2);
    expect(top3).toContain("text");
  });
});
