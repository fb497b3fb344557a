import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { Resvg } from "@resvg/resvg-js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ChartData } from "../../src/chart/chartData.js";
import { ChartFontError, FAST_SYSTEM_CJK_FONTS, findCjkFont, packagedCjkFont, SLOW_SYSTEM_CJK_FONTS, type ChartFont } from "../../src/chart/font.js";
import { chartSvg, renderChart, textWidth, type RenderedChart } from "../../src/chart/render.js";
import { LAYOUT } from "../../src/chart/spec.js";

// A ranking as chartOf builds it from the reports' 升入本科人数 2024 (人才培养质量计分卡).
const RANKING: ChartData = {
  lang: "zh",
  title: "升入本科人数（人）",
  subtitle: "2024年 · 4 份报告排名",
  unit: "人",
  orientation: "horizontal",
  bars: [
    { label: "乐山市", group: null, value: 287, shown: "287" },
    { label: "江门市", group: null, value: 19, shown: "19" },
    { label: "璧山区", group: null, value: 8, shown: "8" },
    { label: "遂宁市职业技术学校", group: null, value: 4, shown: "4" },
  ],
  footnotes: ["乐山市 2024年：leshan-2024.txt 第1160行 · 表1 人才培养质量计分卡 › 毕业去向落实人数 › 升入本科人数"],
  notes: [],
};

/** The pixels one character renders to in `font`, alone on a small canvas. */
function glyph(font: ChartFont, ch: string): Buffer {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="40" height="40"><text x="4" y="32" font-size="30" font-family="${font.family}">${ch}</text></svg>`;
  return Buffer.from(new Resvg(svg, { font: { fontFiles: [font.file], loadSystemFonts: false, defaultFontFamily: font.family } }).render().pixels);
}

/** Tofu: every character missing from a font is drawn as the same box (or nothing). */
function drawsDistinctGlyphs(font: ChartFont, chars: string[]): boolean {
  const images = chars.map((c) => glyph(font, c).toString("base64"));
  return new Set(images).size === chars.length;
}

const LABEL_CHARS = ["遂", "宁", "乐", "山", "璧"];

/** RANKING with its first label's characters changed and nothing else (the same length, so the same layout). */
const RELABELLED: ChartData = { ...RANKING, bars: RANKING.bars.map((b, i) => (i === 0 ? { ...b, label: "泸州市" } : b)) };

/** A fontconfig configuration with no font directories: `fc-list` under it lists nothing. */
const EMPTY_FONTCONFIG = join(mkdtempSync(join(tmpdir(), "zhibao-fonts-")), "fonts.conf");
writeFileSync(EMPTY_FONTCONFIG, '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">\n<fontconfig></fontconfig>\n');

let font: ChartFont;
let chart: RenderedChart;
beforeAll(async () => {
  font = findCjkFont();
  chart = await renderChart(RANKING, { font });
}, 60_000);
afterAll(() => rmSync(dirname(EMPTY_FONTCONFIG), { recursive: true, force: true }));

describe("the CJK font", () => {
  it("is installed and draws a distinct glyph for each Chinese character of the labels (no tofu)", () => {
    expect(existsSync(font.file)).toBe(true);
    expect(drawsDistinctGlyphs(font, LABEL_CHARS)).toBe(true);
  });

  it("the tofu check itself catches a font without Chinese glyphs", () => {
    const latin = { file: "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", family: "DejaVu Sans" };
    if (!existsSync(latin.file)) return; // fonts-dejavu-core ships with Debian's fontconfig
    expect(drawsDistinctGlyphs(latin, LABEL_CHARS)).toBe(false);
    expect(drawsDistinctGlyphs(latin, ["A", "B", "C"])).toBe(true);
  });

  it("ZHIBAO_CHART_FONT wins; a missing one is an error naming it", () => {
    expect(findCjkFont({ env: { ZHIBAO_CHART_FONT: "/fonts/my.ttf" }, exists: (f) => f === "/fonts/my.ttf" }).file).toBe("/fonts/my.ttf");
    expect(() => findCjkFont({ env: { ZHIBAO_CHART_FONT: "/nope.ttf" }, exists: () => false })).toThrow(/ZHIBAO_CHART_FONT/);
  });

  it("an installed TrueType font comes before the packaged one, the packaged one before Noto Sans CJK", () => {
    const packaged = packagedCjkFont()!;
    const installed = (...fonts: ChartFont[]) => ({ env: { FONTCONFIG_FILE: EMPTY_FONTCONFIG }, exists: (f: string) => fonts.some((x) => x.file === f) });
    const wqyZen = FAST_SYSTEM_CJK_FONTS[1]!;
    const notoCjk = SLOW_SYSTEM_CJK_FONTS[0]!;
    expect(findCjkFont(installed(packaged, wqyZen, notoCjk))).toEqual(wqyZen);
    expect(findCjkFont(installed(packaged, notoCjk))).toEqual(packaged);
    expect(findCjkFont(installed(notoCjk))).toEqual(notoCjk);
  });

  it("no font at all, not even the packaged one, is an error that says how to fix it", () => {
    const none = { env: { FONTCONFIG_FILE: EMPTY_FONTCONFIG }, exists: () => false };
    expect(() => findCjkFont(none)).toThrow(ChartFontError);
    expect(() => findCjkFont(none)).toThrow(/npm install/);
  });
});

describe("on a machine with no CJK font installed", () => {
  // No known system font, and fontconfig pointed at a configuration with no font directories:
  // only the font that npm install brings is left.
  const bare = { env: { PATH: process.env.PATH, FONTCONFIG_FILE: EMPTY_FONTCONFIG }, fastSystemFonts: [], slowSystemFonts: [] };

  it("charts use the packaged font (Noto Sans Hans from @embedpdf/fonts-sc)", () => {
    const found = findCjkFont(bare);
    expect(found).toEqual(packagedCjkFont());
    expect(found.file).toMatch(/@embedpdf[\\/]fonts-sc[\\/]fonts[\\/]NotoSansHans-Regular\.otf$/);
    expect(existsSync(found.file)).toBe(true);
  });

  it("a chart's Chinese labels are drawn as their own glyphs, not as boxes", async () => {
    const found = findCjkFont(bare);
    expect(drawsDistinctGlyphs(found, LABEL_CHARS)).toBe(true);
    // Two charts that differ only in one label's characters (乐山市 → 泸州市): drawn with every
    // ideograph as the same .notdef box, or not at all, their pixels would be the same.
    const [a, b] = await Promise.all([renderChart(RANKING, { font: found }), renderChart(RELABELLED, { font: found })]);
    expect([a.width, a.height]).toEqual([b.width, b.height]);
    expect(a.png.equals(b.png)).toBe(false);
  }, 60_000);

  it("the same comparison sees no difference with a font that has no Chinese glyphs", async () => {
    const latin = { file: "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", family: "DejaVu Sans" };
    if (!existsSync(latin.file)) return; // fonts-dejavu-core ships with Debian's fontconfig
    const [a, b] = await Promise.all([renderChart(RANKING, { font: latin }), renderChart(RELABELLED, { font: latin })]);
    expect(a.png.equals(b.png)).toBe(true);
  }, 60_000);
});

describe("a rendered chart", () => {
  it("writes the title, every label, every value and the source as SVG text in the CJK font", () => {
    const texts = [...chart.svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
    for (const want of ["升入本科人数（人）", "2024年 · 4 份报告排名", "乐山市", "遂宁市职业技术学校", "287", "19", "8", "4", "出处："]) expect(texts).toContain(want);
    expect(texts.some((t) => t!.includes("leshan-2024.txt 第1160行"))).toBe(true);
    expect(chart.svg).toContain(`font-family="${font.family}"`);
  });

  it("is a PNG at twice the SVG's size, well under Telegram's 10 MB photo limit", () => {
    expect(chart.png.subarray(0, 8).toString("hex")).toBe("89504e470d0a1a0a");
    const width = chart.png.readUInt32BE(16);
    const height = chart.png.readUInt32BE(20);
    expect([width, height]).toEqual([chart.width, chart.height]);
    const svgWidth = Number(/<svg[^>]*width="(\d+(?:\.\d+)?)"/.exec(chart.svg)![1]);
    expect(width).toBe(Math.round(svgWidth * 2));
    expect(width).toBeGreaterThan(800);
    expect(height).toBeGreaterThan(400);
    expect(chart.png.length).toBeLessThan(1024 * 1024);
  });

  it("cuts a label too long for its room by its real width (an ideograph is a full em)", async () => {
    const long = "遂宁市职业技术学校附属实验很长名字分校";
    const svg = await chartSvg({ ...RANKING, bars: [...RANKING.bars, { label: long, group: null, value: 2, shown: "2" }] }, font.family);
    const cut = [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]!).find((t) => t.startsWith("遂宁市职业技术学校附"));
    expect(cut).toMatch(/…$/);
    expect(textWidth(cut!, LAYOUT.label)).toBeLessThanOrEqual(LAYOUT.maxLabel + LAYOUT.label);
  });

  it("writes the answer's notes (the caveat a forwarded chart must still say) above the sources", async () => {
    const caveat = "注意：遂宁市职业技术学校是一所学校的报告，其他是全市的数字。";
    const svg = await chartSvg({ ...RANKING, notes: [caveat] }, font.family);
    const texts = [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]!);
    const at = texts.findIndex((t) => caveat.startsWith(t) && t.length > 4);
    expect(at).toBeGreaterThanOrEqual(0);
    expect(at).toBeLessThan(texts.indexOf("出处："));
  });

  it("draws everything inside the picture, the longest label and the footnotes included", () => {
    expect(textWidth("遂宁市职业技术学校", 12)).toBe(108);
    expect(textWidth("2024", 10)).toBe(22);
    // The room left of the plot is laid out from the labels' widths (spec.ts), not left to chance.
    const drawn = new Resvg(chart.svg, { font: { fontFiles: [font.file], loadSystemFonts: false, defaultFontFamily: font.family } });
    const box = drawn.innerBBox()!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(drawn.width);
  });
});
