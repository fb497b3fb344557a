import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import type { OffThread } from "../bot/context.js";
import { BotStoppingError } from "../bot/handBack.js";
import type { ChartData } from "../chart/chartData.js";
import type { Answer, AskContext, PassageHit } from "../types.js";

/** A question this long (characters) starts the workers. */
const LONG_QUESTION = 200;
/** This many requests start the workers. */
const TRAFFIC = 30;

/** A request to a worker of the pool (src/cli/answerWorker.ts). */
export type AnswerRequest =
  | { id: number; op: "ask"; question: string; context?: AskContext }
  | { id: number; op: "search"; query: string; opts?: { casesOnly?: boolean; limit?: number } }
  | { id: number; op: "chart"; chart: ChartData }
  | { id: number; op: "reload" };

type Reply = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: string };
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
type Job = { req: AnswerRequest; resolve: (v: unknown) => void; reject: (e: Error) => void; inline?: () => Promise<unknown> };

/** Workers that die before ever being ready, in a row: past this the pool stops starting them. */
const FAILED_STARTS = 3;

/** Options of {@link answerPool}. */
export interface AnswerPoolOptions {
  /** Worker threads (default: the cores, 1 to 4). */
  size?: number;
  /** Called when a worker fails (it is replaced). */
  onError?: (err: Error) => void;
  /**
   * Does the work on this thread until the first worker has loaded the index (a worker takes
   * 0.5 s to seconds to start on a busy machine; the first questions are not kept waiting).
   */
  inline?: OffThread;
  /** Called once, when the first worker is ready, with how long it took from the first request. */
  onReady?: (ms: number) => void;
}

/** The bot's answer pool: {@link OffThread} plus `reload` (after the index changed) and `close`. */
export interface AnswerPool extends OffThread {
  /** Makes every worker load the saved index again; resolves when all have. */
  reload(): Promise<void>;
  /** Ends the workers; pending requests are rejected. */
  close(): void;
  /**
   * On a stop signal: ends the workers still loading (they would only take CPU from the stop) and
   * starts no more; new work finds an idle worker or is refused with a BotStoppingError.
   */
  quiesce(): void;
}

/**
 * Worker threads that each load the saved index and answer questions, search and draw charts, so
 * the bot's update loop only sends and receives: one user's long questions or charts no longer
 * hold up everyone else's replies (a chat's own updates stay in order: src/bot/index.ts
 * sequentializes by chat). Requests wait in one first-in, first-out queue and go to the first idle
 * worker. A worker that dies is replaced and its request rejected. The first worker starts with the
 * first chart, long question or the 30th request, and more (up to `size`) when requests have to
 * wait; until one is ready, `inline` does the work here.
 *
 * @example const pool = answerPool(); const answer = await pool.ask("遂宁 2024 升学人数");
 */
export function answerPool(opts: AnswerPoolOptions = {}): AnswerPool {
  const size = opts.size ?? Math.max(1, Math.min(4, availableParallelism()));
  const script = new URL("./answerWorker.js", import.meta.url);
  const queue: Job[] = [];
  const idle: Worker[] = [];
  const busy = new Map<Worker, Job>();
  const workers = new Set<Worker>();
  // Reloads go to every worker directly (not through the queue), each answered by its id.
  const reloads = new Map<number, (m: Reply) => void>();
  let nextId = 1;
  const readySeen = new WeakSet<Worker>();
  let closed = false;
  let started = false;
  let quiescing = false;
  let everReady = false;
  let startedAt = 0;
  let requests = 0;
  // Workers that died before being ready, in a row; `broken` once there were FAILED_STARTS.
  let failedStarts = 0;
  let broken = false;
  /** Workers cannot start here (e.g. libpq's addon loads in one thread per process): all work is done inline from now on. */
  const giveUp = (): void => {
    broken = true;
    opts.onError?.(new Error(`answer workers died ${FAILED_STARTS} times before being ready; answering on the bot's thread from now on`));
    for (const job of queue.splice(0)) {
      if (job.inline) job.inline().then(job.resolve, job.reject);
      else job.reject(new Error("the answer workers cannot start"));
    }
  };

  const spawnWorker = (): void => {
    const w = new Worker(script);
    w.unref();
    workers.add(w);
    w.on("message", (m: Reply | { ready: true }) => {
      if ("ready" in m) {
        readySeen.add(w);
        if (!everReady) opts.onReady?.(Date.now() - startedAt);
        everReady = true;
        failedStarts = 0;
        idle.push(w);
        return pump();
      }
      const reloaded = reloads.get(m.id);
      if (reloaded) return reloaded(m);
      const job = busy.get(w);
      if (!job || job.req.id !== m.id) return;
      busy.delete(w);
      idle.push(w);
      if (m.ok) job.resolve(m.value);
      else job.reject(new Error(m.error));
      pump();
    });
    w.on("error", (err) => opts.onError?.(err));
    w.on("exit", () => {
      workers.delete(w);
      const job = busy.get(w);
      busy.delete(w);
      const k = idle.indexOf(w);
      if (k >= 0) idle.splice(k, 1);
      job?.reject(new Error("the answer worker stopped"));
      if (!readySeen.has(w) && ++failedStarts >= FAILED_STARTS && !broken) return giveUp();
      if (!closed && !quiescing && !broken) spawnWorker();
    });
  };
  const pump = (): void => {
    // Requests waiting and every worker busy: start another, up to `size` (one is enough for a quiet bot).
    if (queue.length > 0 && idle.length === 0 && workers.size < size && !quiescing && !closed && !broken && workers.size === busy.size) spawnWorker();
    while (idle.length > 0 && queue.length > 0) {
      const w = idle.shift()!;
      const job = queue.shift()!;
      busy.set(w, job);
      w.postMessage(job.req);
    }
  };
  /** Runs `inline`, first making sure a worker is starting for the waiting work. */
  const pumpAfter = <T>(inline: () => Promise<T>): Promise<T> => {
    if (workers.size < size && workers.size === busy.size && !quiescing && !closed && !broken) spawnWorker();
    return inline();
  };
  const run = <T>(req: DistributiveOmit<AnswerRequest, "id">, inline?: () => Promise<T>): Promise<T> => {
    if (closed) return Promise.reject(new Error("the answer pool is closed"));
    // Stopping: work not started yet is handed back to Telegram (the next start answers it), never
    // done on the bot's thread, where a chart would hold up the stop for most of a second.
    if (quiescing && idle.length === 0) return Promise.reject(new BotStoppingError(req.op));
    if (broken && inline) return inline();
    // The first worker starts with the first work worth moving off the thread: a chart, a long
    // question, or sustained traffic (a quiet bot costs no threads, and no CPU to load the index
    // again); more start when requests have to wait.
    requests++;
    const worthIt = req.op === "chart" || (req.op === "ask" && req.question.length > LONG_QUESTION) || requests >= TRAFFIC;
    if (!started && !quiescing && (worthIt || !inline)) {
      started = true;
      startedAt = Date.now();
      spawnWorker();
    }
    // Only light work (a short question or a search: tens of ms) is ever done on the bot's thread; a
    // chart (hundreds of ms) or a long question waits for a worker even before the first is ready:
    // drawn here, a burst of charts held every other chat, and a stop, for seconds.
    const light = req.op === "search" || (req.op === "ask" && req.question.length <= LONG_QUESTION);
    if (inline && light && idle.length === 0) {
      if (!everReady && busy.size === 0) return inline();
      // Every ready worker busy: answered here rather than queued behind someone's chart (another
      // worker starts, if there is room).
      return pumpAfter(inline);
    }
    return new Promise<T>((resolve, reject) => {
      queue.push({ req: { ...req, id: nextId++ } as AnswerRequest, resolve: resolve as (v: unknown) => void, reject, ...(inline ? { inline } : {}) });
      pump();
    });
  };
  const inline = opts.inline;

  return {
    ask: (question, context) => run<Answer>({ op: "ask", question, ...(context ? { context } : {}) }, inline && (() => inline.ask(question, context))),
    search: (query, o) => run<PassageHit[]>({ op: "search", query, ...(o ? { opts: o } : {}) }, inline && (() => inline.search(query, o))),
    drawChart: async (chart) => {
      const png = await run<Uint8Array>({ op: "chart", chart }, inline && (() => inline.drawChart(chart)));
      return Buffer.from(png.buffer, png.byteOffset, png.byteLength);
    },
    // Every worker loads the index again after the question it is on, before its next one.
    reload: async () => {
      await Promise.all(
        [...workers].map(
          (w) =>
            new Promise<void>((resolve, reject) => {
              const id = nextId++;
              reloads.set(id, (m) => {
                reloads.delete(id);
                if (m.ok) resolve();
                else reject(new Error(m.error));
              });
              w.postMessage({ id, op: "reload" } satisfies AnswerRequest);
            }),
        ),
      );
    },
    quiesce: () => {
      quiescing = true;
      for (const job of queue.splice(0)) job.reject(new BotStoppingError(job.req.op));
      for (const w of workers) if (!idle.includes(w) && !busy.has(w)) void w.terminate();
    },
    close: () => {
      closed = true;
      for (const job of queue.splice(0)) job.reject(new Error("the answer pool is closed"));
      for (const w of workers) void w.terminate();
    },
  };
}
