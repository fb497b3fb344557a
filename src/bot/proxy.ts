/**
 * Reaching the Bot API through a proxy (a must where api.telegram.org is blocked): an http.Agent
 * for grammY's fetch — https-proxy-agent for http(s) proxies (a CONNECT tunnel), socks-proxy-agent
 * for SOCKS4/5.
 */
import type { Agent } from "node:http";
import { HttpsProxyAgent } from "https-proxy-agent";
import { SocksProxyAgent } from "socks-proxy-agent";
import type { ProxyConfig } from "../config.js";

/**
 * The agent for a proxy URL.
 *
 * @example proxyAgent({ url: "socks5://127.0.0.1:1080", variable: "TELEGRAM_PROXY", host: "127.0.0.1:1080" })
 */
export function proxyAgent(proxy: ProxyConfig): Agent {
  return /^socks/.test(new URL(proxy.url).protocol) ? new SocksProxyAgent(proxy.url) : new HttpsProxyAgent(proxy.url);
}
