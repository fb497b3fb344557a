/**
 * Drawing a chart: Vega-Lite compiles the spec to Vega, Vega lays it out and writes an SVG
 * without a browser or canvas, and resvg (a Rust renderer shipped as a prebuilt npm package)
 * rasterises the SVG to PNG with the CJK font loaded explicitly. The libraries are loaded on the
 * first chart, so answering without a chart never pays for them.
 */
import type { ChartData } from "./chartData.js";
import { findCjkFont, type ChartFont } from "./font.js";
import { toVegaLite } from "./spec.js";
import { textWidth } from "./textWidth.js";

export { textWidth } from "./textWidth.js";

/** Options of {@link renderChart}. */
export interface RenderOptions {
  /** The font to draw with (default: {@link findCjkFont}). */
  font?: ChartFont;
  /** Pixel scale of the PNG over the SVG's size (default 2: sharp on a phone). */
  scale?: number;
}

/** A drawn chart. */
export interface RenderedChart {
  svg: string;
  png: Buffer;
  width: number;
  height: number;
}

/**
 * Renders a chart to SVG and PNG.
 *
 * @throws ChartFontError when `ZHIBAO_CHART_FONT` names no file, or no CJK font is found (not even the packaged one)
 * @example const { png } = await renderChart(chartOf(answer).chart); writeFileSync("chart.png", png);
 */
export async function renderChart(chart: ChartData, opts: RenderOptions = {}): Promise<RenderedChart> {
  const font = opts.font ?? findCjkFont();
  const svg = await chartSvg(chart, font.family);
  const { Resvg } = await import("@resvg/resvg-js");
  const image = new Resvg(svg, {
    background: "white",
    fitTo: { mode: "zoom", value: opts.scale ?? 2 },
    // Only our font: the machine's other fonts may lack the glyphs and would be picked first.
    font: { fontFiles: [font.file], loadSystemFonts: false, defaultFontFamily: font.family, sansSerifFamily: font.family },
  }).render();
  return { svg, png: image.asPng(), width: image.width, height: image.height };
}

/** The chart as SVG text, its labels in `family`. */
export async function chartSvg(chart: ChartData, family: string): Promise<string> {
  const [vl, vega] = await Promise.all([import("vega-lite"), import("vega")]);
  // textMetrics is exported by vega-scenegraph but missing from vega's type declarations.
  useCjkTextWidths((vega as unknown as { textMetrics: TextMetrics }).textMetrics);
  // Vega-Lite's warnings (about its own domain merging) would go to the console: keep them out of stdout.
  const quiet = vega.logger(vega.None);
  const spec = vl.compile(toVegaLite(chart, family) as unknown as Parameters<typeof vl.compile>[0], { logger: quiet }).spec;
  const view = new vega.View(vega.parse(spec), { renderer: "none", logger: quiet });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/**
 * Without a canvas Vega estimates every character as 0.8 em wide, so Chinese labels (1 em) would
 * overflow the space laid out for them. Vega lets a caller replace the estimate (vl-convert does).
 */
interface TextMetrics {
  width: (item: unknown, text?: unknown) => number;
}

function useCjkTextWidths(metrics: TextMetrics): void {
  metrics.width = (item, text) => {
    const it = item as { text?: unknown; fontSize?: number };
    const value = text ?? it.text;
    const s = Array.isArray(value) ? value.map(String).reduce((a, b) => (b.length > a.length ? b : a), "") : String(value ?? "");
    return textWidth(s, it.fontSize ?? 11);
  };
}
