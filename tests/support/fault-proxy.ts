/**
 * A small HTTP proxy in front of the edge for fault tests: it logs every request and lets a
 * test drop the connection (before the answer, or half-way through its body), corrupt a
 * byte of the body, answer in the edge's place, hold the edge's answer back until a test
 * lets it go, or do something (change the world) before passing a request on.
 */
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";

export interface ProxiedRequest {
  /** 0-based, over all requests this proxy has seen */
  n: number;
  method: string;
  path: string;
  range: string | null;
  ifMatch: string | null;
  ifNoneMatch: string | null;
  /** the edge's status, or how the proxy ended the exchange */
  outcome?: number | "dropped" | "dropped-mid-body";
}

export type Fault =
  | { kind: "drop" }
  | { kind: "drop-mid-body" }
  | { kind: "corrupt" }
  /** the edge answers at once; its answer reaches the client when `until` resolves */
  | { kind: "hold"; until: Promise<void> }
  | { kind: "answer"; status: number; headers: Record<string, string>; body: Uint8Array };

export interface FaultProxy {
  url: string;
  log: ProxiedRequest[];
  /** asked for every request; null (or no function) passes it through unchanged */
  fault: ((req: ProxiedRequest) => Fault | null | Promise<Fault | null>) | null;
  close(): Promise<void>;
}

const HOP_BY_HOP = new Set(["connection", "keep-alive", "transfer-encoding", "content-encoding", "host", "content-length"]);

async function bodyOf(req: IncomingMessage): Promise<Uint8Array<ArrayBuffer> | undefined> {
  const parts: Buffer[] = [];
  for await (const part of req) parts.push(part as Buffer);
  return parts.length ? new Uint8Array(Buffer.concat(parts)) : undefined;
}

export async function startFaultProxy(target: string): Promise<FaultProxy> {
  const header = (req: IncomingMessage, name: string) => (req.headers[name] as string | undefined) ?? null;
  const proxy: FaultProxy = { url: "", log: [], fault: null, close: async () => {} };
  const server = createServer(async (req, res) => {
    const entry: ProxiedRequest = {
      n: proxy.log.length,
      method: req.method ?? "GET",
      path: req.url ?? "/",
      range: header(req, "range"),
      ifMatch: header(req, "if-match"),
      ifNoneMatch: header(req, "if-none-match"),
    };
    proxy.log.push(entry);
    const body = await bodyOf(req);
    const fault = (await proxy.fault?.(entry)) ?? null;
    if (fault?.kind === "drop") {
      entry.outcome = "dropped";
      req.socket.destroy();
      return;
    }
    if (fault?.kind === "answer") {
      entry.outcome = fault.status;
      res.writeHead(fault.status, { ...fault.headers, "content-length": String(fault.body.length) }).end(fault.body);
      return;
    }
    const headers = new Headers();
    for (const [k, v] of Object.entries(req.headers)) if (!HOP_BY_HOP.has(k) && typeof v === "string") headers.set(k, v);
    const upstream = await fetch(target + entry.path, { method: entry.method, headers, body, redirect: "manual" });
    const bytes = Buffer.from(await upstream.arrayBuffer());
    entry.outcome = upstream.status;
    if (fault?.kind === "hold") await fault.until;
    const out: Record<string, string | string[]> = {};
    upstream.headers.forEach((v, k) => void (HOP_BY_HOP.has(k) || k === "set-cookie" || (out[k] = v)));
    if (upstream.headers.getSetCookie().length) out["set-cookie"] = upstream.headers.getSetCookie();
    out["content-length"] = String(bytes.length);
    if (fault?.kind === "corrupt" && bytes.length) bytes[bytes.length >> 1] ^= 0xff;
    res.writeHead(upstream.status, out);
    if (fault?.kind === "drop-mid-body") {
      entry.outcome = "dropped-mid-body";
      res.write(bytes.subarray(0, bytes.length >> 1), () => res.destroy());
      return;
    }
    res.end(bytes);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  proxy.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  proxy.close = () => new Promise<void>((done) => (server.closeAllConnections(), server.close(() => done())));
  return proxy;
}
