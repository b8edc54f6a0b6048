import { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CSRF_HEADER, ROUTES } from "../../shared/api/routes.ts";
import { createApi } from "../../web/state/api.ts";
import { listen, type RunningServer } from "../support/http-server.ts";
import { grantRule, HQ, ruleSetOf, webCatalog } from "../support/web-factories.ts";

/** A stand-in for the edge's side of the contract, over a real socket. */
function fakeEdge() {
  const app = new Hono();
  const seen: Record<string, string | undefined> = {};
  app.get(ROUTES.session, (c) => c.json({ state: "signed-in", username: "admin", csrfToken: "tok-1", demo: true }));
  app.get(ROUTES.catalog, (c) => c.json(webCatalog()));
  app.get(ROUTES.geneaState, (c) => c.json({ fetchedAt: 42, users: [] }));
  app.get(ROUTES.versions, (c) => c.text("<html>not json</html>"));
  app.get(ROUTES.draft, (c) => c.json({ error: { code: "unauthorised", message: "Sign in again: your session expired." } }, 401));
  app.post(ROUTES.publish, (c) => {
    seen.publishCsrf = c.req.header(CSRF_HEADER);
    return c.json({ error: { code: "version-conflict", message: "Version 3 was published by alice." } }, 409);
  });
  // The snapshot's bytes 0–9 under "v1"; each range start below stands for one answer.
  app.get(ROUTES.directory, (c) => {
    const range = c.req.header("Range") ?? "";
    const bytes = (a: number, b: number) => Uint8Array.from({ length: b - a }, (_, i) => a + i).buffer as ArrayBuffer;
    const partial = (a: number, b: number, headers: Record<string, string> = {}) =>
      c.body(bytes(a, b), 206, { ETag: '"v1"', "Content-Range": `bytes ${a}-${b - 1}/10`, ...headers });
    if (c.req.header("If-None-Match") === '"v1"') return c.body(null, 304);
    if (c.req.header("If-Match") === '"v0"') {
      return c.json({ error: { code: "precondition-failed", message: "changed" } }, 412, { ETag: '"v1"' });
    }
    if (range === "bytes=0-3") return partial(0, 4);
    if (range === "bytes=4-7") return partial(5, 9); // another range than asked
    if (range === "bytes=8-11") return partial(8, 10, { "Content-Range": "bytes 8-11/10" }); // past the end
    if (range === "bytes=6-9") return c.body(bytes(6, 10), 206, { "Content-Range": "bytes 6-9/10" }); // no ETag
    return c.body(bytes(0, 10), 200, { ETag: '"v1"' }); // a range ignored
  });
  return { app, seen };
}

describe("createApi()", () => {
  let server: RunningServer;
  let edge: ReturnType<typeof fakeEdge>;
  beforeAll(async () => {
    edge = fakeEdge();
    server = await listen(edge.app.fetch);
  });
  afterAll(() => server.close());
  const api = () => createApi({ fetch: globalThis.fetch, baseUrl: server.url });

  it("validates responses with the shared schemas", async () => {
    expect(await api().catalog()).toEqual({ ok: true, value: webCatalog() });
  });

  it.each([
    ["a body that fails its schema", (a: ReturnType<typeof createApi>) => a.geneaState(), /fetchedAt/],
    ["a body that is not JSON", (a: ReturnType<typeof createApi>) => a.versions(), /not JSON while listing published versions/],
  ])("turns %s into a bad-response error", async (_, call, message) => {
    const r = await call(api());
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe("bad-response");
      expect(r.error.message).toMatch(message);
    }
  });

  it("passes the edge's own error sentence through", async () => {
    expect(await api().draft()).toMatchObject({
      ok: false,
      error: { code: "unauthorised", message: "Sign in again: your session expired.", status: 401 },
    });
  });

  it("sends the session's CSRF token on state-changing requests and passes a 409's own code through", async () => {
    const a = api();
    await a.session();
    const r = await a.publish("note", 2, ruleSetOf({ [HQ]: [grantRule("a", [])] }));
    expect(edge.seen.publishCsrf).toBe("tok-1");
    expect(r).toMatchObject({ ok: false, error: { code: "version-conflict", message: "Version 3 was published by alice.", status: 409 } });
  });

  it("downloads a range of the directory with its ETag and the snapshot's size", async () => {
    expect(await api().directoryRange({ start: 0, end: 3, ifMatch: null, ifNoneMatch: null })).toEqual({
      ok: true,
      value: { kind: "range", bytes: Uint8Array.from([0, 1, 2, 3]), etag: '"v1"', start: 0, size: 10 },
    });
  });

  it("takes the whole snapshot from an edge that ignored the range", async () => {
    expect(await api().directoryRange({ start: 2, end: 5, ifMatch: null, ifNoneMatch: null })).toMatchObject({
      ok: true,
      value: { kind: "whole", etag: '"v1"' },
    });
  });

  it.each([
    ["not-modified for a current If-None-Match", { start: 0, end: 3, ifMatch: null, ifNoneMatch: '"v1"' }, { code: "not-modified" }],
    ["changed, with the new ETag, for a stale If-Match", { start: 4, end: 7, ifMatch: '"v0"', ifNoneMatch: null }, {
      code: "changed",
      etag: '"v1"',
    }],
    ["bad-response for another range than asked", { start: 4, end: 7, ifMatch: null, ifNoneMatch: null }, { code: "bad-response" }],
    ["bad-response for a range past the snapshot's end", { start: 8, end: 11, ifMatch: null, ifNoneMatch: null }, { code: "bad-response" }],
    ["bad-response without an ETag", { start: 6, end: 9, ifMatch: null, ifNoneMatch: null }, { code: "bad-response" }],
  ])("answers %s", async (_, part, error) => {
    expect(await api().directoryRange(part)).toMatchObject({ ok: false, error });
  });

  it("says the server is unreachable rather than throwing", async () => {
    const r = await createApi({ fetch: globalThis.fetch, baseUrl: "http://127.0.0.1:9" }).catalog();
    expect(r).toMatchObject({ ok: false, error: { code: "offline" } });
    if (!r.ok) expect(r.error.message).toMatch(/Could not reach the doorsync server/);
  });
});
