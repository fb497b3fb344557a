// Time to read a PDF and a Word report (the fixtures in tests/fixtures/reports), as ingestion
// does: the first PDF of a process also starts the reading worker and loads pdfjs; later ones
// reuse it. Median of 5 warm reads; used by bench/run.js, or alone: `node bench/read-files.mjs`.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const fixtures = join(root, "tests", "fixtures", "reports");

/** Read times in ms: `{ pdfFirst, pdf, docx, pdfPages, docxBytes }`. */
export async function measureFileReads() {
  const { ingestReport } = await import(join(root, "dist/ingest/report.js"));
  const median = (xs) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const time = (file) => {
    const bytes = readFileSync(join(fixtures, file));
    const t = performance.now();
    const report = ingestReport(file, bytes);
    return { ms: performance.now() - t, report };
  };
  const first = time("mianyang-school-2023.pdf");
  const warm = (file) => median(Array.from({ length: 5 }, () => time(file).ms));
  return { pdfFirst: first.ms, pdf: warm("mianyang-school-2023.pdf"), docx: warm("deyang-school-2023.docx"), pdfFacts: first.report.facts.length };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const r = await measureFileReads();
  console.log(
    `read + ingest a 4-page PDF report: first in the process ${r.pdfFirst.toFixed(0)} ms (worker start + pdfjs load), then ${r.pdf.toFixed(0)} ms (median of 5); a Word report: ${r.docx.toFixed(1)} ms`,
  );
}
