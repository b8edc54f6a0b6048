/**
 * Run by tests/edge/sandbox/faults.test.ts under Deno: serves a dropping sandbox with
 * Deno.serve on a real socket and reports what a fetch client saw, as one JSON line.
 */
import { Hono } from "hono";
import { createFaults } from "../../../edge/sandbox/faults.ts";

/** Just the part of Deno's API used here (typed locally so Node's tsc can check this file too). */
declare const Deno: {
  serve(
    options: { port: number; hostname: string; onListen(): void },
    handler: (req: Request) => Response | Promise<Response>,
  ): { addr: { port: number }; shutdown(): Promise<void> };
};

const app = new Hono();
const faults = createFaults({ dropRate: 1 });
app.use("*", faults.middleware);
app.get("/x", (c) => c.json({ ok: true }));
const server = Deno.serve({ port: 0, hostname: "127.0.0.1", onListen() {} }, app.fetch);
let outcome = "body-read";
try {
  const res = await fetch(`http://127.0.0.1:${server.addr.port}/x`);
  await res.text();
} catch {
  outcome = "failed";
}
console.log(JSON.stringify({ outcome, counters: faults.counters.get() }));
await server.shutdown();
