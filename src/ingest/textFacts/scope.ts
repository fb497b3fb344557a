import { placeAt } from "../../places/gazetteer.js";
/**
 * Whose figure a figure is: a named institution that opens a clause group, a narrowing topic
 * before a headline label, a list item that lost its head. These decide whether a figure of
 * running text can be stated under its label as the report's own.
 */

/**
 * A named institution a clause group is about (`井研职中…`, `璧山职教中心2024年…`,
 * `重庆市交通职业学校…`): its figures are that institution's, not the region's, so the name
 * goes into their label.
 */
const NAMED_SUBJECT =
  /^(?:[一二三四五六七八九十]是)?([\u4e00-\u9fff]{2,6}(?:职中|职校|技校|职教中心)|[\u4e00-\u9fff]{1,6}[市县区][\u4e00-\u9fff]{2,12}?(?:职业学校|技工学校|职业高级中学|职业中学|综合高级中学|学院|教育中心))/;
/**
 * Labels that name a headline indicator with no scope of their own (`升学858人`). Read after a
 * narrowing topic (`“9+3”学生…`, `…春蕾班`, `民办学校…`) they are that group's figure, and
 * stated under the bare label they would pass for the region's: they are qualified or skipped.
 */
export const GENERIC_LABELS = new Set([
  "升学",
  "升学率",
  "就业",
  "就业率",
  "直接就业",
  "毕业生",
  "毕业学生",
  "招生",
  "完成招生",
  "每年招生",
  "实际完成招生",
  "在校生",
  "就读学生",
  "上线",
  "上线率",
  "参训",
  "完成率",
  "升入本科",
  "录取",
]);
/** Words that narrow a clause group to part of the report's population (a programme, a class, a kind of school). */
export const NARROW_TOPIC = /“[^”]+”|民办|公办|班(?!主任)|对口高考|单招|试点|项目|联盟|基地|工作室|藏|彝/;

/**
 * A county or district the clause group is about, other than the report's own (美姑 in a 乐山
 * report): its figures are that county's, not the report's. Read against the gazetteer.
 */
export function narrowingPlace(group: string, entity: string): string | null {
  for (let i = 0; i < group.length; i++) {
    const hit = placeAt(group, i);
    if (!hit) continue;
    if (hit.places.some((p) => p.level === "county") && !entity.includes(hit.form) && !hit.places.some((p) => entity.includes(p.name))) return hit.form;
    i += hit.form.length - 1;
  }
  return null;
}

/** The named institution a clause group opens with, unless it is the report's own entity. */
export function namedSubject(segment: string, entity: string): string | null {
  const s = segment.replace(/^[\s，,；;]*(?:\d{4}\s*(?:年度|学年|年)[，,]?)?/, "");
  const m = NAMED_SUBJECT.exec(s);
  if (!m) return null;
  const name = m[1];
  // A class (`乐山市各中等职业学校`) or a clause (`江门市积极推进中等职业学校`) is no name.
  if (/^(?:全|各|本|该|我|其|市|区|县)|各|全|中等|中职|积极|推进|加强|开展|组织|深入|实施|完成|举办|新增|新建|建成|建设/.test(name)) return null;
  return entity.includes(name) ? null : name;
}

/**
 * True when a list item names only a kind of school after an item whose label has a head the
 * item lacks: prev `生均公用经费公办学校`, item `民办学校`. Such an item is not stated, rather
 * than guessed (`公办学校27所、民办学校9所` and `…补助收入8348万元、学费收入…` are complete).
 */
export function lacksListHead(prevLabel: string, item: string): boolean {
  const kind = /(?:学校|学院|院校|中心|职中|高中|班)$/.exec(item);
  return kind !== null && prevLabel.length - item.length >= 4 && prevLabel.endsWith(kind[0]);
}
