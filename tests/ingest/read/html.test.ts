import { readFileSync } from "node:fs";
import { join } from "node:path";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { readHtml } from "../../../src/ingest/read/html.js";
import { charsetDecoder, decodeHtml, declaredCharset } from "../../../src/ingest/read/htmlEncoding.js";
import { choosePageTitle, readPublication, stripSiteSuffix } from "../../../src/ingest/read/htmlPage.js";
import { readReport } from "../../../src/ingest/read/index.js";
import { ingestReport } from "../../../src/ingest/report.js";
import { readFailure } from "./fails.js";

const fixtures = join(import.meta.dirname, "..", "..", "fixtures", "reports");
const fixture = (f: string) => readFileSync(join(fixtures, f));
const utf8 = (s: string) => new TextEncoder().encode(s);
/** A page as sites write them: a head with a title, the body given. */
const page = (body: string, head = "<title>某某县中等职业教育质量年度报告</title>") => `<!DOCTYPE html><html><head><meta charset="utf-8">${head}</head><body>${body}</body></html>`;
/** The lines of a page's text, blank lines left out. */
const linesOf = (html: string | Uint8Array, name = "x.html") =>
  readHtml(typeof html === "string" ? utf8(html) : html, name)
    .text.split("\n")
    .filter((l) => l !== "");
const para = "全县中职学校在校生6852人，比上年增加312人，专任教师350人，生师比19.6:1，办学条件持续改善。";

describe("readHtml: the encoding", () => {
  it("reads a GBK page by its http-equiv Content-Type (gb2312 decodes as GB18030, its superset)", () => {
    const r = readHtml(fixture("qinghe-2023.html"), "qinghe-2023.html");
    expect(r.encoding).toEqual({ encoding: "gb18030", from: "meta" });
    expect(r.text).toContain("全县中职学校在校生6852人");
  });

  it("reads a UTF-8 page by <meta charset=utf-8>", () => {
    expect(readHtml(fixture("tongchuan-erzhong-2024.html"), "t.html").encoding).toEqual({ encoding: "utf-8", from: "meta" });
  });

  it("sniffs a page that declares nothing: GB18030, with a character GBK lacks", () => {
    const r = readHtml(fixture("zhewan-zhijiao-2022.htm"), "z.htm");
    expect(r.encoding).toEqual({ encoding: "gb18030", from: "sniffed" });
    expect(r.text).toContain("校长王𬭚带领全校教职工");
    expect(decodeHtml(utf8(page(`<p>${para}</p>`, "")), "x.html").from).toBe("meta");
    expect(decodeHtml(utf8(`<html><body><p>${para}</p></body></html>`), "x.html")).toMatchObject({ encoding: "utf-8", from: "sniffed" });
  });

  it("lets the HTTP Content-Type a caller passes win over the page's own declaration", () => {
    const bytes = iconv.encode(`<html><head><meta charset="utf-8"></head><body><p>${para}</p></body></html>`, "gbk");
    const r = readHtml(bytes, "x.html", "text/html; charset=GBK");
    expect(r.encoding).toEqual({ encoding: "gb18030", from: "http" });
    expect(r.text).toBe(para);
  });

  it("overrules a declaration the bytes contradict", () => {
    // A site moved to UTF-8 that kept its gb2312 template, and the reverse.
    const mislabelledUtf8 = utf8(`<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"></head><body><p>${para}</p></body></html>`);
    expect(decodeHtml(mislabelledUtf8, "x.html")).toMatchObject({ encoding: "utf-8", from: "sniffed" });
    const mislabelledGbk = iconv.encode(`<html><head><meta charset="utf-8"></head><body><p>${para}</p></body></html>`, "gbk");
    expect(decodeHtml(mislabelledGbk, "x.html")).toMatchObject({ encoding: "gb18030", from: "sniffed" });
    expect(readHtml(mislabelledGbk, "x.html").text).toBe(para);
  });

  it("reads a page's declaration with the parser, and knows the labels pages write", () => {
    expect(declaredCharset(utf8('<!-- <meta charset="big5"> --><meta http-equiv="content-type" content="text/html;charset=GBK">'))).toBe("GBK");
    expect(declaredCharset(utf8("<html><body><p>没有声明</p></body></html>"))).toBeNull();
    expect(["GB2312", "gbk", "x-gbk", "GB18030", "cp936"].map(charsetDecoder)).toEqual(Array(5).fill("gb18030"));
    expect(["UTF-8", "utf8", "Big5", "no-such-charset"].map(charsetDecoder)).toEqual(["utf-8", "utf-8", "big5", null]);
  });
});

describe("readHtml: the article, not the page around it", () => {
  it("keeps the container with the most Chinese text in paragraphs and tables, not the menus and link lists", () => {
    const links = Array.from({ length: 30 }, (_, k) => `<li><a href="/a/${k}">关于做好全县教育系统第${k}项重点工作的通知公告</a></li>`).join("");
    const html = page(
      `<div class="nav"><ul>${links}</ul></div>` +
        `<div class="wrap"><div class="left"><h3>热点新闻</h3><ul>${links}</ul></div>` +
        `<div class="content"><p>${para}</p><p>全年中职毕业生2105人，其中升学1260人，就业738人。</p></div></div>` +
        `<div class="foot"><p>主办单位：某某县教育局　地址：某某县文昌路18号　技术支持：某某网络公司</p></div>`,
    );
    expect(linesOf(html)).toEqual(["# 某某县中等职业教育质量年度报告", para, "全年中职毕业生2105人，其中升学1260人，就业738人。"]);
  });

  it("reads loose text and <br>s in a <div> as lines (TRS editors), and joins Word's wrapped source lines", () => {
    const html = page(`<div class="TRS_Editor">一、基本情况<br/>${para}<br>全年中职毕业生2105人，\n其中升学1260人。</div>`);
    expect(linesOf(html).slice(1)).toEqual(["一、基本情况", para, "全年中职毕业生2105人，其中升学1260人。"]);
  });

  it("keeps the article's sibling that holds a fair share of its text (a table in a block of its own)", () => {
    const table = "<table><tr><td>指标</td><td>2023年</td></tr><tr><td>全日制在校生数（人）</td><td>6852</td></tr><tr><td>专任教师数（人）</td><td>350</td></tr></table>";
    const html = page(`<div class="art"><div class="text"><p>${para}</p><p>${para}</p></div><div class="tbl"><p>表1 主要指标</p>${table}</div><div class="tools"><a href="#">返回</a></div></div>`);
    expect(linesOf(html).slice(1)).toEqual([para, para, "表1 主要指标", "指标\t2023年", "全日制在校生数（人）\t6852", "专任教师数（人）\t350"]);
  });

  it("drops page furniture inside the article: tools, share bars, breadcrumbs, 上一篇/下一篇, the publication line", () => {
    const html = page(
      `<div class="article"><div class="position">当前位置：<a href="/">首页</a> &gt; 通知公告</div>` +
        `<div class="info">发布时间：2024-01-18　来源：某某县教育局　浏览次数：<span>356</span></div>` +
        `<div>【字体：<a>大</a> <a>中</a> <a>小</a>】【打印本页】【关闭窗口】</div>` +
        `<div class="text"><p>${para}</p><p>${para}</p></div>` +
        `<div class="share">分享到：<a>微信</a><a>微博</a></div><p>上一篇：<a href="/1">关于寒假安全工作的通知</a></p><p>下一篇：<a href="/2">关于春季开学工作的通知</a></p>` +
        `<div><a href="javascript:print()">打印</a> <a href="javascript:close()">关闭</a></div></div>` +
        `<script>document.write("<p>脚本里的文字不是报告的一部分。</p>")</script><style>p{color:red}</style>` +
        `<div style="display:none"><p>隐藏的段落也不是报告的一部分，不应出现在正文里。</p></div>`,
    );
    expect(linesOf(html).slice(1)).toEqual([para, para]);
  });

  it("reads headings as # lines and leaves the title's copy at the top of the article out", () => {
    const html = page(`<div class="art"><h1>某某县中等职业教育质量年度报告</h1><h2>一、基本情况</h2><p>${para}</p><h3>（一）办学规模</h3><p>${para}</p></div>`);
    expect(linesOf(html)).toEqual(["# 某某县中等职业教育质量年度报告", "## 一、基本情况", para, "### （一）办学规模", para]);
  });
});

describe("readHtml: tables", () => {
  it("expands rowspan and colspan the way the Word reader prints merged cells, and keeps the caption paragraph above", () => {
    const html = page(
      `<div><p>${para}</p><p>表1　办学规模</p><table border="1">` +
        "<tr><td>类别</td><td>学校</td><td>在校生数</td><td>专任教师数</td></tr>" +
        '<tr><td rowspan="2">公办</td><td>某某县职业中专</td><td>3120</td><td>168</td></tr>' +
        "<tr><td>某某县农业技术学校</td><td>1038</td><td>52</td></tr>" +
        '<tr><td colspan="2">合计</td><td>4158</td><td>220</td></tr>' +
        '<tr><td colspan="4">注：数据截至2023年8月31日</td></tr></table></div>',
    );
    expect(linesOf(html).slice(2)).toEqual([
      "表1　办学规模",
      "类别\t学校\t在校生数\t专任教师数",
      "公办\t某某县职业中专\t3120\t168",
      "\t某某县农业技术学校\t1038\t52",
      "合计\t\t4158\t220",
      "注：数据截至2023年8月31日\t",
    ]);
  });

  it("flattens a two-row header (`2023年 · 人数`) and prints a <caption> as the table's title line", () => {
    const html = page(
      `<div><p>${para}</p><table><caption>表2 毕业生去向</caption><thead>` +
        '<tr><th rowspan="2">去向</th><th colspan="2">2023年</th><th colspan="2">2024年</th></tr><tr><th>人数</th><th>占比</th><th>人数</th><th>占比</th></tr></thead>' +
        "<tbody><tr><td>升学</td><td>402</td><td>51.3%</td><td>468</td><td>57.6%</td></tr></tbody></table></div>",
    );
    expect(linesOf(html).slice(2)).toEqual(["表2 毕业生去向", "去向\t2023年 · 人数\t2023年 · 占比\t2024年 · 人数\t2024年 · 占比", "升学\t402\t51.3%\t468\t57.6%"]);
  });

  it("covers a cell spanning rows and columns from above, reads rowspan=0 to the end and puts <tfoot> last", () => {
    const html = page(
      `<div><p>${para}</p><table><tfoot><tr><td>合计</td><td>9</td><td>9</td></tr></tfoot>` +
        '<tr><td rowspan="0">甲</td><td colspan="2" rowspan="2">缺</td></tr><tr></tr><tr><td>3</td><td>6</td></tr></table></div>',
    );
    // 缺 covers two rows and two columns (the second row, all covered, prints nothing; the header names
    // a spanning cell in each of its columns); 甲 runs down to the end of its row group, not into <tfoot>.
    expect(linesOf(html).slice(2)).toEqual(["甲\t缺\t缺", "\t3\t6", "合计\t9\t9"]);
  });

  it("joins a Word-exported cell's paragraphs as wrapped text and never reads a layout table as rows", () => {
    const cell = (t: string) => `<td><p class=MsoNormal><span>${t}</span></p></td>`;
    const data = `<table class=MsoTableGrid>${`<tr>${cell("指标")}${cell("2022年")}</tr>`}<tr><td><p class=MsoNormal>专任教师</p><p class=MsoNormal>数</p></td>${cell("117")}</tr></table>`;
    const html = page(`<table width="980"><tr><td><a href="/">首页</a></td></tr><tr><td><div><p>${para}</p>${data}<p>${para}</p></div></td></tr></table>`);
    expect(linesOf(html).slice(1)).toEqual([para, "指标\t2022年", "专任教师数\t117", para]);
  });
});

describe("the page's title and publication block", () => {
  it("takes the site's and column's names off a <title>", () => {
    expect(stripSiteSuffix("青禾县2023年中等职业教育质量年度报告_通知公告_青禾县教育局")).toBe("青禾县2023年中等职业教育质量年度报告");
    expect(stripSiteSuffix("某某学校2024年度质量报告 - 某某县人民政府")).toBe("某某学校2024年度质量报告");
    expect(stripSiteSuffix("某某中心2022年质量年度报告--某某中心")).toBe("某某中心2022年质量年度报告");
    expect(stripSiteSuffix("某某市人民政府门户网站 | 某某市中等职业教育质量年度报告（2023-2024学年）")).toBe("某某市中等职业教育质量年度报告（2023-2024学年）");
    expect(stripSiteSuffix("关于某某工作的通知_某某县人民政府")).toBe("关于某某工作的通知");
    expect(stripSiteSuffix("某某市2023年中职教育质量报告")).toBe("某某市2023年中职教育质量报告");
  });

  it("prefers the article's heading that the <title> names over a site logo's <h1>", () => {
    const docTitle = "某某县2023年中等职业教育质量年度报告_通知公告_某某县教育局";
    expect(choosePageTitle({ metaTitle: null, candidates: ["某某县教育局", "通知公告", "某某县2023年中等职业教育质量年度报告"], docTitle })).toBe("某某县2023年中等职业教育质量年度报告");
    expect(choosePageTitle({ metaTitle: "某某学校质量年度报告（2024）", candidates: ["某某学校"], docTitle })).toBe("某某学校质量年度报告（2024）");
    expect(choosePageTitle({ metaTitle: null, candidates: [], docTitle })).toBe("某某县2023年中等职业教育质量年度报告");
    const html = page(`<h1 class="logo">某某县教育局</h1><div class="art"><h2 class="title">某某县2023年中等职业教育质量年度报告</h2><p>${para}</p></div>`, `<title>${docTitle}</title>`);
    expect(linesOf(html)[0]).toBe("# 某某县2023年中等职业教育质量年度报告");
  });

  it("reads the publication block in its forms: label and value cells, a line of spans, bracketed, spaced-out labels", () => {
    expect(readPublication(["索引号：", "114306/2024-00007", "发布机构：", "某某县教育局", "发布日期：", "2024年01月18日", "文　　号：", "某教发〔2024〕3号"])).toEqual({
      index: "114306/2024-00007",
      publisher: "某某县教育局",
      date: "2024-01-18",
      number: "某教发〔2024〕3号",
    });
    expect(readPublication(["发布时间：2024-12-20 16:05来源：某某第二职业中学作者：教务处浏览次数：1024"])).toEqual({ date: "2024-12-20", source: "某某第二职业中学" });
    expect(readPublication(["【发布时间：2022/12/28】【信息来源：某某职业教育中心】"])).toEqual({ date: "2022-12-28", source: "某某职业教育中心" });
    // A sentence of the report that names a source is not a publication line.
    expect(readPublication(["表中数据来源：某某县统计局"])).toEqual({});
  });

  it("keeps the block out of the text and falls back on <meta name=PubDate>, ContentSource", () => {
    const r = readHtml(fixture("qinghe-2023.html"), "qinghe-2023.html");
    expect(r.publication).toEqual({ index: "114306260058912345/2024-00007", publisher: "青禾县教育局", date: "2024-01-18", number: "青教发〔2024〕3号" });
    expect(r.text).not.toMatch(/索引号|发布机构|青教发/);
    const z = readHtml(fixture("zhewan-zhijiao-2022.htm"), "z.htm");
    expect(z.publication).toEqual({ date: "2022-12-28", source: "柘湾县职业教育中心" });
    const m = readHtml(utf8(page(`<div><p>${para}</p></div>`, '<meta name="PubDate" content="2023-06-01 08:00"><meta name="ContentSource" content="某某县教育局">')), "m.html");
    expect(m.publication).toEqual({ date: "2023-06-01", source: "某某县教育局" });
  });

  it("names the publisher from 发布机构 when the title does not (某某县教育局 → the county)", () => {
    const html = page(
      `<table><tr><td>发布机构：</td><td>青禾县教育局</td><td>发布日期：</td><td>2024-01-18</td></tr></table><div><h1>2023年度中等职业教育质量年度报告</h1><p>${para}</p><p>${para}</p></div>`,
      "<title>2023年度中等职业教育质量年度报告</title>",
    );
    const report = ingestReport("p.html", utf8(html));
    expect(report.meta).toMatchObject({ entity: "青禾县", kind: "district", reportYear: 2023, published: { publisher: "青禾县教育局", date: "2024-01-18" } });
  });
});

describe("readReport: web pages among the other formats", () => {
  it("reads .html, .htm and HTML bytes under another name as a web page; a text report stays text", () => {
    const bytes = utf8(page(`<p>${para}</p>`));
    for (const name of ["a.html", "a.HTM", "a.shtml", "saved.txt", "noext"]) expect(readReport(bytes, name).format, name).toBe("html");
    expect(readReport(utf8(`某某县中等职业教育质量年度报告\n<p>${para}</p>`), "a.txt").format).toBe("text");
  });

  it("passes the caller's Content-Type on", () => {
    const traditional = "全縣中職學校在校生6852人，比上年增加312人，專任教師350人，生師比19.6:1。";
    const bytes = iconv.encode(`<html><body><p>${traditional}</p></body></html>`, "big5");
    expect(readReport(bytes, "a.html", { contentType: "text/html; charset=big5" }).text).toBe(traditional);
  });

  it("names the file and the reason for a page that cannot be read", () => {
    expect(readFailure(new Uint8Array(0), "empty.html")).toMatch(/empty/);
    expect(readFailure(utf8("  \n\t"), "blank.htm")).toMatch(/empty/);
    expect(readFailure(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]), "image.html")).toMatch(/binary/);
    expect(readFailure(new Uint8Array(Array.from({ length: 400 }, (_, k) => (k * 37) % 256)), "garbage.html")).toMatch(/binary/);
    expect(readFailure(new Uint8Array([...utf8("<html><body><p>"), ...Array(200).fill(0xff), ...utf8("</p></body></html>")]), "undecodable.html")).toMatch(/neither UTF-8 nor GBK/);
    expect(readFailure(utf8(`${para}\n${para}`), "plain.html")).toMatch(/no HTML markup/);
    expect(readFailure(utf8(page('<ul><li><a href="/1">首页</a></li><li><a href="/2">通知公告栏目下的全部文章列表</a></li></ul><script>var x = "没有正文";</script>')), "links.html")).toMatch(
      /no report text/,
    );
    expect(readFailure(utf8('<html><frameset><frame src="main.html"></frameset></html>'), "frames.html")).toMatch(/no (body|report text)/);
  });
});

describe("the fixture pages as rebuilt text", () => {
  it("prints the GBK page's title first, its headings, paragraphs and both tables, and nothing of the page around them", () => {
    const lines = linesOf(fixture("qinghe-2023.html"), "qinghe-2023.html");
    expect(lines[0]).toBe("# 青禾县2023年中等职业教育质量年度报告");
    expect(lines).toContain("### （一）办学规模");
    expect(lines).toContain("表1　青禾县中等职业学校办学规模");
    expect(lines).toContain("\t青禾县第二职业高级中学\t1980\t102");
    expect(lines).toContain("合计\t\t6852\t350");
    expect(lines.slice(-2)).toEqual(["青禾县教育局", "2024年1月18日"]);
    expect(lines.join("\n")).not.toMatch(/热点新闻|当前位置|分享到|上一篇|下一篇|打印|网站标识码|欢迎您/);
  });

  it("reads the old table-laid school page's Word table, a wrapped cell joined", () => {
    const lines = linesOf(fixture("zhewan-zhijiao-2022.htm"), "z.htm");
    expect(lines[0]).toBe("# 柘湾县职业教育中心2022年质量年度报告");
    expect(lines).toContain("3\t专任教师数\t人\t109\t117");
    expect(lines.join("\n")).not.toMatch(/最新公告|打印|Copyright|浏览次数/);
  });
});
