/**
 * fetch() from a chosen local address (127.0.0.2, 127.0.0.3… are all loopback on Linux), so
 * tests can be several clients to the edge's per-IP limits. Node's fetch cannot pick its
 * source address; node:http can.
 */
import { request } from "node:http";

export function fetchFrom(localAddress: string, url: string, init: RequestInit = {}): Promise<Response> {
  const u = new URL(url);
  const headers: Record<string, string> = {};
  new Headers(init.headers).forEach((value, name) => (headers[name] = value));
  const body = typeof init.body === "string" ? init.body : init.body == null ? undefined : String(init.body);
  if (body !== undefined) headers["content-length"] = String(Buffer.byteLength(body));
  return new Promise((resolve, reject) => {
    const req = request(
      { host: u.hostname, port: u.port, path: u.pathname + u.search, method: init.method ?? "GET", headers, localAddress, agent: false },
      (res) => {
        const parts: Buffer[] = [];
        res.on("data", (b: Buffer) => parts.push(b));
        res.on("error", reject);
        res.on("end", () => {
          const out = new Headers();
          for (const [name, value] of Object.entries(res.headers)) {
            for (const v of Array.isArray(value) ? value : value === undefined ? [] : [value]) out.append(name, v);
          }
          const status = res.statusCode ?? 0;
          const nullBody = status === 204 || status === 304;
          resolve(new Response(nullBody ? null : Buffer.concat(parts), { status, headers: out }));
        });
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}
