/**
 * `npm start` with nothing configured: the edge runs its Okta and Genea sandboxes with the
 * demo organisation, pre-connected. On that edge: the rule-set lifecycle (draft, lint-gated
 * publish, conflicts, versions, diff, rollback, share-link import).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setTimeout as sleep } from "node:timers/promises";
import * as v from "valibot";
import { ROUTES } from "../../../shared/api/routes.ts";
import { ConnectionsInfoSchema, DraftSchema, RuleSetDiffSchema, VersionInfoSchema, VersionSchema } from "../../../shared/api/schemas.ts";
import { type Catalog, CatalogSchema } from "../../../shared/genea/model.ts";
import { decodeDirectory } from "../../../shared/directory/compact.ts";
import { encodeShareLink } from "../../../shared/share/index.ts";
import { generateDemoOrg } from "../../../edge/sandbox/index.ts";
import { type EdgeClient, type EdgeProcess, startEdge } from "../../support/edge-process.ts";
import { leaks, lintCleanRuleSet } from "../../support/edge-rules.ts";

/** edge/demo.ts: DEMO_USERS and DEMO_SEED */
const DEMO_USERS = 2000;
const PASSWORD = "amber-signal-forest-9";
let edge: EdgeProcess;
let admin: EdgeClient;
let other: EdgeClient;
let catalog: Catalog;

beforeAll(async () => {
  edge = await startEdge(); // no DOORSYNC_DEMO, no connections: demo mode
  admin = edge.client();
  other = edge.client();
  await admin.call("POST", ROUTES.setup, { username: "admin", password: PASSWORD });
  await other.call("POST", ROUTES.signIn, { username: "admin", password: PASSWORD });
});
afterAll(async () => {
  await edge?.stop();
});

describe("demo mode", () => {
  it("says so in health and session", async () => {
    expect((await admin.call("GET", ROUTES.health)).body).toMatchObject({ ok: true, demo: true });
    expect((await admin.call("GET", ROUTES.session)).body).toMatchObject({ state: "signed-in", demo: true });
    expect(edge.logs()).toMatch(/ info demo-started okta=http:\/\/127\.0\.0\.1:\d+ genea=http:\/\/127\.0\.0\.1:\d+ users=2000 ms=\d+\n/);
  });

  it("shows both sandboxes as connected", async () => {
    const info = v.parse(ConnectionsInfoSchema, (await admin.call("GET", ROUTES.connections)).body);
    expect(info.demo).toBe(true);
    expect(info.okta).toMatchObject({ connected: true, error: null });
    expect(info.okta.target).toMatch(/demo sandbox/);
    expect(info.genea).toMatchObject({ connected: true, error: null });
  });

  it("serves the demo organisation's directory", async () => {
    let res = await admin.request(ROUTES.directory);
    for (let i = 0; res.status === 404 && i < 100; i++) {
      await sleep(100); // the first refresh starts with the process
      res = await admin.request(ROUTES.directory);
    }
    expect(res.status).toBe(200);
    expect(res.headers.get("x-directory-users")).toBe(String(DEMO_USERS));
    const raw = await fetch(edge.url + ROUTES.directory, {
      headers: { cookie: `doorsync_session=${admin.cookies.get("doorsync_session")}` },
    });
    const directory = decodeDirectory(new Uint8Array(await raw.arrayBuffer()));
    expect(directory.ok && directory.value.users.length).toBe(DEMO_USERS);
  });

  it("serves the demo catalog", async () => {
    const res = await admin.call("GET", ROUTES.catalog);
    expect(res.status).toBe(200);
    catalog = v.parse(CatalogSchema, res.body);
    expect(catalog.locations.length).toBeGreaterThan(1);
  });
});

describe("rule sets", () => {
  let v1Hash: string;

  it("starts with an empty draft based on version 0", async () => {
    const draft = v.parse(DraftSchema, (await admin.call("GET", ROUTES.draft)).body);
    expect(draft).toEqual({
      ruleSet: { schemaVersion: 1, settings: { suspended: "deny" }, properties: {} },
      baseVersion: 0,
      revision: 0,
      updatedAt: null,
      updatedBy: null,
    });
  });

  it("refuses to publish while lint reports errors, with the findings", async () => {
    const res = await admin.call("POST", ROUTES.publish, { note: "empty", expectedVersion: 0 });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe("lint-errors");
    expect(res.body.error.findings.some((f: { code: string }) => f.code === "no-rules")).toBe(true);
    expect((await admin.call("GET", ROUTES.versions)).body).toEqual([]);
  });

  it("saves a draft and publishes it as version 1", async () => {
    const ruleSet = lintCleanRuleSet(catalog);
    const saved = await admin.call("PUT", ROUTES.draft, { ruleSet, baseVersion: 0, revision: 0 });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ ruleSet, baseVersion: 0, updatedBy: "admin" });
    const res = await admin.call("POST", ROUTES.publish, { note: "first rules", expectedVersion: 0 });
    expect(res.status).toBe(201);
    const info = v.parse(VersionInfoSchema, res.body);
    expect(info).toMatchObject({ version: 1, publishedBy: "admin", note: "first rules", rolledBackFrom: null });
    expect(info.contentHash).toMatch(/^[0-9a-f]{64}$/);
    v1Hash = info.contentHash;
    expect((await admin.call("GET", ROUTES.draft)).body.baseVersion).toBe(1);
  });

  it("refuses a publish based on an older version with 409", async () => {
    const res = await other.call("POST", ROUTES.publish, { note: "stale", expectedVersion: 0, ruleSet: lintCleanRuleSet(catalog) });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe("conflict");
    expect(res.body.error.message).toMatch(/^Someone else \(admin\) published version 1 while you were editing/);
  });

  it("lets exactly one of two simultaneous publishes win", async () => {
    const ruleSet = lintCleanRuleSet(catalog, { contractorsFirst: true });
    const answers = await Promise.all([
      admin.call("POST", ROUTES.publish, { note: "from tab A", expectedVersion: 1, ruleSet }),
      other.call("POST", ROUTES.publish, { note: "from tab B", expectedVersion: 1, ruleSet }),
    ]);
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409]);
    const loser = answers.find((a) => a.status === 409)!;
    expect(loser.body.error.message).toMatch(/published version 2 while you were editing/);
    const versions = (await admin.call("GET", ROUTES.versions)).body;
    expect(versions.map((x: { version: number }) => x.version)).toEqual([2, 1]);
  });

  it("returns a published version with its rules", async () => {
    const res = await admin.call("GET", `${ROUTES.versions}/1`);
    const version = v.parse(VersionSchema, res.body);
    expect(version.ruleSet).toEqual(lintCleanRuleSet(catalog));
    expect(version.contentHash).toBe(v1Hash);
  });

  it.each([
    [`${ROUTES.versions}/99`, 404],
    [`${ROUTES.versions}/abc`, 400],
    [`${ROUTES.diff}?from=1`, 400],
    [`${ROUTES.diff}?from=1&to=99`, 404],
  ])("answers %s with %i", async (path, status) => {
    expect((await admin.call("GET", path)).status).toBe(status);
  });

  it("diffs two versions per property", async () => {
    const res = await admin.call("GET", `${ROUTES.diff}?from=1&to=2`);
    const diff = v.parse(RuleSetDiffSchema, res.body);
    expect(diff).toMatchObject({ from: 1, to: 2, settingsChanged: false });
    expect(diff.properties.length).toBe(catalog.locations.length);
    for (const p of diff.properties) {
      expect(p).toEqual({
        locationUuid: expect.any(String),
        status: "changed",
        added: ["contractors"],
        removed: [],
        changed: [],
        moved: [],
      });
    }
  });

  it("diffs from the empty rule set (version 0)", async () => {
    const diff = v.parse(RuleSetDiffSchema, (await admin.call("GET", `${ROUTES.diff}?from=0&to=1`)).body);
    expect(diff.properties.every((p) => p.status === "added" && p.added.join() === "staff")).toBe(true);
  });

  it("reports a reordered rule as moved and an edited one as changed", async () => {
    const base = lintCleanRuleSet(catalog, { contractorsFirst: true });
    const swapped = structuredClone(base);
    const first = catalog.locations[0].uuid;
    swapped.properties[first].rules.reverse();
    swapped.properties[first].rules[0].name = "Active staff (renamed)";
    expect((await admin.call("POST", ROUTES.publish, { note: "reorder", expectedVersion: 2, ruleSet: swapped })).status).toBe(201);
    const diff = v.parse(RuleSetDiffSchema, (await admin.call("GET", `${ROUTES.diff}?from=2&to=3`)).body);
    expect(diff.properties).toEqual([
      {
        locationUuid: first,
        status: "changed",
        added: [],
        removed: [],
        changed: ["staff"],
        moved: [{ ruleId: expect.any(String), from: expect.any(Number), to: expect.any(Number) }],
      },
    ]);
  });

  it("rolls back by publishing an old version as a new one", async () => {
    const res = await admin.call("POST", ROUTES.rollback, { version: 1, note: "", expectedVersion: 3 });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ version: 4, rolledBackFrom: 1, contentHash: v1Hash, note: "Rollback to version 1" });
    const stale = await admin.call("POST", ROUTES.rollback, { version: 2, note: "", expectedVersion: 3 });
    expect(stale.status).toBe(409);
  });

  it("imports a share link as a draft, never as a publication", async () => {
    const ruleSet = lintCleanRuleSet(catalog, { contractorsFirst: true });
    const res = await admin.call("POST", ROUTES.importLink, { link: encodeShareLink(ruleSet, "https://doorsync.example/") });
    expect(res.status).toBe(200);
    expect(v.parse(DraftSchema, res.body)).toMatchObject({ ruleSet, baseVersion: 4, updatedBy: "admin" });
    expect((await admin.call("GET", ROUTES.draft)).body.ruleSet).toEqual(ruleSet);
    expect((await admin.call("GET", ROUTES.versions)).body.length).toBe(4);
  });

  it("refuses a broken share link with 400", async () => {
    const res = await admin.call("POST", ROUTES.importLink, { link: "https://doorsync.example/#rules=not-a-link" });
    expect(res.status).toBe(400);
    expect(res.body.error.message.length).toBeGreaterThan(10);
  });
});

describe("secrets", () => {
  it("never appear in a response body or log line", () => {
    const org = generateDemoOrg({ users: DEMO_USERS, seed: 1 });
    const secrets = [PASSWORD, ...org.okta.apiTokens, ...org.genea.apiKeys, edge.env.DOORSYNC_SECRET_KEY];
    expect(leaks([...edge.bodies, edge.logs()], secrets)).toEqual([]);
  });
});
