/**
 * The bot reaches the Bot API through a proxy: an HTTP CONNECT proxy and a SOCKS5 proxy, both
 * small servers on 127.0.0.1 written here, in front of the fake Bot API. The bot must start, answer
 * a question, and every connection must have gone through the proxy.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createServer as createHttpServer } from "node:http";
import { connect as netConnect, createServer, type Server, type Socket } from "node:net";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { runBot } from "../../src/bot/index.js";
import { loadConfig, type BotConfig } from "../../src/config.js";
import { createLogger } from "../../src/log.js";
import { startFakeApi, textUpdate, type FakeApi } from "./fakeApi.js";
import { createFakeEngine } from "./fakeEngine.js";
import { TOKEN } from "./harness.js";

/** Where a proxy was asked to connect to, in order. */
type Proxy = { url: string; targets: string[]; close: () => Promise<void> };

/** Closes a server and every connection it still holds. */
function closeAll(server: { close: (cb: () => void) => unknown }, sockets: Set<Socket>): Promise<void> {
  for (const s of sockets) s.destroy();
  return new Promise((r) => server.close(() => r()));
}

async function listen(server: Server): Promise<number> {
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return (server.address() as AddressInfo).port;
}

/** An HTTP proxy that only tunnels (CONNECT), like most corporate and local proxies. */
async function connectProxy(): Promise<Proxy> {
  const targets: string[] = [];
  const sockets = new Set<Socket>();
  const server = createHttpServer((_req, res) => res.writeHead(405).end());
  server.on("connect", (req, client: Socket, head: Buffer) => {
    targets.push(String(req.url));
    const [host, port] = String(req.url).split(":");
    const upstream = netConnect(Number(port), host!, () => {
      client.write("HTTP/1.1 200 Connection Established\r\n\r\n");
      upstream.write(head);
      upstream.pipe(client).pipe(upstream);
    });
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on("error", () => s.destroy());
      s.on("close", () => sockets.delete(s));
    }
  });
  const port = await listen(server as unknown as Server);
  return { url: `http://127.0.0.1:${port}`, targets, close: () => closeAll(server, sockets) };
}

/** A SOCKS5 proxy (no authentication, CONNECT to IPv4 or a domain name). */
async function socks5Proxy(): Promise<Proxy> {
  const targets: string[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    sockets.add(client);
    client.on("error", () => client.destroy());
    client.once("data", (hello: Buffer) => {
      if (hello[0] !== 5) return client.destroy();
      client.write(Buffer.from([5, 0]));
      client.once("data", (req: Buffer) => {
        let host: string;
        let at: number;
        if (req[3] === 1) [host, at] = [`${req[4]}.${req[5]}.${req[6]}.${req[7]}`, 8];
        else if (req[3] === 3) [host, at] = [req.subarray(5, 5 + req[4]!).toString(), 5 + req[4]!];
        else return client.destroy();
        const port = req.readUInt16BE(at);
        targets.push(`${host}:${port}`);
        const upstream = netConnect(port, host, () => {
          client.write(Buffer.from([5, 0, 0, 1, 127, 0, 0, 1, 0, 0]));
          upstream.pipe(client).pipe(upstream);
        });
        sockets.add(upstream);
        upstream.on("error", () => client.destroy());
      });
    });
  });
  const port = await listen(server);
  return { url: `socks5://127.0.0.1:${port}`, targets, close: () => closeAll(server, sockets) };
}

let cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanup.reverse()) await c().catch(() => {});
  cleanup = [];
});

describe.each([
  ["an HTTP CONNECT proxy", connectProxy],
  ["a SOCKS5 proxy", socks5Proxy],
])("through %s", (_name, makeProxy) => {
  it("starts, answers, and every connection goes through the proxy", async () => {
    const api: FakeApi = await startFakeApi();
    cleanup.push(() => api.stop());
    const proxy = await makeProxy();
    cleanup.push(() => proxy.close());
    // As a user configures it: TELEGRAM_PROXY in the environment.
    const config = loadConfig({
      TELEGRAM_BOT_TOKEN: TOKEN,
      TELEGRAM_API_ROOT: api.apiRoot,
      TELEGRAM_PROXY: proxy.url,
      RATE_LIMIT: "0",
      LOG_LEVEL: "silent",
      DATA_DIR: mkdtempSync(join(tmpdir(), "zhibao-proxy-")),
    }) as BotConfig;
    expect(config.proxy?.variable).toBe("TELEGRAM_PROXY");
    const stop = new AbortController();
    const running = runBot({ config, engine: createFakeEngine(), logger: createLogger({ level: "silent" }), signal: stop.signal });
    cleanup.push(async () => {
      stop.abort();
      await running;
    });
    api.push(textUpdate("Suining 2024 升学人数"));
    await api.waitFor((c) => c.method === "sendMessage" && /803/.test(String(c.body.text)));
    const apiPort = new URL(api.apiRoot).port;
    expect(proxy.targets.length).toBeGreaterThan(0);
    expect(proxy.targets.every((t) => t.endsWith(`:${apiPort}`))).toBe(true);
  }, 20_000);
});

describe("a proxy that is down", () => {
  it("the start gives up naming TELEGRAM_PROXY and the proxy's host, never its password", async () => {
    const api = await startFakeApi();
    cleanup.push(() => api.stop());
    const dead = await socks5Proxy();
    await dead.close();
    const url = dead.url.replace("socks5://", "socks5://user:hunter2pass@");
    const config = loadConfig({ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: api.apiRoot, TELEGRAM_PROXY: url, LOG_LEVEL: "silent" }) as BotConfig;
    const logs: string[] = [];
    const run = runBot({ config, engine: createFakeEngine(), logger: createLogger({ level: "info", write: (l) => void logs.push(l) }), connectTimeoutMs: 600 });
    await expect(run).rejects.toThrow(/^TELEGRAM_PROXY: cannot reach the Bot API at 127\.0\.0\.1:\d+ through the proxy 127\.0\.0\.1:\d+/);
    expect(logs.join("")).not.toContain("hunter2pass");
    expect(api.calls).toHaveLength(0);
  }, 20_000);
});
