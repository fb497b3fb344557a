/**
 * Finding a font with Chinese glyphs for chart labels. Without one the renderer draws boxes
 * ("tofu") for every label, so the font is chosen explicitly and a missing one is an error that
 * says how to install it, never a silent chart of boxes.
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";

/** A font file and the family name it holds. */
export interface ChartFont {
  file: string;
  family: string;
}

/** Thrown when no CJK font is installed: the message says which package to install. */
export class ChartFontError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ChartFontError";
  }
}

/**
 * Where the common CJK fonts live, first the Debian package the README's setup and `.ci/run`
 * install (fonts-wqy-microhei: TrueType outlines, which resvg draws 5–10× faster than the CFF
 * outlines of Noto Sans CJK), then Noto CJK, other distributions', macOS's and Windows' fonts.
 */
export const KNOWN_CJK_FONTS: readonly ChartFont[] = [
  { file: "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", family: "WenQuanYi Micro Hei" },
  { file: "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", family: "Noto Sans CJK SC" },
  { file: "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc", family: "Noto Sans CJK SC" },
  { file: "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc", family: "Noto Sans CJK SC" },
  { file: "/usr/share/fonts/opentype/noto/NotoSansCJKsc-Regular.otf", family: "Noto Sans CJK SC" },
  { file: "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", family: "WenQuanYi Zen Hei" },
  { file: "/System/Library/Fonts/PingFang.ttc", family: "PingFang SC" },
  { file: "/System/Library/Fonts/STHeiti Medium.ttc", family: "Heiti SC" },
  { file: "C:\\Windows\\Fonts\\msyh.ttc", family: "Microsoft YaHei" },
];

/**
 * The CJK font charts use: `ZHIBAO_CHART_FONT` (a .ttf/.otf/.ttc path) when set, else the first
 * known font that exists, else whatever fontconfig lists for Chinese.
 *
 * @throws ChartFontError when none is installed, naming `apt-get install fonts-wqy-microhei`
 * @example findCjkFont() // { file: "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", family: "Noto Sans CJK SC" }
 */
export function findCjkFont(env: NodeJS.ProcessEnv = process.env, exists: (file: string) => boolean = existsSync): ChartFont {
  const own = env.ZHIBAO_CHART_FONT?.trim();
  if (own) {
    if (!exists(own)) throw new ChartFontError(`ZHIBAO_CHART_FONT=${own}: no such file`);
    // The family is only a name in the SVG: with one font loaded, the renderer uses it for every label.
    return { file: own, family: env.ZHIBAO_CHART_FONT_FAMILY?.trim() || "sans-serif" };
  }
  const known = KNOWN_CJK_FONTS.find((f) => exists(f.file));
  if (known) return known;
  const listed = fontconfigCjk();
  if (listed && exists(listed.file)) return listed;
  throw new ChartFontError("no Chinese font found for charts: install one (Debian: apt-get install fonts-wqy-microhei) or set ZHIBAO_CHART_FONT to a .ttf/.otf/.ttc file");
}

/** The first font fontconfig lists as covering Chinese, or null when fontconfig is absent. */
function fontconfigCjk(): ChartFont | null {
  try {
    const out = execFileSync("fc-list", [":lang=zh", "file", "family"], { encoding: "utf8", timeout: 3000, stdio: ["ignore", "pipe", "ignore"] });
    const line = out.split("\n").find((l) => /\.(ttc|ttf|otf)\s*:/i.test(l));
    if (!line) return null;
    const [file, families = ""] = line.split(/:\s*/, 2);
    return { file: file!.trim(), family: families.split(",")[0]!.trim() || "sans-serif" };
  } catch {
    return null;
  }
}
