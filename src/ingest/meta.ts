import type { Fact, ManifestEntry, ReportMeta } from "../types.js";
import { cleanText, stripHeadingMarks } from "./clean.js";

/**
 * Reads who a report is about from its title: the words before "中等职业教育…报告",
 * "职业教育…报告" or "中等职业学校…报告" ("乐山市中等职业教育质量年度报告" → 乐山市,
 * "遂宁市职业技术学校 职业教育年度质量报告（2024）" → 遂宁市职业技术学校).
 */
export function entityFromTitle(title: string): string | null {
  const t = title.replace(/\s+/g, " ").trim();
  const m = /^(?:.*?编制了)?\s*([\u4e00-\u9fff]{2,20}?)\s*(?:(?:20\d{2}|二〇[〇一二三四五六七八九]{2})\s*年度?\s*)?(?:中等职业教育|中等职业学校|中职教育|职业教育)/.exec(t);
  return m ? m[1] : null;
}

/** The year a report is titled with: "（2024）", "2024年度", "（2023-2024学年度）" → 2024. */
export function yearFromTitle(title: string): number | null {
  const range = /(20\d{2})\s*[-—–~至]\s*(20\d{2})\s*学?年/.exec(title);
  if (range) return Number(range[2]);
  const m = /(20\d{2})\s*(?:年度|）|\)|年)/.exec(title);
  return m ? Number(m[1]) : null;
}

/**
 * When the title line has no year (乐山's cover prints "# 2024" and "(2024 年度)" on lines of
 * their own), the first such line near the top.
 */
export function yearFromFrontMatter(lines: string[]): number | null {
  for (const raw of lines.slice(0, 300)) {
    const line = cleanText(stripHeadingMarks(raw));
    const m = /^[（(]?\s*(20\d{2})\s*年度?\s*[)）]?$/.exec(line) ?? /^(20\d{2})$/.exec(line);
    if (m) return Number(m[1]);
  }
  return null;
}

/** City, district or school, from the entity's own name when the manifest does not say. */
export function kindOf(entity: string): ReportMeta["kind"] {
  if (/(学校|学院|中心|中学|职校)$/.test(entity)) return "school";
  if (/(区|县|旗)$/.test(entity)) return "district";
  if (/(市|州|盟)$/.test(entity)) return "city";
  return "unknown";
}

/** Assembles a report's metadata from what its text says, with the manifest filling what it cannot. */
export function buildMeta(input: {
  report: string;
  sha256: string;
  title: { title: string; line: number } | null;
  lines: string[];
  manifest: ManifestEntry | undefined;
  entityOverride?: string;
}): ReportMeta {
  const { report, title, manifest } = input;
  const titleText = title?.title ?? report.replace(/\.[^.]+$/, "");
  const entity = input.entityOverride ?? (title ? entityFromTitle(title.title) : null) ?? titleText;
  const reportYear = (title ? yearFromTitle(title.title) : null) ?? yearFromFrontMatter(input.lines);
  return {
    report,
    entity,
    title: titleText,
    kind: manifest?.kind ?? kindOf(entity),
    province: manifest?.province ?? null,
    english: manifest?.english ?? null,
    aliases: manifest?.aliases ?? [],
    reportYear,
    latestDataYear: reportYear,
    dataYears: [],
    sha256: input.sha256,
  };
}

/** Fills the data years from the table facts: the default year for a question that names none is the latest. */
export function withDataYears(meta: ReportMeta, facts: Fact[]): ReportMeta {
  const years = new Set<number>();
  const standardYears = new Set<number>();
  for (const f of facts) {
    if (f.source !== "table" || f.year === null) continue;
    years.add(f.year);
    if (/计分卡|满意度调查表|教学资源表|服务贡献表|国际影响表|落实政策表/.test(f.table ?? "")) standardYears.add(f.year);
  }
  const dataYears = [...years].sort((a, b) => a - b);
  const pool = standardYears.size ? [...standardYears] : dataYears;
  const latest = pool.length ? Math.max(...pool) : meta.reportYear;
  return { ...meta, dataYears, latestDataYear: latest };
}
