/**
 * Connections, directory and Genea proxy against the Okta and Genea sandboxes (served from
 * this test process on real sockets). The edge runs without demo mode; the sandboxes are
 * reachable only because the test allow-lists them with DOORSYNC_ALLOW_LOCAL_UPSTREAMS=1.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setTimeout as sleep } from "node:timers/promises";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import * as v from "valibot";
import { ROUTES } from "../../../shared/api/routes.ts";
import { ConnectionsInfoSchema, RefreshJobSchema } from "../../../shared/api/schemas.ts";
import { CatalogSchema, GeneaStateSchema } from "../../../shared/genea/model.ts";
import { decodeDirectory } from "../../../shared/directory/compact.ts";
import { type RunningSandboxes, startSandboxes } from "../../../edge/sandbox/index.ts";
import { listen, type RunningServer } from "../../support/http-server.ts";
import { type EdgeClient, type EdgeProcess, startEdge } from "../../support/edge-process.ts";
import { leaks } from "../../support/edge-rules.ts";

const USERS = 150;
const PASSWORD = "cobalt-winter-harbor-3";
let sandboxes: RunningSandboxes;
let redirector: RunningServer;
let edge: EdgeProcess;
let admin: EdgeClient;
let oktaHost: string;
/** logs of the first process when a spec restarts the edge */
let restartedLogs = "";

beforeAll(async () => {
  sandboxes = await startSandboxes({
    users: USERS,
    seed: 7,
    serve: (fetch, port) => listen(fetch).then((s) => ({ url: s.url, close: s.close, port })),
  });
  redirector = await listen(() => new Response(null, { status: 302, headers: { location: "http://169.254.169.254/latest/meta-data" } }));
  oktaHost = new URL(sandboxes.okta.url).host;
  edge = await startEdge({
    env: {
      DOORSYNC_DEMO: "0",
      DOORSYNC_ALLOW_LOCAL_UPSTREAMS: "1",
      DOORSYNC_OKTA_ALLOWED_HOSTS: `${oktaHost},${new URL(redirector.url).host}`,
      DOORSYNC_GENEA_BASE_URL: sandboxes.genea.url,
    },
  });
  admin = edge.client();
  await admin.call("POST", ROUTES.setup, { username: "admin", password: PASSWORD });
});
afterAll(async () => {
  await edge?.stop();
  await sandboxes?.close();
  await redirector?.close();
});

async function waitForJob(id: string) {
  for (let i = 0; i < 200; i++) {
    const res = await admin.call("GET", `${ROUTES.directoryRefresh}/${id}`);
    const job = v.parse(RefreshJobSchema, res.body);
    if (job.state !== "running") return job;
    await sleep(50);
  }
  throw new Error(`refresh job ${id} did not finish`);
}

describe("before anything is connected", () => {
  it("reports both connections as not connected", async () => {
    const res = await admin.call("GET", ROUTES.connections);
    const info = v.parse(ConnectionsInfoSchema, res.body);
    expect(info).toEqual({
      demo: false,
      okta: { connected: false, target: null, secretHint: null, lastCheckedAt: null, error: null },
      genea: { connected: false, target: null, secretHint: null, lastCheckedAt: null, error: null },
    });
  });

  it.each([
    ["GET", ROUTES.directory, 404],
    ["POST", ROUTES.directoryRefresh, 422],
    ["GET", ROUTES.catalog, 422],
    ["GET", ROUTES.geneaState, 422],
  ])("%s %s answers %i with a message saying what to do", async (method, path, status) => {
    const res = await admin.call(method, path);
    expect(res.status).toBe(status);
    expect(res.body.error.message.length).toBeGreaterThan(20);
  });
});

describe("Okta connection", () => {
  it("refuses a wrong API token with Okta's own explanation and saves nothing", async () => {
    const res = await admin.call("PUT", ROUTES.oktaConnection, {
      domain: `http://${oktaHost}`,
      auth: { kind: "ssws", token: "00WRONGtokenWRONGtoken0000000000000000000" },
    });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe("connection-failed");
    expect(res.body.error.message).toMatch(/Okta rejected/);
    expect((await admin.call("GET", ROUTES.connections)).body.okta.connected).toBe(false);
  });

  it("refuses an upstream that redirects elsewhere", async () => {
    const res = await admin.call("PUT", ROUTES.oktaConnection, {
      domain: redirector.url,
      auth: { kind: "ssws", token: sandboxes.okta.apiToken },
    });
    expect(res.status).toBe(422);
    expect(res.body.error.message).toMatch(/redirect/i);
  });

  it("refuses a local address that is not allow-listed even with local upstreams on", async () => {
    const port = Number(new URL(sandboxes.okta.url).port);
    for (const domain of [`http://127.0.0.1:${port + 1}`, "http://127.0.0.1", "http://localhost:" + port]) {
      const res = await admin.call("PUT", ROUTES.oktaConnection, { domain, auth: { kind: "ssws", token: sandboxes.okta.apiToken } });
      expect(res.status, domain).toBe(422);
      expect(res.body.error.code, domain).toBe("invalid-domain");
    }
  });

  it("saves a working API token and shows only its last four characters", async () => {
    const token = sandboxes.okta.apiToken;
    const res = await admin.call("PUT", ROUTES.oktaConnection, { domain: `http://${oktaHost}`, auth: { kind: "ssws", token } });
    expect(res.status).toBe(200);
    const info = v.parse(ConnectionsInfoSchema, res.body);
    expect(info.okta).toMatchObject({ connected: true, target: oktaHost, secretHint: token.slice(-4), error: null });
    expect(res.text).not.toContain(token);
  });

  it("saves an OAuth service app with its private key", async () => {
    const { clientId, kid, privateJwk } = sandboxes.okta.serviceApp;
    const res = await admin.call("PUT", ROUTES.oktaConnection, {
      domain: `http://${oktaHost}`,
      auth: { kind: "oauth", clientId, keyId: kid, privateKey: JSON.stringify(privateJwk) },
    });
    expect(res.status, res.text).toBe(200);
    expect(res.body.okta.connected).toBe(true);
  });
});

describe("Genea connection", () => {
  it("refuses a wrong API key with Genea's explanation", async () => {
    const res = await admin.call("PUT", ROUTES.geneaConnection, { apiKey: "wrong-key-0000000000000000" });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe("connection-failed");
    expect((await admin.call("GET", ROUTES.connections)).body.genea.connected).toBe(false);
  });

  it("saves a working API key", async () => {
    const res = await admin.call("PUT", ROUTES.geneaConnection, { apiKey: sandboxes.genea.apiKey });
    expect(res.status).toBe(200);
    expect(res.body.genea).toMatchObject({ connected: true, secretHint: sandboxes.genea.apiKey.slice(-4) });
  });

  it("proxies the catalog and the state, validated", async () => {
    const catalog = await admin.call("GET", ROUTES.catalog);
    expect(catalog.status).toBe(200);
    const parsed = v.parse(CatalogSchema, catalog.body);
    expect(parsed.customerUuid).toBe(sandboxes.genea.customerUuid);
    expect(parsed.locations.length).toBe(sandboxes.org.genea.locations.length);
    const state = await admin.call("GET", ROUTES.geneaState);
    expect(state.status).toBe(200);
    expect(v.parse(GeneaStateSchema, state.body).users.length).toBeGreaterThan(0);
  });
});

describe("directory", () => {
  let etag: string;

  it("refreshes from Okta with progress and stores the snapshot", async () => {
    const started = await admin.call("POST", ROUTES.directoryRefresh);
    expect([200, 202]).toContain(started.status);
    const job = await waitForJob(started.body.id);
    expect(job).toMatchObject({ state: "done", users: USERS, error: null });
    expect(job.requests).toBeGreaterThan(0);
    expect(job.groups).toBe(sandboxes.org.okta.groups.length);
  });

  it("runs one refresh at a time", async () => {
    // A slow Okta keeps the first job running while the second request arrives.
    await fetch(`${sandboxes.okta.url}/sandbox/faults`, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ latencyMs: 200 }),
    });
    try {
      const first = await admin.call("POST", ROUTES.directoryRefresh);
      const [a, b] = await Promise.all([admin.call("POST", ROUTES.directoryRefresh), admin.call("POST", ROUTES.directoryRefresh)]);
      expect(first.status).toBe(202);
      expect([a.status, b.status]).toEqual([200, 200]);
      expect([a.body.id, b.body.id]).toEqual([first.body.id, first.body.id]);
      expect((await waitForJob(first.body.id)).state).toBe("done");
    } finally {
      await fetch(`${sandboxes.okta.url}/sandbox/faults`, { method: "DELETE" });
    }
  });

  it("reports progress while a refresh runs", async () => {
    await fetch(`${sandboxes.okta.url}/sandbox/faults`, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ latencyMs: 400 }),
    });
    try {
      const started = await admin.call("POST", ROUTES.directoryRefresh);
      expect(started.body).toMatchObject({ state: "running", requests: 0, finishedAt: null });
      const seen: number[] = [];
      for (let job = started.body; job.state === "running"; job = (await admin.call("GET", `${ROUTES.directoryRefresh}/${job.id}`)).body) {
        seen.push(job.requests);
        await sleep(100);
      }
      expect(seen.some((n) => n > 0)).toBe(true); // counted before the end
      expect(seen).toEqual([...seen].sort((a, b) => a - b)); // and only ever up
    } finally {
      await fetch(`${sandboxes.okta.url}/sandbox/faults`, { method: "DELETE" });
    }
  });

  it("streams a refresh's progress as server-sent events until it ends", async () => {
    await fetch(`${sandboxes.okta.url}/sandbox/faults`, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ latencyMs: 300 }),
    });
    try {
      const started = await admin.call("POST", ROUTES.directoryRefresh);
      const res = await admin.request(`${ROUTES.directoryRefresh}/${started.body.id}/events`);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toMatch(/^text\/event-stream/);
      const events = res.text.split("\n\n").filter((e) => e.includes("event: progress"));
      const jobs = events.map((e) => v.parse(RefreshJobSchema, JSON.parse(/^data: (.*)$/m.exec(e)![1])));
      expect(jobs.length).toBeGreaterThan(1);
      expect(jobs.slice(0, -1).every((j) => j.state === "running")).toBe(true);
      expect(jobs.at(-1)).toMatchObject({ id: started.body.id, state: "done", users: USERS });
    } finally {
      await fetch(`${sandboxes.okta.url}/sandbox/faults`, { method: "DELETE" });
    }
  });

  it("answers 404 for the events of an unknown job", async () => {
    expect((await admin.call("GET", `${ROUTES.directoryRefresh}/no-such-job/events`)).status).toBe(404);
  });

  it("downloads the compact snapshot with a strong ETag", async () => {
    const res = await admin.request(ROUTES.directory);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/octet-stream");
    etag = res.headers.get("etag")!;
    expect(etag).toMatch(/^"[0-9a-f]{64}"$/);
    const raw = await fetch(edge.url + ROUTES.directory, {
      headers: { cookie: `doorsync_session=${admin.cookies.get("doorsync_session")}` },
    });
    const directory = decodeDirectory(new Uint8Array(await raw.arrayBuffer()));
    expect(directory.ok).toBe(true);
    if (directory.ok) expect(directory.value.users.length).toBe(USERS);
  });

  it("answers 304 to If-None-Match with the current ETag, 200 to a stale one", async () => {
    const same = await admin.request(ROUTES.directory, { headers: { "if-none-match": etag } });
    expect(same.status).toBe(304);
    expect(same.text).toBe("");
    const stale = await admin.request(ROUTES.directory, { headers: { "if-none-match": `"${"0".repeat(64)}"` } });
    expect(stale.status).toBe(200);
  });

  it("answers 404 for an unknown refresh job", async () => {
    expect((await admin.call("GET", `${ROUTES.directoryRefresh}/no-such-job`)).status).toBe(404);
  });
});

describe("storage", () => {
  it("keeps no credential in plaintext in the KV files", () => {
    const files = readdirSync(edge.dir).filter((f) => f.startsWith("doorsync.kv"));
    expect(files.length).toBeGreaterThan(0);
    const bytes = Buffer.concat(files.map((f) => readFileSync(join(edge.dir, f))));
    for (const secret of [sandboxes.okta.apiToken, sandboxes.genea.apiKey, String(sandboxes.okta.serviceApp.privateJwk.d)]) {
      expect(bytes.includes(Buffer.from(secret))).toBe(false);
    }
  });

  it("keeps connections and the snapshot across a restart, and stays out of demo mode", async () => {
    const before = await admin.request(ROUTES.directory);
    const bodies = edge.bodies;
    const logs = edge.logs();
    await edge.stop({ keepDir: true });
    edge = await startEdge({ dir: edge.dir, env: { ...edge.env, DOORSYNC_DEMO: "1" } });
    edge.bodies.push(...bodies);
    restartedLogs = logs;
    admin = edge.client();
    await admin.call("POST", ROUTES.signIn, { username: "admin", password: PASSWORD });
    const info = v.parse(ConnectionsInfoSchema, (await admin.call("GET", ROUTES.connections)).body);
    expect(info.demo).toBe(false);
    expect(info.okta.connected && info.genea.connected).toBe(true);
    const after = await admin.request(ROUTES.directory, { headers: { "if-none-match": before.headers.get("etag")! } });
    expect(after.status).toBe(304);
    // the sealed credentials still open: a live call through them works
    expect((await admin.call("GET", ROUTES.catalog)).status).toBe(200);
  });
});

describe("secrets", () => {
  it("never appear in a response body or log line", () => {
    const secrets = [
      PASSWORD,
      sandboxes.okta.apiToken,
      sandboxes.genea.apiKey,
      String(sandboxes.okta.serviceApp.privateJwk.d),
      edge.env.DOORSYNC_SECRET_KEY,
    ];
    expect(leaks([...edge.bodies, restartedLogs, edge.logs()], secrets)).toEqual([]);
  });
});
