/**
 * A chart's data as a Vega-Lite specification, laid out for a phone's photo view (about 440 px
 * wide, drawn at 2×): a bar chart with the value printed at the end of each bar, the unit in the
 * title, and the sources as a wrapped footnote view under it.
 */
import type { ChartData } from "./chartData.js";
import { textWidth, wrapText } from "./textWidth.js";

/** Sizes of the drawing in px, before the PNG's 2× scale. */
export const LAYOUT = {
  /** Width of the whole picture: a phone shows a photo about this wide. */
  width: 440,
  /** Padding around the picture. */
  padding: 12,
  /** Widest room for the category labels of a horizontal chart; longer labels end with "…". */
  maxLabel: 150,
  /** Room right of the longest bar for its value. */
  valueRoom: 48,
  /** Height of one bar's band in a horizontal chart. */
  band: 34,
  /** Height of the plot area of a vertical chart. */
  height: 220,
  /** Font sizes. */
  title: 18,
  label: 14,
  value: 14,
  foot: 11,
} as const;

/** Vega-Lite's JSON: kept as plain data so this module needs no library types. */
export type VegaLiteSpec = Record<string, unknown>;

/**
 * The Vega-Lite spec of a chart, in `font` (a family name the renderer has loaded).
 *
 * @example toVegaLite(chart, "WenQuanYi Micro Hei").vconcat.length // 2: the bars and the footnotes
 */
export function toVegaLite(chart: ChartData, font: string): VegaLiteSpec {
  const horizontal = chart.orientation === "horizontal";
  const grouped = chart.bars.some((b) => b.group !== null);
  const inner = LAYOUT.width - 2 * LAYOUT.padding;
  const labelRoom = Math.min(LAYOUT.maxLabel, Math.max(...chart.bars.map((b) => textWidth(b.label, LAYOUT.label)))) + 8;
  const axisRoom = 40;
  const plotWidth = horizontal ? inner - labelRoom - LAYOUT.valueRoom : inner - axisRoom;
  const category = { field: "label", type: "nominal", sort: null, title: null, axis: { labelAngle: 0, labelLimit: LAYOUT.maxLabel, labelFontSize: LAYOUT.label, ticks: false, labelPadding: 6 } };
  const value = { field: "value", type: "quantitative", title: null, axis: { grid: true, labelFontSize: 11, tickCount: 4, labelOverlap: true }, scale: { zero: true } };
  const groups = [...new Set(chart.bars.map((b) => b.group).filter((g): g is string => g !== null))];
  const color = grouped
    ? { field: "group", type: "nominal", sort: groups, title: null, legend: { orient: "top", labelFontSize: LAYOUT.label, symbolSize: 120 }, scale: { scheme: "tableau10" } }
    : { value: "#4c78a8" };
  const offset = grouped ? { [horizontal ? "yOffset" : "xOffset"]: { field: "group", type: "nominal", sort: groups } } : {};
  const categories = new Set(chart.bars.map((b) => b.label)).size;
  const bars = {
    width: plotWidth,
    height: horizontal ? Math.max(2, categories) * LAYOUT.band * (grouped ? Math.min(groups.length, 3) * 0.75 : 1) : LAYOUT.height,
    encoding: { [horizontal ? "y" : "x"]: category, [horizontal ? "x" : "y"]: value, color, ...offset },
    layer: [
      { mark: { type: "bar", cornerRadiusEnd: 2 } },
      {
        mark: horizontal ? { type: "text", align: "left", baseline: "middle", dx: 4, fontSize: LAYOUT.value } : { type: "text", align: "center", baseline: "bottom", dy: -4, fontSize: LAYOUT.value },
        encoding: { text: { field: "shown" }, color: { value: "#222" } },
      },
    ],
  };
  // Footnotes span the whole picture, from its left edge (left of the plot by the label room).
  const left = horizontal ? labelRoom : axisRoom;
  // A wrapped footnote's further lines are indented under its first.
  const indent = textWidth("• ", LAYOUT.foot);
  // The changes and caveats the reply states come first: a chart forwarded alone still says them.
  const said = chart.notes.flatMap((n) => wrapText(n, LAYOUT.foot, inner).map((text) => ({ text, x: -left, color: "#222" })));
  const notes = [
    ...said,
    { text: chart.lang === "zh" ? "出处：" : "Sources:", x: -left },
    ...chart.footnotes.flatMap((f) => wrapText(f, LAYOUT.foot, inner - 2 * indent).map((text, k) => ({ text: k === 0 ? `• ${text}` : text, x: -left + (k === 0 ? 0 : indent) }))),
  ].map((n) => ({ color: "#555", ...n }));
  const footnotes = {
    width: plotWidth,
    height: notes.length * (LAYOUT.foot + 3),
    data: { values: notes.map((n, k) => ({ ...n, k })) },
    mark: { type: "text", align: "left", baseline: "top", fontSize: LAYOUT.foot },
    encoding: {
      text: { field: "text" },
      color: { field: "color", type: "nominal", scale: null },
      y: { field: "k", type: "ordinal", axis: null },
      x: { field: "x", type: "quantitative", scale: null },
    },
  };
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    background: "white",
    padding: LAYOUT.padding,
    title: { text: chart.title, subtitle: chart.subtitle, anchor: "start", frame: "bounds", fontSize: LAYOUT.title, subtitleFontSize: 12, subtitleColor: "#555", offset: 10 },
    data: { values: chart.bars },
    vconcat: [bars, footnotes],
    spacing: 12,
    config: { font, view: { stroke: null }, axis: { domainColor: "#888", tickColor: "#888" } },
  };
}
