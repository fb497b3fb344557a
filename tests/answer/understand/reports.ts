import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { ResolverReport } from "../../../src/answer/understand/index.js";

/** The five corpus reports as the resolver sees them: entity as the report prints it, the rest from corpus/manifest.json. */
const corpus = fileURLToPath(new URL("../../../corpus/", import.meta.url));
const manifest = JSON.parse(readFileSync(`${corpus}manifest.json`, "utf8")) as Record<string, Omit<ResolverReport, "report" | "entity">>;

const ENTITIES: Record<string, string> = {
  "leshan-2024.txt": "乐山市",
  "lvliang-2023.txt": "吕梁市",
  "suining-2024.txt": "遂宁市职业技术学校",
  "bishan-2024.txt": "璧山区",
  "jiangmen-2024.txt": "江门市",
};

export const REPORTS: ResolverReport[] = Object.entries(ENTITIES).map(([report, entity]) => {
  const m = manifest[report]!;
  return { report, entity, kind: m.kind ?? "unknown", province: m.province ?? null, english: m.english ?? null, aliases: m.aliases ?? [] };
});

/** Raw text of every report, for collectSchoolNames. */
export function corpusTexts(): { report: string; text: string }[] {
  return Object.keys(ENTITIES).map((report) => ({ report, text: readFileSync(corpus + report, "utf8") }));
}
