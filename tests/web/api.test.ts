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
  app.get(ROUTES.directory, (c) =>
    c.req.header("If-None-Match") === '"v1"' ? c.body(null, 304) : c.body(new Uint8Array([1, 2, 3]).buffer as ArrayBuffer, 200, { ETag: '"v1"' }),
  );
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
    expect(await api().draft()).toMatchObject({ ok: false, error: { code: "unauthorised", message: "Sign in again: your session expired.", status: 401 } });
  });

  it("sends the session's CSRF token on state-changing requests and passes a 409's own code through", async () => {
    const a = api();
    await a.session();
    const r = await a.publish("note", 2, ruleSetOf({ [HQ]: [grantRule("a", [])] }));
    expect(edge.seen.publishCsrf).toBe("tok-1");
    expect(r).toMatchObject({ ok: false, error: { code: "version-conflict", message: "Version 3 was published by alice.", status: 409 } });
  });

  it("downloads the directory with its ETag and answers not-modified when it is current", async () => {
    const first = await api().directory(null);
    expect(first).toEqual({ ok: true, value: { bytes: new Uint8Array([1, 2, 3]), etag: '"v1"' } });
    expect(await api().directory('"v1"')).toMatchObject({ ok: false, error: { code: "not-modified" } });
  });

  it("says the server is unreachable rather than throwing", async () => {
    const r = await createApi({ fetch: globalThis.fetch, baseUrl: "http://127.0.0.1:9" }).catalog();
    expect(r).toMatchObject({ ok: false, error: { code: "offline" } });
    if (!r.ok) expect(r.error.message).toMatch(/Could not reach the doorsync server/);
  });
});
