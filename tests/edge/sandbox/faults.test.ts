import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { Hono } from "hono";
import { afterEach, describe, expect, it } from "vitest";
import { childEnv } from "../../support/child-env.ts";
import { denoBin } from "../../support/edge-process.ts";
import { createFaults, type FaultOptions } from "../../../edge/sandbox/faults.ts";
import { listen, type RunningServer } from "../../support/http-server.ts";

function appWith(options: FaultOptions) {
  const faults = createFaults(options, (kind, c) => kind === "error" ? c.json({ kind }, 503) : c.json({ kind }, 429));
  const app = new Hono();
  app.use("*", faults.middleware);
  app.get("/things", (c) => c.json([]));
  app.get("/things/:id", (c) => c.json({ id: c.req.param("id") }));
  app.post("/things/:id/parts", (c) => c.json({}, 201));
  return { app, faults };
}

/** Status per request, "drop" when the body could not be read. */
async function statuses(app: Hono, n: number): Promise<(number | "drop")[]> {
  const out: (number | "drop")[] = [];
  for (let i = 0; i < n; i++) {
    const res = await app.request(`/things/${i}`);
    try {
      await res.text();
      out.push(res.status);
    } catch {
      out.push("drop");
    }
  }
  return out;
}

describe("createFaults()", () => {
  it("passes every request through when no rates are set", async () => {
    const { app } = appWith({});
    expect(new Set(await statuses(app, 50))).toEqual(new Set([200]));
  });

  it.each(
    [
      { rates: { errorRate: 1 }, expected: 503 },
      { rates: { rateLimitRate: 1 }, expected: 429 },
      { rates: { dropRate: 1 }, expected: "drop" },
    ] as const,
  )("answers every request with $expected at rate 1 ($rates)", async ({ rates, expected }) => {
    const { app } = appWith(rates);
    expect(new Set(await statuses(app, 10))).toEqual(new Set([expected]));
  });

  it("uses the sandbox's responder for 5xx and 429 bodies", async () => {
    const { app } = appWith({ errorRate: 1 });
    expect(await (await app.request("/things")).json()).toEqual({ kind: "error" });
  });

  it("gives the same fault sequence for the same seed", async () => {
    const options = { seed: 42, errorRate: 0.2, rateLimitRate: 0.2, dropRate: 0.1 };
    const first = await statuses(appWith(options).app, 200);
    const second = await statuses(appWith(options).app, 200);
    expect(second).toEqual(first);
    expect(new Set(first)).toEqual(new Set([200, 503, 429, "drop"]));
  });

  it("gives a different sequence for another seed", async () => {
    const base = { errorRate: 0.3, rateLimitRate: 0.3 };
    const a = await statuses(appWith({ ...base, seed: 1 }).app, 100);
    const b = await statuses(appWith({ ...base, seed: 2 }).app, 100);
    expect(b).not.toEqual(a);
  });

  it("injects roughly the configured share of faults", async () => {
    const { app } = appWith({ seed: 7, errorRate: 0.25 });
    const errors = (await statuses(app, 1000)).filter((s) => s === 503).length;
    expect(errors).toBeGreaterThan(200);
    expect(errors).toBeLessThan(300);
  });

  it("restarts the sequence when set() is given the same seed again", async () => {
    const { app, faults } = appWith({ seed: 3, errorRate: 0.5 });
    const first = await statuses(app, 40);
    faults.set({ seed: 3, errorRate: 0.5 });
    expect(await statuses(app, 40)).toEqual(first);
  });

  it("stops injecting after reset()", async () => {
    const { app, faults } = appWith({ errorRate: 1 });
    faults.reset();
    expect(new Set(await statuses(app, 10))).toEqual(new Set([200]));
  });

  it.each([
    { latencyMs: 30, check: (ms: number) => ms === 30 },
    { latencyMs: [10, 20] as [number, number], check: (ms: number) => ms >= 10 && ms <= 20 },
  ])("waits $latencyMs ms before answering", async ({ latencyMs, check }) => {
    const waits: number[] = [];
    const faults = createFaults({ latencyMs }, undefined, async (ms) => {
      waits.push(ms);
    });
    const app = new Hono().use("*", faults.middleware).get("/", (c) => c.text("ok"));
    for (let i = 0; i < 20; i++) await app.request("/");
    expect(waits).toHaveLength(20);
    expect(waits.every(check)).toBe(true);
  });
});

describe("fault counters", () => {
  it("counts requests per method and route pattern, faulted ones included", async () => {
    const { app, faults } = appWith({ seed: 5, errorRate: 0.5 });
    await statuses(app, 3);
    await app.request("/things");
    await app.request("/things/a/parts", { method: "POST" });
    await app.request("/nowhere");
    expect(faults.counters.get()).toEqual({
      "GET /things/:id": 3,
      "GET /things": 1,
      "POST /things/:id/parts": 1,
      "GET (unmatched)": 1,
    });
  });

  it("starts from zero after counters.reset()", async () => {
    const { app, faults } = appWith({});
    await app.request("/things");
    faults.counters.reset();
    await app.request("/things/1");
    expect(faults.counters.get()).toEqual({ "GET /things/:id": 1 });
  });
});

describe("dropped connections over a real socket", () => {
  let server: RunningServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it("makes a Node client's fetch fail (@hono/node-server)", async () => {
    const { app } = appWith({ dropRate: 1 });
    server = await listen(app.fetch);
    const read = async () => (await fetch(`${server!.url}/things`)).text();
    await expect(read()).rejects.toThrow();
  });

  it("still serves the next request on a fresh connection", async () => {
    const { app, faults } = appWith({ dropRate: 1 });
    server = await listen(app.fetch);
    await expect((await fetch(`${server.url}/things`)).text().catch(() => "dropped")).resolves.toBe("dropped");
    faults.reset();
    expect((await fetch(`${server.url}/things`)).status).toBe(200);
  });

  it("makes a Deno client's fetch fail (Deno.serve)", async () => {
    const run = promisify(execFile);
    const { stdout } = await run(denoBin, ["run", "-A", "tests/edge/sandbox/faults-drop.deno.ts"], {
      cwd: process.cwd(),
      env: childEnv(),
    });
    expect(JSON.parse(stdout.trim())).toEqual({ outcome: "failed", counters: { "GET /x": 1 } });
  }, 60_000);
});
