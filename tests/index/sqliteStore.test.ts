import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEngine } from "../../src/answer/engine.js";
import { DATABASE_DERIVED } from "../../src/answer/databaseBuild.js";
import { IndexVersionError } from "../../src/errors.js";
import { buildIndex } from "../../src/index/build.js";
import { buildSqliteIndex, openSqliteIndex, sqliteIsCurrent, type SqliteView } from "../../src/index/databaseStore.js";
import { loadIndex } from "../../src/index/store.js";
import type { Answer, Engine, Table, TableHead } from "../../src/types.js";
import { watchCatalogReads } from "../answer/catalogReads.js";
import { prepare } from "../../src/answer/state.js";
import { pinyinWordList } from "../../src/answer/understand/pinyinWords.js";

/**
 * The database store answers as the files store does: every gold question, every search, every
 * passage score. And it is incremental: a build re-reads only the files that changed.
 */

const root = join(import.meta.dirname, "..", "..");
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "zhibao-sqlite-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const questions = (file: string): string[] =>
  readFileSync(join(root, "..", "shared", "eval", file), "utf8")
    .split("\n")
    .filter(Boolean)
    .map((l) => (JSON.parse(l) as { question: string }).question);

/** An answer without its timing. */
const comparable = (a: Answer) => JSON.stringify({ ...a, ms: 0 });

describe("the database store answers as the files store does", () => {
  let files: Engine;
  let sqlite: Engine;
  beforeAll(async () => {
    files = await createEngine({ store: "files", rebuild: "never" });
    sqlite = await createEngine({ store: "sqlite", indexDir: join(dir, "same") });
  }, 120_000);

  it.each(["dev.jsonl", "dev2.jsonl"])("every question of %s, answer for answer", (file) => {
    let set: string[];
    try {
      set = questions(file);
    } catch {
      return; // the gold sets live beside the repository; without them the searches below still compare
    }
    const differing = set.filter((q) => comparable(files.ask(q)) !== comparable(sqlite.ask(q)));
    expect(differing).toEqual([]);
  });

  it("the same searches, tables and examples", () => {
    for (const q of ["宿舍楼", "技能大赛 获奖", "马拉松 志愿服务", "案例 产教融合", "Emei martial arts"]) expect(sqlite.search(q), q).toEqual(files.search(q));
    expect(sqlite.search("案例", { casesOnly: true })).toEqual(files.search("案例", { casesOnly: true }));
    expect(sqlite.tables()).toEqual(files.tables());
    expect(sqlite.examples("zh")).toEqual(files.examples("zh"));
    expect(sqlite.reports()).toEqual(files.reports());
  });

  it("every passage score, to the last bit, as lunr weighs it (the files store's index is lunr's)", () => {
    const packed = loadIndex(join(root, "index"));
    const db = openSqliteIndex(join(dir, "same", "zhibao.sqlite"));
    try {
      const terms = Object.keys(JSON.parse(readFileSync(join(root, "index", "vocab.json"), "utf8")) as Record<string, number>);
      let compared = 0;
      for (let i = 0; i < terms.length; i += 11) {
        const query = [
          { term: terms[i]!, boost: 1 },
          { term: terms[(i * 7) % terms.length]!, boost: 0.4 },
          { term: "\u0001学生", boost: 0.3 },
        ];
        const show = (index: typeof db.passageIndex extends () => infer I ? I : never) => index.query(query, { limit: 15 }).map((r) => `${r.ref} ${r.score} ${r.terms.join(",")}`);
        expect(show(db.passageIndex()), terms[i]).toEqual(show(packed.passageIndex()));
        expect(db.passageIndex().postings(terms[i]!)).toBe(packed.passageIndex().postings(terms[i]!));
        expect(db.vocab.df(terms[i]!)).toBe(packed.vocab.df(terms[i]!));
        compared++;
      }
      expect(compared).toBeGreaterThan(500);
      expect(db.vocab.has("不在索引里的词")).toBe(false);
    } finally {
      db.close();
    }
  });
});

describe("database builds are incremental", () => {
  const corpusDir = () => join(dir, "inc", "corpus");
  const dbPath = () => join(dir, "inc", "index.sqlite");
  const build = () => buildSqliteIndex(corpusDir(), dbPath(), DATABASE_DERIVED);
  const withView = <T>(f: (v: SqliteView) => T): T => {
    const v = openSqliteIndex(dbPath());
    try {
      return f(v);
    } finally {
      v.close();
    }
  };

  beforeAll(() => {
    mkdirSync(corpusDir(), { recursive: true });
    for (const f of ["suining-2024.txt", "bishan-2024.txt", "manifest.json"]) cpSync(join(root, "corpus", f), join(corpusDir(), f));
    expect(build().read).toBe(2);
  }, 60_000);

  it("reads nothing when no file changed", () => {
    expect(build().read).toBe(0);
  });

  it("adding, changing and removing files reads only those, and ends where a build from nothing ends", () => {
    cpSync(join(root, "corpus", "jiangmen-2024.txt"), join(corpusDir(), "jiangmen-2024.txt"));
    expect(build()).toMatchObject({ read: 1, removed: 0, reports: 3 });
    const path = join(corpusDir(), "bishan-2024.txt");
    writeFileSync(path, readFileSync(path, "utf8").replace(/3007/g, "3008"));
    rmSync(join(corpusDir(), "suining-2024.txt"));
    const after = build();
    expect(after).toMatchObject({ read: 1, removed: 1, reports: 2 });
    const fresh = buildIndex(corpusDir());
    const { corpusFingerprint: _a, ...meta } = after.meta;
    const { corpusFingerprint: _b, ...expected } = fresh.meta;
    expect(meta).toEqual(expected);
    withView((v) => {
      expect(v.reports.map((r) => r.report)).toEqual(["bishan-2024.txt", "jiangmen-2024.txt"]);
      expect(v.content("bishan-2024.txt")!.facts.some((f) => f.value === 3008)).toBe(true);
      expect(v.content("suining-2024.txt")).toBeUndefined();
      // The labels (for the IDF) are those of a database built from nothing.
      const freshDb = join(dir, "inc", "fresh.sqlite");
      buildSqliteIndex(corpusDir(), freshDb, DATABASE_DERIVED);
      const fresh2 = openSqliteIndex(freshDb);
      expect([...v.entries!.leaves()].sort()).toEqual([...fresh2.entries!.leaves()].sort());
      // So are the pinyin vocabulary's words, made again from the labels left.
      expect(new Map(v.entries!.pinyinWords())).toEqual(new Map(fresh2.entries!.pinyinWords()));
      const memory = prepare(fresh);
      const labels = [...new Set(memory.catalog.map((e) => e.leaf)), ...memory.tablesOf([]).map((t) => t.title ?? "")];
      expect(new Map(v.entries!.pinyinWords())).toEqual(new Map(pinyinWordList(labels)));
      expect(v.entries!.exampleTopic()).toEqual(fresh2.entries!.exampleTopic());
      fresh2.close();
      // The removed report's words are gone from the vocabulary, its passages from search.
      for (const w of ["遂宁", "学生", "璧山", "3008", "3007"]) expect(v.vocab.df(w), w).toBe(fresh.vocab.df(w));
      expect(v.vocab.df("遂宁")).toBeLessThan(loadIndex(join(root, "index")).vocab.df("遂宁"));
      expect(v.passageIndex().refs.filter((r) => r.startsWith("suining")).length).toBe(0);
    });
  }, 120_000);

  it("a copy of a report is kept out, with a warning naming both, until the original goes", () => {
    cpSync(join(corpusDir(), "jiangmen-2024.txt"), join(corpusDir(), "jiangmen-copy-2024.txt"));
    const copied = build();
    expect(copied.read).toBe(1);
    expect(copied.reports).toBe(2);
    expect(copied.meta.warnings.some((w) => w.report === "jiangmen-copy-2024.txt" && /copy of jiangmen-2024\.txt/.test(w.message))).toBe(true);
    const df = withView((v) => v.vocab.df("江门"));
    rmSync(join(corpusDir(), "jiangmen-2024.txt"));
    const moved = build();
    expect(moved).toMatchObject({ read: 0, removed: 1, reports: 2 });
    withView((v) => {
      expect(v.reports.map((r) => r.report)).toContain("jiangmen-copy-2024.txt");
      // The copy's words now count, once: the vocabulary follows which reports are used.
      expect(v.vocab.df("江门")).toBe(df);
    });
  }, 120_000);

  it("a file that cannot be read is reported by name, and the others still load", () => {
    writeFileSync(join(corpusDir(), "broken-2024.pdf"), "not a pdf");
    const result = build();
    expect(result.meta.warnings.some((w) => w.report === "broken-2024.pdf" && /^skipped/.test(w.message))).toBe(true);
    expect(result.reports).toBe(2);
    expect(build().read).toBe(0); // not tried again until it changes
  }, 60_000);

  it("is current while its files are as the build saw them: by name, size and time first, else by bytes", () => {
    build();
    expect(sqliteIsCurrent(dbPath(), corpusDir())).toBe(true);
    const path = join(corpusDir(), "bishan-2024.txt");
    const { atime, mtime } = statSync(path);
    // Touched, bytes unchanged: the stat check fails, the bytes say current.
    utimesSync(path, atime, new Date(mtime.getTime() + 5000));
    expect(sqliteIsCurrent(dbPath(), corpusDir())).toBe(true);
    // Bytes changed: not current.
    const text = readFileSync(path, "utf8");
    writeFileSync(path, text.replace("3008", "3009"));
    expect(sqliteIsCurrent(dbPath(), corpusDir())).toBe(false);
    // The same size and time as the build saw, different bytes: the stat check alone decides (a
    // start reads no report file), which is what makes a start cheap at 1,000 reports.
    // (Whole seconds: a time set from a Date can come back a fraction of a millisecond off.)
    utimesSync(path, 1_700_000_000, 1_700_000_000);
    build();
    writeFileSync(path, text.replace("3008", "3007"));
    utimesSync(path, 1_700_000_000, 1_700_000_000);
    expect(sqliteIsCurrent(dbPath(), corpusDir())).toBe(true);
    writeFileSync(path, text);
    build();
  }, 60_000);

  it("an engine over the database closes it (a /reload swaps engines and closes the old one)", async () => {
    const engine = await createEngine({ corpusDir: corpusDir(), indexDir: join(dir, "inc", "engine"), store: "sqlite" });
    expect(engine.reports().length).toBe(2);
    engine.close?.();
    expect(() => engine.ask("璧山区人才培养质量计分卡上的升学人数是多少")).toThrow(/not open/);
  }, 60_000);

  it("a build stopped part way is finished by the next, which ends where a build from nothing ends", () => {
    const stopped = join(dir, "inc", "stopped.sqlite");
    const last = readdirSync(corpusDir())
      .filter((f) => f.endsWith(".txt"))
      .sort()
      .at(-1);
    const failing = {
      ...DATABASE_DERIVED,
      catalogRows: (...args: Parameters<typeof DATABASE_DERIVED.catalogRows>) => {
        if (args[0][0]?.report === last) throw new Error("stopped");
        return DATABASE_DERIVED.catalogRows(...args);
      },
    };
    expect(() => buildSqliteIndex(corpusDir(), stopped, failing)).toThrow("stopped");
    const resumed = buildSqliteIndex(corpusDir(), stopped, DATABASE_DERIVED);
    expect(resumed.read).toBeGreaterThan(0);
    const fresh = buildIndex(corpusDir());
    const { corpusFingerprint: _a, ...meta } = resumed.meta;
    const { corpusFingerprint: _b, ...expected } = fresh.meta;
    expect(meta).toEqual(expected);
    expect(buildSqliteIndex(corpusDir(), stopped, DATABASE_DERIVED).read).toBe(0);
  });

  it("a database that is missing or of another version says to run `zhibao index`", () => {
    expect(() => openSqliteIndex(join(dir, "nowhere.sqlite"))).toThrow(IndexVersionError);
    const other = join(dir, "other.sqlite");
    writeFileSync(other, "");
    expect(() => openSqliteIndex(other)).toThrow(/zhibao index --store sqlite/);
  });
});

/** The reports whose content (facts, tables, passages) a view is asked for, as they are asked. */
function watchContent(view: SqliteView): string[] {
  const read: string[] = [];
  const content = view.content;
  view.content = (report) => {
    read.push(report);
    return content(report);
  };
  return read;
}

describe("a question naming no report reads only the reports it needs", () => {
  let path: string;
  beforeAll(() => {
    path = join(dir, "reads.sqlite");
    buildSqliteIndex(join(root, "corpus"), path, DATABASE_DERIVED);
  }, 60_000);
  it("a figure no label could be broader than reads no catalogue of every report (at 500 reports that was seconds)", async () => {
    const { prepare } = await import("../../src/answer/state.js");
    const { planAnswer } = await import("../../src/answer/plan.js");
    const view = openSqliteIndex(path);
    const state = prepare(view);
    const read = watchCatalogReads(state);
    const answer = planAnswer(state, "灰雕社团多少人");
    expect(answer.facts).toEqual([]);
    expect(answer.passages.length).toBeGreaterThan(0);
    // The stored labels said no row is broader than 灰雕社团: no report's catalogue was read for it.
    expect(read.filter((r) => !r.length)).toEqual([]);
    view.close();
  });

  it("broader rows over every report come from their label gram, as the whole catalogues would give them", async () => {
    const { prepare } = await import("../../src/answer/state.js");
    const { planAnswer } = await import("../../src/answer/plan.js");
    const view = openSqliteIndex(path);
    const state = prepare(view);
    const read = watchCatalogReads(state);
    const files = await createEngine({ store: "files", rebuild: "never" });
    for (const q of ["满意度多少", "江门 满意度"]) {
      const answer = planAnswer(state, q);
      expect(answer.alternatives?.length, q).toBeGreaterThanOrEqual(2);
      expect(answer.alternatives, q).toEqual(files.ask(q).alternatives);
    }
    expect(read).toEqual([]);
    view.close();
  });

  it("a lookup builds no entry whose label the question names too little of, and finds what the whole catalogue finds", async () => {
    const { prepare } = await import("../../src/answer/state.js");
    const { labelMayMatch, grams, leafIdf, matchIndicators } = await import("../../src/answer/indicators.js");
    const view = openSqliteIndex(path);
    const index = view.entries!;
    const built: string[] = [];
    const factsOf = index.factsOf.bind(index);
    index.factsOf = (keys) => {
      built.push(...keys);
      return factsOf(keys);
    };
    const state = prepare(view);
    const memory = prepare(loadIndex(join(root, "index")));
    for (const q of ["绿色硅谷产业学院", "毕业生升学人数", "专任教师学历"]) {
      built.length = 0;
      const found = matchIndicators(q, state.lookup([]));
      const whole = matchIndicators(q, memory.catalog);
      if (q !== "绿色硅谷产业学院") expect(found.length, q).toBeGreaterThan(0);
      expect(
        found.map((m) => [m.entry.key, m.score]),
        q,
      ).toEqual(whole.map((m) => [m.entry.key, m.score]));
      // What was built: only labels that could score, of the many sharing a bigram with the question.
      const sharing = index.sharing([...grams(q)], null);
      const idf = leafIdf(index.leaves());
      const candidates = [...index.leaves()].filter((leaf) => [...grams(leaf)].some((g) => grams(q).has(g)));
      const leafOf = new Map(index.labelled(candidates, null).map((r) => [r.key, r.leaf]));
      expect(built.length, q).toBeLessThan(new Set(sharing.map((r) => r.key)).size);
      for (const key of built) expect(labelMayMatch(leafOf.get(key)!, grams(q), idf), `${q}: ${leafOf.get(key)}`).toBe(true);
      // Asked for some labels, the index gives their entries only, one row each, in the reports asked.
      const some = candidates.slice(0, 2);
      const named = index.labelled(some, null);
      expect(named.length, q).toBeGreaterThan(0);
      expect(new Set(named.map((r) => r.leaf)), q).toEqual(new Set(some));
      expect(new Set(named.map((r) => r.key)).size, q).toBe(named.length);
      const one = named[0].report;
      expect(index.labelled(some, [one]), q).toEqual(named.filter((r) => r.report === one));
      // In the whole catalogue's order (report, then the first query gram the label holds, then place), with or without a label test.
      const qg = grams(q);
      const keep = (leaf: string, labelIdf: Map<string, number>) => labelMayMatch(leaf, qg, labelIdf);
      const inMemory = memory.lookup([]).sharingGrams(qg);
      const shared = (es: { key: string }[]) => es.map((e) => e.key);
      expect(shared(state.lookup([]).sharingGrams(qg)), q).toEqual(shared(inMemory));
      expect(shared(state.lookup([]).sharingGrams(qg, keep)), q).toEqual(shared(inMemory.filter((e) => keep(e.leaf, idf))));
    }
    view.close();
  });

  it("a search reads the passages of the reports it hits, not their facts and tables", async () => {
    const { prepare } = await import("../../src/answer/state.js");
    const view = openSqliteIndex(path);
    const read = watchContent(view);
    const state = prepare(view);
    const hits = state.search.search("宿舍楼 案例", { limit: 5 });
    expect(hits.length).toBeGreaterThan(0);
    expect(read).toEqual([]);
    view.close();
  });

  it("small talk's example questions come from the topic chosen at build time, not from every report's catalogue", async () => {
    const { planAnswer } = await import("../../src/answer/plan.js");
    const { exampleRows, exampleTopic } = await import("../../src/answer/exampleRow.js");
    const view = openSqliteIndex(path);
    const state = prepare(view);
    const read = watchCatalogReads(state);
    const memory = prepare(loadIndex(join(root, "index")));
    expect(state.exampleTopic).toEqual(exampleTopic(exampleRows(memory.catalog)));
    expect(state.exampleTopic!.reports.length).toBeGreaterThanOrEqual(3);
    for (const q of ["asdfgh", "qwerty zxcv"]) {
      const answer = planAnswer(state, q);
      expect(answer.alternatives?.length, q).toBe(3);
      expect(answer.reply, q).toBe(planAnswer(memory, q).reply);
    }
    expect(read).toEqual([]);
    view.close();
  });

  it("a table asked for by number or name with no report named reads one table, not every report's", async () => {
    const { planAnswer } = await import("../../src/answer/plan.js");
    const view = openSqliteIndex(path);
    const read = watchContent(view);
    const state = prepare(view);
    const memory = prepare(loadIndex(join(root, "index")));
    const head = ({ id, report, number, title, standard, startLine, rows }: Table): TableHead => ({ id, report, number, title, standard, startLine, rowCount: rows.length });
    expect(state.tableHeadsOf([])).toEqual(memory.tablesOf([]).map(head));
    expect(state.tableHeadsOf(["suining-2024.txt", "bishan-2024.txt"])).toEqual(memory.tablesOf(["suining-2024.txt", "bishan-2024.txt"]).map(head));
    for (const q of ["表3", "教学资源表"]) {
      read.length = 0;
      const answer = planAnswer(state, q);
      expect(answer.reply, q).toBe(planAnswer(memory, q).reply);
      expect(new Set(read).size, q).toBeLessThanOrEqual(1);
    }
    view.close();
  });

  it("entries built from the stored table heads are the whole catalogue's (standard table, title)", async () => {
    const { prepare } = await import("../../src/answer/state.js");
    const view = openSqliteIndex(path);
    const state = prepare(view);
    const memory = prepare(loadIndex(join(root, "index")));
    const looked = state.lookup([]).sharingGrams(new Set(["满意", "毕业", "教师"]));
    const byKey = new Map(memory.catalog.map((e) => [e.key, e]));
    expect(looked.some((e) => e.standard)).toBe(true);
    expect(looked.some((e) => e.tableId && !e.standard)).toBe(true);
    for (const e of looked) {
      const m = byKey.get(e.key)!;
      expect([e.standard, [...e.contextGrams], e.cover.text], e.key).toEqual([m.standard, [...m.contextGrams], m.cover.text]);
    }
    view.close();
  });
});

describe("the reports table's layout", () => {
  it("keeps the large columns last, so reading the small ones at a start walks no overflow pages", async () => {
    const { sqliteDb } = await import("../../src/index/sqlDb.js");
    const path = join(dir, "layout.sqlite");
    buildSqliteIndex(join(root, "corpus"), path, DATABASE_DERIVED);
    const db = sqliteDb(path, { readonly: true });
    const columns = db.all("SELECT name FROM pragma_table_info('reports')").map(([n]) => n);
    db.close();
    expect(columns.slice(-2)).toEqual(["sections", "tables"]);
    expect(columns.indexOf("counts")).toBeLessThan(columns.indexOf("meta"));
  });
});
