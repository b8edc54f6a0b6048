/**
 * createTransport(): the one outbound stack, against real 127.0.0.1 servers. The policies
 * here are tiny stand-ins for a client's (retry what the test says); the Okta and Genea
 * suites cover the real ones.
 */
import { afterEach, describe, expect, it } from "vitest";
import { fail, ok } from "../../../shared/result.ts";
import {
  type Attempt,
  type AttemptPolicy,
  createTransport,
  inFlightCap,
  type OutboundRequest,
  type Throttle,
  type TransportOptions,
  type Verdict,
} from "../../../edge/outbound/index.ts";
import { type HostileUpstream, hostileUpstream } from "../../support/hostile-upstream.ts";
import { listen, type RunningServer } from "../../support/http-server.ts";

const MiB = 1024 * 1024;
const NOW = Date.parse("2026-03-02T09:00:00.000Z");
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

async function serve(handler: (req: Request) => Response | Promise<Response>): Promise<RunningServer> {
  const s = await listen(handler);
  closers.push(() => s.close());
  return s;
}

async function hostile(mode: HostileUpstream["mode"]): Promise<HostileUpstream> {
  const u = await hostileUpstream({ mode, dripMs: 20 });
  closers.push(() => u.close());
  return u;
}

/** A transport on a fake clock: sleeps are recorded, never waited. */
function transportFor(baseUrl: string, extra: Partial<TransportOptions> = {}) {
  const sleeps: number[] = [];
  const transport = createTransport({
    baseUrl,
    name: "Upstream",
    fetch: globalThis.fetch,
    now: () => NOW,
    sleep: async (ms) => void sleeps.push(ms),
    random: () => 0.5,
    throttle: inFlightCap(4),
    retry: { maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 1_000 },
    timeoutMs: 10_000,
    ...extra,
  });
  return { transport, sleeps };
}

/** Retries 5xx, 429 and network failures; everything else is final. */
const retryFailures: AttemptPolicy<never> = {
  judge: (a) => (a.kind === "network" || a.answer.status === 429 || a.answer.status >= 500 ? "retry" : "final"),
};

const get = (url: string): OutboundRequest => ({ method: "GET", url });

/** A server answering `statuses` in turn (then 200 "done"), counting what it was sent. */
async function sequence(statuses: number[], headers: Record<string, string> = {}) {
  const seen: Request[] = [];
  const s = await serve((req) => {
    seen.push(req);
    const status = statuses[seen.length - 1] ?? 200;
    return new Response(status === 200 ? "done" : "busy", { status, headers });
  });
  return { url: s.url, seen };
}

function network(a: Attempt): Extract<Attempt, { kind: "network" }> {
  if (a.kind !== "network") throw new Error(`expected a network failure, got HTTP ${a.answer.status}`);
  return a;
}

describe("createTransport()", () => {
  it("returns the answer with its whole body, headers and the attempts it took", async () => {
    const s = await serve(() => Response.json({ hello: "world" }, { headers: { "x-extra": "1" } }));
    const { transport } = transportFor(s.url);
    const r = await transport.send({ method: "GET", url: `${s.url}/a?b=c` }, retryFailures);
    if (!r.ok || r.value.attempt.kind !== "answer") throw new Error("expected an answer");
    expect(r.value.attempts).toBe(1);
    expect(r.value.attempt.answer).toMatchObject({ status: 200, text: '{"hello":"world"}', url: `${s.url}/a?b=c` });
    expect(r.value.attempt.answer.headers.get("x-extra")).toBe("1");
    expect(transport.host).toBe(new URL(s.url).host);
    expect(transport.origin).toBe(s.url);
  });

  it("sends the method, body and request headers it is given", async () => {
    let got: { method: string; body: string; type: string | null } | null = null;
    const s = await serve(async (req) => {
      got = { method: req.method, body: await req.text(), type: req.headers.get("content-type") };
      return new Response("ok");
    });
    const { transport } = transportFor(s.url);
    await transport.send({ method: "POST", url: `${s.url}/x`, headers: { "Content-Type": "text/plain" }, body: "payload" }, retryFailures);
    expect(got).toEqual({ method: "POST", body: "payload", type: "text/plain" });
  });

  it("retries what the policy calls transient until maxAttempts, with capped exponential backoff and jitter", async () => {
    const { url, seen } = await sequence([503, 503, 503, 503, 503]);
    const { transport, sleeps } = transportFor(url);
    const r = await transport.send(get(`${url}/x`), retryFailures);
    expect(r.ok && r.value.attempts).toBe(4);
    expect(r.ok && r.value.attempt.kind === "answer" && r.value.attempt.answer.status).toBe(503);
    expect(seen).toHaveLength(4);
    // random() = 0.5 → three quarters of min(1 000, 100 · 2^(n−1))
    expect(sleeps).toEqual([75, 150, 300]);
    expect(transport.requestCount()).toBe(4);
  });

  it("stops at the first attempt the policy calls final", async () => {
    const { url, seen } = await sequence([503, 404]);
    const { transport, sleeps } = transportFor(url);
    const r = await transport.send(get(`${url}/x`), retryFailures);
    expect(r.ok && r.value.attempts).toBe(2);
    expect(r.ok && r.value.attempt.kind === "answer" && r.value.attempt.answer.status).toBe(404);
    expect(seen).toHaveLength(2);
    expect(sleeps).toEqual([75]);
  });

  it.each([
    ["seconds", "2", 2_000],
    ["an HTTP date, read on the injected clock", new Date(NOW + 5_000).toUTCString(), 5_000],
    ["more than the cap", "3600", 30_000],
  ])("waits as long as Retry-After says in %s when the client honours it", async (_, header, ms) => {
    const { url } = await sequence([429], { "retry-after": header });
    const { transport, sleeps } = transportFor(url, { retryAfterCapMs: 30_000 });
    expect((await transport.send(get(`${url}/x`), retryFailures)).ok).toBe(true);
    expect(sleeps).toEqual([ms]);
  });

  it("ignores Retry-After when the client does not honour it, and when it is unreadable", async () => {
    const plain = await sequence([429], { "retry-after": "2" });
    const a = transportFor(plain.url);
    await a.transport.send(get(`${plain.url}/x`), retryFailures);
    expect(a.sleeps).toEqual([75]);
    const garbled = await sequence([429], { "retry-after": "soon" });
    const b = transportFor(garbled.url, { retryAfterCapMs: 30_000 });
    await b.transport.send(get(`${garbled.url}/x`), retryFailures);
    expect(b.sleeps).toEqual([75]);
  });

  it("waits what the policy asks before a retry, over Retry-After and backoff", async () => {
    const { url } = await sequence([429, 500], { "retry-after": "2" });
    const { transport, sleeps } = transportFor(url, { retryAfterCapMs: 30_000 });
    const asked: number[] = [];
    const r = await transport.send(get(`${url}/x`), {
      ...retryFailures,
      beforeRetry: (a, n) => {
        asked.push(n);
        return a.kind === "answer" && a.answer.status === 429 ? 12_345 : undefined;
      },
    });
    expect(r.ok && r.value.attempts).toBe(3);
    expect(asked).toEqual([1, 2]);
    expect(sleeps).toEqual([12_345, 2_000]); // the 500 fell back to Retry-After
  });

  it("renews at once and outside the attempt budget", async () => {
    const { url, seen } = await sequence([401, 200]);
    const { transport, sleeps } = transportFor(url, { retry: { maxAttempts: 1, baseDelayMs: 100, maxDelayMs: 1_000 } });
    let renewals = 0;
    const r = await transport.send(get(`${url}/x`), {
      judge: (a): Verdict => (a.kind === "answer" && a.answer.status === 401 && renewals++ === 0 ? "renew" : "final"),
    });
    expect(r.ok && r.value.attempts).toBe(2);
    expect(r.ok && r.value.attempt.kind === "answer" && r.value.attempt.answer.status).toBe(200);
    expect(seen).toHaveLength(2);
    expect(sleeps).toEqual([]);
  });

  it("sends each attempt with the headers the policy gives for it, and tells the judge what was sent", async () => {
    const { url, seen } = await sequence([500, 500]);
    const { transport } = transportFor(url);
    const judged: Record<string, string>[] = [];
    await transport.send({ method: "GET", url: `${url}/x`, headers: { Accept: "application/json" } }, {
      headers: async (n) => ok({ "X-Attempt": String(n) }),
      judge: (a, _n, sent) => {
        judged.push(sent);
        return retryFailures.judge(a, _n, sent);
      },
    });
    expect(seen.map((r) => r.headers.get("x-attempt"))).toEqual(["1", "2", "3"]);
    expect(seen.map((r) => r.headers.get("accept"))).toEqual(["application/json", "application/json", "application/json"]);
    expect(judged.map((h) => h["X-Attempt"])).toEqual(["1", "2", "3"]);
  });

  it("ends the request without sending when the policy cannot give headers", async () => {
    const { url, seen } = await sequence([]);
    const { transport } = transportFor(url);
    const refused: AttemptPolicy<"no-token"> = {
      headers: async () => fail("no-token", "the token endpoint refused"),
      judge: () => "final",
    };
    const r = await transport.send(get(`${url}/x`), refused);
    expect(r).toEqual({ ok: false, error: { code: "no-token", message: "the token endpoint refused" } });
    expect(seen).toHaveLength(0);
    expect(transport.requestCount()).toBe(0);
  });

  it("keeps at most the in-flight cap of attempts open", async () => {
    let open = 0;
    let peak = 0;
    const s = await serve(async () => {
      peak = Math.max(peak, ++open);
      await new Promise((r) => setTimeout(r, 10));
      open--;
      return new Response("ok");
    });
    const { transport } = transportFor(s.url, { throttle: inFlightCap(2) });
    await Promise.all(Array.from({ length: 8 }, (_, i) => transport.send(get(`${s.url}/${i}`), retryFailures)));
    expect(peak).toBe(2);
    expect(transport.requestCount()).toBe(8);
  });

  it("passes every attempt through the throttle, answered or not, headers first", async () => {
    const { url } = await sequence([503]);
    const log: string[] = [];
    const throttle: Throttle = {
      acquire: async (r) => void log.push(`acquire ${new URL(r.url).pathname}`),
      release: (_r, a) => void log.push(`release ${a.kind === "answer" ? a.answer.status : "network"}`),
    };
    const { transport } = transportFor(url, { throttle });
    await transport.send(get(`${url}/x`), { ...retryFailures, headers: async (n) => (log.push(`headers ${n}`), ok({})) });
    expect(log).toEqual(["headers 1", "acquire /x", "release 503", "headers 2", "acquire /x", "release 200"]);
  });

  it("never follows a redirect: the 3xx is the answer", async () => {
    let elsewhere = 0;
    const other = await serve(() => (elsewhere++, new Response("secret")));
    const s = await serve(() => new Response(null, { status: 302, headers: { location: `${other.url}/login` } }));
    const { transport } = transportFor(s.url);
    const r = await transport.send(get(`${s.url}/x`), retryFailures);
    expect(r.ok && r.value.attempt.kind === "answer" && r.value.attempt.answer.status).toBe(302);
    expect(elsewhere).toBe(0);
  });

  it("refuses a URL on another origin without sending it", async () => {
    let hits = 0;
    const other = await serve(() => (hits++, new Response("ok")));
    const s = await serve(() => new Response("ok"));
    const { transport } = transportFor(s.url, { retry: { maxAttempts: 1, baseDelayMs: 100, maxDelayMs: 1_000 } });
    const r = await transport.send(get(`${other.url}/x`), retryFailures);
    expect(String(r.ok && network(r.value.attempt).error)).toMatch(/which is not the configured/);
    expect(hits).toBe(0);
  });

  it("reports a connection that never answered as a network failure before any answer", async () => {
    const s = await listen(() => new Response("bye"));
    await s.close();
    const { transport, sleeps } = transportFor(s.url, { retry: { maxAttempts: 2, baseDelayMs: 100, maxDelayMs: 1_000 } });
    const r = await transport.send(get(`${s.url}/x`), retryFailures);
    if (!r.ok) throw new Error(r.error.message);
    expect(network(r.value.attempt)).toMatchObject({ timedOut: false, answered: false });
    expect(r.value.attempts).toBe(2);
    expect(sleeps).toEqual([75]);
  });

  it("times out an attempt whose body does not finish, after its status line arrived", async () => {
    const u = await hostile("drip");
    const { transport } = transportFor(u.url, { timeoutMs: 200, retry: { maxAttempts: 1, baseDelayMs: 100, maxDelayMs: 1_000 } });
    const r = await transport.send(get(`${u.url}/x`), retryFailures);
    if (!r.ok) throw new Error(r.error.message);
    expect(network(r.value.attempt)).toMatchObject({ timedOut: true, answered: true });
    await expect.poll(() => u.hungUp()).toBe(1);
  });

  it("caps each answer's size, and sends that upstream nothing more afterwards", async () => {
    const u = await hostile("endless");
    const { transport } = transportFor(u.url, { limits: { maxBytes: MiB, timeoutMs: 30_000 } });
    const r = await transport.send(get(`${u.url}/api/v1/users`), retryFailures);
    if (!r.ok) throw new Error(r.error.message);
    const last = network(r.value.attempt);
    const host = new URL(u.url).host;
    expect(String(last.error)).toContain(`Upstream (${host}) answered /api/v1/users with more than 1 MiB`);
    expect(String(last.error)).toContain("over the limit of 1 MiB per answer");
    expect(r.value.attempts).toBe(4); // the policy retried, but only the first attempt was sent
    expect(u.requests()).toBe(1);
    expect(u.sent()).toBeLessThan(MiB + 16 * MiB);
  });
});
