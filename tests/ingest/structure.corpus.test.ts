/**
 * Structure parser on the whole corpus: every case marker the inventory lists
 * (shared/notes/corpus-inventory.md §1), the dev.jsonl passage answers, and properties that must
 * hold for every passage of every report.
 */

import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { cleanText } from "../../src/ingest/clean.js";
import { parseStructure, readReportTitle } from "../../src/ingest/structure/index.js";
import type { Passage } from "../../src/types.js";
import { corpusLines, inventoryExcluded, REPORTS, type ReportName } from "./helpers/corpus.js";

const NAMES = Object.keys(REPORTS) as ReportName[];
const lines = Object.fromEntries(NAMES.map((n) => [n, corpusLines(n)])) as Record<ReportName, string[]>;
const parsed = Object.fromEntries(NAMES.map((n) => [n, parseStructure(lines[n], n, REPORTS[n].entity, inventoryExcluded(n))])) as Record<ReportName, ReturnType<typeof parseStructure>>;
const cases = (n: ReportName) => parsed[n].passages.filter((p) => p.kind === "case");
const paragraphs = (n: ReportName) => parsed[n].passages.filter((p) => p.kind === "paragraph");

/** Case marker lines, from the inventory's tables (§1). */
const MARKERS: Partial<Record<ReportName, number[]>> = {
  "leshan-2024.txt": [284, 315, 331, 403, 439, 485, 537, 561, 574, 612, 622, 638, 652, 666, 676, 700, 728, 746, 758, 768, 868, 888, 907, 933, 957, 979, 1035, 1059],
  "suining-2024.txt": [149, 234, 256, 650, 671, 711, 752, 1246, 1302],
  "bishan-2024.txt": [41, 137, 154, 176, 484, 510, 546, 580, 647, 670, 819, 836, 848, 864, 1015, 1030, 1047, 1161, 1312, 1321],
  "jiangmen-2024.txt": [114, 121, 131, 144, 151, 161, 165, 175, 186, 231, 243, 256, 267, 282, 288, 298, 310, 314, 318, 326, 337, 343, 348, 351, 355, 360, 367, 375, 382, 389, 400],
};

describe("case studies, every marker style", () => {
  it.each(Object.entries(MARKERS))("%s: every marker the inventory lists, and no other", (name, expected) => {
    expect(cases(name as ReportName).map((c) => c.line)).toEqual(expected);
  });

  it("counts 28 / 9 / 20 / 31 labelled cases, and 吕梁's three 7.x showcases", () => {
    expect(NAMES.map((n) => cases(n).length)).toEqual([28, 3, 9, 20, 31]);
  });

  it("finds the same markers without any table exclusion", () => {
    for (const [name, expected] of Object.entries(MARKERS)) {
      const r = parseStructure(lines[name as ReportName], name, "e", () => false);
      expect(r.passages.filter((p) => p.kind === "case").map((c) => c.line)).toEqual(expected);
    }
  });

  it("labels cases as printed, normalised", () => {
    expect(cases("leshan-2024.txt").map((c) => c.caseLabel)).toEqual(Array.from({ length: 28 }, (_, i) => `典型案例 ${i + 1}`));
    expect(cases("suining-2024.txt").map((c) => c.caseLabel)).toEqual(Array.from({ length: 9 }, (_, i) => `【案例${i + 1}】`));
    expect(cases("bishan-2024.txt").map((c) => c.caseLabel)).toEqual(Array.from({ length: 20 }, (_, i) => `案例${i + 1}`));
    expect(
      cases("jiangmen-2024.txt")
        .slice(0, 4)
        .map((c) => c.caseLabel),
    ).toEqual(["案例2-1", "案例2-2", "案例2-3", "案例2-4"]);
    expect(cases("lvliang-2023.txt").map((c) => c.caseLabel)).toEqual(["7.1", "7.2", "7.3"]);
  });

  it("titles 乐山's cases as its 案例目录 lists them (an independent check)", () => {
    const toc = lines["leshan-2024.txt"].slice(185, 213).map((l) => l.split("\t")[1].replace(/\s*\.{2,}.*$/, ""));
    const norm = (s: string) => s.replace(/\s+/g, "").replace(/[—一]/g, "-");
    const ours = cases("leshan-2024.txt").map((c) => norm(c.title));
    toc.forEach((t, i) => expect(ours[i].startsWith(norm(t).slice(0, 8)), `case ${i + 1}: ${t}`).toBe(true));
  });

  it("gives 璧山's cases the title on the next non-blank line, spaces collapsed to one", () => {
    const bishan = cases("bishan-2024.txt");
    expect(bishan[2].title).toBe("筑梦空间 破解住宿难题");
    expect(bishan[5].title).toBe("培根铸魂 协同育人");
    expect(bishan[9].title).toBe("科创大赛精彩纷呈：璧山区青少年展现科技创新无限潜力");
  });

  it("never lets a case run into the next one", () => {
    for (const n of NAMES) {
      const cs = cases(n);
      cs.slice(1).forEach((c, i) => expect(cs[i].endLine, `${n} ${cs[i].caseLabel}`).toBeLessThan(c.line));
    }
  });
});

/** dev.jsonl seeds are the corpus files in this order. */
const SEEDS: Record<string, ReportName> = {
  "000_ddf9efc995bd5b70.txt": "leshan-2024.txt",
  "001_2837276d93c21131.txt": "lvliang-2023.txt",
  "002_6ff9479b5d805577.txt": "suining-2024.txt",
  "003_a093b9b374c065e1.txt": "bishan-2024.txt",
  "004_b50a5a67f0967658.txt": "jiangmen-2024.txt",
};

interface DevItem {
  id: string;
  type: string;
  seed: string;
  expected: { contains?: string[] };
  evidence_line: number;
}

const devPath = fileURLToPath(new URL("../../../shared/eval/dev.jsonl", import.meta.url));
const devPassages: DevItem[] = readFileSync(devPath, "utf8")
  .split("\n")
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l) as DevItem)
  .filter((d) => d.type === "passage");

describe("dev.jsonl passage answers", () => {
  it("has passage items to check", () => expect(devPassages.length).toBeGreaterThanOrEqual(16));

  it.each(devPassages.map((d) => [d.id, d] as const))("%s: a passage holds the answer within 3 lines of the evidence", (_id, d) => {
    const report = SEEDS[d.seed];
    const hit = parsed[report].passages.find((p) => Math.abs(p.line - d.evidence_line) <= 3 && (d.expected.contains ?? []).some((s) => p.title.includes(s) || p.text.includes(s)));
    expect(hit, JSON.stringify(d.expected.contains)).toBeDefined();
  });

  it("answers the brief's examples exactly", () => {
    const find = (n: ReportName, pred: (p: Passage) => boolean) => parsed[n].passages.find(pred);
    expect(find("bishan-2024.txt", (p) => p.kind === "case" && p.caseLabel === "案例3")).toMatchObject({ title: "筑梦空间 破解住宿难题", line: 154 });
    expect(find("leshan-2024.txt", (p) => p.kind === "case" && p.title.includes("模式构建职普教育立交桥"))?.caseLabel).toBe("典型案例 5");
    expect(find("suining-2024.txt", (p) => p.kind === "case" && p.line === 1246)?.title).toBe("遂宁反洗钱宣传教育基地成立并揭牌");
    expect(find("jiangmen-2024.txt", (p) => p.kind === "case" && p.title === "举行叉车司机职业技能大赛")?.line).toBe(355);
    expect(find("lvliang-2023.txt", (p) => p.title.includes("正思立行崇孝尚义思政教育工作室"))?.line).toBe(226);
  });
});

describe("every passage of every report", () => {
  const all = NAMES.flatMap((n) => parsed[n].passages.map((p) => [n, p] as const));
  const squash = (s: string) => s.replace(/\s+/g, "");

  it("has a line that holds the start of its text", () => {
    for (const [n, p] of all) {
      const raw = squash(cleanText(lines[n][p.line - 1]).replace(/^#+/, ""));
      const start = squash(p.text).slice(0, Math.min(6, raw.length));
      expect(raw.includes(start) || start.startsWith(raw), `${n}:${p.line} ${p.text.slice(0, 20)}`).toBe(true);
    }
  });

  it("cites each joined part on the line it stands on", () => {
    for (const [n, p] of all.filter(([, p]) => p.lineStarts)) {
      for (const [offset, line] of p.lineStarts!) {
        const part = squash(p.text.slice(offset, offset + 4));
        expect(squash(cleanText(lines[n][line - 1])).startsWith(part), `${n}:${line}`).toBe(true);
      }
      expect(p.endLine).toBe(p.lineStarts!.at(-1)![1]);
    }
  });

  it("has unique ids in the documented form", () => {
    const ids = all.map(([, p]) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const [n, p] of all) expect(p.id).toBe(`${n}:${p.kind === "case" ? "c" : "p"}:${p.line}`);
  });

  it("carries no markup, no TOC leader and no caption", () => {
    for (const [n, p] of all) {
      expect(p.text, `${n}:${p.line}`).not.toMatch(/\[bookmark|\[image|<\/?b>|<sup>|\*\*|\.{4,}|\t/);
      for (const para of p.text.split("\n")) expect(para, `${n}:${p.line}`).not.toMatch(/^图\s*\d+(?:[-－]\d+)?\s/);
    }
  });

  it("has a non-empty title under a section, and case paragraphs titled by their case", () => {
    for (const n of NAMES) {
      for (const c of cases(n).filter((c) => /案例/.test(c.caseLabel ?? ""))) {
        const inside = paragraphs(n).filter((p) => p.line > c.line && p.line <= c.endLine);
        expect(inside.length, `${n} ${c.caseLabel}`).toBeGreaterThan(0);
        for (const p of inside) expect(p.title).toBe(c.title);
      }
    }
  });
});

describe("artifacts left out by their shape, with no table parser", () => {
  const bare = Object.fromEntries(NAMES.map((n) => [n, parseStructure(lines[n], n, "e", () => false)])) as Record<ReportName, ReturnType<typeof parseStructure>>;

  it("reads nothing from 乐山's TOC, table, figure and case lists (39–213)", () => {
    expect(bare["leshan-2024.txt"].passages.filter((p) => p.line >= 37 && p.line <= 215)).toEqual([]);
    expect(bare["leshan-2024.txt"].sections.filter((s) => s.line <= 215)).toEqual([]);
  });

  it("reads nothing from the chart residue at 吕梁 282–289 and 遂宁 2198–2239", () => {
    expect(bare["lvliang-2023.txt"].passages.filter((p) => p.line >= 282)).toEqual([]);
    expect(bare["suining-2024.txt"].passages.filter((p) => p.line >= 2198)).toEqual([]);
  });
});

describe("paragraphs", () => {
  it("joins all 24 of 乐山's paragraphs cut by a page break", () => {
    const breaks = [
      [29, 31],
      [280, 282],
      [346, 348],
      [471, 473],
      [503, 505],
      [515, 517],
      [529, 531],
      [557, 559],
      [569, 571],
      [704, 706],
      [720, 722],
      [732, 734],
      [898, 900],
      [913, 915],
      [925, 927],
      [937, 939],
      [951, 953],
      [995, 997],
      [1005, 1007],
      [1041, 1043],
      [1055, 1057],
      [1102, 1104],
      [1130, 1132],
      [1142, 1144],
    ];
    const byLine = new Map(paragraphs("leshan-2024.txt").map((p) => [p.line, p]));
    for (const [a, b] of breaks) expect(byLine.get(a)?.endLine, `${a} | ${b}`).toBe(b);
  });

  it("keeps 吕梁's twice-printed paragraphs (173–174 = 192–193) once", () => {
    const at = paragraphs("lvliang-2023.txt").map((p) => p.line);
    expect(at).toEqual(expect.arrayContaining([173, 174]));
    expect(at).not.toContain(192);
    expect(at).not.toContain(193);
  });
});

describe("sections", () => {
  const top = (n: ReportName) => parsed[n].sections.filter((s) => s.level === 1).map((s) => `${s.number}${s.number ? " " : ""}${s.title}`);

  it("reads each report's chapters at level 1", () => {
    expect(top("leshan-2024.txt")).toEqual(["一 人才培养", "二 产教融合", "三 文化传承", "四 服务贡献", "五 发展保障", "六 国际合作", "七 机遇和挑战", "附表"]);
    expect(top("lvliang-2023.txt").map((t) => t.split(" ")[0])).toEqual(["1", "2", "3", "4", "5", "6", "7", "8", "9"]);
    expect(top("suining-2024.txt")).toEqual(["前言", "1 学校概况", "2 人才培养", "3 服务贡献", "4 文化传承", "5 产教融合", "6 发展保障", "7 面临挑战", "附表"]);
    expect(top("bishan-2024.txt").map((t) => t.split(" ")[0])).toEqual(["前言", "1", "2", "3", "4", "5", "6", "7", "8"]);
    // 江门 prints no `1.` and no `5.`: 1.1, 1.2 and 5.1–5.4 stand at the top level.
    expect(top("jiangmen-2024.txt").map((t) => t.split(" ")[0])).toEqual(["1.1", "1.2", "2", "3", "4", "5.1", "5.2", "5.3", "5.4", "6", "7", "8"]);
  });

  it("nests every section at most one level below the one before", () => {
    for (const n of NAMES) {
      const s = parsed[n].sections;
      s.slice(1).forEach((x, i) => expect(x.level, `${n}:${x.line}`).toBeLessThanOrEqual(s[i].level + 1));
    }
  });
});

describe("report titles", () => {
  it("reads each report's title as printed", () => {
    expect(NAMES.map((n) => readReportTitle(lines[n]))).toEqual([
      { title: "乐山市中等职业教育质量年度报告", line: 260 },
      { title: "吕梁市中等职业教育质量年度报告（2023）", line: 1 },
      { title: "遂宁市职业技术学校 职业教育年度质量报告（2024）", line: 6 },
      { title: "璧山区中等职业学校年度质量报告（2023-2024学年度）", line: 14 },
      { title: "江门市2024年度中等职业教育质量报告", line: 1 },
    ]);
  });

  it("never throws and warns about nothing it could read", () => {
    for (const n of NAMES) {
      const warnings = parsed[n].warnings;
      if (n === "leshan-2024.txt") expect(warnings.map((w) => w.line)).toEqual([955]);
      else expect(warnings).toEqual([]);
    }
  });
});
