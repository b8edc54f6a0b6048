/**
 * Who is who: the identity ledger over real runs. An email change updates the Genea user
 * (never a second one); a leaver is revoked and deactivated; a user hard-deleted from Okta
 * loses everything and is deactivated once Okta confirms it; a re-hire relinks the old
 * Genea user; a manual Genea user is never touched.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROUTES } from "../../../shared/api/routes.ts";
import type { GeneaUserRecord } from "../../../edge/sandbox/demo/types.ts";
import { startSyncedWorld, type SyncWorld } from "../../support/sync-world.ts";

let world: SyncWorld;
const geneaByEmail = (email: string): GeneaUserRecord[] =>
  world.genea.state.userList.filter((u) => u.email?.toLowerCase() === email.toLowerCase());
/** An ACTIVE Okta engineer at an office (mobile key, two access groups) with an email, by position. */
const engineer = (n: number) => {
  const offices = new Set(world.catalog.locations.map((l) => l.name));
  return world.org.okta.users.filter((u) =>
    u.status === "ACTIVE" && u.profile.department === "Engineering" && u.profile.email && offices.has(u.profile.office ?? "")
  )[n];
};
const okta = async (method: string, path: string, body?: unknown) => {
  const res = await world.oktaSandbox(method, path, body);
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return res.status === 204 ? null : res.json();
};

beforeAll(async () => {
  world = await startSyncedWorld({ users: 250, seed: 23 });
}, 120_000);
afterAll(async () => {
  await world?.close();
});

describe("identity over runs", () => {
  it("updates the same Genea user when an Okta email changes", async () => {
    const u = engineer(0);
    const [before] = geneaByEmail(u.profile.email!);
    const users = world.genea.state.userList.length;
    await okta("POST", `/sandbox/users/${u.id}/profile`, { profile: { email: "renamed.engineer@example.com" } });
    const run = await world.sync();
    expect(run.state).toBe("done");
    expect(run.planned.createUser).toBe(0);
    expect(geneaByEmail("renamed.engineer@example.com").map((g) => g.uuid)).toEqual([before.uuid]);
    expect(world.genea.state.userList.length).toBe(users);
  });

  it("revokes and deactivates a leaver (DEPROVISIONED in Okta)", async () => {
    const u = engineer(1);
    await okta("POST", `/sandbox/users/${u.id}/lifecycle/deactivate`);
    const run = await world.sync();
    expect(run.state).toBe("done");
    const [g] = geneaByEmail(u.profile.email!);
    expect(g).toMatchObject({ user_locations: [], cards: [] });
    expect(g.deleted_at).not.toBeNull();
    const history = (await world.admin.call("GET", `${ROUTES.syncUsers}/${u.id}/history`)).body;
    expect(history.entries[0]).toMatchObject({ kind: "deactivateUser", result: "applied", reason: { status: "DEPROVISIONED" } });
  });

  let deleted: { id: string; email: string; uuid: string };
  it("takes everything from a user hard-deleted in Okta, and deactivates them once Okta answers 404", async () => {
    const u = engineer(2);
    const [g] = geneaByEmail(u.profile.email!);
    expect(g.user_locations.length).toBeGreaterThan(0);
    await okta("POST", `/sandbox/users/${u.id}/lifecycle/deactivate`);
    await okta("DELETE", `/sandbox/users/${u.id}`);
    const run = await world.sync();
    expect(run.state, run.error ?? "").toBe("done");
    expect(g.deleted_at).not.toBeNull();
    expect(g.user_locations).toEqual([]);
    const entries = (await world.admin.call("GET", `${ROUTES.syncRuns}/${run.id}/operations?user=${u.id}`)).body.entries;
    expect(entries.map((e: { kind: string }) => e.kind)).toContain("deactivateUser");
    expect(entries.every((e: { reason: { kind: string; status: string } }) => e.reason.kind === "absent" && e.reason.status === "deleted"))
      .toBe(true);
    deleted = { id: u.id, email: u.profile.email!, uuid: g.uuid };
  });

  it("relinks a re-hire (new Okta id, same email) to the deactivated Genea user instead of creating a second", async () => {
    const created = await okta("POST", "/sandbox/users", {
      profile: {
        login: deleted.email,
        email: deleted.email,
        firstName: "Back",
        lastName: "Again",
        department: "Engineering",
        office: world.catalog.locations[0].name,
      },
    });
    expect(created.id).not.toBe(deleted.id);
    const run = await world.sync();
    expect(run.state, run.error ?? "").toBe("done");
    expect(run.planned.createUser).toBe(0);
    const same = geneaByEmail(deleted.email);
    expect(same.map((g) => g.uuid)).toEqual([deleted.uuid]);
    expect(same[0].deleted_at).toBeNull();
    expect(same[0].user_locations.length).toBeGreaterThan(0);
    const history = (await world.admin.call("GET", `${ROUTES.syncUsers}/${created.id}/history`)).body;
    expect(history.ledger).toMatchObject({ geneaUuid: deleted.uuid, via: "relinked" });
  });

  it("never touches a Genea user doorsync did not create or link", async () => {
    const hq = world.catalog.locations[0];
    const lobby = world.catalog.accessGroups.find((g) => g.locationUuid === hq.uuid && g.name === "Lobby")!.uuid;
    const admin = world.catalog.roles.find((r) => r.name === "Admin")!.uuid;
    const res = await fetch(`${world.geneaUrl}/v2/customer/${world.org.genea.customer.uuid}/user`, {
      method: "POST",
      headers: { authorization: `Bearer ${world.org.genea.apiKeys[0]}`, "content-type": "application/json" },
      body: JSON.stringify({
        name: "Front desk visitor",
        email: "visitor@elsewhere.example",
        user_locations: [{ location_uuid: hq.uuid, role_uuid: admin, access_group_uuids: [lobby] }],
      }),
    });
    expect(res.status).toBe(201);
    const [visitor] = geneaByEmail("visitor@elsewhere.example");
    const snapshot = JSON.stringify(visitor);
    for (let i = 0; i < 2; i++) expect((await world.sync()).state).toBe("done");
    expect(JSON.stringify(visitor)).toBe(snapshot);
  });

  it("ends converged: the next run writes nothing", async () => {
    world.resetCounters();
    const run = await world.sync();
    expect(run.progress.total).toBe(0);
    expect(world.writes()).toBe(0);
  });
});
