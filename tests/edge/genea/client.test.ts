import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { createGeneaClient, type GeneaClient } from "../../../edge/genea/index.ts";
import { createGeneaSandbox, type GeneaSandbox } from "../../../edge/sandbox/genea/index.ts";
import type { GeneaSeed } from "../../../edge/sandbox/demo/types.ts";
import { listen, type RunningServer } from "../../support/http-server.ts";
import { BRANCH, CUSTOMER, geneaSeed, geneaUser, GROUP, HQ, placedUser, ROLE, TEST_KEY } from "../../support/genea-seed.ts";

const NOW = new Date("2025-05-01T12:00:00.000Z");
let server: RunningServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

async function setup(seed: GeneaSeed = geneaSeed({ users: 3, extra: [placedUser(10)] }), apiKey = TEST_KEY) {
  const sandbox: GeneaSandbox = createGeneaSandbox(seed, { now: () => NOW });
  server = await listen(sandbox.app.fetch);
  const client: GeneaClient = createGeneaClient({ baseUrl: server.url, apiKey, now: () => NOW, sleep: async () => {} });
  return { sandbox, client };
}

/** Unwraps a result, failing the test with its error message. */
function value<T>(result: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!result.ok) throw new Error(`expected ok, got: ${result.error.message}`);
  return result.value;
}

describe("GeneaClient.verify()", () => {
  it("returns the key's customer uuid", async () => {
    const { client } = await setup();
    expect(await client.verify()).toEqual({ ok: true, value: CUSTOMER });
  });

  it("names a rejected key by its last four characters only", async () => {
    const key = "gk_wrong_key_abcdef0123459z9y";
    const { client } = await setup(undefined, key);
    const result = await client.verify();
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe("unauthorized");
    expect(result.error.message).toMatch(/^Genea rejected the API key ending …9z9y \(401\)/);
    expect(JSON.stringify(result)).not.toContain(key);
  });
});

describe("GeneaClient.readCatalog()", () => {
  it("maps locations (with Wallet), access groups and roles", async () => {
    const { client } = await setup();
    const catalog = value(await client.readCatalog());
    expect(catalog.customerUuid).toBe(CUSTOMER);
    expect(catalog.locations).toEqual([{ uuid: HQ, name: "HQ", hasWallet: true }, { uuid: BRANCH, name: "Branch", hasWallet: false }]);
    expect(catalog.accessGroups).toContainEqual({ uuid: GROUP.branchLobby, name: "Lobby", locationUuid: BRANCH });
    expect(catalog.roles.map((r) => r.name)).toEqual(["Admin", "Security", "User Manager", "Front Desk", "User"]);
  });
});

describe("GeneaClient.readState()", () => {
  it("reads 1,050 users over 11 pages of 100, each exactly once", async () => {
    const { client, sandbox } = await setup(geneaSeed({ users: 1050 }));
    const state = value(await client.readState());
    expect(state.users).toHaveLength(1050);
    expect(new Set(state.users.map((u) => u.uuid)).size).toBe(1050);
    expect(state.fetchedAt).toBe(NOW.toISOString());
    expect(sandbox.counters.get()["GET /v2/customer/:customer/user"]).toBe(11);
  });

  it("maps locations, mobile keys, Wallet, global admin, sync pin and soft-deleted users", async () => {
    const seed = geneaSeed({
      extra: [
        placedUser(1, "PENDING_DOWNLOAD"),
        geneaUser(2, {
          is_global_admin: true,
          allow_directory_sync: false,
          is_apple_wallet_enabled: true,
          mobile_phone: "+1 415-555-0100",
          department: "IT",
          employee_number: "42",
          cost_center: "CC-1",
        }),
        geneaUser(3, { deleted_at: "2024-06-30T17:00:00.000Z" }),
      ],
    });
    const { client } = await setup(seed);
    const [one, two, three] = value(await client.readState()).users;
    expect(one.locations).toEqual([{ uuid: "ul-0001-hq", locationUuid: HQ, roleUuid: ROLE.user, accessGroupUuids: [GROUP.hqLobby] }]);
    expect(one.mobileKeys).toEqual([{ uuid: "card-0001", status: "PENDING_DOWNLOAD" }]);
    expect(two).toMatchObject({
      isGlobalAdmin: true,
      allowDirectorySync: false,
      walletEnabled: true,
      mobilePhone: "+1 415-555-0100",
      department: "IT",
      employeeNumber: "42",
      costCenter: "CC-1",
      status: "ACTIVE",
    });
    expect(three).toMatchObject({ status: "DEACTIVATED", locations: [], mobileKeys: [] });
  });

  it("keeps one frozen copy of an access-group list many users hold", async () => {
    const { client } = await setup(geneaSeed({ extra: [placedUser(1), placedUser(2)] }));
    const [one, two] = value(await client.readState()).users;
    expect(one.locations[0].accessGroupUuids).toEqual([GROUP.hqLobby]);
    expect(one.locations[0].accessGroupUuids).toBe(two.locations[0].accessGroupUuids);
    expect(Object.isFrozen(one.locations[0].accessGroupUuids)).toBe(true);
    expect(one.locations[0]).not.toBe(two.locations[0]); // each user_location is its own (own uuid)
  });

  it("reports progress per page", async () => {
    const progress: string[] = [];
    const sandbox = createGeneaSandbox(geneaSeed({ users: 250 }));
    server = await listen(sandbox.app.fetch);
    const client = createGeneaClient({
      baseUrl: server.url,
      apiKey: TEST_KEY,
      maxInFlight: 1,
      onProgress: (p) => progress.push(`${p.list} ${p.read}/${p.total}`),
    });
    value(await client.readState());
    expect(progress.filter((p) => p.startsWith("users"))).toEqual(["users 100/250", "users 200/250", "users 250/250"]);
  });
});

describe("GeneaClient mutations, end to end", () => {
  it("creates a user placed at a location, then reads it back", async () => {
    const { client } = await setup();
    const created = value(
      await client.createUser({
        name: "Ada Lovelace",
        email: "ada@example.com",
        mobilePhone: "+44 7700 900001",
        department: "Engineering",
        employeeNumber: "1815",
        costCenter: "CC-1100",
        locations: [{ locationUuid: HQ, roleUuid: ROLE.user, accessGroupUuids: [GROUP.hqLobby, GROUP.hqServer] }],
      }),
    );
    expect(created).toMatchObject({
      name: "Ada Lovelace",
      email: "ada@example.com",
      status: "ACTIVE",
      allowDirectorySync: true,
      mobileKeys: [],
    });
    const read = value(await client.readState()).users.find((u) => u.uuid === created.uuid)!;
    expect(read).toEqual(created);
    expect(read.locations[0]).toMatchObject({ locationUuid: HQ, roleUuid: ROLE.user, accessGroupUuids: [GROUP.hqLobby, GROUP.hqServer] });
  });

  it("refuses a duplicate email as a conflict naming the email", async () => {
    const { client } = await setup();
    const result = await client.createUser({
      name: "Twin",
      email: "user0001@example.com",
      mobilePhone: null,
      department: null,
      employeeNumber: null,
      costCenter: null,
    });
    expect(result).toMatchObject({ ok: false, error: { code: "conflict", status: 409 } });
    if (!result.ok) expect(result.error.message).toContain("user0001@example.com");
  });

  it("updates profile fields and the sync pin, leaving others alone", async () => {
    const { client } = await setup();
    value(await client.updateProfile("user-0001", { department: "Legal", mobilePhone: null, allowDirectorySync: false }));
    const user = value(await client.readState()).users.find((u) => u.uuid === "user-0001")!;
    expect(user).toMatchObject({ name: "User 0001", department: "Legal", mobilePhone: null, allowDirectorySync: false });
  });

  it("adds, updates and removes user locations", async () => {
    const { client } = await setup();
    const [added] = value(
      await client.addUserLocations("user-0001", [{ locationUuid: BRANCH, roleUuid: ROLE.user, accessGroupUuids: [GROUP.branchLobby] }]),
    );
    expect(added).toMatchObject({ locationUuid: BRANCH, roleUuid: ROLE.user, accessGroupUuids: [GROUP.branchLobby] });
    const updated = value(
      await client.updateUserLocation("user-0001", { locationUuid: BRANCH, roleUuid: ROLE.frontDesk, accessGroupUuids: [] }),
    );
    expect(updated).toEqual({ uuid: added.uuid, locationUuid: BRANCH, roleUuid: ROLE.frontDesk, accessGroupUuids: [] });
    value(await client.removeUserLocation(added.uuid));
    expect(value(await client.readState()).users.find((u) => u.uuid === "user-0001")!.locations).toEqual([]);
  });

  it("refuses an access group of another location as rejected (422)", async () => {
    const { client } = await setup();
    const result = await client.addUserLocations("user-0001", [{
      locationUuid: BRANCH,
      roleUuid: ROLE.user,
      accessGroupUuids: [GROUP.hqServer],
    }]);
    expect(result).toMatchObject({ ok: false, error: { code: "rejected", status: 422 } });
  });

  it("issues a mobile key as PENDING_DOWNLOAD that reads ACTIVE once the phone downloads it, and revokes it", async () => {
    const { client } = await setup();
    const key = value(await client.issueMobileKey("user-0001"));
    expect(key.status).toBe("PENDING_DOWNLOAD");
    expect((await fetch(`${server!.url}/sandbox/cards/${key.uuid}/activate`, { method: "POST" })).status).toBe(200);
    const keysOf = async () => value(await client.readState()).users.find((u) => u.uuid === "user-0001")!.mobileKeys;
    expect(await keysOf()).toEqual([{ uuid: key.uuid, status: "ACTIVE" }]);
    value(await client.revokeMobileKey(key.uuid));
    expect(await keysOf()).toEqual([]);
  });

  it("enables Wallet where a location has it and refuses it elsewhere", async () => {
    const { client } = await setup();
    value(await client.setWallet("user-0010", true));
    expect(value(await client.readState()).users.find((u) => u.uuid === "user-0010")!.walletEnabled).toBe(true);
    const refused = await client.setWallet("user-0001", true);
    expect(refused).toMatchObject({ ok: false, error: { code: "rejected", geneaCode: "wallet_unavailable" } });
    value(await client.setWallet("user-0010", false));
  });

  it("deactivates (soft delete) and reactivates a user", async () => {
    const { client } = await setup();
    value(await client.deactivateUser("user-0010"));
    const gone = value(await client.readState()).users.find((u) => u.uuid === "user-0010")!;
    expect(gone).toMatchObject({ status: "DEACTIVATED", locations: [], mobileKeys: [], walletEnabled: false });
    expect(await client.deactivateUser("user-0010")).toMatchObject({ ok: false, error: { code: "conflict" } });
    value(await client.reactivateUser("user-0010"));
    expect(value(await client.readState()).users.find((u) => u.uuid === "user-0010")!.status).toBe("ACTIVE");
  });

  it("reads one user with only their own mobile keys, by uuid or by exact email", async () => {
    const { client } = await setup();
    const mine = value(await client.issueMobileKey("user-0001"));
    value(await client.issueMobileKey("user-0002"));
    const byUuid = value(await client.readUser({ uuid: "user-0001" }));
    expect(byUuid).toMatchObject({ uuid: "user-0001", mobileKeys: [{ uuid: mine.uuid, status: "PENDING_DOWNLOAD" }] });
    expect(value(await client.readUser({ email: "USER0001@example.com" }))).toEqual(byUuid);
    expect(value(await client.readUser({ uuid: "ghost" }))).toBeNull();
    expect(value(await client.readUser({ email: "user000@example.com" }))).toBeNull(); // a substring is not a match
  });

  it.each([
    ["updateProfile", (c: GeneaClient) => c.updateProfile("ghost", { name: "X" })],
    ["deactivateUser", (c: GeneaClient) => c.deactivateUser("ghost")],
    ["removeUserLocation", (c: GeneaClient) => c.removeUserLocation("ghost")],
    ["revokeMobileKey", (c: GeneaClient) => c.revokeMobileKey("ghost")],
  ])("%s of an unknown uuid is not-found", async (_, act) => {
    const { client } = await setup();
    expect(await act(client)).toMatchObject({ ok: false, error: { code: "not-found", status: 404 } });
  });
});

describe("GeneaClient.readState() paging, for any size", () => {
  it("returns every user exactly once, in order, whatever the row count and the server's page size cap", async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 260 }), fc.integer({ min: 1, max: 100 }), async (users, pageSizeMax) => {
        const sandbox = createGeneaSandbox(geneaSeed({ users }), { pageSizeMax });
        const s = await listen(sandbox.app.fetch);
        try {
          const client = createGeneaClient({ baseUrl: s.url, apiKey: TEST_KEY, sleep: async () => {} });
          const state = value(await client.readState());
          expect(state.users.map((u) => u.uuid)).toEqual(geneaSeed({ users }).users.map((u) => u.uuid));
        } finally {
          await s.close();
        }
      }),
      { numRuns: 12, seed: 20250501 },
    );
  });
});
