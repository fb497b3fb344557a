/**
 * The bot's own words in Chinese and English. Report text is never translated: only labels,
 * prompts and help. `/lang` picks one per user; the default follows Telegram's language_code
 * (zh… or none → 中文, anything else → English).
 */

/** Reply language. */
export type Lang = "zh" | "en";

/** Every string the bot says, per language. Functions take the dynamic parts (plain text, escaped later). */
export interface Messages {
  /** The language these messages are in. */
  lang: Lang;
  /** Trusted HTML lines; `bot` is the bot's username (letters, digits, _ only). */
  intro: (bot: string) => string[];
  examplesTitle: string;
  tryInline: string;
  /** Trusted HTML lines. */
  help: (bot: string) => string[];
  usageAsk: string;
  usageSummary: string;
  usageSearch: string;
  usageCase: string;
  usageTable: string;
  source: string;
  /** "：" or ": " */
  colon: string;
  line: (n: number) => string;
  year: (y: number) => string;
  lines: (a: number, b: number) => string;
  runningText: string;
  blank: (raw: string) => string;
  variantsTitle: string;
  changesTitle: string;
  /** The first of a ranking: `most` true when it is the largest value, `count` true for a count (人, 所, 个…). */
  rankTop: (who: string, value: string, most: boolean, count: boolean) => string;
  yearDefaulted: (year: number) => string;
  unknownEntities: (names: string) => string;
  notFound: string;
  /** Heads the best passage shown under a not-found reply. */
  bestPassage: string;
  btnRow: string;
  btnTable: string;
  btnRelated: string;
  btnSource: (entity: string) => string;
  /** Export buttons under a table. */
  btnCsv: string;
  btnExcel: string;
  /** Said when an export is asked for an answer that has no table. */
  exportOnlyTables: string;
  passagesTitle: (query: string, n: number) => string;
  casesTitle: (query: string, n: number) => string;
  noPassages: (query: string) => string;
  noCases: (query: string) => string;
  expired: string;
  refused: string;
  rateLimited: string;
  error: string;
  unknownCommand: (cmd: string, suggestion: string | null) => string;
  textOnly: string;
  langPrompt: string;
  langSet: string;
  reloadAdminsOnly: string;
  reloading: string;
  /** Counts only: the warnings themselves go to the log (raw parser English has no place in a chat). */
  reloaded: (r: { reports: number; tables?: number; facts: number; passages: number; warnings: number }) => string;
  reloadFailed: (msg: string) => string;
  /** A stop signal cut a /reload short. */
  reloadStopped: string;
  /** Said to anyone but an admin who sends a report (a file, or a bare link). */
  addAdminsOnly: string;
  addUnavailable: string;
  addTooBig: (mb: number) => string;
  addWrongType: (name: string) => string;
  adding: (what: string) => string;
  added: (file: string, ms: number) => string;
  notAdded: (reason: string) => string;
  addFailed: (msg: string) => string;
  reportsTitle: (n: number) => string;
  reportYear: (y: number) => string;
  dataYears: string;
  kinds: Record<string, string>;
  tableNotFound: (q: string) => string;
  tablesOf: (entity: string, n: number) => string;
  tableColumns: string;
  tableMore: (n: number) => string;
  rowNotFound: string;
  noTable: string;
  inlineHelp: string;
  inlinePrivate: string;
  inlineNoAnswer: string;
  truncated: string;
}

const zh: Messages = {
  lang: "zh",
  intro: (bot) => [
    "你好！我是<b>职报问答</b>：回答关于中职教育年度质量报告的问题，给出报告原文中的准确数字，并注明出处（报告、表格、行号）。",
    "",
    `直接发问题给我即可；在群里请用 /ask 提问，或回复我的消息。也可以在任何聊天里输入 @${bot} 加问题。`,
  ],
  examplesTitle: "点一下试试：",
  tryInline: "🔎 在任意聊天中使用",
  help: (bot) => [
    "<b>可以这样问</b>",
    "",
    "<b>数字</b>：遂宁 2024 升学人数 · 乐山2023年生均教学仪器设备值是多少",
    "<b>对比</b>：乐山和江门2024年毕业生月收入比一下",
    "<b>变化</b>：江门2023、2024年月收入变化",
    "<b>指定表格</b>：乐山市2024年教学资源表里的生师比是多少",
    "<b>追问</b>：回复我的答案，例如「2023年呢？」",
    "<b>段落</b>：/search 职普融通",
    "<b>典型案例</b>：/case 电商 联盟",
    "<b>表格</b>：/table 遂宁 计分卡",
    "<b>报告列表</b>：/reports",
    "<b>语言</b>：/lang 中文 / English",
    `<b>内联</b>：在任何聊天输入 @${bot} 遂宁 2024 升学人数`,
  ],
  usageAsk: "用法：/ask 问题，例如 /ask 遂宁 2024 升学人数",
  usageSummary: "用法：/summary 报告 年份，例如 /summary 遂宁 2024：该报告国家模板主要指标的概况，每项都有出处。",
  usageSearch: "用法：/search 关键词，例如 /search 职普融通",
  usageCase: "用法：/case 关键词，例如 /case 电商 联盟",
  usageTable: "用法：/table 报告 表名，例如 /table 遂宁 计分卡。发送 /reports 查看有哪些报告。",
  source: "来源",
  colon: "：",
  line: (n) => `第${n}行`,
  year: (y) => `${y}年`,
  lines: (a, b) => `第${a}–${b}行`,
  runningText: "正文",
  blank: (raw) => `报告中该项为空${raw ? `（${raw}）` : ""}`,
  variantsTitle: "报告其他地方的表述：",
  changesTitle: "变化：",
  rankTop: (who, value, most, count) => `${most ? (count ? "最多" : "最高") : count ? "最少" : "最低"}的是 ${who}：${value}`,
  yearDefaulted: (y) => `未指定年份，按报告最新数据年份 ${y} 回答。`,
  unknownEntities: (names) => `报告中没有：${names}`,
  notFound: "报告里没有找到这个数字。换个说法试试，或用 /search 搜索原文。",
  bestPassage: "最相关的段落：",
  btnRow: "📋 整行",
  btnTable: "📊 整张表",
  btnCsv: "📄 CSV",
  btnExcel: "📗 Excel",
  exportOnlyTables: "只有表格可以导出，例如「遂宁 计分卡 导出Excel」或 /table 遂宁 计分卡。",
  btnRelated: "🔎 相关段落",
  btnSource: (entity) => `📄 原文 · ${entity}`,
  passagesTitle: (q, n) => `「${q}」相关段落（${n} 条）`,
  casesTitle: (q, n) => `「${q}」典型案例（${n} 条）`,
  noPassages: (q) => `没有找到与「${q}」相关的段落。换几个关键词试试。`,
  noCases: (q) => `没有找到与「${q}」相关的典型案例。换几个关键词试试，或用 /search 搜索全部段落。`,
  expired: "这个按钮已过期，请重新提问。",
  refused: "抱歉，这个机器人只为授权的团队服务。",
  rateLimited: "提问有点快，请稍等几秒再试。",
  error: "抱歉，处理这条消息时出错了。请稍后再试，或换个问法。",
  unknownCommand: (cmd, s) => (s ? `没有 /${cmd} 这个命令。你是想用 /${s} 吗？` : `没有 /${cmd} 这个命令。发送 /help 查看全部命令。`),
  textOnly: "请用文字提问，例如：遂宁 2024 升学人数",
  langPrompt: "选择回复语言：",
  langSet: "好的，以后用中文回复。",
  reloadAdminsOnly: "只有管理员可以使用 /reload。",
  reloading: "正在从 corpus/ 重建索引…",
  reloaded: (r) =>
    `索引已重建：${r.reports} 份报告，${r.tables === undefined ? "" : `${r.tables} 张表格，`}${r.facts} 个数字，${r.passages} 个段落，${r.warnings} 条警告${r.warnings ? "（详情见日志）" : ""}。`,
  reloadFailed: (m) => `重建失败，仍在使用原索引：${m}`,
  reloadStopped: "机器人正在停止（重启），重建已中止，原索引未变；重启后请重新发送 /reload。",
  addAdminsOnly: "抱歉，只有管理员可以在这里添加报告。想收录一份质量年度报告，请把它的链接或文件（PDF、Word、网页）发给本机器人的管理员，由管理员转发给我即可。",
  addUnavailable: "这个机器人现在不能添加报告：请把文件放进 corpus/ 后发送 /reload。",
  addTooBig: (mb) => `文件有 ${mb} MB，Telegram 只允许机器人下载 20 MB 以内的文件。请发送报告的链接。`,
  addWrongType: (name) => `${name} 不是能读取的报告文件：请发送 PDF、Word（.docx、.doc）、网页（.html）或文本（.txt）文件，或报告的链接。`,
  adding: (what) => `收到 ${what}，正在读取并更新索引…`,
  added: (file, ms) => `已加入 ${file}，索引已更新（${(ms / 1000).toFixed(1)} 秒）。现在可以提问了。`,
  notAdded: (r) => `未加入：${r}`,
  addFailed: (m) => `添加失败，索引未改动：${m}`,
  reportsTitle: (n) => `已收录 ${n} 份报告`,
  reportYear: (y) => `${y}年度`,
  dataYears: "数据年份",
  kinds: { city: "市", district: "区县", school: "学校", unknown: "" },
  tableNotFound: (q) => `没有找到表格「${q}」。发送 /reports 查看报告，或 /table 报告名 列出它的表格。`,
  tablesOf: (e, n) => `${e} 的表格（${n} 张）：`,
  tableColumns: "列",
  tableMore: (n) => `……另有 ${n} 张，请在 /table 后写上表名或表号。`,
  rowNotFound: "这一行在表格中找不到了（索引可能已重建），请重新提问。",
  noTable: "这个数字来自正文，没有对应的表格。",
  inlineHelp: "如何使用",
  inlinePrivate: "此机器人仅限授权用户",
  inlineNoAnswer: "没有找到答案",
  truncated: "……（内容较长，私聊我查看全文）",
};

const en: Messages = {
  lang: "en",
  intro: (bot) => [
    "Hi! I am <b>ZhiBao Q&amp;A</b>: I answer questions about China's vocational-education annual quality reports with the exact figures the reports print, and cite the source (report, table, line).",
    "",
    `Just send me a question. In a group, use /ask or reply to one of my messages. In any chat you can also type @${bot} followed by a question.`,
  ],
  examplesTitle: "Tap to try:",
  tryInline: "🔎 Use in any chat",
  help: (bot) => [
    "<b>What you can ask</b>",
    "",
    "<b>A figure</b>: Suining 2024 升学人数 · Leshan 2023 月收入是多少",
    "<b>A comparison</b>: 乐山和江门2024年毕业生月收入比一下",
    "<b>A change</b>: 江门2023、2024年月收入变化",
    "<b>A given table</b>: 乐山市2024年教学资源表里的生师比是多少",
    "<b>A follow-up</b>: reply to my answer, e.g. “2023年呢？”",
    "<b>Passages</b>: /search 职普融通",
    "<b>Case studies</b>: /case 电商 联盟",
    "<b>A table</b>: /table 遂宁 计分卡",
    "<b>Reports</b>: /reports",
    "<b>Language</b>: /lang 中文 / English",
    `<b>Inline</b>: type @${bot} Suining 2024 升学人数 in any chat`,
  ],
  usageAsk: "Usage: /ask question, e.g. /ask Suining 2024 升学人数",
  usageSummary: "Usage: /summary report year, e.g. /summary Suining 2024: the report's key indicators of the national template, each with its source.",
  usageSearch: "Usage: /search keywords, e.g. /search 职普融通",
  usageCase: "Usage: /case keywords, e.g. /case 电商 联盟",
  usageTable: "Usage: /table report table, e.g. /table 遂宁 计分卡. Send /reports to see the reports.",
  source: "Source",
  colon: ": ",
  line: (n) => `line ${n}`,
  year: (y) => `${y}`,
  lines: (a, b) => `lines ${a}–${b}`,
  runningText: "running text",
  blank: (raw) => `blank in the report${raw ? ` (${raw})` : ""}`,
  variantsTitle: "Stated differently elsewhere:",
  changesTitle: "Change:",
  rankTop: (who, value, most, count) => `${most ? (count ? "The most" : "The highest") : count ? "The fewest" : "The lowest"}: ${who}, ${value}`,
  yearDefaulted: (y) => `No year given: answered for the latest data year, ${y}.`,
  unknownEntities: (names) => `Not in the reports: ${names}`,
  notFound: "The reports do not state this figure. Try other words, or /search the text.",
  bestPassage: "The closest passage:",
  btnRow: "📋 Whole row",
  btnTable: "📊 Whole table",
  btnCsv: "📄 CSV",
  btnExcel: "📗 Excel",
  exportOnlyTables: 'Only tables can be exported, e.g. "Suining score card export to Excel" or /table Suining 计分卡.',
  btnRelated: "🔎 Related passages",
  btnSource: (entity) => `📄 Original · ${entity}`,
  passagesTitle: (q, n) => `Passages for “${q}” (${n})`,
  casesTitle: (q, n) => `Case studies for “${q}” (${n})`,
  noPassages: (q) => `No passages match “${q}”. Try other keywords.`,
  noCases: (q) => `No case studies match “${q}”. Try other keywords, or /search all passages.`,
  expired: "This button has expired — please ask again.",
  refused: "Sorry, this bot only serves its team.",
  rateLimited: "That was quick — please wait a few seconds and try again.",
  error: "Sorry, something went wrong with that one. Please try again or rephrase it.",
  unknownCommand: (cmd, s) => (s ? `There is no /${cmd}. Did you mean /${s}?` : `There is no /${cmd}. Send /help for every command.`),
  textOnly: "Please ask in text, e.g. Suining 2024 升学人数",
  langPrompt: "Reply language:",
  langSet: "OK, replies will be in English.",
  reloadAdminsOnly: "Only admins may run /reload.",
  reloading: "Rebuilding the index from corpus/…",
  reloaded: (r) =>
    `Index rebuilt: ${r.reports} reports, ${r.tables === undefined ? "" : `${r.tables} tables, `}${r.facts} figures, ${r.passages} passages, ${r.warnings} warnings${r.warnings ? " (details in the log)" : ""}.`,
  reloadFailed: (m) => `Rebuild failed; still serving the old index: ${m}`,
  reloadStopped: "The bot is stopping (a restart): the rebuild was cut short and the index is unchanged; send /reload again after the restart.",
  addAdminsOnly: "Sorry, only this bot's admins can add reports. To get a quality report added, send its link or file (PDF, Word, web page) to an admin of this bot, who forwards it to me.",
  addUnavailable: "This bot cannot add reports right now: put the file in corpus/ and send /reload.",
  addTooBig: (mb) => `The file is ${mb} MB; Telegram lets bots download files up to 20 MB. Send the report's link instead.`,
  addWrongType: (name) => `${name} is not a report file I can read: send a PDF, Word (.docx, .doc), web page (.html) or text (.txt) file, or the report's link.`,
  adding: (what) => `Got ${what}; reading it and updating the index…`,
  added: (file, ms) => `Added ${file}; the index is updated (${(ms / 1000).toFixed(1)} s). Ask away.`,
  notAdded: (r) => `Not added: ${r}`,
  addFailed: (m) => `Adding failed; the index is unchanged: ${m}`,
  reportsTitle: (n) => `${n} reports loaded`,
  reportYear: (y) => `${y} report`,
  dataYears: "data years",
  kinds: { city: "city", district: "district", school: "school", unknown: "" },
  tableNotFound: (q) => `No table matches “${q}”. Send /reports, or /table <report> to list its tables.`,
  tablesOf: (e, n) => `Tables of ${e} (${n}):`,
  tableColumns: "Columns",
  tableMore: (n) => `…and ${n} more: add the table's name or number after /table.`,
  rowNotFound: "That row is no longer in the table (the index may have been rebuilt); please ask again.",
  noTable: "This figure comes from running text; there is no table for it.",
  inlineHelp: "How to use",
  inlinePrivate: "This bot is private",
  inlineNoAnswer: "No answer found",
  truncated: "… (long answer: message me for the rest)",
};

const MESSAGES: Record<Lang, Messages> = { zh, en };

/** The strings of one language. `intro` and `help` lines are trusted HTML; everything else is plain text (escaped when rendered). */
export function messages(lang: Lang): Messages {
  return MESSAGES[lang];
}

/** The default language for a Telegram `language_code`: zh… or none → zh, others → en. */
export function langFromCode(code: string | undefined): Lang {
  if (!code) return "zh";
  return code.toLowerCase().startsWith("zh") ? "zh" : "en";
}

/** Parses what a user types after /lang ("en", "English", "中文", "zh-CN"); null if neither. */
export function parseLang(input: string): Lang | null {
  const s = input.trim().toLowerCase();
  if (!s) return null;
  if (["zh", "cn", "中文", "汉语", "chinese", "简体", "简体中文"].includes(s) || s.startsWith("zh")) return "zh";
  if (["en", "english", "英文", "英语"].includes(s) || s.startsWith("en")) return "en";
  return null;
}

/** Tappable example questions shown by /start, per language. */
export const EXAMPLES: Record<Lang, string[]> = {
  zh: ["遂宁 2024 升学人数", "乐山和江门2024年毕业生月收入比一下", "乐山关于职普融通的典型案例有哪些"],
  en: ["Suining 2024 升学人数", "How many Suining graduates went on to further study in 2024?", "Jiangmen case about a labor education base (劳动教育)"],
};
