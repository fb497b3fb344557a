/**
 * What a government or school web page says about the report it carries, outside the report's own
 * text: its title (the article's heading, else the page's `<title>` without the site's name) and
 * the publication block Chinese government sites print above or below an article (政务公开:
 * 索引号, 发布机构, 发布日期, 文号; news pages: 发布时间, 来源, 作者, 浏览次数).
 *
 * Everything here reads text the HTML parser has already taken out of the page (element texts,
 * attribute values, lines), never the markup.
 */

/** The publication details a page prints about itself. Each is absent when the page does not say. */
export interface PagePublication {
  /** 发布机构 / 发文机关 / 发布单位: who published it ("青禾县教育局"). */
  publisher?: string;
  /** 发布日期 / 发布时间 / 成文日期 (or `<meta name="PubDate">`), as YYYY-MM-DD. */
  date?: string;
  /** 来源 / 信息来源 (or `<meta name="ContentSource">`): whose text it is. */
  source?: string;
  /** 文号 / 发文字号: the document number ("青教发〔2024〕3号"). */
  number?: string;
  /** 索引号: the government-information index number. */
  index?: string;
}

type Field = keyof PagePublication;

/**
 * The labels of a publication block, longest first so that 信息来源 is read before 来源; the field
 * each one fills (null: a label that only ends the value before it, such as 浏览次数).
 */
const LABELS: [string, Field | null][] = (
  [
    ["索引号", "index"],
    ["发布机构", "publisher"],
    ["发文机关", "publisher"],
    ["发文机构", "publisher"],
    ["发布单位", "publisher"],
    ["发布部门", "publisher"],
    ["发布日期", "date"],
    ["发布时间", "date"],
    ["成文日期", "date"],
    ["发文日期", "date"],
    ["更新时间", "date"],
    ["信息来源", "source"],
    ["文章来源", "source"],
    ["稿件来源", "source"],
    ["来源", "source"],
    ["发文字号", "number"],
    ["文号", "number"],
    ["主题分类", null],
    ["主题词", null],
    ["公开方式", null],
    ["公开范围", null],
    ["有效性", null],
    ["失效日期", null],
    ["分类", null],
    ["作者", null],
    ["责任编辑", null],
    ["编辑", null],
    ["审核", null],
    ["浏览次数", null],
    ["浏览量", null],
    ["阅读次数", null],
    ["阅读量", null],
    ["点击数", null],
    ["点击量", null],
    ["访问量", null],
    ["字号", null],
    ["字体", null],
  ] as [string, Field | null][]
).sort((a, b) => b[0].length - a[0].length);

/** A label as printed, letters spread with spaces (`文　　号`, `有 效 性`), and its colon. */
const LABEL_RE = new RegExp(`(${LABELS.map(([l]) => [...l].join("[\\s\\u3000\\u00a0]*")).join("|")})[\\s\\u3000\\u00a0]*[：:]`, "g");
/** The same, for one match (a global regex keeps its position between calls). */
const LABEL_ONE = new RegExp(LABEL_RE.source);
const SPACES = /[\s\u3000\u00a0]+/g;

function fieldOf(label: string): Field | null {
  const bare = label.replace(SPACES, "");
  return LABELS.find(([l]) => l === bare)?.[1] ?? null;
}

/**
 * True for a line that is only publication details: it opens with a label (`发布时间：…`, `【来源：…】`)
 * and is short. Such lines are left out of the report's text.
 *
 * @example isPublicationLine("发布时间：2024-12-20 16:05来源：桐川市第二职业中学") // true
 */
export function isPublicationLine(line: string): boolean {
  const t = line.replace(/^[\s\u3000\u00a0【[（(]+/, "");
  if (t.length > 150) return false;
  const m = LABEL_ONE.exec(t);
  return m !== null && m.index === 0;
}

/** A date in any of the forms pages print it (`2024-01-18 09:30`, `2024年01月18日`, `2022/12/28`), as YYYY-MM-DD. */
export function isoDate(text: string): string | null {
  const m = /((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})/.exec(text);
  if (!m) return null;
  const [, y, mo, d] = m;
  if (Number(mo) < 1 || Number(mo) > 12 || Number(d) < 1 || Number(d) > 31) return null;
  return `${y}-${mo!.padStart(2, "0")}-${d!.padStart(2, "0")}`;
}

function cleanValue(v: string): string {
  return v
    .replace(SPACES, " ")
    .replace(/^[\s【[】\]|｜]+|[\s【[】\]|｜]+$/g, "")
    .trim();
}

/**
 * The publication details read from a page's pieces of text in order (table cells and lines): a
 * piece that holds labels is cut at each (`发布时间：2024-12-20来源：某校` gives both), and a label
 * whose value is not in its own piece (a table of label cells and value cells) takes the next
 * piece. The first value of each field wins: the block is printed before the article, and the
 * article's own text is read last.
 *
 * @example readPublication(["索引号：", "114306/2024-00007", "发布机构：", "青禾县教育局"]) // { index: "114306/2024-00007", publisher: "青禾县教育局" }
 */
export function readPublication(pieces: string[]): PagePublication {
  const out: PagePublication = {};
  const set = (field: Field | null, raw: string) => {
    if (field === null || out[field] !== undefined) return;
    const value = field === "date" ? isoDate(raw) : cleanValue(raw);
    if (value && value.length <= 60) out[field] = value;
  };
  for (let i = 0; i < pieces.length; i++) {
    const piece = pieces[i]!;
    if (!isPublicationLine(piece)) continue;
    const labels = [...piece.matchAll(LABEL_RE)];
    labels.forEach((m, k) => {
      const end = k + 1 < labels.length ? labels[k + 1]!.index : piece.length;
      const value = piece.slice(m.index + m[0].length, end);
      if (cleanValue(value) !== "") set(fieldOf(m[1]!), value);
      else if (k === labels.length - 1 && i + 1 < pieces.length && !isPublicationLine(pieces[i + 1]!)) set(fieldOf(m[1]!), pieces[i + 1]!);
    });
  }
  return out;
}

/** The `<meta name>` values that carry publication details (TRS and other CMS heads), by field. */
const META_FIELDS: Record<string, Field> = {
  pubdate: "date",
  publishdate: "date",
  firstpublishedtime: "date",
  "article:published_time": "date",
  contentsource: "source",
  source: "source",
};

/** Publication details from a page's `<meta name=… content=…>` pairs, where its visible block said nothing. */
export function publicationFromMeta(metas: { name: string; content: string }[], seen: PagePublication): PagePublication {
  const out = { ...seen };
  for (const { name, content } of metas) {
    const field = META_FIELDS[name.toLowerCase()];
    if (!field || out[field] !== undefined) continue;
    const value = field === "date" ? isoDate(content) : cleanValue(content);
    if (value) out[field] = value;
  }
  return out;
}

/** Words that end a site's or a column's name in a `<title>`: what follows the article's title there. */
const SITE_PART = /(?:人民政府|政府网|政府门户网站|门户网站|网站|官网|教育局|教育厅|教育委员会|教体局|通知公告|政务公开|信息公开|新闻中心|新闻动态|首页)$/;

/**
 * A page's `<title>` without the site and column names around the article's own title:
 * `…质量年度报告_通知公告_XX市教育局`, `… - XX县人民政府`, `…--某某学校`, `某某网 | …`. The part
 * naming a report wins; else the longest part that is not a site's name.
 *
 * @example stripSiteSuffix("青禾县2023年中等职业教育质量年度报告_通知公告_青禾县教育局") // "青禾县2023年中等职业教育质量年度报告"
 */
export function stripSiteSuffix(title: string): string {
  const t = title.replace(SPACES, " ").trim();
  const parts = t
    .split(/\s*(?:_+|\||｜|\s[-—–－]\s|-{2,}|—{2}|－{2}|::|»|«)\s*/)
    .map((p) => p.trim())
    .filter((p) => p !== "");
  if (parts.length <= 1) return t;
  const report = parts.find((p) => p.includes("报告"));
  if (report) return report;
  const named = parts.filter((p) => !SITE_PART.test(p));
  return (named.length > 0 ? named : parts).reduce((a, b) => (b.length > a.length ? b : a));
}

/**
 * The report's title from what a page offers, best first: the CMS's `ArticleTitle` meta; a heading
 * or title element that the page's `<title>` also names; the first such element naming a report;
 * the `<title>` without its site suffix; the first heading.
 *
 * @example choosePageTitle({ metaTitle: null, candidates: ["青禾县教育局", "青禾县2023年…报告"], docTitle: "青禾县2023年…报告_通知公告_青禾县教育局" }) // "青禾县2023年…报告"
 */
export function choosePageTitle(input: { metaTitle: string | null; candidates: string[]; docTitle: string | null }): string | null {
  const norm = (s: string) => s.replace(SPACES, "");
  if (input.metaTitle && norm(input.metaTitle) !== "") return stripSiteSuffix(input.metaTitle);
  const candidates = input.candidates.map((c) => c.replace(SPACES, " ").trim()).filter((c) => c.length >= 4 && c.length <= 100 && !/[。；]/.test(c));
  const doc = input.docTitle ? stripSiteSuffix(input.docTitle) : null;
  if (doc) {
    const d = norm(doc);
    const same = candidates.find((c) => norm(c) === d || (norm(c).length >= 6 && (d.includes(norm(c)) || norm(c).includes(d))));
    if (same) return same;
  }
  const report = candidates.find((c) => c.includes("报告"));
  if (report) return report;
  if (doc) return doc;
  return candidates[0] ?? null;
}
