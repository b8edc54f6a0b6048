/**
 * Untrusted input at its edges, over HTTP against the real edge: route parameters are checked
 * for shape and length before KV is asked (KV keys are at most 2,048 bytes), and every number
 * in a request body has a bound.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROUTES } from "../../../shared/api/routes.ts";
import { type EdgeClient, type EdgeProcess, startEdge } from "../../support/edge-process.ts";

let edge: EdgeProcess;
let admin: EdgeClient;

beforeAll(async () => {
  edge = await startEdge({ env: { DOORSYNC_DEMO: "0" } });
  admin = edge.client();
  await admin.call("POST", ROUTES.setup, { username: "admin", password: "meadow-copper-lantern-5" });
});
afterAll(async () => {
  await edge?.stop();
});

const emptyRuleSet = { schemaVersion: 1, settings: { suspended: "deny" }, properties: {} };

describe("route parameters", () => {
  it.each([
    ["an id over 2 KiB", "a".repeat(3000)],
    ["an id of 2,100 UUID-ish characters", "0".repeat(2100)],
    ["a UUID with a suffix", "00000000-0000-0000-0000-000000000000x"],
    ["upper-case hex", "ABCDEF00-0000-4000-8000-000000000000"],
    ["an encoded slash", "a%2Fb"],
    ["percent-encoded junk", "%00%ff"],
  ])("answers 404 for a refresh job with %s", async (_what, id) => {
    for (const path of [`${ROUTES.directoryRefresh}/${id}`, `${ROUTES.directoryRefresh}/${id}/events`]) {
      const res = await admin.call("GET", path);
      expect(res.status, path.slice(0, 80)).toBe(404);
      expect(res.body.error.code).toBe("not-found");
    }
  });

  it("answers 404 for a well-formed id of no job", async () => {
    expect((await admin.call("GET", `${ROUTES.directoryRefresh}/00000000-0000-4000-8000-000000000000`)).status).toBe(404);
  });

  it.each(["9".repeat(3000), "1e300", "-1", "1.5"])("answers 400 for the version %j", async (n) => {
    const res = await admin.call("GET", `${ROUTES.versions}/${n}`);
    expect(res.status).toBe(400);
  });
});

describe("numbers in request bodies", () => {
  it.each([
    ["PUT", ROUTES.draft, { ruleSet: emptyRuleSet, baseVersion: 1e300 }, "baseVersion"],
    ["PUT", ROUTES.draft, { ruleSet: emptyRuleSet, baseVersion: 1_000_000_000 }, "baseVersion"],
    ["PUT", ROUTES.draft, { ruleSet: emptyRuleSet, baseVersion: -1 }, "baseVersion"],
    ["PUT", ROUTES.draft, { ruleSet: emptyRuleSet, baseVersion: 0.5 }, "baseVersion"],
    ["POST", ROUTES.publish, { note: "", expectedVersion: 1e300 }, "expectedVersion"],
    ["POST", ROUTES.rollback, { version: 1e300, note: "", expectedVersion: 0 }, "version"],
    ["POST", ROUTES.rollback, { version: 1, note: "", expectedVersion: 2 ** 53 }, "expectedVersion"],
  ])("%s %s refuses %j with 400 naming the field", async (method, path, body, field) => {
    const res = await admin.call(method, path, body);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("invalid");
    expect(res.body.error.message).toContain(field);
  });

  it("accepts the largest version number", async () => {
    const { revision } = (await admin.call("GET", ROUTES.draft)).body;
    expect((await admin.call("PUT", ROUTES.draft, { ruleSet: emptyRuleSet, baseVersion: 999_999_999, revision })).status).toBe(200);
  });
});
