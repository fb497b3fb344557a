/**
 * The six standard appendix tables every report is asked to publish: recognising them (by title,
 * or by header and indicator names when the title is missing) and building their indicator paths.
 */
import { STANDARD_TABLES } from "../../text/vocabulary.js";
import type { StandardTable } from "../../types.js";

export { STANDARD_TABLES };

// Indicator names only one standard table has; two hits are enough to tell a table without a title.
const SIGNATURES: Record<StandardTable, RegExp[]> = {
  人才培养质量计分卡: [/毕业去向落实人数/, /月收入/, /毕业三年晋升比例/, /自主创业率/, /面向三次产业就业/],
  满意度调查表: [/在校生满意度/, /课堂育人满意度/, /毕业生满意度/, /家长满意度/, /用人单位满意度/],
  教学资源表: [/生师比/, /专业群数量/, /教学计划内课程总数/, /在线精品课程/, /虚拟仿真实训基地/],
  服务贡献表: [/初次就业人数/, /横向技术服务/, /纵向科研经费/, /非学历培训/, /技术产权交易/],
  国际影响表: [/被国外采用/, /国外留学生/, /国外访学教师/, /中外合作办学/, /国际技能大赛|国外技能大赛/],
  落实政策表: [/全日制在校生人数/, /生均财政拨款/, /财政专项/, /额定编制数/, /体质健康标准测试/],
};

/**
 * Which standard table this is. A title that names one decides (`表 3 服务贡献表`); a table
 * without a title is recognised by its `序号 / 指标 / 单位` header and at least two indicator names
 * only that table has (江门's untitled 满意度调查表). Other titled tables are not standard.
 *
 * @example recognizeStandard(null, ["序号","指标","单位","2023年","2024年","调查人数","调查方式"], ["在校生满意度", "其中：课堂育人满意度"]) === "满意度调查表"
 */
export function recognizeStandard(title: string | null, header: string[], indicators: string[]): StandardTable | null {
  if (title) {
    const t = title.replace(/\s+/g, "");
    for (const name of STANDARD_TABLES) if (t.includes(name)) return name;
    if (t.includes("计分卡")) return "人才培养质量计分卡";
    return null;
  }
  const h = header.map((s) => s.replace(/\s+/g, ""));
  if (h[1] !== "指标" || h[2] !== "单位") return null;
  let best: StandardTable | null = null;
  let bestHits = 1;
  for (const name of STANDARD_TABLES) {
    const hits = SIGNATURES[name].filter((re) => indicators.some((i) => re.test(i))).length;
    if (hits > bestHits) {
      best = name;
      bestHits = hits;
    }
  }
  return best;
}

/** An indicator name as the path holds it: trimmed of the `*` marker (`毕业生人数*` → `毕业生人数`). */
export function indicatorName(text: string): string {
  return text.replace(/[*＊]+\s*$/, "").trim();
}

// Level rows under which a `接入国家智慧教育平台数` row counts the platform-connected part.
const LEVEL_ROW = /(国家级|省级|市级|校级)(数量|数)$/;
const ACCESS_ROW = /^(其中[：:])?接入国家智慧教育平台数/;

/**
 * Indicator paths for the rows of a standard table, from the 序号, 指标 and 单位 cells of each row:
 * - a row with a 序号 is top level: `[name]`;
 * - a sub-row (no 序号, a name) is a child of the last numbered row; only the first child
 *   prints `其中：`, its later siblings do not, and all share the parent;
 * - an `接入国家智慧教育平台数` row right after a level row (`其中：国家级数量`, `省级数量`, `校级数量`)
 *   counts part of that level, so it nests under it; that is what tells the ten such rows apart;
 * - a continuation row (no 序号, no name, unit `学时`) belongs to the row above: `[...above, "学时"]`.
 */
export function standardPaths(rows: { seq: string; name: string; unit: string }[]): string[][] {
  const paths: string[][] = [];
  let top: string | null = null;
  let lastSub: string | null = null;
  let lastIndicatorPath: string[] = [];
  for (const r of rows) {
    const name = indicatorName(r.name);
    let path: string[];
    if (r.seq !== "") {
      path = name ? [name] : [r.seq];
      top = path[0];
      lastSub = null;
      lastIndicatorPath = path;
    } else if (name !== "") {
      if (ACCESS_ROW.test(name) && lastSub && LEVEL_ROW.test(lastSub)) {
        path = [...(top ? [top] : []), lastSub, name];
      } else {
        path = top ? [top, name] : [name];
        lastSub = name;
      }
      lastIndicatorPath = path;
    } else {
      path = [...lastIndicatorPath, r.unit.trim() || "学时"];
    }
    paths.push(path);
  }
  return paths;
}
