import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createGeneaClient } from "../../../../edge/genea/index.ts";
import { expectedCounts, type RunningSandboxes, startSandboxes } from "../../../../edge/sandbox/index.ts";
import { listen } from "../../../support/http-server.ts";

let sandboxes: RunningSandboxes;
beforeAll(async () => {
  sandboxes = await startSandboxes({ users: 2000, seed: 1, serve: (fetch) => listen(fetch) });
});
afterAll(() => sandboxes?.close());

describe("startSandboxes()", () => {
  it("serves the Okta sandbox, opened by the printed SSWS token", async () => {
    const res = await fetch(`${sandboxes.okta.url}/api/v1/users?limit=1`, {
      headers: { Authorization: `SSWS ${sandboxes.okta.apiToken}`, Accept: "application/json" },
    });
    expect(res.status).toBe(200);
    const users = await res.json();
    expect(users).toHaveLength(1);
    expect(sandboxes.org.okta.users.map((u) => u.id)).toContain(users[0].id);
    const refused = await fetch(`${sandboxes.okta.url}/api/v1/users?limit=1`, { headers: { Authorization: "SSWS wrong" } });
    expect(refused.status).toBe(401);
  });

  it("serves the Genea sandbox: the client reads the whole 2,000-user demo org's Genea side", async () => {
    const client = createGeneaClient({ baseUrl: sandboxes.genea.url, apiKey: sandboxes.genea.apiKey });
    expect(await client.verify()).toEqual({ ok: true, value: sandboxes.genea.customerUuid });
    const catalog = await client.readCatalog();
    const state = await client.readState();
    if (!catalog.ok || !state.ok) throw new Error("read failed");
    const expected = expectedCounts(sandboxes.org).genea;
    expect({
      locations: catalog.value.locations.length,
      accessGroups: catalog.value.accessGroups.length,
      roles: catalog.value.roles.length,
      users: state.value.users.length,
      deletedUsers: state.value.users.filter((u) => u.status === "DEACTIVATED").length,
      userLocations: state.value.users.reduce((n, u) => n + u.locations.length, 0),
      mobileKeys: state.value.users.reduce((n, u) => n + u.mobileKeys.length, 0),
    }).toEqual(expected);
    expect(catalog.value.locations.filter((l) => l.hasWallet).map((l) => l.name)).toEqual(["San Francisco HQ"]);
  });

  it("hands out the demo service app's private key matching the seeded public key", () => {
    const { privateJwk, clientId } = sandboxes.okta.serviceApp;
    const seeded = sandboxes.org.okta.serviceApps.find((a) => a.clientId === clientId)!;
    expect({ x: privateJwk.x, y: privateJwk.y }).toEqual({ x: seeded.publicJwk.x, y: seeded.publicJwk.y });
  });
});
