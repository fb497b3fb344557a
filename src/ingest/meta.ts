import type { Fact, ManifestEntry, ReportMeta } from "../types.js";
import { cleanText, stripHeadingMarks } from "./clean.js";
import { entityFromPublisherName, placeFromBody, placeFromFileName, publisherFromMetadata, yearFromFileName } from "./guess.js";
import { digitYears, entityFromTitleText, kindOfEntity, type TitleEntity } from "./publisher.js";
import { STANDARD_TABLE_SOURCE } from "../text/vocabulary.js";

const STANDARD_TABLE_RE = new RegExp(STANDARD_TABLE_SOURCE);

/**
 * Reads who a report is about from its title: the publisher before "…质量年度报告", "职业教育…报告",
 * "中等职业学校…报告" ("乐山市中等职业教育质量年度报告" → 乐山市, "遂宁市职业技术学校 职业教育年度质量报告（2024）"
 * → 遂宁市职业技术学校, "2017年四川省广元市职业高级中学校质量年度报告" → 广元市职业高级中学校). See publisher.ts.
 */
export function entityFromTitle(title: string): string | null {
  return entityFromTitleText(title)?.entity ?? null;
}

const YEAR = String.raw`(?:19|20)\d{2}`;
/** A period or school year: 2017年9月—2018年8月, 2017.9-2018.8, 2023-2024学年度, (2017-2018). */
const PERIOD_YEARS = new RegExp(String.raw`(${YEAR})\s*(?:年\s*\d{1,2}\s*月?|[.．]\s*\d{1,2})?\s*[-—–~～至到]+\s*(${YEAR})(?!\d)`);

/**
 * The year a report is titled with: "（2024）", "2024年度", "2017 年" → 2024, 2024, 2017; a school
 * year or period counts as the year it ends ("（2023-2024学年度）", "(2017年9月—2018年8月)" → 2024,
 * 2018), the same way a question's "2023-2024学年" is read; Chinese numerals too ("二〇二二年",
 * "二O二二年" → 2022). A period wins over a plain year: "2017年…报告（2017年9月—2018年8月）" reports on
 * the school year that ends in 2018.
 */
export function yearFromTitle(title: string): number | null {
  const t = digitYears(title);
  const range = PERIOD_YEARS.exec(t);
  if (range) return Number(range[2]);
  const m = new RegExp(String.raw`(${YEAR})\s*(?:年度|学年|）|\)|年)`).exec(t);
  return m ? Number(m[1]) : null;
}

/**
 * When the title line has no year (乐山's cover prints "# 2024" and "(2024 年度)" on lines of
 * their own), the first such line near the top: a year alone, or a period ("（2017年9月—2018年8月）").
 */
export function yearFromFrontMatter(lines: string[]): number | null {
  for (const raw of lines.slice(0, 300)) {
    const line = digitYears(cleanText(stripHeadingMarks(raw))).replace(/^(?:报告年度|年度|报告期)[：:]\s*/, "");
    const m = /^[（(]?\s*(20\d{2})\s*年度?\s*[)）]?$/.exec(line) ?? /^(20\d{2})$/.exec(line);
    if (m) return Number(m[1]);
    const period =
      /^[（(]?\s*(?:统计时段[：:]?\s*)?(20\d{2})\s*(?:年\s*\d{1,2}\s*月?|[.．]\s*\d{1,2})?\s*[-—–~～至到]+\s*(20\d{2})\s*(?:年\s*(?:\d{1,2}\s*月)?|[.．]\s*\d{1,2}|学年度?)?\s*[)）]?$/.exec(line);
    if (period) return Number(period[2]);
  }
  return null;
}

/** City, district or school, from the entity's own name when the manifest does not say (see publisher.ts). */
export function kindOf(entity: string): ReportMeta["kind"] {
  return kindOfEntity(entity);
}

/**
 * The publisher when the title line names none: another title-like line of the front matter, or the
 * report named in its opening (遂宁's preface: "…形成了《遂宁市职业技术学校职业教育年度质量报告（2024）》"),
 * else a publisher line of the cover ({@link publisherFromCover}).
 */
export function entityFromFrontMatter(lines: string[]): TitleEntity | null {
  return titleFromFrontMatter(lines) ?? publisherFromCover(lines);
}

/** A title-like line of the front matter, or a report named 《…报告》 in its opening, that names the publisher. */
export function titleFromFrontMatter(lines: string[]): TitleEntity | null {
  for (const raw of lines.slice(0, 80)) {
    if (!raw.includes("报告")) continue;
    const text = cleanText(stripHeadingMarks(raw));
    for (const quoted of text.matchAll(/《([^《》]{4,60}报告[^《》]{0,30})》/g)) {
      const e = entityFromTitleText(quoted[1]!);
      if (e) return e;
    }
    if (text.length <= 60 && !/[。，；]/.test(text)) {
      const e = entityFromTitleText(text);
      if (e) return e;
    }
  }
  return null;
}

/**
 * A cover that prints the title alone ("质量年度报告") and the publisher on a line of its own, or
 * only the education office that published it (赣州市教育局 → 赣州市), in its first 30 lines.
 */
export function publisherFromCover(lines: string[]): TitleEntity | null {
  for (const raw of lines.slice(0, 30)) {
    const e = entityFromPublisherName(cleanText(stripHeadingMarks(raw)).replace(/^(?:(?:编制|发布|报送|填报)?(?:单位|机构)|学校|单位名称|学校名称|名称)[：:]\s*/, ""));
    if (e) return e;
  }
  return null;
}

export { entityFromPublisherName };

/**
 * Who a report with no title naming it is about, and how that was guessed, in order (guess.ts): a
 * title-like line of the front matter (no guess), a publisher a metadata line or the web page's
 * publication block names, a publisher line on the cover (no guess), the place the text calls
 * its own, the place its file name names.
 */
function entityWithoutTitle(lines: string[], report: string, pagePublisher: string | undefined): { read: TitleEntity; guess: NonNullable<ReportMeta["guessed"]>["entity"] } | null {
  const front = titleFromFrontMatter(lines);
  if (front) return { read: front, guess: undefined };
  const labelled = publisherFromMetadata(lines);
  const page = !labelled && pagePublisher ? entityFromPublisherName(pagePublisher) : null;
  const publisher = labelled ?? (page ? { ...page, evidence: `发布机构：${pagePublisher}`, line: null } : null);
  if (publisher) return { read: publisher, guess: { name: publisher.entity, from: "publisher", evidence: publisher.evidence, line: publisher.line } };
  const cover = publisherFromCover(lines);
  if (cover) return { read: cover, guess: undefined };
  const body = placeFromBody(lines);
  if (body) return { read: body, guess: { name: body.entity, from: "body", evidence: body.evidence, line: null } };
  const file = placeFromFileName(report);
  if (file) return { read: file, guess: { name: file.entity, from: "file name", evidence: file.evidence, line: null } };
  return null;
}

/** Words that mark a report as not final: 征求意见稿, 讨论稿, 送审稿, 草稿, 初稿, 修改稿, 样稿, 未定稿, draft. */
const DRAFT_WORD = /征求意见稿|讨论稿|送审稿|草稿|初稿|修改稿|样稿|未定稿|\bdraft\b/i;

/** How many non-blank lines of the front matter are looked at for a draft mark (a cover, its title, a note). */
const DRAFT_FRONT_LINES = 30;

/**
 * The word that marks a report as a draft, in its title or on a line of its front matter, and where.
 *
 * @example draftMark("…质量年度报告（征求意见稿）", []) // { word: "征求意见稿", line: null }
 */
export function draftMark(title: string, lines: readonly string[]): { word: string; line: number | null } | null {
  const inTitle = DRAFT_WORD.exec(title);
  if (inTitle) return { word: inTitle[0], line: null };
  let seen = 0;
  for (let i = 0; i < lines.length && seen < DRAFT_FRONT_LINES; i++) {
    if (!lines[i]!.trim()) continue;
    seen++;
    const m = DRAFT_WORD.exec(lines[i]!);
    if (m) return { word: m[0], line: i + 1 };
  }
  return null;
}

/** Assembles a report's metadata from what its text says, with the manifest filling what it cannot. */
export function buildMeta(input: {
  report: string;
  sha256: string;
  title: { title: string; line: number } | null;
  lines: string[];
  manifest: ManifestEntry | undefined;
  entityOverride?: string;
  /** The publisher a web page names in its publication block (发布机构, else 来源): the entity when neither the title nor the front matter names one. */
  publisher?: string;
  /** Told when the text names no publisher (the file name stands in) or no year. */
  warn?: (line: number | null, message: string) => void;
}): ReportMeta {
  const { report, title, manifest } = input;
  const titleText = title?.title ?? report.replace(/\.[^.]+$/, "");
  const fromTitle = title ? entityFromTitleText(title.title) : null;
  const without = fromTitle || input.entityOverride ? null : entityWithoutTitle(input.lines, report, input.publisher);
  const read = fromTitle ?? without?.read ?? null;
  const entity = input.entityOverride ?? read?.entity ?? titleText;
  let reportYear = (title ? yearFromTitle(title.title) : null) ?? yearFromFrontMatter(input.lines);
  const guessed: NonNullable<ReportMeta["guessed"]> = {};
  if (without?.guess) {
    guessed.entity = without.guess;
    const how = { publisher: "the publisher its metadata names", body: "the place its text calls its own", "file name": "its file name" }[without.guess.from];
    input.warn?.(
      without.guess.line ?? title?.line ?? null,
      `no title names the report's publisher: "${entity}" is guessed from ${how} (${without.guess.evidence}); name it in the title or in corpus/manifest.json if that is wrong`,
    );
  }
  if (reportYear === null) {
    const year = yearFromFileName(report);
    if (year !== null) {
      reportYear = year;
      guessed.year = { year, from: "file name", evidence: report };
    }
  }
  if (!input.entityOverride && !read) {
    input.warn?.(
      title?.line ?? null,
      title
        ? `the report's publisher could not be read from its title "${title.title}"; it is listed as "${entity}" (name it in corpus/manifest.json or in the title)`
        : `no report title found in the first lines; the report is listed under its file name "${entity}"`,
    );
  }
  const draft = draftMark(titleText, input.lines);
  if (draft) input.warn?.(draft.line, `marked as a draft (${draft.word}): another report of ${entity} for the same year that is not a draft is answered from instead`);
  if (reportYear === null) input.warn?.(title?.line ?? null, "no report year found in the title or on the cover; questions without a year use the latest year of its tables");
  else if (guessed.year) input.warn?.(title?.line ?? null, `no report year found in the title or on the cover: ${reportYear} is taken from the file name`);
  return {
    report,
    entity,
    title: titleText,
    kind: manifest?.kind ?? kindOf(entity),
    province: manifest?.province ?? read?.province ?? null,
    english: manifest?.english ?? null,
    aliases: manifest?.aliases ?? [],
    ...(manifest?.url ? { url: manifest.url } : {}),
    reportYear,
    latestDataYear: reportYear,
    dataYears: [],
    sha256: input.sha256,
    ...(guessed.entity || guessed.year ? { guessed } : {}),
    ...(draft ? { draft } : {}),
  };
}

/** Fills the data years from the table facts: the default year for a question that names none is the latest. */
export function withDataYears(meta: ReportMeta, facts: Fact[]): ReportMeta {
  const years = new Set<number>();
  const standardYears = new Set<number>();
  for (const f of facts) {
    if (f.source !== "table" || f.year === null) continue;
    years.add(f.year);
    if (STANDARD_TABLE_RE.test(f.table ?? "")) standardYears.add(f.year);
  }
  const dataYears = [...years].sort((a, b) => a - b);
  const pool = standardYears.size ? [...standardYears] : dataYears;
  const latest = pool.length ? Math.max(...pool) : meta.reportYear;
  return { ...meta, dataYears, latestDataYear: latest };
}
