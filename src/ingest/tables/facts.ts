/**
 * One `Fact` per value cell of a table: the unit of every numeric answer, citing the line the
 * value is printed on.
 */
import type { Fact, Table } from "../../types.js";
import { rowLabelColumn, labelName } from "./build.js";
import { columnRoles, isYearAxisHeader } from "./roles.js";
import { isNoUnit, parseCellValue, splitUnit, titleYear, yearOf } from "./values.js";

/** Columns that describe the figures rather than hold a year's figure: no year of their own. */
function isExtraColumn(header: string): boolean {
  return /^(调查|备注|变化|增减|同比|说明)/.test(header.replace(/\s+/g, ""));
}

/**
 * The unit a label's own measure word implies when none is printed: …人数 → 人, …人次 → 人次,
 * …学校数/所数 → 所. Only these, which cannot mean anything else; null otherwise.
 */
export function impliedUnit(label: string): string | null {
  const l = label.replace(/[\s*＊]/g, "");
  if (/人次$/.test(l)) return "人次";
  if (/人数$/.test(l)) return "人";
  if (/(?:学校|所)数$/.test(l)) return "所";
  return null;
}

/** The unit a survey-count column names in its header (`调查人数` → 人, `调查人次` → 人次). */
function extraUnit(header: string): string | null {
  const h = header.replace(/\s+/g, "");
  if (/人次$/.test(h)) return "人次";
  if (/人数$/.test(h)) return "人";
  return null;
}

/**
 * Years of the columns: a column's own year (`2024年`, `2023学年 · 金额（万元）`, also under a
 * merged `年度` cell: `年度 · 2024年`), else, for an 占比/比例 column, the year of the column before it
 * (璧山 表3: `2022 / 占比（%）`).
 */
function columnYears(header: string[]): (number | null)[] {
  const own = header.map(
    (h) =>
      yearOf(h) ??
      yearOf(
        h
          .split(/\s*·\s*/)
          .filter((level) => !isYearAxisHeader(level))
          .join(" · "),
      ),
  );
  return own.map((y, c) => (y === null && c > 0 && /^(占比|比例|百分比)/.test(header[c].replace(/\s+/g, "")) ? own[c - 1] : y));
}

/**
 * The facts of one table: one per value cell (year columns and extra columns such as 调查人数,
 * 调查方式, 备注, 占比, 合计; in other tables every cell but the running number, unit and label).
 *
 * - `path`/`indicator`: the row's indicator path; in a transposed table, the column header.
 * - `unit`: the 单位 cell unless it is `——`/`-`/`:`/blank; else a unit glued to the value
 *   (`36册`, `28.8%`); else one in the column header's or the label's parentheses (`金额（万元）`,
 *   `中职学校数(所)`). A unit in the value wins over the label's because it is the cell's own
 *   (乐山 表13: `生师比（人）` prints `17.1%`).
 * - `year`: the column's year, or the row's year label in a transposed table; a column with none
 *   takes the year the title names if it names exactly one, and in a standard table `defaultYear`;
 *   extra columns (调查人数, 调查方式, 备注, 变化情况) get null.
 * - `value`: `parseCellValue` of the cell: missing markers are null, never 0.
 *
 * @example tableFacts(scorecard, "遂宁市职业技术学校", 2024).find((f) => f.line === 1350) // value 803, indicator "毕业生去向落实人数 › 其中：升学人数"
 */
export function tableFacts(table: Table, entity: string, defaultYear: number | null): Fact[] {
  const facts: Fact[] = [];
  const roles = columnRoles(table);
  const years = columnYears(table.header);
  const tYear = titleYear(table.title);
  const tableName = table.standard ?? table.title;
  const seen = new Set<string>();
  const add = (f: Omit<Fact, "id" | "entity" | "report" | "table" | "tableNumber" | "tableId" | "source">) => {
    let id = `${table.report}:${f.line}:${f.column}`;
    for (let n = 2; seen.has(id); n++) id = `${table.report}:${f.line}:${f.column}#${n}`;
    seen.add(id);
    facts.push({ id, entity, report: table.report, table: tableName, tableNumber: table.number, tableId: table.id, source: "table", ...f });
  };
  for (const row of table.rows) {
    const unitCell = roles.unit === null ? "" : (row.cells[roles.unit]?.text ?? "");
    const rowUnit = isNoUnit(unitCell) ? null : unitCell;
    if (table.transposed) {
      const rowLabel = roles.label === null ? "" : (row.cells[roles.label]?.text ?? "");
      const rowYear = yearOf(rowLabel);
      for (const c of roles.values) {
        const cell = row.cells[c];
        if (!cell) continue;
        // The header's unit is read before its name is cleaned (生均校舍建筑面积（平方米）): the cleaning drops it.
        const printed = splitUnit(table.header[c] ?? "");
        const head = { name: labelName(table.header[c] ?? ""), unit: printed.unit };
        const v = parseCellValue(cell.text);
        add({
          path: [head.name],
          indicator: head.name,
          unit: rowUnit ?? v.unit ?? head.unit ?? (v.kind === "number" ? (table.unit ?? impliedUnit(head.name)) : null),
          column: rowLabel || (table.header[c] ?? ""),
          year: rowYear ?? tYear,
          value: v.kind === "text" ? cell.text : v.value,
          raw: cell.text,
          line: cell.line,
        });
      }
      continue;
    }
    const labelCol = rowLabelColumn(row, roles);
    const labelUnit = labelCol === null ? null : splitUnit(row.cells[labelCol]?.text.replace(/[*＊]+\s*$/, "") ?? "").unit;
    for (const c of roles.values) {
      if (c === labelCol) continue;
      const cell = row.cells[c];
      if (!cell) continue;
      const column = table.header[c] ?? "";
      const extra = isExtraColumn(column);
      const v = parseCellValue(cell.text);
      const headUnit = splitUnit(column).unit;
      let unit: string | null;
      if (extra) unit = v.unit ?? headUnit ?? (v.kind === "number" ? extraUnit(column) : null);
      // The label's unit is the count's (`专业教师数（人）`), not that of a share printed beside it.
      else unit = rowUnit ?? v.unit ?? headUnit ?? (/(比例|占比|率)$/.test(column) ? null : labelUnit);
      // A unit the table states for all its figures (`单位：万元`) comes last: a cell's own says more.
      if (unit === null && !extra && v.kind === "number" && table.unit) unit = table.unit;
      // Nothing printed: a label ending in its measure word says it (中职学校在校人数 counts people).
      if (unit === null && !extra && v.kind === "number" && !/(比例|占比|率)$/.test(column)) unit = impliedUnit(row.path[row.path.length - 1] ?? "");
      let year = years[c];
      if (year === null && !extra) year = table.standard ? defaultYear : tYear;
      // Text keeps the cell's own spacing (`陈华国 杨玉强`: two names, not one).
      const value = v.kind === "text" ? cell.text : v.value;
      add({ path: row.path, indicator: row.path.join(" › "), unit, column, year, value, raw: cell.text, line: cell.line });
    }
  }
  return facts;
}
