import { describe, expect, it } from "vitest";
import type { Intent } from "../../../src/types.js";
import { detectIntent } from "../../../src/answer/understand/index.js";

/** [question, entityCount, yearCount, hasIndicator, intent, tableRequested] */
type Row = [string, number, number, boolean, Intent, string | null];

function check(rows: Row[]): void {
  it.each(rows)("%s (entities %i, years %i, indicator %s) → %s, table %j", (q, entityCount, yearCount, hasIndicator, intent, table) => {
    const r = detectIntent(q, { entityCount, yearCount, hasIndicator });
    expect(r.intent).toBe(intent);
    expect(r.tableRequested).toBe(table);
    expect(r.casesOnly).toBe(intent === "case");
  });
}

// Every question of shared/eval/dev.jsonl, with the intent a person would read in it. The counts
// are what the entity, year and indicator steps find; passage questions name no indicator.
describe("gold questions", () => {
  describe("fact questions are figures", () => {
    check([
      ["乐山2024年毕业生升学人数", 1, 1, true, "figure", null],
      ["Leshan 2023 月收入是多少", 1, 1, true, "figure", null],
      ["乐山市2024年教学资源表里的生师比是多少", 1, 1, true, "figure", "教学资源表"],
      ["乐山2024年中职招生多少人", 1, 1, true, "figure", null],
      ["乐山24年非学历培训到账经费多少", 1, 1, true, "figure", null],
      ["乐山2024年思政课教师有几个", 1, 1, true, "figure", null],
      ["乐山2023年生均教学仪器设备值是多少", 1, 1, true, "figure", null],
      ["乐山表6里2024年的升学率", 1, 1, true, "figure", "表6"],
      ["乐山2024年毕业生留在当地就业的有多少人", 1, 1, true, "figure", null],
      ["乐山市2024年全市有几所中职学校？", 1, 1, true, "figure", null],
      ["吕梁2022年中职招生人数", 1, 1, true, "figure", null],
      ["Lüliang 2021 普职招生比例", 1, 1, true, "figure", null],
      ["吕梁2022年生均纸质图书多少册", 1, 1, true, "figure", null],
      ["吕梁2022年双师型教师比例", 1, 1, true, "figure", null],
      ["吕梁2022年毕业生多少人", 1, 1, true, "figure", null],
      ["吕梁2022年中职生均拨款是多少", 1, 1, true, "figure", null],
      ["吕梁中职在校生满意度", 1, 0, true, "figure", null],
      ["Suining 2024 升学人数", 1, 1, true, "figure", null],
      ["How many Suining graduates went on to further study in 2024?", 1, 1, true, "figure", null],
      ["遂宁2023年毕业生人数", 1, 1, true, "figure", null],
      ["遂宁职校2024年家长满意度是多少", 1, 1, true, "figure", null],
      ["遂宁市职业技术学校 2024 生师比", 1, 1, true, "figure", null],
      ["遂宁2024教学计划内课程总学时", 1, 1, true, "figure", null],
      ["遂宁2024年国家助学金发放了多少钱", 1, 1, true, "figure", null],
      ["遂宁职校幼儿保育专业在校生一共多少人", 1, 0, true, "figure", null],
      ["遂宁职校电子图书2024年有多少册", 1, 1, true, "figure", null],
      ["遂宁2024年职业技能等级证书获取人数", 1, 1, true, "figure", null],
      ["遂宁2024年“双师型”教师比例", 1, 1, true, "figure", null],
      ["璧山区人才培养质量计分卡上的升学人数是多少", 1, 0, true, "figure", "人才培养质量计分卡"],
      ["Bishan 月收入", 1, 0, true, "figure", null],
      ["璧山生均占地面积多少", 1, 0, true, "figure", null],
      ["璧山2024年用人单位满意度", 1, 1, true, "figure", null],
      ["璧山教学资源表的生师比", 1, 0, true, "figure", "教学资源表"],
      ["璧山2024年非学历培训到账经费", 1, 1, true, "figure", null],
      ["璧山表3里2024年面向第二产业的毕业生有多少", 1, 1, true, "figure", "表3"],
      ["璧山2024年班主任人数", 1, 1, true, "figure", null],
      ["璧山区中职学校2024年总收入是多少", 1, 1, true, "figure", null],
      ["江门2024年毕业生人数", 1, 1, true, "figure", null],
      ["Jiangmen 2024 月收入", 1, 1, true, "figure", null],
      ["江门2023年在校生满意度", 1, 1, true, "figure", null],
      ["江门2024年师生比多少", 1, 1, true, "figure", null],
      ["江门2024年升入本科人数", 1, 1, true, "figure", null],
      ["江门 2024 双师型教师比例", 1, 1, true, "figure", null],
      ["江门2023-2024学年省级重点中职学校有几所", 1, 1, true, "figure", null],
      ["江门电子与信息大类占比多少", 1, 0, true, "figure", null],
      ["江门2024年通过中高职贯通培养升学的有多少人", 1, 1, true, "figure", null],
      ["江门2024年知识产权项目数量", 1, 1, true, "figure", null],
    ]);
  });

  describe("compare questions compare (or ask for a change)", () => {
    check([
      ["乐山2023和2024年毕业生人数对比", 1, 2, true, "compare", null],
      ["吕梁2021年和2022年中职在校生人数", 1, 2, true, "compare", null],
      ["遂宁23年和24年在校生满意度分别多少", 1, 2, true, "compare", null],
      // 变化 asks how the figure moved: both values plus the change
      ["江门2023、2024年月收入变化", 1, 2, true, "change", null],
      ["遂宁和江门2024年升学人数分别是多少", 2, 1, true, "compare", null],
      ["乐山和江门2024年毕业生月收入比一下", 2, 1, true, "compare", null],
      ["吕梁2021年和2022年生师比", 1, 2, true, "compare", null],
      ["璧山2022、2023、2024三年面向第三产业就业人数", 1, 3, true, "compare", null],
      ["江门2023年和2024年生均教学科研仪器设备值", 1, 2, true, "compare", null],
      ["遂宁2023年和2024年升入本科人数", 1, 2, true, "compare", null],
      ["璧山和遂宁2024年毕业生本省去向落实率对比", 2, 1, true, "compare", null],
      ["乐山2023年和2024年全日制在校生人数（落实政策表）", 1, 2, true, "compare", "落实政策表"],
    ]);
  });

  describe("passage questions: case studies or passages", () => {
    check([
      ["璧山 宿舍 案例", 1, 0, false, "case", null],
      ["乐山关于职普融通的典型案例有哪些", 1, 0, false, "case", null],
      ["遂宁反洗钱宣传教育基地那个案例", 1, 0, false, "case", null],
      ["江门 叉车司机技能大赛 案例", 1, 0, false, "case", null],
      ["吕梁孝义市职教中心思政教育工作室的情况", 1, 0, false, "passage", null],
      ["遂宁学生拾金不昧的事", 1, 0, false, "passage", null],
      ["乐山 蓝鹰工程 李娜拉 案例", 1, 0, false, "case", null],
      ["璧山励志部是怎么回事", 1, 0, false, "passage", null],
      ["江门 非遗铜木镶嵌", 1, 0, false, "passage", null],
      ["find the case about Suining's e-commerce vocational education alliance", 1, 0, false, "case", null],
      ["吕梁汾阳 三个一工程", 1, 0, false, "passage", null],
      ["乐山那个从中职生考上研究生的案例", 1, 0, false, "case", null],
      ["江门特级技师陈慧添", 1, 0, false, "passage", null],
      ["璧山 大思政课建设协作会", 1, 0, false, "passage", null],
      ["Jiangmen case about a labor education base (劳动教育)", 1, 0, false, "case", null],
      ["遂宁职校面临哪些挑战", 1, 0, false, "passage", null],
    ]);
  });

  describe("absent questions still ask for a figure", () => {
    check([
      ["成都2024年中职升学人数", 0, 1, true, "figure", null],
      ["吕梁2024年中职在校生", 1, 1, true, "figure", null],
      ["遂宁2024年教职工满意度", 1, 1, true, "figure", null],
      ["璧山2024年在校生满意度", 1, 1, true, "figure", null],
      ["江门教职工满意度多少", 1, 0, true, "figure", null],
      ["乐山2023年双师型教师比例", 1, 1, true, "figure", null],
      ["江门2024年接收国外留学生人数", 1, 1, true, "figure", null],
      ["吕梁毕业生月收入是多少", 1, 0, true, "figure", null],
    ]);
  });
});

describe("paraphrases", () => {
  describe("figure", () => {
    check([
      ["乐山2024年升学率是多少", 1, 1, true, "figure", null],
      ["江门有几所中职学校", 1, 0, true, "figure", null],
      ["How many students were enrolled in Jiangmen in 2024?", 1, 1, true, "figure", null],
      ["What is the student-teacher ratio of Bishan?", 1, 0, true, "figure", null],
      ["遂宁职校2024年专任教师有多少名", 1, 1, true, "figure", null],
      ["吕梁2022年生师比", 1, 1, true, "figure", null],
      ["乐山市2024年毕业生人数？", 1, 1, true, "figure", null],
      ["请问璧山的月收入是多少呀", 1, 0, true, "figure", null],
      ["Leshan monthly income 2024", 1, 1, true, "figure", null],
      ["How much did Bishan receive in non-degree training funds in 2024?", 1, 1, true, "figure", null],
      ["遂宁2024年国家助学金一共发了多少", 1, 1, true, "figure", null],
      ["乐山计分卡里的月收入是多少", 1, 0, true, "figure", "计分卡"],
      ["显示乐山教学资源表里的生师比", 1, 0, true, "figure", "教学资源表"],
      ["乐山2024年升学情况", 1, 1, true, "figure", null],
      ["2024年升学人数是多少", 0, 1, true, "figure", null],
    ]);
  });

  describe("compare", () => {
    check([
      ["乐山和江门的升学人数", 2, 0, true, "compare", null],
      ["比较遂宁和璧山2024年的生师比", 2, 1, true, "compare", null],
      ["江门2023年与2024年毕业生人数", 1, 2, true, "compare", null],
      ["Compare Leshan and Jiangmen graduates in 2024", 2, 1, true, "compare", null],
      ["Leshan vs Jiangmen monthly income", 2, 0, true, "compare", null],
      ["吕梁2021、2022年招生人数分别是多少", 1, 2, true, "compare", null],
      ["璧山和江门哪个月收入高", 2, 0, true, "compare", null],
      ["乐山、江门两地2024年升学人数对比", 2, 1, true, "compare", null],
      ["Suining graduates in 2023 and 2024", 1, 2, true, "compare", null],
      ["遂宁和江门相比，谁的升学人数多", 2, 0, true, "compare", null],
      ["乐山2023和2024年的升学人数差距", 1, 2, true, "compare", null],
      // two named entities and 最: compare those two, not rank everything
      ["乐山和江门哪个月收入最高", 2, 0, true, "compare", null],
      ["乐山和江门的月收入变化对比", 2, 0, true, "compare", null],
    ]);
  });

  describe("change", () => {
    check([
      ["乐山2024年升学人数比2023年增加了多少", 1, 2, true, "change", null],
      ["江门月收入变化情况", 1, 0, true, "change", null],
      ["遂宁职校毕业生人数增长了多少", 1, 0, true, "change", null],
      ["吕梁2022年招生人数比上年下降了吗", 1, 1, true, "change", null],
      ["How did Jiangmen's monthly income change from 2023 to 2024?", 1, 2, true, "change", null],
      ["Did Leshan's enrolment grow in 2024?", 1, 1, true, "change", null],
      ["璧山在校生人数同比变化", 1, 0, true, "change", null],
      ["遂宁升入本科人数是上升还是下降", 1, 0, true, "change", null],
      ["乐山生师比降低了多少", 1, 0, true, "change", null],
      ["Jiangmen graduates increase 2023 to 2024", 1, 2, true, "change", null],
      ["江门2024年升入本科人数比去年少了多少", 1, 2, true, "change", null],
    ]);
  });

  describe("rank", () => {
    check([
      ["哪个地方2024年升学人数最多", 0, 1, true, "rank", null],
      ["五个报告里月收入最高的是哪个", 0, 0, true, "rank", null],
      ["各地生师比排名", 0, 0, true, "rank", null],
      ["Which city has the highest monthly income?", 0, 0, true, "rank", null],
      ["哪所学校的毕业生最多", 0, 0, true, "rank", null],
      ["升学人数排行", 0, 0, true, "rank", null],
      ["乐山、遂宁、江门哪个升学率最高", 3, 0, true, "rank", null],
      ["Rank the reports by graduates", 0, 0, true, "rank", null],
      ["which report has the most graduates in 2024", 0, 1, true, "rank", null],
      ["谁的双师型教师比例最低", 0, 0, true, "rank", null],
      ["乐山和江门的升学人数排名", 2, 0, true, "rank", null],
    ]);
  });

  describe("case", () => {
    check([
      ["江门有哪些典型案例", 1, 0, false, "case", null],
      ["乐山 职普融通 案例", 1, 0, false, "case", null],
      ["Show me case studies from Bishan", 1, 0, false, "case", null],
      ["遂宁职校的案例有哪些", 1, 0, false, "case", null],
      ["璧山产教融合典型做法", 1, 0, false, "case", null],
      ["给我找一个关于劳动教育的案例", 0, 0, false, "case", null],
      ["any cases about dormitories in Bishan?", 1, 0, false, "case", null],
      ["吕梁有没有典型案例", 1, 0, false, "case", null],
      ["江门叉车技能大赛的案例讲了什么", 1, 0, false, "case", null],
      ["find a case on rural revitalization in Leshan", 1, 0, false, "case", null],
      ["案例", 0, 0, false, "case", null],
    ]);
  });

  describe("passage", () => {
    check([
      ["璧山宿舍楼建设情况", 1, 0, false, "passage", null],
      ["介绍一下遂宁职业技术学校", 1, 0, false, "passage", null],
      ["江门在产教融合方面有哪些做法", 1, 0, false, "passage", null],
      ["吕梁面临的挑战", 1, 0, false, "passage", null],
      ["乐山职业教育发展有什么特色", 1, 0, false, "passage", null],
      ["Tell me about Jiangmen's intangible cultural heritage programme", 1, 0, false, "passage", null],
      ["遂宁职校反洗钱宣传教育基地", 1, 0, false, "passage", null],
      ["What did Bishan do for ideological education?", 1, 0, false, "passage", null],
      ["璧山励志部是什么", 1, 0, false, "passage", null],
      ["江门为什么要建职教城", 1, 0, false, "passage", null],
      ["乐山的蓝鹰工程怎么样", 1, 0, false, "passage", null],
      // an indicator named, but the question asks how, not how many
      ["遂宁职校提高升学率有哪些措施", 1, 0, true, "passage", null],
      ["乐山在校生人数增长的原因", 1, 0, true, "passage", null],
      ["乐山和江门在产教融合方面有哪些做法", 2, 0, false, "passage", null],
    ]);
  });

  describe("table", () => {
    check([
      ["看一下乐山的教学资源表", 1, 0, false, "table", "教学资源表"],
      ["显示遂宁的计分卡", 1, 0, false, "table", "计分卡"],
      ["乐山表6", 1, 0, false, "table", "表6"],
      ["列出江门的满意度调查表", 1, 0, false, "table", "满意度调查表"],
      ["show me the scorecard for Leshan", 1, 0, false, "table", "计分卡"],
      ["Jiangmen teaching resources table", 1, 0, false, "table", "教学资源表"],
      ["璧山有哪些表", 1, 0, false, "table", null],
      ["吕梁学生基本情况比较表", 1, 0, false, "table", "学生基本情况比较表"],
      ["打开遂宁2023-2024学年学生资助情况表", 1, 1, false, "table", "学生资助情况表"],
      ["江门服务贡献表给我看看", 1, 0, false, "table", "服务贡献表"],
      ["show table 3 of Bishan", 1, 0, false, "table", "表3"],
      ["列出乐山人才培养质量计分卡的全部数据", 1, 0, false, "table", "人才培养质量计分卡"],
      ["显示乐山的计分卡", 1, 0, true, "table", "计分卡"],
      ["乐山附表2", 1, 0, false, "table", "附表2"],
    ]);
  });

  describe("help", () => {
    check([
      ["", 0, 0, false, "help", null],
      ["你好", 0, 0, false, "help", null],
      ["您好！", 0, 0, false, "help", null],
      ["help", 0, 0, false, "help", null],
      ["/start", 0, 0, false, "help", null],
      ["/help", 0, 0, false, "help", null],
      ["怎么用", 0, 0, false, "help", null],
      ["你能做什么？", 0, 0, false, "help", null],
      ["What can you do?", 0, 0, false, "help", null],
      ["帮助", 0, 0, false, "help", null],
      ["？", 0, 0, false, "help", null],
      ["hi", 0, 0, false, "help", null],
      ["how do I use this bot", 0, 0, false, "help", null],
    ]);

    it("a greeting before a real question is not a request for help", () => {
      expect(detectIntent("你好，乐山2024年升学人数是多少", { entityCount: 1, yearCount: 1, hasIndicator: true }).intent).toBe("figure");
    });
  });

  describe("unknown", () => {
    check([
      ["asdfghjkl", 0, 0, false, "unknown", null],
      ["哈哈哈", 0, 0, false, "unknown", null],
      ["今天天气怎么样", 0, 0, false, "unknown", null],
      ["。。。", 0, 0, false, "unknown", null],
      ["123456", 0, 0, false, "unknown", null],
      ["🙂", 0, 0, false, "unknown", null],
      ["lol", 0, 0, false, "unknown", null],
      ["随便说点什么", 0, 0, false, "unknown", null],
      ["你吃饭了吗", 0, 0, false, "unknown", null],
      ["what's the weather like", 0, 0, false, "unknown", null],
    ]);
  });
});
