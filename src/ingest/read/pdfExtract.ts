/**
 * What a PDF's pages hold for reading: each page's text items (string, position, size) and the
 * straight lines drawn on it (table rules), taken with pdfjs-dist.
 *
 * pdfjs only works asynchronously, and ingestion is synchronous (the index build, the CLI and the
 * tests call it so). It therefore runs in a worker thread while this thread waits on a shared flag
 * (Atomics.wait), with a time limit, so a pathological file cannot hang the build.
 */
import { createRequire } from "node:module";
import { dirname, join, sep } from "node:path";
import { pathToFileURL } from "node:url";
import { MessageChannel, type MessagePort, receiveMessageOnPort, Worker } from "node:worker_threads";
import { ReportParseError } from "../../errors.js";

/** One piece of text as the PDF places it; coordinates in PDF points, y upwards from the page bottom. */
export interface PdfItem {
  str: string;
  /** Left end and baseline. */
  x: number;
  y: number;
  /** Advance width. */
  w: number;
  /** Font size (the text matrix's vertical scale). */
  size: number;
}

/** A straight horizontal or vertical line drawn on the page (a table rule), x0 ≤ x1 and y0 ≤ y1. */
export interface PdfRule {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** One page's content. */
export interface PdfPage {
  width: number;
  height: number;
  items: PdfItem[];
  rules: PdfRule[];
}

/** How long one PDF may take to read before it is given up on. */
export const PDF_TIMEOUT_MS = 60_000;

// Runs in the worker (plain JavaScript, evaluated as a CommonJS script), one PDF per request
// { bytes, flag }: it posts { pages } or { error, name } on the reply port and then raises the
// request's flag, also when it fails in a way no try block sees, so the caller never waits for
// nothing. pdfjs is imported once, for every PDF the worker reads.
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const { reply, pdfjsUrl, cMapUrl, standardFontDataUrl } = workerData;
let current = null;
function finish(msg) {
  if (!current) return;
  const flag = current;
  current = null;
  reply.postMessage(msg);
  const a = new Int32Array(flag);
  Atomics.store(a, 0, 1);
  Atomics.notify(a, 0);
}
const failed = (e) => finish({ error: String((e && e.message) || e), name: (e && e.name) || "Error" });
process.on("uncaughtException", failed);
process.on("unhandledRejection", failed);
let pdfjs = null;

function mul(m, n) {
  return [m[0] * n[0] + m[2] * n[1], m[1] * n[0] + m[3] * n[1], m[0] * n[2] + m[2] * n[3], m[1] * n[2] + m[3] * n[3], m[0] * n[4] + m[2] * n[5] + m[4], m[1] * n[4] + m[3] * n[5] + m[5]];
}
function apply(m, x, y) {
  return [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];
}

// Horizontal and vertical lines from the page's painted paths: stroked lines and rectangle edges,
// and filled rectangles thin enough to be a rule. A big filled rectangle is a background, not a rule.
function rulesOf(ops, list, width, height) {
  const rules = [];
  let ctm = [1, 0, 0, 1, 0, 0];
  const stack = [];
  let pending = [];
  const line = (a, b) => {
    if (Math.abs(a[1] - b[1]) < 0.8 || Math.abs(a[0] - b[0]) < 0.8) {
      rules.push({ x0: Math.min(a[0], b[0]), y0: Math.min(a[1], b[1]), x1: Math.max(a[0], b[0]), y1: Math.max(a[1], b[1]) });
    }
  };
  for (let i = 0; i < list.fnArray.length; i++) {
    const fn = list.fnArray[i];
    const args = list.argsArray[i];
    if (fn === ops.save) stack.push(ctm);
    else if (fn === ops.restore) ctm = stack.pop() || [1, 0, 0, 1, 0, 0];
    else if (fn === ops.transform) ctm = mul(ctm, args);
    else if (fn === ops.constructPath) {
      const [pathOps, coords] = args;
      let k = 0;
      let cur = null;
      let start = null;
      for (const op of pathOps) {
        if (op === ops.moveTo) { cur = apply(ctm, coords[k], coords[k + 1]); start = cur; k += 2; }
        else if (op === ops.lineTo) { const p = apply(ctm, coords[k], coords[k + 1]); k += 2; if (cur) pending.push({ kind: "line", a: cur, b: p }); cur = p; }
        else if (op === ops.curveTo) { k += 6; cur = apply(ctm, coords[k - 2], coords[k - 1]); }
        else if (op === ops.curveTo2 || op === ops.curveTo3) { k += 4; cur = apply(ctm, coords[k - 2], coords[k - 1]); }
        else if (op === ops.closePath) { if (cur && start) pending.push({ kind: "line", a: cur, b: start }); cur = start; }
        else if (op === ops.rectangle) {
          const [x, y, w, h] = coords.slice(k, k + 4);
          k += 4;
          pending.push({ kind: "rect", pts: [apply(ctm, x, y), apply(ctm, x + w, y), apply(ctm, x + w, y + h), apply(ctm, x, y + h)] });
        }
      }
    } else if (fn === ops.endPath) pending = [];
    else if (fn >= ops.stroke && fn <= ops.closeEOFillStroke) {
      const stroked = fn === ops.stroke || fn === ops.closeStroke || fn >= ops.fillStroke;
      for (const p of pending) {
        if (p.kind === "line") { if (stroked) line(p.a, p.b); continue; }
        const xs = p.pts.map((q) => q[0]);
        const ys = p.pts.map((q) => q[1]);
        const x0 = Math.min(...xs), x1 = Math.max(...xs), y0 = Math.min(...ys), y1 = Math.max(...ys);
        if (x1 - x0 < 2.5 || y1 - y0 < 2.5) {
          if (x1 - x0 < 2.5) line([(x0 + x1) / 2, y0], [(x0 + x1) / 2, y1]);
          else line([x0, (y0 + y1) / 2], [x1, (y0 + y1) / 2]);
        } else if (stroked && (x1 - x0) * (y1 - y0) < width * height * 0.5) {
          line([x0, y0], [x1, y0]); line([x1, y0], [x1, y1]); line([x0, y1], [x1, y1]); line([x0, y0], [x0, y1]);
        }
      }
      pending = [];
    }
  }
  return rules;
}

async function read(bytes) {
  pdfjs = pdfjs || (await import(pdfjsUrl));
  // The CMaps map the character ids of CJK fonts that are not embedded (STSong-Light and the
  // like, common in Chinese PDFs) to Unicode; without them such text reads as nothing.
  const doc = await pdfjs.getDocument({ data: bytes, verbosity: 0, isEvalSupported: false, useSystemFonts: false, disableFontFace: true, cMapUrl, cMapPacked: true, standardFontDataUrl }).promise;
  try {
    const pages = [];
    for (let p = 1; p <= doc.numPages; p++) {
      const page = await doc.getPage(p);
      const [x0, y0, x1, y1] = page.view;
      const content = await page.getTextContent();
      const items = [];
      for (const it of content.items) {
        if (typeof it.str !== "string" || it.str === "") continue;
        const t = it.transform;
        // Rotated text is a watermark or a margin note, not the report's running text.
        if (Math.abs(t[1]) > Math.abs(t[0]) * 0.05 || Math.abs(t[2]) > Math.abs(t[3]) * 0.05) continue;
        items.push({ str: it.str, x: t[4] - x0, y: t[5] - y0, w: it.width, size: Math.hypot(t[2], t[3]) || it.height || 0 });
      }
      const list = await page.getOperatorList();
      const rules = rulesOf(pdfjs.OPS, list, x1 - x0, y1 - y0).map((r) => ({ x0: r.x0 - x0, y0: r.y0 - y0, x1: r.x1 - x0, y1: r.y1 - y0 }));
      pages.push({ width: x1 - x0, height: y1 - y0, items, rules });
      page.cleanup();
    }
    return pages;
  } finally {
    await doc.destroy();
  }
}

parentPort.on("message", ({ bytes, flag }) => {
  current = flag;
  read(bytes).then((pages) => finish({ pages }), failed);
});
`;

/** Where pdfjs-dist is installed: its legacy build's URL, and the folders of its CMaps and standard fonts (paths, as pdfjs reads them in Node). */
function pdfjsFiles(): { pdfjsUrl: string; cMapUrl: string; standardFontDataUrl: string } {
  const main = createRequire(import.meta.url).resolve("pdfjs-dist/legacy/build/pdf.mjs");
  const root = join(dirname(main), "..", "..");
  return { pdfjsUrl: pathToFileURL(main).href, cMapUrl: join(root, "cmaps") + sep, standardFontDataUrl: join(root, "standard_fonts") + sep };
}

/** The friendly reason for a pdfjs failure. */
function describeFailure(name: string, message: string): string {
  if (name === "PasswordException") return "the PDF is password-protected: save an unprotected copy and add that";
  if (name === "InvalidPDFException" || name === "FormatError") return `the PDF is damaged or not a PDF (${message})`;
  return `the PDF could not be read (${message})`;
}

/**
 * Reads every page of a PDF: text items and rules. Throws a ReportParseError for a damaged,
 * encrypted or unreadable file, or one that takes longer than `timeoutMs`.
 *
 * @example extractPdf(readFileSync("tests/fixtures/reports/deyang-school-2023.pdf"), "deyang-school-2023.pdf").length // 4
 */
export function extractPdf(bytes: Uint8Array, report: string, timeoutMs = PDF_TIMEOUT_MS): PdfPage[] {
  const reader = (pdfReader ??= startReader());
  const flag = new SharedArrayBuffer(4);
  const copy = new Uint8Array(bytes);
  reader.worker.postMessage({ bytes: copy, flag }, [copy.buffer]);
  const waited = Atomics.wait(new Int32Array(flag), 0, 0, timeoutMs);
  const msg = receiveMessageOnPort(reader.replies)?.message as { pages?: PdfPage[]; error?: string; name?: string } | undefined;
  if (waited === "timed-out" || !msg) {
    // The worker may still be busy with this file: a fresh one reads the next.
    stopReader();
    throw new ReportParseError(report, null, `reading the PDF took longer than ${Math.round(timeoutMs / 1000)} s; it was given up`);
  }
  if (msg.error !== undefined) throw new ReportParseError(report, null, describeFailure(msg.name ?? "", msg.error));
  return msg.pages ?? [];
}

/** The worker that reads PDFs, started on the first PDF and kept for the next ones (unref'd: it never keeps the process alive). */
let pdfReader: { worker: Worker; replies: MessagePort } | null = null;

function startReader(): { worker: Worker; replies: MessagePort } {
  const { port1, port2 } = new MessageChannel();
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { reply: port2, ...pdfjsFiles() },
    transferList: [port2],
    // The worker's code is a CommonJS script: flags such as --input-type=module must not reach it.
    execArgv: [],
  });
  worker.unref();
  port1.unref();
  worker.on("exit", () => {
    if (pdfReader?.worker === worker) pdfReader = null;
  });
  return { worker, replies: port1 };
}

function stopReader(): void {
  const r = pdfReader;
  pdfReader = null;
  if (!r) return;
  r.replies.close();
  void r.worker.terminate();
}
