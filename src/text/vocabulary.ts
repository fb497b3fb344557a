/**
 * The domain vocabulary, declared once as data: the qualifier dimensions of an indicator and the
 * words that set each (Chinese, English, pinyin), the generic measure words that ask for a kind of
 * figure without naming a slot, the change verbs, the units and their kinds, the six standard
 * tables. Parsing a table row, a sentence's figure or a question reads these lists; no other module
 * keeps its own copy (docs/DESIGN.md, "One model of an indicator").
 */

/** The dimensions a qualifier can set. A figure answers a question only when every slot agrees. */
export type Dimension = "ownership" | "level" | "plan" | "destination" | "region" | "population" | "staff" | "title" | "timeScope" | "stage";

/** One value of a dimension and every way it is written. */
export interface QualifierValue {
  /** The canonical word (民办, 省级, 累计). */
  value: string;
  /** Chinese forms, as regular-expression sources; the first is the canonical spelling when it is a plain word. */
  zh: string[];
  /** How English and pinyin are rewritten, when the first form is a pattern (计划 is read only before 招生, 数…). */
  written?: string;
  /** English phrases (regular-expression sources, matched case-insensitively at word boundaries). */
  en?: string[];
  /** Toneless pinyin, as users type it without an input method. */
  pinyin?: string[];
}

/** A dimension: its values, and the value a figure has when it prints none (实际 for plan). */
export interface DimensionSpec {
  dimension: Dimension;
  /** What a slot means, for `--explain` and the docs. */
  about: string;
  values: QualifierValue[];
  /** The value implied when nothing is printed: a plain 招生 is the actual intake, a plain 在校生 the report's 中职 students. */
  implied?: string;
  /** Forms that name several values at once (男女生, 公民办): a label with one is their total and sets no slot. */
  totals?: string[];
}

/**
 * The qualifier dimensions. A value's Chinese forms are matched inside labels and questions; a
 * label holding two values of one dimension (公办民办合计) sets none (it is their total).
 */
export const DIMENSIONS: readonly DimensionSpec[] = [
  {
    dimension: "ownership",
    about: "who runs the schools",
    totals: ["公民办", "公办民办", "公办和民办", "公办、民办"],
    values: [
      { value: "公办", zh: ["公办", "公立"], en: ["public(?:ly[-\\s]run)?"], pinyin: ["gongban"] },
      { value: "民办", zh: ["民办", "私立", "私营", "民营(?=学校|院校|职校|中职)"], en: ["private(?:ly[-\\s]run)?"], pinyin: ["minban"] },
    ],
  },
  {
    dimension: "level",
    about: "the level that awarded or recognised it",
    values: [
      { value: "国家级", zh: ["国家级", "国家层面", "国赛"], en: ["national[-\\s]level", "national(?=\\s+(?:award|prize|project|demonstration|model|key|level))"], pinyin: ["guojiaji"] },
      { value: "省级", zh: ["省级", "省部级", "省赛"], en: ["provincial(?:[-\\s]level)?"], pinyin: ["shengji"] },
      { value: "市级", zh: ["市级", "地市级", "州级", "市赛"], en: ["(?:city|municipal)[-\\s]level", "municipal"], pinyin: ["shiji"] },
      { value: "县级", zh: ["县级", "区级", "县区级"], en: ["county[-\\s]level", "district[-\\s]level"], pinyin: ["xianji"] },
      { value: "校级", zh: ["校级"], en: ["school[-\\s]level"], pinyin: ["xiaoji"] },
    ],
  },
  {
    dimension: "plan",
    about: "a plan or target, against what was done",
    implied: "实际",
    values: [
      {
        value: "计划",
        written: "招生计划",
        zh: ["计划(?=招生|数|人数|指标|任务|完成)", "(?<=招生)计划", "拟(?=招)"],
        en: ["planned", "plan(?:ned)?\\s+(?:intake|enrol+ment|admissions?)", "(?:intake|enrol+ment|admissions?)\\s+(?:plan|target|quota)"],
        pinyin: ["jihua"],
      },
      { value: "实际", zh: ["实际完成", "实际", "完成(?=招生)"], en: ["actual(?:ly)?"] },
    ],
  },
  {
    dimension: "destination",
    about: "where graduates went, or how",
    values: [
      // (English "bachelor's", "undergraduate" ask for 升入本科人数 as a whole: answer/synonyms.ts.)
      { value: "本科", zh: ["本科"], pinyin: ["benke"] },
      { value: "高职", zh: ["高职", "专科"], en: ["higher[-\\s]vocational", "junior\\s+colleges?"], pinyin: ["gaozhi"] },
      {
        value: "对口",
        zh: ["对口", "专业对口"],
        en: ["(?:matching|related\\s+to|in\\s+line\\s+with)\\s+(?:their|the)\\s+(?:major|field|speciality|specialty)s?", "in\\s+their\\s+field"],
        pinyin: ["duikou"],
      },
      { value: "直接", zh: ["直接"], en: ["direct(?:ly)?"], pinyin: ["zhijie"] },
    ],
  },
  {
    dimension: "region",
    about: "where, against the report's own place",
    values: [
      { value: "本省", zh: ["本省", "省内"], en: ["(?:in|within)\\s+(?:the\\s+)?province", "in[-\\s]province"], pinyin: ["bensheng", "shengnei"] },
      { value: "省外", zh: ["省外", "外省"], en: ["outside\\s+(?:the\\s+)?province", "out[-\\s]of[-\\s]province"], pinyin: ["shengwai"] },
      // 市内中职学校 are the city's own schools, the report's scope: no narrowing.
      { value: "市内", zh: ["市内(?![\\u4e00-\\u9fff]{0,4}(?:学校|院校))"], en: ["(?:in|within)\\s+the\\s+city"], pinyin: ["shinei"] },
      { value: "市外", zh: ["市外"], en: ["outside\\s+the\\s+city"], pinyin: ["shiwai"] },
      { value: "区外", zh: ["区外", "县外"], pinyin: ["quwai", "xianwai"] },
      { value: "本地", zh: ["本地", "当地"], en: ["local(?:ly)?"], pinyin: ["bendi"] },
      { value: "外地", zh: ["外地"], pinyin: ["waidi"] },
      { value: "境外", zh: ["境外", "国外", "海外"], en: ["abroad", "overseas"], pinyin: ["jingwai", "guowai"] },
      { value: "国内", zh: ["国内"], en: ["domestic(?:ally)?"], pinyin: ["guonei"] },
    ],
  },
  {
    dimension: "population",
    about: "which students or graduates",
    implied: "全日制",
    totals: ["男女"],
    values: [
      // ("full-time students" are the 在校生 of answer/synonyms.ts: 全日制 is implied.)
      { value: "全日制", zh: ["全日制"], pinyin: ["quanrizhi"] },
      { value: "在籍", zh: ["在籍"], en: ["on\\s+the\\s+(?:register|roll)", "registered(?=\\s+students?)"], pinyin: ["zaiji"] },
      { value: "非全日制", zh: ["非全日制"], en: ["part[-\\s]time(?=\\s+students?)"], pinyin: ["feiquanrizhi"] },
      { value: "男生", zh: ["男生", "男性", "男学生"], en: ["male", "boys?", "men"], pinyin: ["nansheng"] },
      { value: "女生", zh: ["女生", "女性", "女学生"], en: ["female", "girls?", "women"], pinyin: ["nvsheng"] },
      { value: "应届", zh: ["应届"], en: ["fresh(?=\\s+graduates?)", "this\\s+year'?s(?=\\s+graduates?)"], pinyin: ["yingjie"] },
      { value: "往届", zh: ["往届"], pinyin: ["wangjie"] },
      { value: "农村", zh: ["农村"], en: ["rural"], pinyin: ["nongcun"] },
      { value: "城镇", zh: ["城镇"], en: ["urban"], pinyin: ["chengzhen"] },
      { value: "建档立卡", zh: ["建档立卡"], en: ["registered\\s+poor"], pinyin: ["jiandanglika"] },
    ],
  },
  {
    dimension: "staff",
    about: "which teachers",
    values: [
      { value: "兼职", zh: ["兼职"], en: ["part[-\\s]time(?=\\s+teachers?)"], pinyin: ["jianzhi"] },
      { value: "外聘", zh: ["外聘"], en: ["visiting", "external(?=\\s+teachers?)"], pinyin: ["waipin"] },
    ],
  },
  {
    dimension: "title",
    about: "a professional title",
    values: [
      { value: "正高", zh: ["正高"], pinyin: ["zhenggao"] },
      { value: "副高", zh: ["副高"], pinyin: ["fugao"] },
      // 职业高级中学 is a kind of school, not a title.
      { value: "高级", zh: ["高级(?!中学)"], en: ["senior(?=[-\\s]title)"], pinyin: ["gaoji"] },
      { value: "中级", zh: ["中级"], pinyin: ["zhongji"] },
      { value: "初级", zh: ["初级"], pinyin: ["chuji"] },
    ],
  },
  {
    dimension: "timeScope",
    about: "one year, or a total over several",
    implied: "当年",
    values: [
      { value: "当年", zh: ["当年", "本年度", "全年"], en: ["this\\s+year"], pinyin: ["dangnian"] },
      { value: "累计", zh: ["累计", "历年", "至今"], en: ["cumulative(?:ly)?", "in\\s+total\\s+so\\s+far", "to\\s+date", "so\\s+far"], pinyin: ["leiji"] },
      {
        value: "近几年",
        zh: ["近[二两三四五六七八九十几\\d]+年", "[二两三四五六七八九十\\d]+年来", "近年来"],
        en: ["(?:in\\s+)?the\\s+(?:last|past)\\s+(?:two|three|four|five|\\d+)\\s+years"],
        pinyin: ["jinsannian"],
      },
    ],
  },
  {
    dimension: "stage",
    about: "which schools the figure counts: the report's 中职, or a wider or other population",
    implied: "中职",
    values: [
      // (职业教育 in a 中职 report is its own subject: 全市职业教育教师 are the report's teachers.)
      { value: "中职", zh: ["中职", "中等职业", "职业教育"], en: ["secondary\\s+vocational"], pinyin: ["zhongzhi"] },
      { value: "各级各类", zh: ["各级各类", "全社会"], en: ["all\\s+(?:levels\\s+and\\s+)?(?:kinds\\s+of\\s+)?schools"] },
      { value: "普通高中", zh: ["普通高中", "普高"], en: ["general\\s+(?:senior\\s+)?high\\s+schools?", "academic\\s+high\\s+schools?"], pinyin: ["putonggaozhong", "pugao"] },
      { value: "义务教育", zh: ["义务教育"], en: ["compulsory\\s+education"], pinyin: ["yiwujiaoyu"] },
    ],
  },
];

/**
 * Words that ask for a figure's kind or size without naming what is measured or narrowing it: a
 * question may say them and a label need not (数量, 多少, 一共, 总数, 规模, 金额, 几个).
 */
export const GENERIC_MEASURE_WORDS: readonly string[] = [
  "数量",
  "个数",
  "总数",
  "数目",
  "总量",
  "多少",
  "一共",
  "总共",
  "合计",
  "总计",
  "规模",
  "金额",
  "总额",
  "总值",
  "几个",
  "几所",
  "几项",
  "几名",
];

/** Verbs of completion (完成…编写, 办结…通报): that a thing was done, never what is counted. */
const COMPLETION_VERBS = ["完成", "办结", "实现"];

/** Verbs of doing to the thing counted (发放助学金, 开设专业, 开展培训). */
const DOING_VERBS = ["认定", "发放", "开设", "开展", "举办", "组织", "实施", "参加", "参与", "享受", "获得", "拿到", "拿了", "拿", "通过", "得到", "达到", "得出"];
/**
 * Light verbs: that something was done or what was done to the thing counted, not what is counted.
 * A question need not say them, and a label's measure is read without them.
 */
export const LIGHT_VERBS: readonly string[] = [...COMPLETION_VERBS, ...DOING_VERBS];

/** Verbs of change: a label ending in one is a change, not a stock figure (比上年增加117人). */
export const CHANGE_VERBS: readonly string[] = ["增加", "增长", "提高", "提升", "上升", "下降", "减少", "降低", "高出", "回落"];

/** A regular expression matching any change verb (`CHANGE_VERBS`), for composing. */
export const CHANGE_VERB_SOURCE = `(?:${CHANGE_VERBS.join("|")})`;

/** The kinds of figure a measure can be. */
export type MeasureKind = "count" | "amount" | "rate" | "ratio" | "area" | "score" | "time";

/** Units as printed, each with the kind of figure it makes and the words it stands for (人 → 人数). */
export const UNITS: Readonly<Record<string, { kind: MeasureKind; words: string }>> = {
  人: { kind: "count", words: "人数 人次 名" },
  名: { kind: "count", words: "人数 人次" },
  人次: { kind: "count", words: "人次 人数" },
  个: { kind: "count", words: "个数 数量" },
  所: { kind: "count", words: "所数 数量" },
  项: { kind: "count", words: "项数 数量" },
  门: { kind: "count", words: "门数 数量 课程" },
  家: { kind: "count", words: "家数 数量" },
  本: { kind: "count", words: "本数 数量" },
  册: { kind: "count", words: "册数 数量" },
  台: { kind: "count", words: "台数 数量" },
  套: { kind: "count", words: "套数 数量" },
  间: { kind: "count", words: "间数 数量" },
  件: { kind: "count", words: "件数 数量" },
  "%": { kind: "rate", words: "比例 占比 比率 百分比" },
  "％": { kind: "rate", words: "比例 占比 比率 百分比" },
  元: { kind: "amount", words: "金额 元" },
  万元: { kind: "amount", words: "金额 经费 资金 投入" },
  亿元: { kind: "amount", words: "金额 经费 资金 投入" },
  学时: { kind: "time", words: "学时 课时" },
  平方米: { kind: "area", words: "面积" },
  亩: { kind: "area", words: "面积 占地" },
  分: { kind: "score", words: "分数 成绩" },
};

/**
 * Measure words that count things (量词): a question asks 多少篇 or 几台 where a label prints 论文
 * or 计算机, so after 多少/几 they say only what the answer is counted in.
 */
export const COUNTERS: readonly string[] = [
  "个",
  "所",
  "名",
  "位",
  "项",
  "门",
  "家",
  "篇",
  "期",
  "册",
  "本",
  "台",
  "套",
  "件",
  "间",
  "场",
  "次",
  "道",
  "支",
  "批",
  "座",
  "张",
  "条",
  "种",
  "户",
  "部",
  "辆",
];

/** The six standard appendix tables of the national template, by the name each is printed with, in the reports' order. */
export const STANDARD_TABLES = ["人才培养质量计分卡", "满意度调查表", "教学资源表", "服务贡献表", "国际影响表", "落实政策表"] as const;

/** A regular expression source matching a standard table's name (计分卡 for the first). */
export const STANDARD_TABLE_SOURCE = `(?:人才培养质量)?计分卡|${STANDARD_TABLES.slice(1).join("|")}`;

/** How people shorten them when they ask for one (满意度表, 资源表). */
export const STANDARD_TABLE_SHORT_SOURCE = ["满意度表", "资源表", "贡献表", "影响表", "政策表"].join("|");
