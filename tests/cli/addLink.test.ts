import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createEngine } from "../../src/answer/engine.js";
import { addReports, loadSource, runAdd } from "../../src/cli/add.js";
import { fetchReport, safeFileName } from "../../src/ingest/fetchReport.js";

/**
 * `zhibao add https://…`: pages, PDFs and Word files served by a local HTTP server on 127.0.0.1,
 * with the right and the wrong content types, redirects, an over-size body and a slow one; what the
 * receipt says; and a file that is no report, refused before any index work unless --force.
 */

const root = join(import.meta.dirname, "..", "..");
const fixture = (name: string) => readFileSync(join(root, "tests", "fixtures", "reports", name));
const PDF = "application/pdf";
const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

let server: Server;
let base: string;
let dir: string;
let stderr: string[];
let stdout: string[];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "zhibao-link-"));
  server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    const send = (type: string | null, body: Buffer, headers: Record<string, string> = {}) => {
      res.writeHead(200, { ...(type ? { "content-type": type } : {}), "content-length": String(body.length), ...headers }).end(body);
    };
    const loop = /^\/loop\/(\d+)$/.exec(url.pathname);
    if (loop) return void res.writeHead(302, { location: `/loop/${Number(loop[1]) + 1}` }).end();
    switch (url.pathname) {
      case "/zwgk/tzgg/202312/t20231228_1.html":
        return send("text/html; charset=gbk", fixture("qinghe-2023.html"));
      case "/tongchuan":
        return send("text/html; charset=utf-8", fixture("tongchuan-erzhong-2024.html"));
      case "/as-image.html":
        return send("image/png", fixture("tongchuan-erzhong-2024.html"));
      case "/mianyang.pdf":
        return send(PDF, fixture("mianyang-school-2023.pdf"));
      case "/login.pdf":
        // A login page where the PDF should be, labelled as the PDF.
        return send(PDF, Buffer.from("<!DOCTYPE html><html><head><title>登录</title></head><body><form>请登录</form></body></html>"));
      case "/download":
        return send("application/octet-stream", fixture("deyang-school-2023.docx"), {
          "content-disposition": `attachment; filename*=UTF-8''${encodeURIComponent("德阳市职业技术学校2023年质量报告.docx")}`,
        });
      case "/word":
        return send(DOCX, fixture("deyang-school-2023.docx"));
      case "/r1":
        return void res.writeHead(301, { location: "/r2" }).end();
      case "/r2":
        return void res.writeHead(302, { location: `${base}/tongchuan` }).end();
      case "/to-ftp":
        return void res.writeHead(302, { location: "ftp://example.org/x.pdf" }).end();
      case "/big":
        return void res.writeHead(200, { "content-type": PDF, "content-length": String(21 * 1024 * 1024) }).end();
      case "/big-chunked": {
        // No Content-Length: the cap must be counted while reading.
        res.writeHead(200, { "content-type": PDF });
        const chunk = Buffer.alloc(1024 * 1024, 0x20);
        let sent = 0;
        const more = () => {
          while (sent < 30 && !res.destroyed) {
            sent++;
            if (!res.write(chunk)) return void res.once("drain", more);
          }
          res.end();
        };
        return more();
      }
      case "/slow":
        res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
        res.write("<!DOCTYPE html><html><body><p>");
        return; // never ends
      case "/hang":
        return; // never answers
      case "/missing":
        return void res.writeHead(404, { "content-type": "text/html" }).end("not found");
      default:
        res.writeHead(500).end();
    }
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
  rmSync(dir, { recursive: true, force: true });
});
afterEach(() => {
  vi.restoreAllMocks();
  process.exitCode = undefined;
});

function capture() {
  stderr = [];
  stdout = [];
  vi.spyOn(process.stderr, "write").mockImplementation((c: string | Uint8Array) => {
    stderr.push(String(c));
    return true;
  });
  vi.spyOn(process.stdout, "write").mockImplementation((c: string | Uint8Array) => {
    stdout.push(String(c));
    return true;
  });
}

/** A fresh corpus of one report, and its index. */
async function freshFolders(name: string) {
  const folders = { corpusDir: join(dir, name, "corpus"), indexDir: join(dir, name, "index") };
  mkdirSync(folders.corpusDir, { recursive: true });
  cpSync(join(root, "corpus", "bishan-2024.txt"), join(folders.corpusDir, "bishan-2024.txt"));
  writeFileSync(join(folders.corpusDir, "manifest.json"), `${JSON.stringify({ "bishan-2024.txt": { english: "Bishan", province: "重庆", kind: "district", aliases: ["壁山"] } })}\n`);
  process.env.ZHIBAO_STORE = "files";
  capture();
  await runAdd([], {}, folders);
  const { buildIndex } = await import("../../src/index/build.js");
  const { saveIndex } = await import("../../src/index/store.js");
  saveIndex(buildIndex(folders.corpusDir), folders.indexDir);
  vi.restoreAllMocks();
  return folders;
}

describe("zhibao add <link>", () => {
  it("adds a GBK government page by its link: named from its title, its link and content type in the manifest, answers end with 原文", async () => {
    const folders = await freshFolders("page");
    const link = `${base}/zwgk/tzgg/202312/t20231228_1.html`;
    capture();
    await runAdd([link], {}, folders);
    expect(process.exitCode).toBeUndefined();
    const file = "青禾县2023年中等职业教育质量年度报告.html";
    expect(stderr.join("")).toContain(`added ${file}: index updated in`);
    expect(existsSync(join(folders.corpusDir, file))).toBe(true);
    // Kept byte for byte.
    expect(readFileSync(join(folders.corpusDir, file)).equals(fixture("qinghe-2023.html"))).toBe(true);
    const manifest = JSON.parse(readFileSync(join(folders.corpusDir, "manifest.json"), "utf8"));
    expect(manifest[file]).toEqual({ url: link, contentType: "text/html; charset=gbk" });
    expect(manifest["bishan-2024.txt"].english).toBe("Bishan");
    // The receipt: who, when, each table with its rows and years, the figures.
    const receipt = stdout.join("");
    expect(receipt).toContain(`${file}: 青禾县 (district), 2023`);
    expect(receipt).toContain(`from ${link}`);
    expect(receipt).toMatch(/表2 青禾县中职学校主要指标: 3 rows, 2022, 2023 \(line \d+\)/);
    expect(receipt).toMatch(/figures: 19 in tables, \d+ in running text/);
    const engine = await createEngine({ ...folders, store: "files", rebuild: "never" });
    expect(engine.reports().find((r) => r.report === file)?.url).toBe(link);
    const answer = engine.ask("青禾县2023年在校生人数");
    expect(answer.facts[0]?.report).toBe(file);
    expect(answer.reply).toContain(`原文：青禾县 ${link}`);
    // A second add of the same link is refused by name, without --replace.
    capture();
    await runAdd([link], {}, folders);
    expect(stderr.join("")).toContain(`not added: ${file} is already in corpus/: add --replace`);
  }, 60_000);

  it("follows redirects (up to five), reads PDF and Word by link, and names a download from the server's file name", async () => {
    const folders = await freshFolders("kinds");
    const sources = await Promise.all([`${base}/r1`, `${base}/mianyang.pdf`, `${base}/download`].map((u) => loadSource(u)));
    expect(sources.map((s) => s.name)).toEqual(["桐川市第二职业中学2024年度质量报告.html", "mianyang.pdf", "德阳市职业技术学校2023年质量报告.docx"]);
    const result = await addReports(sources, folders);
    expect(result.outcomes.map((o) => [o.file, o.added, o.receipt?.entity])).toEqual([
      ["桐川市第二职业中学2024年度质量报告.html", true, "桐川市第二职业中学"],
      ["mianyang.pdf", true, "绵阳市职业技术学校"],
      ["德阳市职业技术学校2023年质量报告.docx", true, "德阳市职业技术学校"],
    ]);
    // One build for the three, reading none of them again (their bundles come from the checks).
    expect(result.read).toBe(0);
    const manifest = JSON.parse(readFileSync(join(folders.corpusDir, "manifest.json"), "utf8"));
    expect(manifest["mianyang.pdf"]).toEqual({ url: `${base}/mianyang.pdf`, contentType: PDF });
    expect(manifest["桐川市第二职业中学2024年度质量报告.html"].url).toBe(`${base}/r1`);
    expect((await fetchReport(`${base}/word`)).kind).toBe("docx");
  }, 60_000);

  it("refuses the wrong content type, too many redirects, an over-size body, a slow one, and HTTP errors, naming the link", async () => {
    const fails = async (url: string, limits = {}) => {
      try {
        await fetchReport(url, limits);
      } catch (err) {
        return (err as Error).message;
      }
      return "downloaded";
    };
    expect(await fails(`${base}/as-image.html`)).toBe(`${base}/as-image.html: the server sent image/png, not a web page, PDF or Word file`);
    expect(await fails(`${base}/login.pdf`)).toBe(`${base}/login.pdf: the server says it is a PDF (application/pdf) but sent a web page: a login or error page?`);
    expect(await fails(`${base}/loop/0`)).toBe(`${base}/loop/0: more than 5 redirects (the last to /loop/6)`);
    expect(await fails(`${base}/loop/0`, { maxRedirects: 6 })).toMatch(/more than 6 redirects/);
    expect(await fails(`${base}/to-ftp`)).toMatch(/redirected to ftp:\/\/example\.org\/x\.pdf, which is no http or https address/);
    expect(await fails(`${base}/big`)).toBe(`${base}/big: the file is 21 MB, more than the 20 MB allowed`);
    expect(await fails(`${base}/big-chunked`)).toMatch(/the file is more than the 20 MB allowed \(stopped reading at 20(\.\d)? MB\)/);
    const t0 = performance.now();
    expect(await fails(`${base}/slow`, { bodyTimeoutMs: 300 })).toMatch(/the download took longer than 0\.3 s/);
    expect(await fails(`${base}/hang`, { connectTimeoutMs: 300 })).toBe(`${base}/hang: no answer within 0.3 s`);
    expect(performance.now() - t0).toBeLessThan(3000);
    expect(await fails(`${base}/missing`)).toBe(`${base}/missing: the server answered 404 Not Found`);
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, "127.0.0.1", r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    expect(await fails(`http://127.0.0.1:${port}/x.pdf`)).toBe(`http://127.0.0.1:${port}/x.pdf: 127.0.0.1:${port} refused the connection`);
    expect(await fails("ftp://example.org/x.pdf")).toMatch(/not an http or https address/);
    // On the command line: said once, with the link, and nothing is added.
    capture();
    await runAdd([`${base}/as-image.html`], {}, { corpusDir: join(dir, "none"), indexDir: join(dir, "none-index") });
    expect(stderr.join("")).toBe(`cannot download ${base}/as-image.html: the server sent image/png, not a web page, PDF or Word file\n`);
    expect(process.exitCode).toBe(1);
  }, 30_000);

  it("makes safe file names", () => {
    expect(safeFileName("青禾县 2023/质量报告?", ".html")).toBe("青禾县-2023-质量报告.html");
    expect(safeFileName("../../etc/passwd", ".pdf")).toBe("etc-passwd.pdf");
    expect(safeFileName("...", ".pdf")).toBe("report.pdf");
  });
});

describe("a file that is no quality report", () => {
  const story = () => {
    const path = join(dir, "story.txt");
    writeFileSync(path, "从前有一只小兔子。\n它很喜欢吃胡萝卜。\n");
    return path;
  };

  it("is refused with the reasons in under a second, with no index work; --force adds it", async () => {
    const folders = await freshFolders("story");
    const metaPath = join(folders.indexDir, "meta.json");
    const before = statSync(metaPath).mtimeMs;
    capture();
    const t0 = performance.now();
    await runAdd([story()], {}, folders);
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(stderr.join("")).toContain(
      "not added: story.txt does not look like a quality report: no report title and no publisher (nothing names whose report it is); no year (neither in a title nor in its tables); no figures (no table and no number with a unit in its text) (add --force to add it anyway)",
    );
    expect(process.exitCode).toBe(1);
    expect(existsSync(join(folders.corpusDir, "story.txt"))).toBe(false);
    expect(statSync(metaPath).mtimeMs).toBe(before);
    process.exitCode = undefined;
    capture();
    await runAdd([story()], { force: true }, folders);
    expect(process.exitCode).toBeUndefined();
    expect(stderr.join("")).toContain("added story.txt");
    expect(stdout.join("")).toContain("not a quality report: no figures");
  }, 60_000);

  it("a report guessed from its file name is added, and the receipt says what was guessed", async () => {
    const folders = await freshFolders("guess");
    const path = join(dir, "ankang-2023.txt");
    writeFileSync(path, "一、学校概况\n全市中职学校在校生21000人，教职工1600人。\n二、学生发展\n毕业生就业率98.2%。\n");
    const [o] = (await addReports([await loadSource(path)], folders)).outcomes;
    expect(o?.added).toBe(true);
    // 全市 but no place in the text: the file name decides.
    expect(o?.receipt).toMatchObject({ entity: "安康市", kind: "city", province: "陕西", year: 2023 });
    expect(o?.receipt?.guessed).toEqual(["entity 安康市 from its file name (ankang-2023.txt)", "year 2023 from the file name ankang-2023.txt"]);
  }, 60_000);
});
