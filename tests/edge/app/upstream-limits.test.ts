/**
 * Hostile upstreams against the real edge over HTTP: an allow-listed "Okta" and a "Genea"
 * that answer with an endless body or a 300 MiB Content-Length. The edge stops reading at the
 * cap (16 MiB per answer), the request fails with an error naming the host and the limit, and
 * a connection check that got such an answer saves nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROUTES } from "../../../shared/api/routes.ts";
import { createGeneaSandbox, generateDemoOrg } from "../../../edge/sandbox/index.ts";
import { type HostileUpstream, hostileUpstream } from "../../support/hostile-upstream.ts";
import { type EdgeClient, type EdgeProcess, startEdge } from "../../support/edge-process.ts";

const MiB = 1024 * 1024;
const CAP = 16 * MiB;
/** The cap plus what loopback socket buffers can hold: what the upstream may have handed over. */
const READ_BOUND = CAP + 16 * MiB;
const org = generateDemoOrg({ users: 20, seed: 3 });
const genea = createGeneaSandbox(org.genea);
let okta: HostileUpstream;
let geneaUpstream: HostileUpstream;
let edge: EdgeProcess;
let admin: EdgeClient;

beforeAll(async () => {
  okta = await hostileUpstream({ mode: "endless" });
  geneaUpstream = await hostileUpstream({ mode: "endless", honest: (req) => genea.app.fetch(req) });
  edge = await startEdge({
    env: {
      DOORSYNC_DEMO: "0",
      DOORSYNC_ALLOW_LOCAL_UPSTREAMS: "1",
      DOORSYNC_OKTA_ALLOWED_HOSTS: new URL(okta.url).host,
      DOORSYNC_GENEA_BASE_URL: geneaUpstream.url,
    },
  });
  admin = edge.client();
  await admin.call("POST", ROUTES.setup, { username: "admin", password: "amber-falcon-river-8" });
});
afterAll(async () => {
  await edge?.stop();
  await okta?.close();
  await geneaUpstream?.close();
});

async function expectBoundedRead(u: HostileUpstream, before: number) {
  await expect.poll(() => u.hungUp()).toBeGreaterThan(0);
  expect(u.sent() - before).toBeLessThan(READ_BOUND);
}

describe("an Okta connection check against an oversized answer", () => {
  // (The Okta client retries a broken read with backoff, so this one takes seconds; the
  // 300 MiB Content-Length case is the Genea one below and guardedFetch's own spec.)
  it.each(["endless"] as const)("fails with a clear error and saves nothing (%s body)", async (mode) => {
    okta.mode = mode;
    const before = okta.sent();
    const res = await admin.call("PUT", ROUTES.oktaConnection, {
      domain: okta.url,
      auth: { kind: "ssws", token: "00hostile-token-0000000000000000000000000" },
    });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe("connection-failed");
    expect(res.body.error.message).toContain(`Okta (${new URL(okta.url).host}) answered /api/v1/users with`);
    expect(res.body.error.message).toContain("over the limit of 16 MiB per answer");
    expect((await admin.call("GET", ROUTES.connections)).body.okta.connected).toBe(false);
    await expectBoundedRead(okta, before);
  }, 60_000);
});

describe("a Genea connection check against an oversized answer", () => {
  it.each(["endless", "declared"] as const)("fails with a clear error and saves nothing (%s body)", async (mode) => {
    geneaUpstream.mode = mode;
    const before = geneaUpstream.sent();
    const res = await admin.call("PUT", ROUTES.geneaConnection, { apiKey: org.genea.apiKeys[0] });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe("connection-failed");
    expect(res.body.error.message).toContain(`Genea (${new URL(geneaUpstream.url).host}) answered`);
    expect(res.body.error.message).toContain("over the limit of 16 MiB per answer");
    expect((await admin.call("GET", ROUTES.connections)).body.genea.connected).toBe(false);
    await expectBoundedRead(geneaUpstream, before);
  }, 60_000);
});

describe("a saved connection whose upstream turns hostile", () => {
  it("fails the catalog read with a clear error after reading at most the cap", async () => {
    geneaUpstream.mode = "honest";
    const saved = await admin.call("PUT", ROUTES.geneaConnection, { apiKey: org.genea.apiKeys[0] });
    expect(saved.status).toBe(200);
    expect((await admin.call("GET", ROUTES.catalog)).status).toBe(200);

    geneaUpstream.mode = "endless";
    const before = geneaUpstream.sent();
    const hungUpBefore = geneaUpstream.hungUp();
    // The catalog is cached for 30 s: the state is read afresh.
    const res = await admin.call("GET", ROUTES.geneaState);
    expect(res.status).toBe(502);
    expect(res.body.error.code).toBe("upstream");
    expect(res.body.error.message).toContain("over the limit of 16 MiB per answer");
    await expect.poll(() => geneaUpstream.hungUp()).toBeGreaterThan(hungUpBefore);
    expect(geneaUpstream.sent() - before).toBeLessThan(READ_BOUND);
  }, 60_000);
});
