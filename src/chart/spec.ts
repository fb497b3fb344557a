/**
 * A chart's data as a Vega-Lite specification: a bar chart with the value printed at the end of
 * each bar, the unit in the title, and the sources as a footnote view under it.
 */
import type { ChartData } from "./chartData.js";

/** Pixel sizes of the drawing (before the 2× scale of the PNG). */
export const LAYOUT = {
  /** Width of the plot area. */
  width: 520,
  /** Height of one bar's band in a horizontal chart. */
  band: 34,
  /** Height of the plot area of a vertical chart. */
  height: 260,
  /** Height of one footnote line. */
  footLine: 15,
} as const;

/** Vega-Lite's JSON: kept as plain data so this module needs no library types. */
export type VegaLiteSpec = Record<string, unknown>;

/**
 * The Vega-Lite spec of a chart, in `font` (a family name the renderer has loaded).
 *
 * @example toVegaLite(chart, "Noto Sans CJK SC").vconcat.length // 2: the bars and the footnotes
 */
export function toVegaLite(chart: ChartData, font: string): VegaLiteSpec {
  const horizontal = chart.orientation === "horizontal";
  const grouped = chart.bars.some((b) => b.group !== null);
  const category = { field: "label", type: "nominal", sort: null, title: null, axis: { labelAngle: 0, labelLimit: 240, labelFontSize: 12, ticks: false } };
  const value = { field: "value", type: "quantitative", title: null, axis: { grid: true, labelFontSize: 11, tickCount: 5 }, scale: { zero: true } };
  const groups = [...new Set(chart.bars.map((b) => b.group).filter((g): g is string => g !== null))];
  const color = grouped
    ? { field: "group", type: "nominal", sort: groups, title: null, legend: { orient: "top", labelFontSize: 12 }, scale: { scheme: "tableau10" } }
    : { value: "#4c78a8" };
  const offset = grouped ? { [horizontal ? "yOffset" : "xOffset"]: { field: "group", type: "nominal", sort: groups } } : {};
  const bandCount = chart.bars.length / Math.max(1, grouped ? groups.length : 1);
  const bars = {
    width: LAYOUT.width,
    height: horizontal ? Math.max(2, Math.ceil(bandCount)) * LAYOUT.band * (grouped ? Math.min(groups.length, 3) * 0.75 : 1) : LAYOUT.height,
    encoding: { [horizontal ? "y" : "x"]: category, [horizontal ? "x" : "y"]: value, color, ...offset },
    layer: [
      { mark: { type: "bar", cornerRadiusEnd: 2 } },
      {
        mark: horizontal ? { type: "text", align: "left", baseline: "middle", dx: 4, fontSize: 12 } : { type: "text", align: "center", baseline: "bottom", dy: -4, fontSize: 12 },
        encoding: { text: { field: "shown" }, color: { value: "#222" } },
      },
    ],
  };
  const notes = [chart.lang === "zh" ? "出处：" : "Sources:", ...chart.footnotes.map((f) => `• ${f}`)];
  const footnotes = {
    width: LAYOUT.width,
    height: notes.length * LAYOUT.footLine,
    data: { values: notes.map((text, k) => ({ text, k })) },
    mark: { type: "text", align: "left", baseline: "top", fontSize: 10, color: "#555", limit: LAYOUT.width + 100 },
    encoding: { text: { field: "text" }, y: { field: "k", type: "ordinal", axis: null }, x: { value: -40 } },
  };
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    background: "white",
    padding: 16,
    title: { text: chart.title, subtitle: chart.subtitle, anchor: "start", fontSize: 16, subtitleFontSize: 12, subtitleColor: "#555" },
    data: { values: chart.bars },
    vconcat: [bars, footnotes],
    spacing: 14,
    config: { font, view: { stroke: null }, axis: { domainColor: "#888", tickColor: "#888" } },
  };
}
