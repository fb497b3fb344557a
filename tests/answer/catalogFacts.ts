import type { Fact } from "../../src/types.js";

let line = 100;

/**
 * A fact of a made-up report (`r.txt`, 某市) for catalogue tests: a table row when `table` is a
 * title, a sentence of running text when it is null. Each call stands on a new line.
 */
export function catalogFact(path: string[], value: number | string | null, o: { unit?: string; table?: string | null; column?: string; year?: number | null } = {}): Fact {
  line++;
  const table = o.table === undefined ? "某某情况表" : o.table;
  const column = o.column ?? "2024年";
  const year = o.year !== undefined ? o.year : /20\d\d/.test(column) ? Number(/20\d\d/.exec(column)![0]) : 2024;
  return {
    id: `r:${line}:${column}`,
    entity: "某市",
    report: "r.txt",
    table,
    tableNumber: null,
    tableId: table ? `r.txt#${table}` : null,
    indicator: path.join(" › "),
    path,
    unit: o.unit ?? "人",
    column,
    year,
    value,
    raw: String(value ?? "-"),
    line,
    source: table ? "table" : "text",
  };
}
