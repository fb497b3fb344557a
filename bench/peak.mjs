// Preloaded (node --import) into a process bench/synth.js measures: at exit, writes the process's
// peak RSS in MB to the file $ZHIBAO_BENCH_PEAK. The process itself runs with Node's default settings.
import { writeFileSync } from "node:fs";

const out = process.env.ZHIBAO_BENCH_PEAK;
if (out) process.on("exit", () => writeFileSync(out, String(process.resourceUsage().maxRSS / 1024)));
