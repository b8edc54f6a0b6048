/**
 * Run by api.test.ts under Deno: the web client (web/state/api.ts) against the real edge
 * (createApp on an in-memory KV, no upstream ever called), its `fetch` handing each request
 * to the app as a browser would send it: same origin, with the cookies the edge set. A few
 * scenarios put a misbehaving proxy between the two. One JSON line per scenario.
 */
import { createApp } from "../../edge/app.ts";
import { readConfig } from "../../edge/config.ts";
import { createSecretBox, generateSecretKey } from "../../edge/store/secrets.ts";
import { silentLog } from "../../edge/log.ts";
import { ROUTES } from "../../shared/api/routes.ts";
import { createApi } from "../../web/state/api.ts";
import { createCookieJar } from "../support/cookie-jar.ts";
import { aDirectory, aUser } from "../support/directory.ts";
import { grantRule, HQ, ruleSetOf } from "../support/web-factories.ts";

const report = (name: string, value: unknown) => console.log(JSON.stringify({ name, value }));
/** Bytes as a plain array, so they survive the JSON line. */
const plain = (value: unknown): unknown => JSON.parse(JSON.stringify(value, (_, x) => (x instanceof Uint8Array ? Array.from(x) : x)));

const config = readConfig({ DOORSYNC_DEMO: "0" });
if (!config.ok) throw new Error(config.error.message);
const kv = await Deno.openKv(":memory:");
const unreachable = () => {
  throw new Error("the web client's test never reaches an upstream");
};
const { app, services } = createApp({
  kv,
  fetch: () => Promise.reject(new Error("no outbound requests in this test")),
  now: () => new Date(),
  config: config.value,
  box: await createSecretBox(generateSecretKey()),
  clients: { okta: unreachable, genea: unreachable },
  log: silentLog,
  instanceId: "api-test",
});

/** The browser's side: one origin, and a cookie jar the edge's Set-Cookie headers fill. */
function browser() {
  const jar = createCookieJar();
  const send: typeof fetch = async (input, init) => {
    const req = new Request(new URL(String(input), "http://doorsync.test"), init);
    const cookie = jar.header();
    if (cookie) req.headers.set("Cookie", cookie);
    const res = await app.request(req);
    jar.take(res);
    return res;
  };
  return send;
}

/** A proxy in front of the edge that answers every request with the health check. */
const healthProxy = (send: typeof fetch): typeof fetch => (_input, init) =>
  send(ROUTES.health, { ...init, method: "GET", body: undefined });
/** A proxy that asks the edge for the bytes one past the range it was asked for. */
const shiftingProxy = (send: typeof fetch): typeof fetch => (input, init) => {
  const headers = new Headers(init?.headers);
  const m = /^bytes=(\d+)-(\d+)$/.exec(headers.get("Range") ?? "");
  if (m) headers.set("Range", `bytes=${Number(m[1]) + 1}-${Number(m[2]) + 1}`);
  return send(input, { ...init, headers });
};

const send = browser();
const api = createApi({ fetch: send });
const admin = { username: "admin", password: "a long enough password" };

report("before sign-in: the draft", await api.draft());
report("setup", await api.setup(admin));
report("the draft", await api.draft());
report("the catalog, Genea not connected", await api.catalog());
report("a body that is not JSON", await createApi({ fetch: send, baseUrl: "/mounted-elsewhere" }).versions());
report("a body that fails its schema", await createApi({ fetch: healthProxy(send) }).geneaState());

const ruleSet = ruleSetOf({ [HQ]: [grantRule("a", [])] });
report("publish without the CSRF token", await createApi({ fetch: send }).publish("note", 2, ruleSet));
report("publish against a stale version", await api.publish("note", 2, ruleSet));
report("the first save of revision 0", await api.saveDraft(ruleSet, 0, 0));
report("a second save of revision 0", await api.saveDraft(ruleSet, 0, 0));

const meta = await services.snapshots.store(aDirectory([aUser(), aUser(), aUser()]));
const snapshot = await services.snapshots.current();
if (!snapshot) throw new Error("the snapshot was just stored");
const etag = `"${meta.etag}"`;
const size = snapshot.bytes.length;
report("the snapshot", { etag, size, head: Array.from(snapshot.bytes.subarray(0, 4)) });
const range = (start: number, end: number, ifMatch: string | null = null, ifNoneMatch: string | null = null) => ({
  start,
  end,
  ifMatch,
  ifNoneMatch,
});
report("range 0-3", plain(await api.directoryRange(range(0, 3))));
report("a range the edge ignores", plain(await api.directoryRange(range(5, 2))));
report("a current If-None-Match", await api.directoryRange(range(0, 3, null, etag)));
report("a stale If-Match", await api.directoryRange(range(0, 3, '"v0"')));
report("a range past the snapshot's end", await api.directoryRange(range(size + 10, size + 20)));
report("another range than asked", await createApi({ fetch: shiftingProxy(send) }).directoryRange(range(0, 3)));
report("an answer without an ETag", await createApi({ fetch: healthProxy(send) }).directoryRange(range(0, 3)));

report("an unreachable server", await createApi({ fetch: globalThis.fetch, baseUrl: "http://127.0.0.1:9" }).catalog());

kv.close();
