/**
 * The five corpus reports for whole-corpus tests, with the table line ranges of
 * shared/notes/corpus-inventory.md §2 standing in for the table parser's `isExcluded`
 * (tables, TOC blocks and chart residue), so structure tests do not depend on it.
 */

import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { splitLines } from "../../../src/ingest/clean.js";

/** Corpus file, entity, and the raw line ranges a table parser reports as tables or non-data blocks. */
export const REPORTS = {
  "leshan-2024.txt": {
    entity: "乐山市",
    tables: [
      [18, 19],
      [39, 126],
      [130, 145],
      [149, 182],
      [186, 213],
      [302, 313],
      [350, 367],
      [369, 377],
      [379, 385],
      [395, 401],
      [451, 459],
      [475, 483],
      [810, 816],
      [818, 823],
      [825, 832],
      [834, 853],
      [855, 866],
      [1013, 1023],
      [1085, 1092],
      [1094, 1098],
      [1106, 1110],
      [1152, 1168],
      [1170, 1221],
      [1223, 1245],
      [1247, 1265],
      [1267, 1292],
      [1294, 1317],
    ],
  },
  "lvliang-2023.txt": {
    entity: "吕梁市",
    tables: [
      [16, 43],
      [48, 65],
      [72, 108],
      [123, 140],
      [282, 283],
      [288, 289],
    ],
  },
  "suining-2024.txt": {
    entity: "遂宁市职业技术学校",
    tables: [
      [42, 125],
      [168, 217],
      [278, 426],
      [430, 642],
      [785, 910],
      [938, 976],
      [980, 1237],
      [1256, 1289],
      [1327, 1404],
      [1417, 1522],
      [1532, 1814],
      [1822, 1936],
      [1944, 2051],
      [2060, 2197],
      [2208, 2217],
      [2219, 2226],
      [2228, 2235],
      [2239, 2239],
    ],
  },
  "bishan-2024.txt": {
    entity: "璧山区",
    tables: [
      [56, 134],
      [199, 481],
      [597, 644],
      [710, 816],
      [889, 1003],
      [1063, 1152],
      [1171, 1309],
    ],
  },
  "jiangmen-2024.txt": {
    entity: "江门市",
    tables: [
      [6, 34],
      [41, 104],
      [196, 225],
      [421, 498],
      [499, 593],
      [605, 886],
      [899, 1013],
      [1016, 1112],
      [1122, 1261],
    ],
  },
} as const satisfies Record<string, { entity: string; tables: readonly (readonly [number, number])[] }>;

export type ReportName = keyof typeof REPORTS;

/** Raw lines of a corpus report, numbered as the project numbers them. */
export function corpusLines(report: ReportName): string[] {
  const path = fileURLToPath(new URL(`../../../corpus/${report}`, import.meta.url));
  return splitLines(readFileSync(path, "utf8"));
}

/** `isExcluded` built from the inventory's table ranges for a report. */
export function inventoryExcluded(report: ReportName): (line: number) => boolean {
  const ranges = REPORTS[report].tables;
  return (n) => ranges.some(([a, b]) => n >= a && n <= b);
}
