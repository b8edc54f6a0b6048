import { describe, expect, it } from "vitest";
import { createOktaSandbox } from "../../../../edge/sandbox/okta/index.ts";
import { oktaGroup, oktaSeed, oktaUser } from "../../../support/okta-seed.ts";
import { getJson, links } from "./requests.ts";

const T0 = Date.parse("2024-06-01T12:00:00.000Z");

function setup() {
  const users = [oktaUser(), oktaUser()];
  const group = oktaGroup();
  let clock = T0;
  const sandbox = createOktaSandbox(oktaSeed({ users, groups: [group] }), { now: () => clock });
  const tick = (ms: number) => (clock += ms);
  return { sandbox, users, group, tick };
}

type Event = { uuid: string; eventType: string; published: string; target: { id: string }[] };
const types = (body: unknown) => (body as Event[]).map((e) => e.eventType);

describe("GET /api/v1/logs (polling)", () => {
  it("returns every event in order and always a next link, even on an empty page", async () => {
    const { sandbox, users, group, tick } = setup();
    sandbox.mutations.addMember(group.id, users[0].id);
    tick(1000);
    sandbox.mutations.lifecycle(users[1].id, "suspend");
    const first = await getJson(sandbox.app, `/api/v1/logs?since=${new Date(T0 - 1000).toISOString()}`);
    expect(types(first.body)).toEqual(["group.user_membership.add", "user.lifecycle.suspend"]);
    const next = links(first.res).next;
    expect(new URL(next).searchParams.get("since")).toBeNull();
    const empty = await getJson(sandbox.app, next);
    expect(empty.body).toEqual([]);
    expect(links(empty.res).next).toBe(next);
    tick(1000);
    sandbox.mutations.lifecycle(users[1].id, "unsuspend");
    expect(types((await getJson(sandbox.app, next)).body)).toEqual(["user.lifecycle.unsuspend"]);
  });

  it("pages by limit without skipping or repeating events", async () => {
    const { sandbox, users } = setup();
    for (let i = 0; i < 5; i++) sandbox.mutations.updateProfile(users[0].id, { city: `City ${i}` });
    const seen: string[] = [];
    let url = "/api/v1/logs?limit=2";
    for (let i = 0; i < 4; i++) {
      const { res, body } = await getJson(sandbox.app, url);
      seen.push(...(body as Event[]).map((e) => e.uuid));
      url = links(res).next;
    }
    expect(seen).toEqual(sandbox.logs.events.map((e) => e.event.uuid));
  });

  it("filters by eventType and target", async () => {
    const { sandbox, users, group } = setup();
    sandbox.mutations.addMember(group.id, users[0].id);
    sandbox.mutations.addMember(group.id, users[1].id);
    sandbox.mutations.lifecycle(users[1].id, "suspend");
    const q = (f: string) => getJson(sandbox.app, `/api/v1/logs?filter=${encodeURIComponent(f)}`);
    expect(types((await q('eventType sw "group.user_membership"')).body)).toEqual([
      "group.user_membership.add",
      "group.user_membership.add",
    ]);
    expect(types((await q(`target.id eq "${users[1].id}"`)).body)).toEqual(["group.user_membership.add", "user.lifecycle.suspend"]);
    expect(types((await q('eventType eq "user.lifecycle.suspend" or eventType eq "user.lifecycle.deactivate"')).body)).toEqual([
      "user.lifecycle.suspend",
    ]);
    expect(types((await q('not (eventType sw "group")')).body)).toEqual(["user.lifecycle.suspend"]);
  });

  it("writes LogEvents in Okta's shape", async () => {
    const { sandbox, users, group } = setup();
    sandbox.mutations.addMember(group.id, users[0].id);
    const [event] = (await getJson(sandbox.app, "/api/v1/logs")).body as Record<string, unknown>[];
    expect(event).toMatchObject({
      eventType: "group.user_membership.add",
      published: new Date(T0).toISOString(),
      version: "0",
      severity: "INFO",
      displayMessage: "Add user to group membership",
      actor: { type: "User" },
      outcome: { result: "SUCCESS", reason: null },
      target: [{ type: "User", id: users[0].id }, { type: "UserGroup", id: group.id }],
      transaction: { type: "WEB" },
    });
    expect(event.uuid).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe("GET /api/v1/logs (bounded)", () => {
  it("returns events in [since, until) and no next link on the last page", async () => {
    const { sandbox, users, tick } = setup();
    sandbox.mutations.lifecycle(users[0].id, "suspend");
    tick(10_000);
    sandbox.mutations.lifecycle(users[0].id, "unsuspend");
    tick(10_000);
    sandbox.mutations.lifecycle(users[0].id, "deactivate");
    const since = new Date(T0 + 5000).toISOString();
    const until = new Date(T0 + 15_000).toISOString();
    const { res, body } = await getJson(sandbox.app, `/api/v1/logs?since=${since}&until=${until}`);
    expect(types(body)).toEqual(["user.lifecycle.unsuspend"]);
    expect(links(res).next).toBeUndefined();
  });
});

describe("GET /api/v1/logs errors", () => {
  it.each([
    { name: "since older than 180 days", query: `since=${new Date(T0 - 181 * 86_400_000).toISOString()}`, code: "E0000053" },
    { name: "published in a filter", query: `filter=${encodeURIComponent('published gt "2024-01-01T00:00:00.000Z"')}`, code: "E0000031" },
    { name: "a malformed filter", query: `filter=${encodeURIComponent("eventType eq")}`, code: "E0000031" },
    { name: "limit above 1000", query: "limit=5000", code: undefined },
    { name: "after together with since", query: `after=1_1&since=${new Date(T0).toISOString()}`, code: "E0000001" },
  ])("handles $name", async ({ query, code }) => {
    const { sandbox } = setup();
    const { status, body } = await getJson(sandbox.app, `/api/v1/logs?${query}`);
    if (code === undefined) return expect(status).toBe(200);
    expect(status).toBe(400);
    expect(body).toMatchObject({ errorCode: code });
  });
});
