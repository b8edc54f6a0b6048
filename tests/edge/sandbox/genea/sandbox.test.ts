import { describe, expect, it } from "vitest";
import { createGeneaSandbox } from "../../../../edge/sandbox/genea/index.ts";
import { BRANCH, CUSTOMER, geneaSeed, geneaUser, GROUP, HQ, placedUser, ROLE, TEST_KEY } from "../../../support/genea-seed.ts";

const C = `/v2/customer/${CUSTOMER}`;
const NOW = new Date("2025-05-01T12:00:00.000Z");

function sandbox(seed = geneaSeed({ users: 3, extra: [placedUser(10)] }), pageSizeMax?: number) {
  const s = createGeneaSandbox(seed, { now: () => NOW, pageSizeMax });
  const call = async (method: string, path: string, body?: unknown, key: string | null = TEST_KEY) => {
    const headers: Record<string, string> = { "Content-Type": "application/json" };
    if (key !== null) headers.Authorization = `Bearer ${key}`;
    const res = await s.app.fetch(
      new Request(`http://sandbox${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) }),
    );
    return { status: res.status, json: await res.json(), headers: res.headers };
  };
  return { ...s, call };
}

describe("Genea sandbox: auth and envelope", () => {
  it.each([
    ["no header", null],
    ["a wrong key", "not-the-key"],
  ])("answers 401 with an error body for %s", async (_, key) => {
    const { call } = sandbox();
    const res = await call("GET", `${C}/location`, undefined, key);
    expect(res.status).toBe(401);
    expect(res.json).toEqual({ meta: { message: expect.any(String) }, error: { code: "unauthorized", message: expect.any(String) } });
  });

  it("verifies a key and names its customer", async () => {
    const res = await sandbox().call("POST", "/v2/api_key/verify", { api_key: TEST_KEY });
    expect(res.status).toBe(200);
    expect(res.json.data).toMatchObject({ customer_uuid: CUSTOMER });
  });

  it("refuses another customer's paths with 403", async () => {
    const res = await sandbox().call("GET", "/v2/customer/someone-else/user");
    expect(res.status).toBe(403);
  });

  it("answers unknown routes with a Genea 404 body", async () => {
    const res = await sandbox().call("GET", "/v2/nowhere");
    expect(res.status).toBe(404);
    expect(res.json.error.code).toBe("not_found");
  });
});

describe("Genea sandbox: pagination", () => {
  it("pages with meta.pagination {page,page_size,row_count,page_count,from,to}", async () => {
    const { call } = sandbox(geneaSeed({ users: 25 }));
    const res = await call("GET", `${C}/user?page=3&page_size=10`);
    expect(res.json.meta.pagination).toEqual({ page: 3, page_size: 10, row_count: 25, page_count: 3, from: 21, to: 25 });
    expect(res.json.data.map((u: { uuid: string }) => u.uuid)).toEqual(["user-0021", "user-0022", "user-0023", "user-0024", "user-0025"]);
  });

  it("caps page_size at pageSizeMax and reports the size used", async () => {
    const { call } = sandbox(geneaSeed({ users: 30 }), 10);
    const res = await call("GET", `${C}/user?page=1&page_size=500`);
    expect(res.json.meta.pagination).toMatchObject({ page_size: 10, page_count: 3 });
    expect(res.json.data).toHaveLength(10);
  });

  it("answers an empty page past the end", async () => {
    const res = await sandbox(geneaSeed({ users: 3 })).call("GET", `${C}/user?page=9&page_size=10`);
    expect(res.json.data).toEqual([]);
    expect(res.json.meta.pagination).toMatchObject({ row_count: 3, page_count: 1, from: 0, to: 0 });
  });

  it.each(["page=0", "page=abc", "page_size=-1"])("refuses %s with 422", async (query) => {
    const res = await sandbox().call("GET", `${C}/user?${query}`);
    expect(res.status).toBe(422);
  });

  it("filters users by email (substring, case-insensitive) and access groups by location", async () => {
    const { call } = sandbox();
    const users = await call("GET", `${C}/user?user_email=USER0002@`);
    expect(users.json.data.map((u: { uuid: string }) => u.uuid)).toEqual(["user-0002"]);
    const groups = await call("GET", `${C}/access_group?location_uuid=${BRANCH}`);
    expect(groups.json.data.map((g: { uuid: string }) => g.uuid)).toEqual([GROUP.branchLobby]);
  });
});

describe("Genea sandbox: users", () => {
  it("creates a user with user_locations, embedding role_detail in the answer", async () => {
    const { call } = sandbox();
    const res = await call("POST", `${C}/user`, {
      name: "New Person",
      email: "new@example.com",
      user_locations: [{ location_uuid: HQ, role: "FRONT_DESK", access_group_uuids: [GROUP.hqLobby] }],
    });
    expect(res.status).toBe(201);
    expect(res.json.data).toMatchObject({ name: "New Person", email: "new@example.com", deleted_at: null, created_at: NOW.toISOString() });
    expect(res.json.data.user_locations[0]).toMatchObject({
      location_uuid: HQ,
      role: "Front Desk",
      role_detail: { uuid: ROLE.frontDesk },
      access_group_uuids: [GROUP.hqLobby],
    });
  });

  it.each([
    ["the same email", "user0001@example.com"],
    ["the same email in other case", "USER0001@Example.com"],
  ])("refuses %s with 409", async (_, email) => {
    const res = await sandbox().call("POST", `${C}/user`, { name: "Twin", email });
    expect(res.status).toBe(409);
    expect(res.json.error.code).toBe("email_taken");
  });

  it.each([
    ["an empty name", { name: "" }, /name/],
    ["a malformed email", { name: "X", email: "not-an-email" }, /email/],
    ["an unknown location", { name: "X", user_locations: [{ location_uuid: "nope", role: "User" }] }, /location/],
    ["an unknown role", { name: "X", user_locations: [{ location_uuid: HQ, role: "Overlord" }] }, /role/],
    ["no role", { name: "X", user_locations: [{ location_uuid: HQ }] }, /role/],
    ["another location's access group", {
      name: "X",
      user_locations: [{ location_uuid: HQ, role_uuid: ROLE.user, access_group_uuids: [GROUP.branchLobby] }],
    }, /another location/],
  ])("refuses %s with 422 naming the problem", async (_, body, pattern) => {
    const res = await sandbox().call("POST", `${C}/user`, body);
    expect(res.status).toBe(422);
    expect(res.json.error.message).toMatch(pattern);
  });

  it("updates profile fields and keeps the email index in step", async () => {
    const { call } = sandbox();
    const res = await call("PUT", `${C}/user/user-0001`, { name: "Renamed", email: "renamed@example.com", department: "Legal" });
    expect(res.json.data).toMatchObject({ name: "Renamed", email: "renamed@example.com", department: "Legal" });
    expect((await call("POST", `${C}/user`, { name: "Reuse", email: "user0001@example.com" })).status).toBe(201);
    expect((await call("PUT", `${C}/user/user-0002`, { email: "renamed@example.com" })).status).toBe(409);
  });

  it("soft-deletes: keeps the record, removes locations, revokes cards, turns Wallet off", async () => {
    const { call, state } = sandbox();
    await call("PUT", `${C}/user/user-0010`, { is_apple_wallet_enabled: true });
    const res = await call("DELETE", `${C}/user/user-0010`);
    expect(res.status).toBe(200);
    expect(res.json.data).toMatchObject({
      status: "DELETED",
      deleted_at: NOW.toISOString(),
      user_locations: [],
      is_apple_wallet_enabled: false,
    });
    expect((await call("GET", `${C}/user/user-0010`)).json.data.deleted_at).toBe(NOW.toISOString());
    expect((await call("GET", `${C}/card`)).json.data).toEqual([]);
    expect((await call("DELETE", "/v2/user_location/ul-0010-hq")).status).toBe(404);
    expect(state.users.get("user-0010")).toBeDefined();
  });

  it("refuses changes to a deleted user until it is restored, and keeps its email reserved", async () => {
    const { call } = sandbox();
    await call("DELETE", `${C}/user/user-0001`);
    expect((await call("PUT", `${C}/user/user-0001`, { name: "X" })).status).toBe(409);
    expect((await call("POST", `${C}/card/mobile`, { user_uuid: "user-0001" })).status).toBe(409);
    const dup = await call("POST", `${C}/user`, { name: "X", email: "user0001@example.com" });
    expect(dup.json.error.message).toMatch(/deleted user/);
    const restored = await call("PUT", `${C}/user/user-0001/restore`);
    expect(restored.json.data).toMatchObject({ status: "ACTIVE", deleted_at: null });
    expect((await call("PUT", `${C}/user/user-0001/restore`)).status).toBe(409);
    expect((await call("PUT", `${C}/user/user-0001`, { name: "Back" })).status).toBe(200);
  });

  it.each([
    ["GET", `${C}/user/ghost`],
    ["PUT", `${C}/user/ghost`],
    ["DELETE", `${C}/user/ghost`],
    ["PUT", `${C}/user/ghost/restore`],
    ["DELETE", "/v2/card/ghost"],
  ])("answers 404 for %s %s", async (method, path) => {
    expect((await sandbox().call(method, path, method === "PUT" ? {} : undefined)).status).toBe(404);
  });
});

describe("Genea sandbox: user_locations", () => {
  it("adds, edits and removes a user's location", async () => {
    const { call } = sandbox();
    const added = await call("POST", `${C}/user/user-0001/user_location`, [{
      location_uuid: BRANCH,
      role_uuid: ROLE.user,
      access_group_uuids: [GROUP.branchLobby],
    }]);
    expect(added.status).toBe(201);
    const ul = added.json.data[0].uuid;
    const edited = await call("PUT", `${C}/user/user-0001/user_location`, [{
      location_uuid: BRANCH,
      role_uuid: ROLE.admin,
      access_group_uuids: [],
    }]);
    expect(edited.json.data[0]).toMatchObject({ uuid: ul, role: "Admin", access_group_uuids: [] });
    expect((await call("DELETE", `/v2/user_location/${ul}`)).status).toBe(200);
    expect((await call("GET", `${C}/user/user-0001`)).json.data.user_locations).toEqual([]);
  });

  it("refuses a second user_location at the same location (409) and editing a missing one (404)", async () => {
    const { call } = sandbox();
    expect((await call("POST", `${C}/user/user-0010/user_location`, [{ location_uuid: HQ, role: "User" }])).status).toBe(409);
    expect((await call("PUT", `${C}/user/user-0001/user_location`, [{ location_uuid: HQ, role: "User" }])).status).toBe(404);
    expect((await call("POST", `${C}/user/user-0001/user_location`, [])).status).toBe(422);
  });
});

describe("Genea sandbox: mobile keys and Wallet", () => {
  it("issues a key as PENDING_DOWNLOAD, activates it from the phone side, revokes it", async () => {
    const { call } = sandbox();
    const issued = await call("POST", `${C}/card/mobile`, { user_uuid: "user-0001" });
    expect(issued.status).toBe(201);
    expect(issued.json.data).toMatchObject({ type: "MOBILE", status: "PENDING_DOWNLOAD", user_uuid: "user-0001" });
    const card = issued.json.data.uuid;
    expect((await call("POST", `/sandbox/cards/${card}/activate`)).json.data.status).toBe("ACTIVE");
    expect((await call("POST", `/sandbox/cards/${card}/activate`)).status).toBe(409);
    const list = await call("GET", `${C}/card?card_type=MOBILE`);
    expect(list.json.data.map((c: { uuid: string; status: string }) => [c.uuid, c.status])).toEqual([["card-0010", "ACTIVE"], [
      card,
      "ACTIVE",
    ]]);
    expect((await call("DELETE", `/v2/card/${card}`)).status).toBe(200);
    expect((await call("DELETE", `/v2/card/${card}`)).status).toBe(404);
  });

  it("refuses a mobile key for a user without email (422) or an unknown user (422)", async () => {
    const { call } = sandbox(geneaSeed({ extra: [geneaUser(1, { email: null })] }));
    expect((await call("POST", `${C}/card/mobile`, { user_uuid: "user-0001" })).json.error.message).toMatch(/no email/);
    expect((await call("POST", `${C}/card/mobile`, { user_uuid: "ghost" })).status).toBe(422);
  });

  it("enables Wallet only for a user placed at a location with Apple Wallet", async () => {
    const { call } = sandbox(geneaSeed({
      extra: [
        placedUser(10),
        geneaUser(11, {
          user_locations: [{ uuid: "ul-11", location_uuid: BRANCH, role_uuid: ROLE.user, access_group_uuids: [] }],
        }),
      ],
    }));
    const refused = await call("PUT", `${C}/user/user-0011`, { is_apple_wallet_enabled: true });
    expect(refused.status).toBe(422);
    expect(refused.json.error.code).toBe("wallet_unavailable");
    expect((await call("PUT", `${C}/user/user-0010`, { is_apple_wallet_enabled: true })).json.data.is_apple_wallet_enabled).toBe(true);
    expect((await call("PUT", `${C}/user/user-0011`, { is_apple_wallet_enabled: false })).status).toBe(200);
  });
});

describe("Genea sandbox: test routes", () => {
  it("counts requests per route and resets the counters", async () => {
    const { call } = sandbox();
    await call("GET", `${C}/user`);
    await call("GET", `${C}/user`);
    await call("GET", `${C}/user/user-0001`);
    expect((await call("GET", "/sandbox/counters")).json).toEqual({
      "GET /v2/customer/:customer/user": 2,
      "GET /v2/customer/:customer/user/:user": 1,
    });
    await call("POST", "/sandbox/counters/reset");
    expect((await call("GET", "/sandbox/counters")).json).toEqual({});
  });

  it("sets faults: every request answered 503, then 429 with Retry-After, then cleared", async () => {
    const { call } = sandbox();
    expect((await call("PUT", "/sandbox/faults", { errorRate: 1 })).status).toBe(200);
    const failed = await call("GET", `${C}/user`);
    expect(failed.status).toBe(503);
    expect(failed.json.error.code).toBe("service_unavailable");
    await call("PUT", "/sandbox/faults", { rateLimitRate: 1 });
    const limited = await call("GET", `${C}/user`);
    expect([limited.status, limited.headers.get("retry-after")]).toEqual([429, "1"]);
    await call("DELETE", "/sandbox/faults");
    expect((await call("GET", `${C}/user`)).status).toBe(200);
    expect((await call("PUT", "/sandbox/faults", { errorRate: 2 })).status).toBe(422);
  });

  it("dumps its state, reflecting changes", async () => {
    const { call } = sandbox();
    await call("DELETE", `${C}/user/user-0002`);
    const dump = await call("GET", "/sandbox/state");
    expect(dump.json.data.users.find((u: { uuid: string }) => u.uuid === "user-0002").deleted_at).toBe(NOW.toISOString());
    expect(dump.json.data.customer.uuid).toBe(CUSTOMER);
  });

  it("does not change the seed it was given", async () => {
    const seed = geneaSeed({ users: 2 });
    const before = structuredClone(seed);
    await sandbox(seed).call("DELETE", `${C}/user/user-0001`);
    expect(seed).toEqual(before);
  });
});
