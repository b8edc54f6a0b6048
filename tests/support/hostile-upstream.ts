/**
 * A fake upstream on a real 127.0.0.1 socket that answers honestly (through a handler, e.g.
 * a sandbox app) or with a hostile body: endless, declaring a huge Content-Length, or dripping
 * a byte at a time. It counts the body bytes it handed to the socket and notices when the
 * reader hangs up, so tests can assert how much the edge read (not its memory use).
 */
import { listen, type RunningServer } from "./http-server.ts";

export type UpstreamMode = "honest" | "endless" | "declared" | "drip";

export interface HostileUpstream extends RunningServer {
  mode: UpstreamMode;
  /** body bytes of hostile answers handed to the socket so far */
  sent(): number;
  /** hostile answers whose reader hung up before the end (there is no end) */
  hungUp(): number;
  /** requests received so far, honest ones included */
  requests(): number;
}

const CHUNK = new TextEncoder().encode(`${JSON.stringify({ id: "x".repeat(64), profile: { login: "a@example.com" } })},`.repeat(512));

export async function hostileUpstream(
  options: { mode: UpstreamMode; honest?: (req: Request) => Response | Promise<Response>; dripMs?: number },
): Promise<HostileUpstream> {
  let sent = 0;
  let hungUp = 0;
  let requests = 0;

  const body = (drip: boolean) => {
    let first = true;
    return new ReadableStream<Uint8Array>({
      async pull(controller) {
        if (drip) await new Promise((r) => setTimeout(r, options.dripMs ?? 100));
        const bytes = first ? new TextEncoder().encode("[") : drip ? CHUNK.subarray(0, 1) : CHUNK;
        first = false;
        sent += bytes.length;
        controller.enqueue(bytes);
      },
      cancel() {
        hungUp++;
      },
    }, { highWaterMark: 0 });
  };

  const handle = (req: Request): Response | Promise<Response> => {
    requests++;
    switch (upstream.mode) {
      case "honest":
        return options.honest ? options.honest(req) : Response.json([]);
      case "endless":
        return new Response(body(false), { headers: { "content-type": "application/json" } });
      case "declared":
        return new Response(body(false), { headers: { "content-type": "application/json", "content-length": String(300 * 1024 * 1024) } });
      case "drip":
        return new Response(body(true), { headers: { "content-type": "application/json" } });
    }
  };

  const server = await listen(handle);
  const upstream: HostileUpstream = {
    ...server,
    mode: options.mode,
    sent: () => sent,
    hungUp: () => hungUp,
    requests: () => requests,
  };
  return upstream;
}
