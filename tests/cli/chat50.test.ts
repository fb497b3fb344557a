import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createEngine } from "../../src/answer/engine.js";
import { createChat } from "../../src/cli/chat.js";
import type { Engine } from "../../src/types.js";

/**
 * A 50-turn chat as a new user types it in a meeting (issue 23), over the committed index: figures and their
 * follow-ups, comparisons, rankings, passages, cases, a snapshot, derived figures, charts and files, in Chinese and
 * English. Each turn says what its reply must say (and must not: a figure of the previous question's place or year
 * it did not ask for). Every chart and export request must write its file, and no reply is the greeting block.
 */
let engine: Engine;
let dir: string;
beforeAll(async () => {
  engine = await createEngine({ rebuild: "never" });
  dir = mkdtempSync(join(tmpdir(), "zhibao-chat50-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Turn = [question: string, must: RegExp[], mustNot?: RegExp[]];
const CHART = /(?:图表|Chart)：?:? ?(\S+\.png)$/m;
const XLSX = /(?:Excel 文件|Excel file)：?:? ?(\S+\.xlsx)$/m;
const CSV = /(?:CSV 文件|CSV file)：?:? ?(\S+\.csv)$/m;

const TURNS: Turn[] = [
  ["遂宁 2024 升学人数", [/遂宁市职业技术学校 2024年 升学人数：803 人/, /第1350行/]],
  ["2023年呢", [/2023年 升学人数：765 人/], [/803/]],
  ["江门呢", [/江门市 2023年 升学人数：4722 人/], [/遂宁/]],
  ["江门 月收入 2023 vs 2024", [/3319 元/, /3360 元/, /变化（江门市 2023→2024）：\+41/]],
  ["画个图", [CHART, /3319/]],
  ["导出Excel", [XLSX]],
  ["导出CSV", [CSV]],
  ["乐山和江门 2024 毕业生人数 对比", [/乐山市 2024年 毕业生人数：10201 人/, /江门市 2024年 毕业生人数：10726 人/, /多 525 人/]],
  ["画图", [CHART]],
  ["从高到低", [/^• 江门市 2024年 毕业生人数：10726 人[\s\S]*• 乐山市/m]],
  ["哪个地区2024年在校生最多", [/^1\. 乐山市：34800 人/m, /不宜直接比较/]],
  ["那2023年呢", [/^1\. 江门市：32415 人（2023年/m, /^2\. 乐山市：31892 人/m], [/34800/]],
  ["导出成Excel", [XLSX]],
  ["画个图", [CHART]],
  ["吕梁2022年在校生", [/吕梁市 2022年 中职学校在校人数：26860 人/]],
  // A new place and indicator: 2022 was the last question's year, not this one's.
  ["江门 月收入", [/江门市 2024年 月收入：3360 元/], [/2022/]],
  ["江门的", [/江门市 2024年 月收入：3360 元/], [/2022/]],
  ["乐山 2024 生师比", [/乐山市 2024年 生师比：17\.06/]],
  ["江门呢", [/江门市 2024年 生师比：17\.6:1/], [/乐山/]],
  ["电商 案例", [/相关案例/, /遂潼电商职教联盟/]],
  ["更多", [/没有更多了|^\d\./m], [/「更」/]],
  ["乐山呢", [/^乐山市：找到 \d+ 条相关案例/m], [/「呢」/, /遂宁/]],
  ["还有别的案例吗", [/没有更多了|^\d\./m], [/「还有」/]],
  ["江门 产教融合", [/^江门市：找到 \d+ 条相关内容/m]],
  ["乐山呢", [/^乐山市：找到 \d+ 条相关内容/m, /产教融合/], [/jiangmen-2024\.txt/]],
  ["Suining 2024 overview", [/^Suining Vocational and Technical School 2024 overview/, /Graduates going on to further study \(升学人数\): 803 人 \(vs 2023: \+38/, /^Not reported: /m]],
  ["导出CSV", [CSV]],
  ["遂宁 2024 概况", [/^遂宁市职业技术学校 2024年 概况/, /升学人数：803 人（较2023年 \+38/, /^未报告：/m]],
  ["江门呢", [/^江门市 2024年 概况/, /月收入：3360 元（较2023年 \+41/], [/suining-2024\.txt/]],
  ["Jiangmen monthly income 2023 vs 2024", [/Jiangmen 2023 Monthly income \(月收入\): 3319 元/, /Change \(Jiangmen 2023→2024\): \+41/]],
  ["chart", [CHART]],
  ["export", [XLSX]],
  ["Which report has the highest 在校生 in 2024?", [/^1\. 乐山市：34800 人/m]],
  ["and in 2023?", [/^1\. 江门市：32415 人（2023年/m], [/34800/]],
  ["Leshan vs Jiangmen 2024 graduates", [/Leshan 2024 Graduates \(毕业生人数\): 10201 人/, /Jiangmen 2024 Graduates \(毕业生人数\): 10726 人/]],
  ["chart", [CHART]],
  ["谢谢", [/不客气/]],
  ["璧山 2024 月收入", [/璧山区 2024年 月收入：4000 元/]],
  // 璧山 prints no 2023: said so, never another year's figure or another place's.
  ["2023年呢", [/璧山区 2023年 月收入：报告中没有这一年的数字/], [/4000 元$/m, /江门/]],
  ["遂宁 2024 在校生满意度", [/在校生满意度：81\.95%/]],
  ["毕业生满意度呢", [/遂宁市职业技术学校 2024年 毕业生满意度：99\.12%/]],
  // Not printed: never the answer, offered as a marked note.
  ["遂宁 2024 升学人数占毕业生人数的比例", [/^报告中没有找到/, /计算为 60\.3%（计算，报告未直接给出）/]],
  ["遂宁 2024 升学人数占毕业生人数的比例 算一下", [/^遂宁市职业技术学校 2024年 升学人数\/毕业生人数：60\.3%（计算，报告未直接给出）/]],
  ["乐山和江门 2024 月收入", [/3457\.75 元/, /3360 元/]],
  ["只看江门", [/江门市 2024年 月收入：3360 元/], [/乐山/]],
  ["江门 2024 双师型教师比例", [/江门市 2024年 “双师型”教师比例：37\.4%/]],
  ["Leshan 2024 student-teacher ratio", [/Leshan 2024 Student-teacher ratio \(生师比\): 17\.06/]],
  ["显示遂宁的计分卡", [/^表1 人才培养质量计分卡（suining-2024\.txt/]],
  ["导出Excel", [XLSX]],
  ["what about Jiangmen?", [/^表1 人才培养质量计分卡（jiangmen-2024\.txt/], [/suining/]],
];

it("50 turns: each reply says what it must, leaks nothing from the turn before, and every chart and file is written", async () => {
  expect(TURNS).toHaveLength(50);
  const chat = createChat(engine, { dir });
  const failures: string[] = [];
  for (const [k, [question, must, mustNot = []]] of TURNS.entries()) {
    const reply = (await chat.turn(question)) ?? "";
    const at = `turn ${k + 1} «${question}»`;
    if (/我能回答这些报告里的问题|I answer questions about these reports/.test(reply)) failures.push(`${at}: the greeting block`);
    for (const re of must) if (!re.test(reply)) failures.push(`${at}: lacks ${re}\n${reply}`);
    for (const re of mustNot) if (re.test(reply)) failures.push(`${at}: has ${re}\n${reply}`);
    for (const [re, magic, start] of [
      [CHART, "PNG", 1],
      [XLSX, "PK", 0],
      [CSV, "\ufeff", 0],
    ] as const) {
      const file = re.exec(reply)?.[1];
      if (!file) continue;
      if (!existsSync(file)) failures.push(`${at}: ${file} was not written`);
      else if (
        !readFileSync(file, magic === "\ufeff" ? "utf8" : undefined)
          .slice(start, start + magic.length)
          .toString()
          .startsWith(magic)
      )
        failures.push(`${at}: ${file} is no ${magic}`);
    }
  }
  expect(failures).toEqual([]);
}, 120_000);
