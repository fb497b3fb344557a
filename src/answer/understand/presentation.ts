/**
 * How the asker wants the answer shown, as opposed to what they ask: "画个图表" (a chart),
 * "导出成Excel" (a file). Those words name no report, year or indicator, so they are taken out
 * before the question is read, and the answer carries the wish for the interface to honour.
 */

/** A way of showing an answer that the question asks for. */
export type Presentation = "chart" | "export";

/** What {@link splitPresentation} found. */
export interface PresentationRequest {
  /** The question without the presentation words (spaces in their place). */
  question: string;
  /** What was asked for, or null. */
  wants: Presentation | null;
}

// "图" alone is too common (图书, 地图): only words that mean a drawing count.
const LEAD = "(?:请|帮我|帮忙|给我|再|并且?|然后|最好)?";
const CHART = new RegExp(
  `${LEAD}(?:(?:用|以|做成|画成|生成|画|做|出|来)(?:一|个|一个|张|一张|幅|一幅)?(?:柱状|条形|柱形|折线|统计)?图表?|(?:用|以|做成|画成|生成)?(?:一|个|一个|张|一张)?(?:(?:柱状|条形|柱形|折线|统计)图表?|图表))(?:来)?(?:展示|表示|显示|呈现|看看|看一下)?|${LEAD}(?:可视化|画出来|画一下)` +
    String.raw`|\b(?:draw|make|plot)?\s*(?:(?:it|this|that)\s+)?(?:as\s+)?(?:an?\s+)?(?:bar\s+)?(?:chart|graph|plot)\b|\bvisuali[sz]e\b`,
  "gi",
);
const CHART_WORD = /柱状图|条形图|柱形图|折线图|统计图|图表|画.{0,3}图|可视化|\bchart\b|\bgraph\b|\bplot\b|\bvisuali[sz]e\b/i;

const EXPORT = new RegExp(
  `${LEAD}(?:(?:导出|输出|下载|转换|转|保存|存)(?:成|为|到)?(?:一个|一份)?(?:excel|xlsx|csv)(?:文件|表格|格式)?|导出(?:成|为|到)?(?:表格|文件)?|(?:excel|xlsx|csv)(?:文件|格式|表格)?)` +
    String.raw`|\b(?:export|download|save)\b(?:\s+(?:it|this))?(?:\s+(?:as|to|in))?(?:\s+an?)?(?:\s+(?:excel|xlsx|csv|spreadsheet))?(?:\s+file)?|\b(?:as|to|in)\s+(?:an?\s+)?(?:excel|xlsx|csv|spreadsheet)(?:\s+file)?\b|\bspreadsheet\b`,
  "gi",
);
const EXPORT_WORD = /导出|excel|xlsx|csv|spreadsheet|\bexport\b/i;

/**
 * Takes the words asking for a chart or a file out of a question.
 *
 * @example splitPresentation("江门 月收入 2023 vs 2024 画个图表") // { question: "江门 月收入 2023 vs 2024 …", wants: "chart" }
 * @example splitPresentation("遂宁 计分卡 导出成Excel") // { question: "遂宁 计分卡 …", wants: "export" }
 * @example splitPresentation("遂宁 图书馆藏书") // { question: "遂宁 图书馆藏书", wants: null }
 */
export function splitPresentation(question: string): PresentationRequest {
  if (CHART_WORD.test(question)) return { question: blank(question, CHART), wants: "chart" };
  if (EXPORT_WORD.test(question)) return { question: blank(question, EXPORT), wants: "export" };
  return { question, wants: null };
}

/** Replaces each match by as many spaces, so the question keeps its length and reads on. */
function blank(question: string, words: RegExp): string {
  const space = (m: string) => " ".repeat(m.length);
  // "把乐山的月收入做成图表": 把 only introduces what is to be drawn.
  return question.replace(words, space).replace(/(?<=^|[\s,，])(?:请|帮我)?把(?![握关持控])/g, space);
}
