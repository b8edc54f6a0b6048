/**
 * Incremental reads against the sandbox: changed users (deactivations included), changed
 * groups with their full member lists, and a watermark from the server's timestamps.
 */
import { afterEach, describe, expect, it } from "vitest";
import { recordsOf } from "../../../shared/directory/table.ts";
import { applyChanges } from "../../../edge/okta/index.ts";
import { oktaApp, oktaGroup, oktaSeed, oktaUsers } from "../../support/okta-seed.ts";
import { type ServedSandbox, serveSandbox, sswsClient, virtualClock, withoutTime } from "./fixtures.ts";

let served: ServedSandbox | null = null;
afterEach(async () => {
  await served?.close();
  served = null;
});

function must<T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

describe("readChanges()", () => {
  it("returns what changed since the watermark; applied to the snapshot it equals a fresh read", async () => {
    const users = oktaUsers(420);
    const [g1, g2] = [oktaGroup(), oktaGroup()];
    const seed = oktaSeed({
      users,
      groups: [g1, g2],
      memberships: { [g1.id]: users.slice(0, 300).map((u) => u.id), [g2.id]: [users[5].id] },
    });
    served = await serveSandbox(seed);
    const client = sswsClient(served.url, virtualClock());
    const snap = must(await client.readSnapshot());
    expect(snap.watermark).toBe(seed.users[0].lastUpdated);

    const m = served.sandbox.mutations;
    must(m.lifecycle(users[1].id, "deactivate"));
    must(m.updateProfile(users[2].id, { department: "Security" }));
    must(m.addMember(g1.id, users[400].id));
    must(m.removeMember(g1.id, users[3].id));
    const created = must(
      m.createUser({
        profile: { login: "new.person@example.com", email: "new.person@example.com", firstName: "New", lastName: "Person" },
        activate: true,
      }),
    );
    const g3 = must(m.createGroup({ name: "Night shift" }));
    must(m.addMember(g3.id, created.id));

    const changes = must(await client.readChanges(snap.watermark!, { overlapMs: 0 }));
    // `ge`: the changed users, plus the seed's, stamped exactly at the watermark (re-reading those is harmless).
    const changed = [users[1].id, users[2].id, created.id];
    expect(changes.users.map((u) => u.id)).toEqual(expect.arrayContaining(changed));
    const atWatermark = changes.users.filter((u) => !changed.includes(u.id));
    expect(atWatermark.every((u) => u.lastUpdated === snap.watermark)).toBe(true);
    expect(changes.users.find((u) => u.id === users[1].id)?.status).toBe("DEPROVISIONED");
    // g2 is unchanged but stamped at the watermark, so `ge` lists it again.
    expect(changes.groups.map((g) => g.group.id).sort()).toEqual([g1.id, g2.id, g3.id].sort());
    expect(changes.groups.find((g) => g.group.id === g1.id)?.members).toHaveLength(300);
    expect(Date.parse(changes.watermark)).toBeGreaterThan(Date.parse(snap.watermark!));

    const fresh = must(await client.readDirectory());
    expect(withoutTime(applyChanges(snap.directory, changes))).toEqual(withoutTime(fresh));
    // The default 5-minute overlap re-reads at least as much; applying more than changed is harmless.
    const overlapping = must(await client.readChanges(snap.watermark!));
    expect(Date.parse(overlapping.queriedFrom)).toBe(Date.parse(snap.watermark!) - 5 * 60_000);
    expect(overlapping.users.length).toBeGreaterThanOrEqual(changes.users.length);
    expect(withoutTime(applyChanges(snap.directory, overlapping))).toEqual(withoutTime(fresh));
  });

  it("reports nothing new past the watermark, and the overlap re-reads recent changes harmlessly", async () => {
    const users = oktaUsers(5);
    const g = oktaGroup();
    served = await serveSandbox(oktaSeed({ users, groups: [g], memberships: { [g.id]: [users[0].id] } }));
    const client = sswsClient(served.url, virtualClock());
    const snap = must(await client.readSnapshot());
    must(served.sandbox.mutations.lifecycle(users[4].id, "suspend"));
    const first = must(await client.readChanges(snap.watermark!, { overlapMs: 0 }));
    expect(first.users.map((u) => u.id)).toContain(users[4].id);
    expect(first.users.filter((u) => u.id !== users[4].id).every((u) => u.lastUpdated === snap.watermark)).toBe(true);

    // Past the new watermark only the record stamped exactly at it comes back (`ge`), nothing newer.
    const none = must(await client.readChanges(first.watermark, { overlapMs: 0 }));
    expect(none).toMatchObject({ groups: [], watermark: first.watermark });
    expect(none.users.map((u) => u.id)).toEqual([users[4].id]);
    const again = must(await client.readChanges(first.watermark));
    const once = applyChanges(snap.directory, first);
    expect(recordsOf(applyChanges(once, again)).users).toEqual(recordsOf(once).users);
  });

  it("is refused for an app-scoped client (assignments have no timestamps to follow)", async () => {
    const app = oktaApp();
    served = await serveSandbox(oktaSeed({ users: oktaUsers(2), apps: [app] }));
    const r = await sswsClient(served.url, virtualClock(), { appId: app.id }).readChanges("2024-01-01T00:00:00.000Z");
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe("unsupported");
  });
});
