/**
 * A TCP proxy on 127.0.0.1 in front of a server (PostgreSQL in the fault tests) that a test can make
 * misbehave: `stall()` stops forwarding in both directions while every connection stays open (a
 * hung link: the client's bytes are accepted and go nowhere), `down()` drops every connection and
 * refuses new ones (a server restarting), `up()` / `resume()` undo them. It runs in a process of its
 * own, so a client that blocks its thread (libpq's synchronous calls) does not stop the proxy too.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { createInterface } from "node:readline";

export interface TcpProxy {
  port: number;
  stall(): Promise<void>;
  resume(): Promise<void>;
  down(): Promise<void>;
  up(): Promise<void>;
  stop(): Promise<void>;
}

/** The proxy process: commands on stdin (stall, resume, down, up), "ok" (or "port N" at start) on stdout. */
const SCRIPT = `
const net = require("node:net");
const target = Number(process.argv[1]);
const pairs = new Set();
let stalled = false, port = 0, server;
const forward = (from, to) => from.on("data", (d) => { if (!stalled) to.write(d); });
const listen = (done) => {
  server = net.createServer((client) => {
    const upstream = net.connect(target, "127.0.0.1");
    const pair = [client, upstream];
    pairs.add(pair);
    forward(client, upstream);
    forward(upstream, client);
    const close = () => { pairs.delete(pair); client.destroy(); upstream.destroy(); };
    client.on("error", close).on("close", close);
    upstream.on("error", close).on("close", close);
  });
  server.listen(port, "127.0.0.1", () => { port = server.address().port; done(); });
};
const down = (done) => {
  for (const [a, b] of pairs) { a.destroy(); b.destroy(); }
  pairs.clear();
  server.close(() => done());
};
listen(() => console.log("port " + port));
require("node:readline").createInterface({ input: process.stdin }).on("line", (cmd) => {
  const ok = () => console.log("ok");
  if (cmd === "stall") { stalled = true; ok(); }
  else if (cmd === "resume") { stalled = false; ok(); }
  else if (cmd === "down") down(ok);
  else if (cmd === "up") listen(ok);
});
process.stdin.on("end", () => process.exit(0));
`;

const running: ChildProcess[] = [];

/** Starts a proxy to 127.0.0.1:`targetPort`. */
export async function startTcpProxy(targetPort: number): Promise<TcpProxy> {
  const child = spawn(process.execPath, ["-e", SCRIPT, String(targetPort)], { stdio: ["pipe", "pipe", "inherit"] });
  running.push(child);
  const lines = createInterface({ input: child.stdout! });
  const waiting: ((line: string) => void)[] = [];
  lines.on("line", (l) => waiting.shift()?.(l));
  const next = () => new Promise<string>((r) => waiting.push(r));
  const port = Number((await next()).split(" ")[1]);
  const command = async (cmd: string): Promise<void> => {
    const answered = next();
    child.stdin!.write(`${cmd}\n`);
    await answered;
  };
  return {
    port,
    stall: () => command("stall"),
    resume: () => command("resume"),
    down: () => command("down"),
    up: () => command("up"),
    async stop() {
      child.stdin!.end();
      if (child.exitCode === null) await new Promise((r) => child.once("exit", r));
    },
  };
}

/** `url` with its host and port replaced by 127.0.0.1:`port`. */
export function viaPort(url: string, port: number): string {
  const u = new URL(url);
  u.hostname = "127.0.0.1";
  u.port = String(port);
  return u.toString();
}
