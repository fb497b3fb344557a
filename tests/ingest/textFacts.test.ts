/**
 * Figures read from running text. Precision comes first: the table below is the precision
 * check, 40+ real sentences of the five reports with every fact they must yield (and nothing
 * more); rows with [] must yield nothing. Then the anchors the brief names, on the whole corpus,
 * and properties every text fact must have.
 */

import { describe, expect, it } from "vitest";
import { cleanText } from "../../src/ingest/clean.js";
import { parseStructure } from "../../src/ingest/structure/index.js";
import { extractTextFacts } from "../../src/ingest/textFacts.js";
import type { Fact, Passage } from "../../src/types.js";
import { formatValue } from "../../src/answer/reply.js";
import { corpusLines, inventoryExcluded, REPORTS, type ReportName } from "./helpers/corpus.js";

const ENTITY: Record<string, string> = { leshan: "乐山市", lvliang: "吕梁市", suining: "遂宁市职业技术学校", bishan: "璧山区", jiangmen: "江门市", synthetic: "乐山市" };
const DEFAULT_YEAR: Record<string, number> = { leshan: 2024, lvliang: 2022, suining: 2024, bishan: 2024, jiangmen: 2024, synthetic: 2024 };

function paragraph(text: string, line = 1): Passage {
  return { id: `r:p:${line}`, report: "r.txt", entity: "e", kind: "paragraph", title: "", sectionPath: [], text, line, endLine: line };
}

/** [report, sentence as printed (cleaned), [indicator, value, unit, year] of every fact it must yield]. */
const TABLE: [string, string, [string, number | string, string | null, number][]][] = [
  [
    "leshan",
    "2024年中职招生1.26万人，在校生规模3.48万人，职普比为4.4:5.6，其中面向全市初中毕业生职普招生比为3.4:6.6。",
    [
      ["中职招生", 12600, "人", 2024],
      ["在校生规模", 34800, "人", 2024],
      ["职普比", "4.4:5.6", null, 2024],
      ["面向全市初中毕业生职普招生比", "3.4:6.6", null, 2024],
    ],
  ],
  // 6003名 counts the graduates by what they did after (升入…高一级学校), and 较2021年增加882人 is that count's change.
  [
    "lvliang",
    "2022年，全市共7535名毕业生，其中6003名通过普通高考、对口升学、五年一贯制、贯通培养等方式升入各类高一级学校深造，较2021年增加882人，升学率从2021年的78%提高到80％，其中：对口升学2617人、普通高考录取2488人。",
    [
      ["毕业生", 7535, "人", 2022],
      ["升入高一级学校", 6003, "人", 2022],
      ["升入高一级学校增加", 882, "人", 2022],
      ["升学率", 78, "%", 2021],
      ["升学率", 80, "%", 2022],
      ["对口升学", 2617, "人", 2022],
      ["普通高考录取", 2488, "人", 2022],
    ],
  ],
  [
    "lvliang",
    "2022年全市中等职业教育经费62335万元，中职学生人数26860人，生均拨款23207元。",
    [
      ["中等职业教育经费", 62335, "万元", 2022],
      ["中职学生人数", 26860, "人", 2022],
      ["生均拨款", 23207, "元", 2022],
    ],
  ],
  [
    "bishan",
    "2024年，辖区内中职学校有学生6304人，校园占地面积445946.36平方米、生均占地面积70.74平方米，校舍建筑面积339734.57平方米，生均校舍建筑面积53.89平方米，仪器设备总值6617.44万元、生均仪器设备值10497.21元。",
    [
      ["校园占地面积", 445946.36, "平方米", 2024],
      ["生均占地面积", 70.74, "平方米", 2024],
      ["校舍建筑面积", 339734.57, "平方米", 2024],
      ["生均校舍建筑面积", 53.89, "平方米", 2024],
      ["仪器设备总值", 6617.44, "万元", 2024],
      ["生均仪器设备值", 10497.21, "元", 2024],
    ],
  ],
  [
    "bishan",
    "区域内中职学校2024年总收入9448.26万元，2023年度财政经费投入总额为7017.15万元，财政经费投入增加2431.11万元，增加34.65%。",
    [
      ["总收入", 9448.26, "万元", 2024],
      ["财政经费投入总额", 7017.15, "万元", 2023],
      ["财政经费投入增加", 2431.11, "万元", 2024],
      ["财政经费投入增加", 34.65, "%", 2024],
    ],
  ],
  // 民办学校700元 lacks the head 生均公用经费 it shares with the item before: not stated under a wrong label.
  ["bishan", "生均公用经费公办学校2000元、民办学校700元。", [["生均公用经费公办学校", 2000, "元", 2024]]],
  // 中职学校招生1.02人 lost its 万 in print: a fraction of a person is never stated.
  [
    "lvliang",
    "2021年，全市中职在校生约2.53万人，高中阶段在校生约7.7万人；普通高中招生2.73万人，中职学校招生1.02人，普职招生比例约为2.7:1。",
    [
      ["中职在校生", 25300, "人", 2021],
      ["高中阶段在校生", 77000, "人", 2021],
      ["普通高中招生", 27300, "人", 2021],
      ["普职招生比例", "2.7:1", null, 2021],
    ],
  ],
  // dates and ordinals are no figures
  ["jiangmen", "2004年6月15日恩平市人民政府举办了2024年广东省龙舟联赛（江门·恩平站）暨恩平市“悦江名苑杯”龙舟赛。", []],
  ["leshan", "第3次获全省班主任能力比赛“最佳组织奖”，综合排名全省第四。", []],
  [
    "leshan",
    "本次比赛共评出单项一等奖62个115人，二等奖58个110人，三等奖83个157人，优秀指导教师96人，团体奖5个，优秀组织奖7个。",
    [
      ["优秀指导教师", 96, "人", 2024],
      ["团体奖", 5, "个", 2024],
      ["优秀组织奖", 7, "个", 2024],
    ],
  ],
  // 32人直接就业 is the figure of one programme: under the bare label 直接就业 it would pass for the city's.
  [
    "leshan",
    "开展“西学东送”行动，赴浙顶岗实习285人，32人直接就业，最高年薪达20万元。",
    [
      ["赴浙顶岗实习", 285, "人", 2024],
      ["“西学东送”直接就业", 32, "人", 2024],
      ["最高年薪", 20, "万元", 2024],
    ],
  ],
  // 升学858人, 升学率95.9% are the “9+3” students', not the city's: the programme names them.
  [
    "leshan",
    "2024年，全市藏、彝区2021级“9+3”学生参加高考报名895人，升学858人，升学率95.9%，较2023年提升0.2个百分点；大部分“9+3”学生圆了自己的大学梦，2021级未升学的178名“9+3”学生已全部顺利就业。",
    [
      ["“9+3”学生参加高考报名", 895, "人", 2024],
      ["“9+3”升学", 858, "人", 2024],
      ["“9+3”升学率", 95.9, "%", 2024],
      ["“9+3”升学率提升", 0.2, "个百分点", 2024],
    ],
  ],
  // 上线/上线率 take the topic they are of.
  [
    "leshan",
    "2024年，全市中职学校参加对口高考1103人，1094人上线，上线率为99.18%，较去年提升5.14%。",
    [
      ["参加对口高考", 1103, "人", 2024],
      ["对口高考上线", 1094, "人", 2024],
      ["对口高考上线率", 99.18, "%", 2024],
      ["对口高考上线率提升", 5.14, "%", 2024],
    ],
  ],
  // 500余项 is approximate, and 其中…67项 is part of it.
  [
    "leshan",
    "目前，拥有光伏类自主专利500余项，其中高价值发明专利67项；拥有医用同位素国家专利20余项，多项核心技术处全球先进、行业领先水平。",
    [
      ["光伏类自主专利", 500, "项", 2024],
      ["医用同位素国家专利", 20, "项", 2024],
    ],
  ],
  // 10个专业 is followed by its noun after a list; 30% 以下 is a bound.
  [
    "leshan",
    "新设物联网技术、直播电商服务等10个专业，撤销（停招）落后产能专业8个，专业设置与产业匹配度达90%，专业设置重复率降到30% 以下。",
    [
      // A verb, its examples, then the count of what it did.
      ["新设专业", 10, "个", 2024],
      ["撤销（停招）落后产能专业", 8, "个", 2024],
      ["专业设置与产业匹配度", 90, "%", 2024],
    ],
  ],
  // 90%的中职学校 qualifies a noun.
  [
    "leshan",
    "完成质评方案第四版修订，职普融通覆盖90%的中职学校，探索举办综合高中学校3所，职业学校在产教融合、科教融汇、职普融通、三教改革、五育并举等方面入选省市级典型案例12个。",
    [["探索举办综合高中学校", 3, "所", 2024]],
  ],
  // 完成招生 and 完成率 of 民办学校 would read as the city's; 80%的… qualifies a noun; 不足50% is a bound.
  [
    "leshan",
    "2024年，民办学校招生计划5200人，实际完成招生3748人，完成率72.08%，80%的民办学校未完成招生计划，个别民办学校招生出现断崖式下跌，招生计划完成率不足50%。",
    [
      ["民办学校招生计划", 5200, "人", 2024],
      ["民办实际完成招生", 3748, "人", 2024],
      ["民办完成率", 72.08, "%", 2024],
    ],
  ],
  // a rate right after the count it is of takes the count's name; 对口率 is not the end of 专业对口就业.
  [
    "bishan",
    "2024年毕业生1476人，直接就业544人，就业率96.8%；专业对口就业476人，对口率84.7%。",
    [
      ["毕业生", 1476, "人", 2024],
      ["直接就业", 544, "人", 2024],
      ["直接就业率", 96.8, "%", 2024],
      ["专业对口就业", 476, "人", 2024],
      // 对口率 right after 专业对口就业: the rate of that count, its short form.
      ["专业对口就业率", 84.7, "%", 2024],
    ],
  ],
  // the people counted, then what they got: what they got is counted.
  ["jiangmen", "2024年62名学子获得国家奖学金共372000元。", [["获得国家奖学金", 62, "人", 2024]]],
  // a score (…分的成绩) is a figure; 9时30分 is a time.
  ["suining", "并再次以团体总分693分的成绩荣获一等奖第一名。", [["团体总分", 693, "分", 2024]]],
  ["suining", "2024年5月9日上午9时30分，开幕式举行。", []],
  // 及格率 keeps its 及.
  [
    "suining",
    "学生平均分达到85.5分，及格率98%。",
    [
      ["学生平均分", 85.5, "分", 2024],
      ["及格率", 98, "%", 2024],
    ],
  ],
  // from … to …: the from-value is the named year's, the to-value the sentence's; with no from-year, only the to-value.
  [
    "lvliang",
    "2022年，全市升学率从2021年的78%提高到80％。",
    [
      ["升学率", 78, "%", 2021],
      ["升学率", 80, "%", 2022],
    ],
  ],
  ["lvliang", "2022年，就业率从95%提高到97%。", [["就业率", 97, "%", 2022]]],
  // a county the group is about (from the gazetteer, not a list) narrows its generic figures.
  [
    "leshan",
    "2024年，美姑县中职学校毕业学生129人，升学81人，升学率62.8%。",
    [
      ["美姑县中职学校毕业学生", 129, "人", 2024],
      ["美姑县升学", 81, "人", 2024],
      ["美姑县升学率", 62.8, "%", 2024],
    ],
  ],
  [
    "lvliang",
    "2022年，孝义市毕业学生1200人，升学900人，升学率75%。",
    [
      ["孝义市毕业学生", 1200, "人", 2022],
      ["孝义市升学", 900, "人", 2022],
      ["孝义市升学率", 75, "%", 2022],
    ],
  ],
  [
    "lvliang",
    "兴县投入4亿元建成职教中心并投入使用，柳林县职教中心规划搬入柳林县教育园区；县级职教中心是普及高中阶段教育、开展成人教育和继续教育的阵地，是深化产教融合、校企合作的重要途径，是实施乡村振兴战略的重要平台。",
    [],
  ],
  // figures of a named school carry its name; 拟于2025年 is a plan, not the figure's year.
  [
    "leshan",
    "井研职中产教融合实训基地项目总投资5.1亿元，占地面积150亩，总建筑面积6.64万平方米，拟于2025年9月投入使用；沐川职中产教融合基地总投资4.3亿元，占地面积120亩，总建筑面积5万平方米，拟于2026年9月投入使用。",
    [
      ["井研职中产教融合实训基地项目总投资", 5.1, "亿元", 2024],
      ["井研职中占地面积", 150, "亩", 2024],
      ["井研职中总建筑面积", 66400, "平方米", 2024],
      ["沐川职中产教融合基地总投资", 4.3, "亿元", 2024],
      ["沐川职中占地面积", 120, "亩", 2024],
      ["沐川职中总建筑面积", 50000, "平方米", 2024],
    ],
  ],
  [
    "leshan",
    "2024年度，乐山市17所中职学校共有校内专任教师1886人，其中专业教师959人，占专任教师比例为50.8%；双师教师586人，占专任教师比例为31.1%；具有副高以上专业技术职务的专任教师数395人，占专任教师比例为20.9%；本科以上学历1728人，占专任教师比例91.6%；具有行业企业一线工作经历教师70人，占专任教师比例为3.7%。",
    [
      ["校内专任教师", 1886, "人", 2024],
      ["专业教师", 959, "人", 2024],
      ["专业教师占专任教师比例", 50.8, "%", 2024],
      ["双师教师", 586, "人", 2024],
      ["双师教师占专任教师比例", 31.1, "%", 2024],
      ["具有副高以上专业技术职务的专任教师数", 395, "人", 2024],
      ["本科以上学历", 1728, "人", 2024],
      ["本科以上学历占专任教师比例", 91.6, "%", 2024],
      ["具有行业企业一线工作经历教师", 70, "人", 2024],
    ],
  ],
  [
    "suining",
    "学校现有教职工325人，其中“双师型”教师98人，专任教师245人，思想政治课专任教师22人，体育课专任教师18人，美育课专任教师46人，班主任81人，兼职教师16人，生师比为15.71:1。",
    [
      ["教职工", 325, "人", 2024],
      ["“双师型”教师", 98, "人", 2024],
      ["专任教师", 245, "人", 2024],
      ["思想政治课专任教师", 22, "人", 2024],
      ["体育课专任教师", 18, "人", 2024],
      ["美育课专任教师", 46, "人", 2024],
      ["班主任", 81, "人", 2024],
      ["兼职教师", 16, "人", 2024],
      ["生师比", "15.71:1", null, 2024],
    ],
  ],
  [
    "jiangmen",
    "江门市各中职学校围绕产业发展情况及人才培养方案的要求，不断推进校内、外实训基地建设，2023-2024学年江门市各中职学校教学、实习仪器设备资产值为36136.914万元，生均教学、实习仪器设备资产值为1.07624万元，可提供实训工位数23839个，校内实训基地数量115个，校外实习实训基地数量231个，其中校外实习实训基地较上一年增加59个，增加34%。",
    [
      ["教学、实习仪器设备资产值", 36136.914, "万元", 2024],
      ["生均教学、实习仪器设备资产值", 1.07624, "万元", 2024],
      ["可提供实训工位数", 23839, "个", 2024],
      ["校内实训基地数量", 115, "个", 2024],
      ["校外实习实训基地数量", 231, "个", 2024],
      ["校外实习实训基地增加", 59, "个", 2024],
      ["校外实习实训基地增加", 34, "%", 2024],
    ],
  ],
  // totals over three years are no year's value: they keep their 近三年, so only a question that says so gets them.
  [
    "jiangmen",
    "近三年，各中职学校围绕江门市八大产业集群和15条重点产业链对高素质技术技能人才的需求进行专业优化调整，共优化调整47个专业，其中新增20个紧缺专业，淘汰27个不符合产业发展需求的专业；2024年市中等职业教育招生专业中服务于包含制造业、交通运输业等领域第二产业专业占50.5%，比2023年提升12%。",
    [
      ["近三年优化调整专业", 47, "个", 2024],
      ["近三年新增紧缺专业", 20, "个", 2024],
      ["近三年淘汰专业", 27, "个", 2024],
    ],
  ],
  [
    "jiangmen",
    "2024年江门市毕业学生10726人，就业学生（含升学）10469人，就业率为97.6%，服务第二产业人数增幅最大，人数比2023年增加近50%。",
    [
      ["毕业学生", 10726, "人", 2024],
      ["就业学生（含升学）", 10469, "人", 2024],
      ["就业率", 97.6, "%", 2024],
    ],
  ],
  // 较2023年 is the comparison base, not the year of the figure.
  [
    "leshan",
    "在乐山市政府各部门的通力协作下，本地就业率较2023年上升13.13%，第三产业就业占比提升25.17%。",
    [
      ["本地就业率上升", 13.13, "%", 2024],
      ["第三产业就业占比提升", 25.17, "%", 2024],
    ],
  ],
  [
    "bishan",
    "毕业生服务三次产业总人数为528人，，其中，面向第一产业0人，面向第二产业201人，面向第三产业327人；自主创业18人。",
    [
      ["毕业生服务三次产业总人数", 528, "人", 2024],
      ["面向第一产业", 0, "人", 2024],
      ["面向第二产业", 201, "人", 2024],
      ["面向第三产业", 327, "人", 2024],
      ["自主创业", 18, "人", 2024],
    ],
  ],
  // all figures of one class (春蕾班).
  [
    "leshan",
    "持续开展“同心职教春蕾班”招生工作，“同心职教春蕾班”由民盟四川省乐山市委会、峨眉文旅综合高中共同打造，2024年，峨眉文旅综合高中“同心职教春蕾班”招收美姑县彝族学子85名，毕业学生129人，升学81人，升学率62.8%，就业48人，实现100%升学就业。",
    [
      ["“同心职教春蕾班”毕业学生", 129, "人", 2024],
      ["“同心职教春蕾班”升学", 81, "人", 2024],
      ["“同心职教春蕾班”升学率", 62.8, "%", 2024],
      ["“同心职教春蕾班”就业", 48, "人", 2024],
    ],
  ],
  [
    "leshan",
    "市教育局扎实推进各项教育帮扶项目，设立职业教育专项资金，保障中等职业学校的办学条件和教学质量，2024年为中等职业学校的学生提供政策性资助，包括奖学金24.6万元、助学金1387.755万元、免学费项目资金5153.951万元、9+3经费拨付资金2373.5万元，合计占投入经费的20.92%；同时各中等职业学校积极争取社会各界的支持和捐赠，用于改善学校设施、资助贫困学生和开展教学活动。",
    [
      ["奖学金", 24.6, "万元", 2024],
      ["助学金", 1387.755, "万元", 2024],
      ["免学费项目资金", 5153.951, "万元", 2024],
    ],
  ],
  ["suining", "通过对1139名在校学生进行网上调研，结果显示在校生满意度为81.95%。", [["在校生满意度", 81.95, "%", 2024]]],
  // 不低于2000元 is a bound.
  ["lvliang", "对中等职业学校全日制正式学籍建档立卡贫困家庭学生,按照每生每年不低于2000元标准发放国家助学金补助。", []],
  ["jiangmen", "2024年4月17日，工贸学校星级“邑管家”培育基地实习开办仪式在南粤家政（江门）产业研修院隆重举行。", []],
  // a cumulative total up to a date is no year's value.
  ["leshan", "截至2024年，“同心职教春蕾班”已招收8届共857名美姑学子，550人圆满完成学业，巩固率高达94.5%，其中有100余名受助学生完成学业返回凉山彝区从事教育事业。", []],
  [
    "lvliang",
    "中职毕业生就业率达93.93%，直接就业1075人，其中对口就业763人，对口就业率为71%，比2021年提高12%。",
    [
      ["中职毕业生就业率", 93.93, "%", 2022],
      ["直接就业", 1075, "人", 2022],
      ["对口就业", 763, "人", 2022],
      ["对口就业率", 71, "%", 2022],
      ["对口就业率提高", 12, "%", 2022],
    ],
  ],
  [
    "leshan",
    "2024年，全市19所职业学校录取新生学籍12609人，其中市内生源学生9054人，市外生源学生3555人。",
    [
      ["职业学校录取新生学籍", 12609, "人", 2024],
      ["市内生源学生", 9054, "人", 2024],
      ["市外生源学生", 3555, "人", 2024],
    ],
  ],
  // 升学914人中贯通培养1425人 is garbled in print (1425 is the enrolment): neither is stated.
  [
    "bishan",
    "2024年毕业生1476人，升学914人中贯通培养1425人，直接就业544人。",
    [
      ["毕业生", 1476, "人", 2024],
      ["直接就业", 544, "人", 2024],
    ],
  ],
  [
    "bishan",
    "2024年毕业生升入高一级学校进行学习高等教育深造914人，升学率61.9%，其中通过职教高考统招升学383人、中高贯通培养升学531人,其中升入本科8人。",
    [
      ["毕业生升入高一级学校进行学习高等教育深造", 914, "人", 2024],
      ["升学率", 61.9, "%", 2024],
      ["职教高考统招升学", 383, "人", 2024],
      ["中高贯通培养升学", 531, "人", 2024],
      ["升入本科", 8, "人", 2024],
    ],
  ],
  // A county named in the figure's own clause, before its year, makes the part that county's (not the city's 11.2万元).
  ["leshan", "其中，乐山市财政局下达五通桥区2023年“中国绿色硅谷”技能人才培养奖励补贴资金2.78万元。", [["五通桥区“中国绿色硅谷”技能人才培养奖励补贴资金", 2.78, "万元", 2023]]],
  [
    "suining",
    "2024学年，学生享受国家助学金人数为657人，共发放国家助学金124.14万元；享受国家奖学金人数为8人，共发放奖学金4.8万元；享受大学生入学助学金人数为21人，共发放助学金1.05万元；社会资助学生人数为20人，共发放资助金0.58万元。",
    [
      ["学生享受国家助学金人数", 657, "人", 2024],
      ["发放国家助学金", 124.14, "万元", 2024],
      ["享受国家奖学金人数", 8, "人", 2024],
      ["发放奖学金", 4.8, "万元", 2024],
      ["享受大学生入学助学金人数", 21, "人", 2024],
      ["发放助学金", 1.05, "万元", 2024],
      ["社会资助学生人数", 20, "人", 2024],
      ["发放资助金", 0.58, "万元", 2024],
    ],
  ],
  [
    "jiangmen",
    "同时，各校大力开展大课间活动、校运会以及各级各类校园体育竞赛，2024年学生体质测评合格率96.43%，比上年高出1.48%。",
    [
      ["学生体质测评合格率", 96.43, "%", 2024],
      ["学生体质测评合格率高出", 1.48, "%", 2024],
    ],
  ],
  [
    "leshan",
    "2024年乐山中考考生29750人，除普高扩招外，中职录取近1万人，据初步测算，到市外就读中职考生约2500人，较上一年度增加了200人。",
    [
      // The report's own place, in its short form, is no part of a label.
      ["中考考生", 29750, "人", 2024],
      ["中职录取", 10000, "人", 2024],
      ["到市外就读中职考生", 2500, "人", 2024],
      ["到市外就读中职考生增加", 200, "人", 2024],
    ],
  ],
  [
    "bishan",
    "区域中职学校2024年度教职工总人数490人，公办学校编制总数180人；专任教师338人，自主聘用教师268人，校外教师19人，行业导师24人。",
    [
      ["教职工总人数", 490, "人", 2024],
      ["公办学校编制总数", 180, "人", 2024],
      ["专任教师", 338, "人", 2024],
      ["自主聘用教师", 268, "人", 2024],
      ["校外教师", 19, "人", 2024],
      ["行业导师", 24, "人", 2024],
    ],
  ],
  [
    "leshan",
    "目前全市中职学校重点监测指标全部达标，现有中职在校生34800人，专任教师数1739人，生师比达17.89。",
    [
      ["中职在校生", 34800, "人", 2024],
      ["专任教师数", 1739, "人", 2024],
      ["生师比", 17.89, null, 2024],
    ],
  ],
  [
    "lvliang",
    "2022年，全市中等职业学校共有专任教师2796名，师生比约16:1，其中“双师型”教师占专任教师比例为47.41%，专任教师本科以上学历占98.67%，专任教师高级职称教师比例为29.30%。",
    [
      ["专任教师", 2796, "人", 2022],
      ["师生比", "16:1", null, 2022],
      ["“双师型”教师占专任教师比例", 47.41, "%", 2022],
      ["专任教师本科以上学历占比", 98.67, "%", 2022],
      ["专任教师高级职称教师比例", 29.3, "%", 2022],
    ],
  ],

  // Codes, dates, ranks and formulas carry no figure.
  ["synthetic", "☎ 电话:0833-2433301", []],
  ["synthetic", "2024年05月9-13日，乐山市职业学校教师技能大赛举行。", []],
  ["synthetic", "学校荣获全国中职校园文化建设50强、全国部门绿化400佳先进单位。", []],
  ["synthetic", "全面实施“1+X”证书制度，开展“3+2”中高职衔接。", []],
  [
    "jiangmen",
    "2023-2024学年，中职学校全日制在校生33577人，毕业生10726人。",
    [
      ["中职学校全日制在校生", 33577, "人", 2024],
      ["毕业生", 10726, "人", 2024],
    ],
  ],
];

describe("precision: real sentences → exactly the facts they state", () => {
  it("has at least 30 cases, some of which must yield nothing", () => {
    expect(TABLE.length).toBeGreaterThanOrEqual(30);
    expect(TABLE.filter(([, , f]) => f.length === 0).length).toBeGreaterThanOrEqual(8);
  });

  it.each(TABLE.map(([r, s, f], i) => [`${i + 1} ${r} ${s.slice(0, 24)}`, r, s, f] as const))("%s", (_name, report, sentence, expected) => {
    const facts = extractTextFacts([paragraph(sentence)], { entity: ENTITY[report], report: "r.txt", defaultYear: DEFAULT_YEAR[report] });
    expect(facts.map((f) => [f.indicator, f.value, f.unit, f.year])).toEqual(expected);
  });
});

describe("the fact record", () => {
  const [f] = extractTextFacts([paragraph("2022年全市中等职业教育经费62335万元，中职学生人数26860人，生均拨款23207元。", 190)], {
    entity: "吕梁市",
    report: "lvliang-2023.txt",
    defaultYear: 2022,
  }).slice(2);

  it("fills every field the answer contract prints", () => {
    expect(f).toEqual({
      id: "lvliang-2023.txt:190:text:40",
      entity: "吕梁市",
      report: "lvliang-2023.txt",
      table: null,
      tableNumber: null,
      tableId: null,
      indicator: "生均拨款",
      path: ["生均拨款"],
      unit: "元",
      column: "2022年",
      year: 2022,
      value: 23207,
      raw: "23207元",
      line: 190,
      source: "text",
      context: "2022年全市中等职业教育经费62335万元，中职学生人数26860人，生均拨款23207元。",
      scope: expect.stringMatching(/，生均拨款$/),
    } satisfies Fact);
  });

  it("keeps an approximation's word with it (约, 近, 余, 左右) and drops bounds (不足, 以上)", () => {
    const text = "2021年，全市中职在校生约2.53万人，高中阶段在校生近5万人，毕业生2500余人，教师500人左右，完成率不足50%，培训500人以上。";
    const facts = extractTextFacts([paragraph(text)], { entity: "吕梁市", report: "r", defaultYear: 2021 });
    expect(facts.map((x) => [x.indicator, x.value, x.raw, x.qualifier])).toEqual([
      ["中职在校生", 25300, "约2.53万人", "约"],
      ["高中阶段在校生", 50000, "近5万人", "近"],
      ["毕业生", 2500, "2500余人", "余"],
      ["教师", 500, "500人左右", "左右"],
    ]);
    expect(facts.map((x) => formatValue(x))).toEqual(["约2.53万人", "近5万人", "2500余人", "500人左右"]);
  });

  it("scopes a figure by its section and the words of its clause group since the last figure read", () => {
    const text = "2022年全市共有9所学校开展职业技能培训，66个工种共培训6659人；2023年新增培训基地5个。";
    const facts = extractTextFacts([{ ...paragraph(text), title: "社会服务" }], { entity: "吕梁市", report: "r", defaultYear: 2022 });
    const byValue = new Map(facts.map((x) => [x.value, x]));
    // 9所 is no fact (学校 after it): its words still scope 6659; 5个 starts a new group.
    expect(byValue.get(6659)?.scope).toBe("社会服务 2022年全市共有9所学校开展职业技能培训，66个工种共培训");
    expect(byValue.get(5)?.scope).toBe("社会服务 2023年新增培训基地");
  });

  it("scopes a figure by the sentence before it too: it sets the scene", () => {
    const text = "在2024年全市中职学生技能大赛中，学校学生表现优异。并再次以团体总分693分的成绩荣获一等奖。";
    const [f] = extractTextFacts([paragraph(text)], { entity: "遂宁市职业技术学校", report: "r", defaultYear: 2024 });
    expect(f).toMatchObject({ indicator: "团体总分", value: 693, unit: "分" });
    expect(f.scope).toContain("技能大赛");
  });

  it("leaves the column empty when no year is known", () => {
    const [g] = extractTextFacts([paragraph("专任教师1903人。")], { entity: "江门市", report: "r", defaultYear: null });
    expect(g).toMatchObject({ year: null, column: "", value: 1903 });
  });

  it("cites the raw line that holds the digits of a paragraph joined across a page", () => {
    const p: Passage = {
      ...paragraph("其中，企业职工培训人次4054人次，农民工培训728人次。", 898),
      endLine: 900,
      lineStarts: [
        [0, 898],
        [16, 900],
      ],
    };
    const facts = extractTextFacts([p], { entity: "乐山市", report: "r", defaultYear: 2024 });
    expect(facts.map((x) => [x.indicator, x.line])).toEqual([
      ["企业职工培训人次", 898],
      ["农民工培训", 900],
    ]);
  });

  it("drops a fact whose line does not hold its digits, when the raw lines are given", () => {
    const facts = extractTextFacts([paragraph("专任教师1903人。", 2)], { entity: "江门市", report: "r", defaultYear: 2024, lines: ["专任教师1903人。", "无关的一行"] });
    expect(facts).toEqual([]);
  });

  it("never throws, whatever the text", () => {
    const odd = [paragraph(""), paragraph("。。。"), paragraph("1".repeat(10_000)), paragraph("专任教师1903人，".repeat(20_000)), paragraph("\ufffd\u0000 12人")];
    expect(() => extractTextFacts(odd, { entity: "e", report: "r", defaultYear: 2024 })).not.toThrow();
  });

  it("reads no case study", () => {
    const c: Passage = { ...paragraph("案例1 标题\n该专业现有专任教师19人。"), kind: "case", endLine: 3 };
    const inside = { ...paragraph("该专业现有专任教师19人。", 2) };
    expect(extractTextFacts([c, inside], { entity: "e", report: "r", defaultYear: 2024 })).toEqual([]);
  });
});

const NAMES = Object.keys(REPORTS) as ReportName[];
const corpus = Object.fromEntries(
  NAMES.map((n) => {
    const lines = corpusLines(n);
    const passages = parseStructure(lines, n, REPORTS[n].entity, inventoryExcluded(n)).passages;
    const year = n.startsWith("lvliang") ? 2022 : 2024;
    return [n, { lines, passages, facts: extractTextFacts(passages, { entity: REPORTS[n].entity, report: n, defaultYear: year }) }];
  }),
) as Record<ReportName, { lines: string[]; passages: Passage[]; facts: Fact[] }>;

describe("the corpus anchors", () => {
  const find = (n: ReportName, line: number, indicator: string) => corpus[n].facts.filter((f) => f.line === line && f.indicator === indicator);

  it.each([
    ["leshan-2024.txt", 25, "中职招生", 2024, 12600, "人", "1.26万人"],
    ["lvliang-2023.txt", 144, "毕业生", 2022, 7535, "人", "7535名"],
    ["lvliang-2023.txt", 190, "生均拨款", 2022, 23207, "元", "23207元"],
    ["bishan-2024.txt", 152, "生均占地面积", 2024, 70.74, "平方米", "70.74平方米"],
    ["bishan-2024.txt", 1350, "总收入", 2024, 9448.26, "万元", "9448.26万元"],
    ["leshan-2024.txt", 898, "企业职工培训人次", 2024, 4054, "人次", "4054人次"],
    ["leshan-2024.txt", 900, "农民工培训", 2024, 728, "人次", "728人次"],
    ["leshan-2024.txt", 1007, "生均仪器设备值", 2024, 8733.65, "元", "8733.65元"],
    ["suining-2024.txt", 646, "升入高职院校", 2024, 803, "人", "803人"],
    ["jiangmen-2024.txt", 297, "生均教学、实习仪器设备资产值", 2024, 1.07624, "万元", "1.07624万元"],
  ] as const)("%s:%i %s", (n, line, indicator, year, value, unit, raw) => {
    expect(find(n, line, indicator)).toEqual([expect.objectContaining({ year, value, unit, raw, source: "text", table: null })]);
  });

  it("reads nothing 吕梁 does not print: no 月收入, no 2024 figure", () => {
    const lv = corpus["lvliang-2023.txt"].facts;
    expect(lv.filter((f) => f.indicator.includes("月收入"))).toEqual([]);
    expect(lv.filter((f) => f.year === 2024)).toEqual([]);
  });

  it("reads no figure from the line with the misprinted date (江门 390)", () => {
    expect(corpus["jiangmen-2024.txt"].facts.filter((f) => f.line === 390)).toEqual([]);
  });
});

describe("every text fact of the corpus", () => {
  const all = NAMES.flatMap((n) => corpus[n].facts.map((f) => [n, f] as const));

  it("is there in numbers (a regression guard)", () => {
    expect(all.length).toBeGreaterThan(400);
  });

  it("stands on a raw line that holds its digits", () => {
    for (const [n, f] of all) {
      const digits = String(f.raw).match(/\d+(?:\.\d+)?/)![0];
      expect(cleanText(corpus[n].lines[f.line - 1]), `${n}:${f.line} ${f.raw}`).toContain(digits);
    }
  });

  it("has a unique id, a usable label and a value of the right type", () => {
    const ids = all.map(([, f]) => f.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const [n, f] of all) {
      expect(f.indicator.length, `${n}:${f.line}`).toBeGreaterThanOrEqual(2);
      // 20 characters, and a county's name in front of a figure that is that county's.
      expect(f.indicator.length).toBeLessThanOrEqual(26);
      expect(f.indicator.replace(/“[^”]*”/g, ""), `${n}:${f.line} ${f.indicator}`).not.toMatch(/\d/);
      expect(f.path).toEqual([f.indicator]);
      if (typeof f.value === "number") expect(Number.isFinite(f.value)).toBe(true);
      else expect(f.value).toMatch(/^\d+(\.\d+)?:\d+(\.\d+)?$/);
      expect(f.year === null || (f.year >= 2019 && f.year <= 2025)).toBe(true);
      expect(f.column).toBe(f.year === null ? "" : `${f.year}年`);
      // An approximate figure's raw leads with its word (约为 21.2% → 约21.2%); the digits stand as printed.
      expect(f.context).toContain(f.raw.replace(/^(?:约|近|接近|将近|超过|超|逾|多达)/, "").replace(/(?:左右|上下)$/, ""));
    }
  });

  it("comes from no case study", () => {
    for (const n of NAMES) {
      const cases = corpus[n].passages.filter((p) => p.kind === "case");
      for (const f of corpus[n].facts)
        expect(
          cases.some((c) => f.line >= c.line && f.line <= c.endLine),
          `${n}:${f.line}`,
        ).toBe(false);
    }
  });

  it("states no bound, and every approximation with its word, never as exact", () => {
    for (const [n, f] of all) {
      const bare = f.raw.replace(/^(?:约|近|接近|将近|超过|超|逾|多达)/, "").replace(/(?:左右|上下)$/, "");
      const at = f.context!.indexOf(bare);
      const around = f.context!.slice(Math.max(0, at - 2), at + bare.length + 2);
      expect(around, `${n}:${f.line}`).not.toMatch(/不足\d|%\s*(?:以上|以下)/);
      if (/(?:近|超过|逾|约)\s*\d|\d+(?:万|亿)?(?:余|多)|(?:左右|上下)/.test(around)) {
        expect(f.qualifier, `${n}:${f.line} ${f.raw}`).toBeTruthy();
        expect(formatValue(f), `${n}:${f.line}`).not.toBe(`${f.value} ${f.unit}`);
      }
    }
  });
});
