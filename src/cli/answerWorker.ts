/**
 * A worker thread of the bot's answer pool (src/cli/answerPool.ts): loads the saved index
 * (never rebuilds it) and answers `ask`, `search` and `chart` requests one at a time, so the
 * synchronous engine and chart drawing never block the bot's update loop. `reload` loads the
 * index again (after a /reload or an added report).
 */
import { parentPort } from "node:worker_threads";
import { createEngine } from "../answer/engine.js";
import type { AnswerRequest } from "./answerPool.js";

if (!parentPort) throw new Error("answerWorker.js runs as a worker thread of the bot");
const port = parentPort;
const quiet = (): void => {};
let engine = await createEngine({ rebuild: "never", log: quiet });

port.on("message", async (req: AnswerRequest) => {
  try {
    switch (req.op) {
      case "reload": {
        const previous = engine;
        engine = await createEngine({ rebuild: "never", log: quiet });
        previous.close?.();
        port.postMessage({ id: req.id, ok: true, value: null });
        return;
      }
      case "ask":
        port.postMessage({ id: req.id, ok: true, value: engine.ask(req.question, req.context) });
        return;
      case "search":
        port.postMessage({ id: req.id, ok: true, value: engine.search(req.query, req.opts) });
        return;
      case "chart": {
        const { renderChart } = await import("../chart/render.js");
        const { png } = await renderChart(req.chart);
        port.postMessage({ id: req.id, ok: true, value: png });
        return;
      }
    }
  } catch (err) {
    port.postMessage({ id: req.id, ok: false, error: err instanceof Error ? err.message : String(err) });
  }
});
port.postMessage({ ready: true });
