/**
 * Finding a font with Chinese glyphs for chart labels. Without one the renderer draws boxes
 * ("tofu") for every label, so the font is chosen explicitly. One always comes with `npm install`
 * (the `@embedpdf/fonts-sc` package), so a machine with only Node draws charts; a faster
 * installed font is preferred when there is one.
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

/** A font file and the family name it holds. */
export interface ChartFont {
  file: string;
  family: string;
}

/** Thrown when no CJK font can be found: the message says how to get one. */
export class ChartFontError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ChartFontError";
  }
}

/**
 * Installed fonts that are used before the packaged one: TrueType outlines, which resvg draws as
 * fast as or faster than the packaged font (WenQuanYi Micro Hei, Debian's fonts-wqy-microhei:
 * ~100 ms a chart against ~115 ms), then macOS's and Windows' own.
 */
export const FAST_SYSTEM_CJK_FONTS: readonly ChartFont[] = [
  { file: "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", family: "WenQuanYi Micro Hei" },
  { file: "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", family: "WenQuanYi Zen Hei" },
  { file: "/System/Library/Fonts/PingFang.ttc", family: "PingFang SC" },
  { file: "/System/Library/Fonts/STHeiti Medium.ttc", family: "Heiti SC" },
  { file: "C:\\Windows\\Fonts\\msyh.ttc", family: "Microsoft YaHei" },
];

/**
 * Installed fonts that are slower than the packaged one and so only used when it is missing: Noto
 * Sans CJK's all-region collection (CFF outlines, 65,535 glyphs: ~330 ms a chart).
 */
export const SLOW_SYSTEM_CJK_FONTS: readonly ChartFont[] = [
  { file: "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", family: "Noto Sans CJK SC" },
  { file: "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc", family: "Noto Sans CJK SC" },
  { file: "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc", family: "Noto Sans CJK SC" },
  { file: "/usr/share/fonts/opentype/noto/NotoSansCJKsc-Regular.otf", family: "Noto Sans CJK SC" },
];

/** The npm package whose font is the fallback every install has. */
export const PACKAGED_FONT_PACKAGE = "@embedpdf/fonts-sc";

/**
 * The font that comes with `npm install`: Noto Sans Hans Regular (Noto Sans SC's simplified-Chinese
 * OpenType subset, 20,945 ideographs, SIL OFL 1.1) from `@embedpdf/fonts-sc`, or null when the
 * package is not installed. Its package exports no file paths, so the font is found next to its
 * entry point (`dist/index.cjs` → `fonts/`).
 *
 * @example packagedCjkFont() // { file: ".../node_modules/@embedpdf/fonts-sc/fonts/NotoSansHans-Regular.otf", family: "Noto Sans S Chinese" }
 */
export function packagedCjkFont(): ChartFont | null {
  try {
    const entry = createRequire(import.meta.url).resolve(PACKAGED_FONT_PACKAGE);
    return { file: join(dirname(entry), "..", "fonts", "NotoSansHans-Regular.otf"), family: "Noto Sans S Chinese" };
  } catch {
    return null;
  }
}

/** Where {@link findCjkFont} looks; every field has a default, tests replace them to hide fonts. */
export interface FontLookup {
  /** Read for `ZHIBAO_CHART_FONT` / `ZHIBAO_CHART_FONT_FAMILY`, and the environment of `fc-list` (so `FONTCONFIG_FILE` applies). Default `process.env`. */
  env?: NodeJS.ProcessEnv;
  /** Whether a font file exists (default `existsSync`). */
  exists?: (file: string) => boolean;
  /** Installed fonts tried before the packaged one (default {@link FAST_SYSTEM_CJK_FONTS}; `[]` hides them). */
  fastSystemFonts?: readonly ChartFont[];
  /** Installed fonts tried when the packaged one is missing (default {@link SLOW_SYSTEM_CJK_FONTS}). */
  slowSystemFonts?: readonly ChartFont[];
  /** The packaged font (default {@link packagedCjkFont}). */
  packaged?: () => ChartFont | null;
}

/**
 * The CJK font charts use, in this order:
 * 1. `ZHIBAO_CHART_FONT` (a .ttf/.otf/.ttc path) when set;
 * 2. an installed font from {@link FAST_SYSTEM_CJK_FONTS} (TrueType, as fast as the packaged one or faster);
 * 3. the packaged font ({@link packagedCjkFont}), which every `npm install` brings;
 * 4. only when that is missing: Noto Sans CJK, then the first font `fc-list :lang=zh` lists.
 *
 * @throws ChartFontError when `ZHIBAO_CHART_FONT` names no file, or when no font is found at all
 * @example findCjkFont() // { file: ".../node_modules/@embedpdf/fonts-sc/fonts/NotoSansHans-Regular.otf", family: "Noto Sans S Chinese" }
 */
export function findCjkFont(lookup: FontLookup = {}): ChartFont {
  const env = lookup.env ?? process.env;
  const exists = lookup.exists ?? existsSync;
  const own = env.ZHIBAO_CHART_FONT?.trim();
  if (own) {
    if (!exists(own)) throw new ChartFontError(`ZHIBAO_CHART_FONT=${own}: no such file`);
    // The family is only a name in the SVG: with one font loaded, the renderer uses it for every label.
    return { file: own, family: env.ZHIBAO_CHART_FONT_FAMILY?.trim() || "sans-serif" };
  }
  const fast = (lookup.fastSystemFonts ?? FAST_SYSTEM_CJK_FONTS).find((f) => exists(f.file));
  if (fast) return fast;
  const packaged = (lookup.packaged ?? packagedCjkFont)();
  if (packaged && exists(packaged.file)) return packaged;
  const slow = (lookup.slowSystemFonts ?? SLOW_SYSTEM_CJK_FONTS).find((f) => exists(f.file));
  if (slow) return slow;
  const listed = fontconfigCjk(env);
  if (listed && exists(listed.file)) return listed;
  throw new ChartFontError(`no Chinese font found for charts: the packaged one (${PACKAGED_FONT_PACKAGE}) is missing, run npm install; or set ZHIBAO_CHART_FONT to a .ttf/.otf/.ttc file`);
}

/** The first font fontconfig lists as covering Chinese, or null when fontconfig is absent or lists none. */
function fontconfigCjk(env: NodeJS.ProcessEnv): ChartFont | null {
  try {
    const out = execFileSync("fc-list", [":lang=zh", "file", "family"], { encoding: "utf8", timeout: 3000, env, stdio: ["ignore", "pipe", "ignore"] });
    const line = out.split("\n").find((l) => /\.(ttc|ttf|otf)\s*:/i.test(l));
    if (!line) return null;
    const [file, families = ""] = line.split(/:\s*/, 2);
    return { file: file!.trim(), family: families.split(",")[0]!.trim() || "sans-serif" };
  } catch {
    return null;
  }
}
