import { afterEach, describe, expect, it } from "vitest";
import { createOktaSandbox } from "../../../../edge/sandbox/okta/index.ts";
import { listen, type RunningServer } from "../../../support/http-server.ts";
import { oktaGroup, oktaSeed, oktaUser } from "../../../support/okta-seed.ts";
import { getJson, postJson } from "./requests.ts";

interface Received {
  method: string;
  headers: Headers;
  body: string;
}

/** A hook receiver on a real socket: echoes verification challenges, answers POSTs from `replies`. */
async function receiver(options: { replies?: number[]; echo?: "right" | "wrong"; delayMs?: number } = {}) {
  const got: Received[] = [];
  const replies = [...(options.replies ?? [])];
  const server = await listen(async (req) => {
    got.push({ method: req.method, headers: req.headers, body: await req.text() });
    if (options.delayMs && req.method === "POST") await new Promise((r) => setTimeout(r, options.delayMs));
    if (req.method === "GET") {
      const challenge = req.headers.get("x-okta-verification-challenge");
      return Response.json({ verification: options.echo === "wrong" ? "nope" : challenge });
    }
    return new Response(null, { status: replies.shift() ?? 200 });
  });
  servers.push(server);
  return { server, got, posts: () => got.filter((r) => r.method === "POST") };
}

const servers: RunningServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

const user = oktaUser({ profile: { firstName: "Ada", lastName: "Lovelace", login: "ada@example.com" } });
const group = oktaGroup({ profile: { name: "Engineering" } });

function setup(options: Parameters<typeof createOktaSandbox>[1] = {}) {
  return createOktaSandbox(oktaSeed({ users: [user], groups: [group] }), options);
}

const hookBody = (uri: string, items = ["group.user_membership.add", "group.user_membership.remove", "user.lifecycle.suspend"]) => ({
  name: "doorsync",
  events: { type: "EVENT_TYPE", items },
  channel: {
    type: "HTTP",
    version: "1.0.0",
    config: {
      uri,
      headers: [{ key: "X-Other-Header", value: "other" }],
      authScheme: { type: "HEADER", key: "Authorization", value: "shared-secret" },
    },
  },
});

async function createHook(sandbox: ReturnType<typeof setup>, uri: string, items?: string[]) {
  const res = await postJson(sandbox.app, "/api/v1/eventHooks", hookBody(uri, items));
  expect(res.status).toBe(200);
  return (await res.json()) as { id: string; status: string; verificationStatus: string };
}
const verify = (sandbox: ReturnType<typeof setup>, id: string) =>
  sandbox.app.request(`/api/v1/eventHooks/${id}/lifecycle/verify`, {
    method: "POST",
    headers: { Authorization: "SSWS 00-test-ssws-token" },
  });

describe("/api/v1/eventHooks", () => {
  it("creates an ACTIVE, UNVERIFIED hook and never returns the secret", async () => {
    const sandbox = setup();
    const hook = await createHook(sandbox, "http://127.0.0.1:9/hooks");
    expect(hook).toMatchObject({
      status: "ACTIVE",
      verificationStatus: "UNVERIFIED",
      channel: { config: { method: "POST", authScheme: { type: "HEADER", key: "Authorization" } } },
    });
    expect(hook.id).toMatch(/^who\w{17}$/);
    expect(JSON.stringify(hook)).not.toContain("shared-secret");
    expect(JSON.stringify((await getJson(sandbox.app, "/api/v1/eventHooks")).body)).not.toContain("shared-secret");
  });

  it.each([
    { name: "a plain-http remote URI", body: hookBody("http://example.com/hooks") },
    { name: "an ineligible event type", body: hookBody("https://example.com/hooks", ["user.account.update_primary_email"]) },
    { name: "no event types", body: hookBody("https://example.com/hooks", []) },
    { name: "a missing channel", body: { name: "x", events: { type: "EVENT_TYPE", items: ["user.lifecycle.create"] } } },
  ])("refuses $name with 400 E0000001", async ({ body }) => {
    const res = await postJson(setup().app, "/api/v1/eventHooks", body);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ errorCode: "E0000001" });
  });

  it("updates, deactivates, then deletes a hook", async () => {
    const sandbox = setup();
    const hook = await createHook(sandbox, "https://example.com/hooks");
    const updated = await postJson(sandbox.app, `/api/v1/eventHooks/${hook.id}`, {
      ...hookBody("https://example.com/hooks"),
      name: "renamed",
    }, "PUT");
    expect(await updated.json()).toMatchObject({ name: "renamed" });
    expect(
      (await sandbox.app.request(`/api/v1/eventHooks/${hook.id}`, {
        method: "DELETE",
        headers: { Authorization: "SSWS 00-test-ssws-token" },
      })).status,
    ).toBe(400);
    const off = await postJson(sandbox.app, `/api/v1/eventHooks/${hook.id}/lifecycle/deactivate`, {});
    expect(await off.json()).toMatchObject({ status: "INACTIVE" });
    expect(
      (await sandbox.app.request(`/api/v1/eventHooks/${hook.id}`, {
        method: "DELETE",
        headers: { Authorization: "SSWS 00-test-ssws-token" },
      })).status,
    ).toBe(204);
    expect((await getJson(sandbox.app, `/api/v1/eventHooks/${hook.id}`)).status).toBe(404);
  });
});

describe("event hook verification", () => {
  it("sends a GET with a challenge and marks the hook VERIFIED when it is echoed", async () => {
    const { server, got } = await receiver();
    const sandbox = setup();
    const hook = await createHook(sandbox, `${server.url}/api/hooks/okta`);
    const res = await verify(sandbox, hook.id);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ verificationStatus: "VERIFIED" });
    expect(got).toHaveLength(1);
    expect(got[0].method).toBe("GET");
    expect(got[0].headers.get("x-okta-verification-challenge")).toMatch(/.{16,}/);
    expect(got[0].headers.get("authorization")).toBe("shared-secret");
  });

  it("tries twice, then answers 400 and leaves the hook UNVERIFIED", async () => {
    const { server, got } = await receiver({ echo: "wrong" });
    const sandbox = setup();
    const hook = await createHook(sandbox, `${server.url}/hooks`);
    const res = await verify(sandbox, hook.id);
    expect(res.status).toBe(400);
    expect(got).toHaveLength(2);
    expect((await getJson(sandbox.app, `/api/v1/eventHooks/${hook.id}`)).body).toMatchObject({ verificationStatus: "UNVERIFIED" });
  });
});

describe("event hook delivery", () => {
  async function verifiedHook(options: Parameters<typeof receiver>[0] = {}, sandboxOptions: Parameters<typeof setup>[0] = {}) {
    const r = await receiver(options);
    const sandbox = setup(sandboxOptions);
    const hook = await createHook(sandbox, `${r.server.url}/api/hooks/okta`);
    expect((await verify(sandbox, hook.id)).status).toBe(200);
    return { ...r, sandbox, hook };
  }

  it("POSTs subscribed events in one envelope with the configured headers", async () => {
    const { sandbox, posts, hook } = await verifiedHook();
    sandbox.mutations.addMember(group.id, user.id);
    sandbox.mutations.lifecycle(user.id, "suspend");
    sandbox.mutations.updateProfile(user.id, { city: "London" }); // not subscribed
    await sandbox.flushHooks();
    expect(posts()).toHaveLength(1);
    const [post] = posts();
    expect(post.headers.get("authorization")).toBe("shared-secret");
    expect(post.headers.get("x-other-header")).toBe("other");
    expect(post.headers.get("content-type")).toBe("application/json");
    const envelope = JSON.parse(post.body);
    expect(envelope).toMatchObject({
      eventType: "com.okta.event_hook",
      eventTypeVersion: "1.0",
      cloudEventsVersion: "0.1",
      source: `https://test.okta.com/api/v1/eventHooks/${hook.id}`,
      contentType: "application/json",
    });
    expect(envelope.data.events.map((e: { eventType: string }) => e.eventType)).toEqual([
      "group.user_membership.add",
      "user.lifecycle.suspend",
    ]);
    expect(envelope.data.events[0].target).toMatchObject([{ type: "User", id: user.id }, { type: "UserGroup", id: group.id }]);
  });

  it("retries once on a 5xx with the same envelope", async () => {
    const { sandbox, posts } = await verifiedHook({ replies: [503, 200] });
    sandbox.mutations.addMember(group.id, user.id);
    await sandbox.flushHooks();
    expect(posts()).toHaveLength(2);
    expect(JSON.parse(posts()[1].body).eventId).toBe(JSON.parse(posts()[0].body).eventId);
    expect(sandbox.hooks.deliveries.map((d) => d.outcome)).toEqual([503, 200]);
  });

  it("gives up after the retry and logs event_hook.delivery", async () => {
    const { sandbox, posts } = await verifiedHook({ replies: [500, 500, 500] });
    sandbox.mutations.addMember(group.id, user.id);
    await sandbox.flushHooks();
    expect(posts()).toHaveLength(2);
    expect(sandbox.logs.events.at(-1)!.event).toMatchObject({ eventType: "event_hook.delivery", outcome: { result: "FAILURE" } });
  });

  it("does not retry a 4xx", async () => {
    const { sandbox, posts } = await verifiedHook({ replies: [400, 200] });
    sandbox.mutations.addMember(group.id, user.id);
    await sandbox.flushHooks();
    expect(posts()).toHaveLength(1);
    expect(sandbox.logs.events.at(-1)!.event.eventType).toBe("event_hook.delivery");
  });

  it("retries once after a timeout", async () => {
    const { sandbox, posts } = await verifiedHook({ delayMs: 200 }, { hookTimeoutMs: 50 });
    sandbox.mutations.addMember(group.id, user.id);
    await sandbox.flushHooks();
    expect(sandbox.hooks.deliveries.map((d) => d.outcome)).toEqual(["timeout", "timeout"]);
    expect(posts()).toHaveLength(2);
  });

  it("delivers on its own, without flushHooks()", async () => {
    const { sandbox, got } = await verifiedHook();
    const arrived = new Promise<void>((resolve) => {
      const check = setInterval(() => {
        if (got.some((r) => r.method === "POST")) {
          clearInterval(check);
          resolve();
        }
      }, 5);
    });
    sandbox.mutations.lifecycle(user.id, "suspend");
    await arrived;
    expect(JSON.parse(got.find((r) => r.method === "POST")!.body).data.events[0].eventType).toBe("user.lifecycle.suspend");
  });

  it("delivers when POST /sandbox/hooks/flush is called", async () => {
    const { sandbox, posts } = await verifiedHook({}, { hookBatchMs: 60_000 });
    sandbox.mutations.addMember(group.id, user.id);
    expect(posts()).toEqual([]);
    expect((await sandbox.app.request("/sandbox/hooks/flush", { method: "POST" })).status).toBe(204);
    expect(posts()).toHaveLength(1);
  });

  it("sends nothing to unverified or inactive hooks", async () => {
    const { server, posts } = await receiver();
    const sandbox = setup();
    await createHook(sandbox, `${server.url}/unverified`);
    const inactive = await createHook(sandbox, `${server.url}/inactive`);
    await verify(sandbox, inactive.id);
    await postJson(sandbox.app, `/api/v1/eventHooks/${inactive.id}/lifecycle/deactivate`, {});
    sandbox.mutations.addMember(group.id, user.id);
    await sandbox.flushHooks();
    expect(posts()).toEqual([]);
  });

  it("delivers through an injected hookFetch", async () => {
    const calls: string[] = [];
    const hookFetch: typeof fetch = async (input, init) => {
      calls.push(`${init?.method} ${String(input)}`);
      if (init?.method === "GET") {
        const challenge = new Headers(init.headers).get("x-okta-verification-challenge");
        return Response.json({ verification: challenge });
      }
      return new Response(null, { status: 204 });
    };
    const sandbox = setup({ hookFetch });
    const hook = await createHook(sandbox, "https://receiver.example.com/hooks");
    await verify(sandbox, hook.id);
    sandbox.mutations.lifecycle(user.id, "suspend");
    await sandbox.flushHooks();
    expect(calls).toEqual(["GET https://receiver.example.com/hooks", "POST https://receiver.example.com/hooks"]);
  });
});

describe("event hook chaos", () => {
  async function chaotic(hookChaos: NonNullable<Parameters<typeof setup>[0]>["hookChaos"]) {
    const envelopes: { eventId: string; data: { events: { uuid: string }[] } }[] = [];
    const hookFetch: typeof fetch = async (_input, init) => {
      if (init?.method === "GET") return Response.json({ verification: new Headers(init.headers).get("x-okta-verification-challenge") });
      envelopes.push(JSON.parse(String(init?.body)));
      return new Response(null, { status: 200 });
    };
    const users = Array.from({ length: 8 }, () => oktaUser());
    const sandbox = createOktaSandbox(oktaSeed({ users, groups: [group] }), { hookFetch, hookChaos, hookBatchMs: 60_000 });
    const hook = await createHook(sandbox, "https://receiver.example.com/hooks");
    await verify(sandbox, hook.id);
    for (const u of users) sandbox.mutations.addMember(group.id, u.id);
    await sandbox.flushHooks();
    const logged = sandbox.logs.events.map((e) => e.event.uuid);
    return { envelopes, logged };
  }

  it("sends every envelope twice at duplicateRate 1, with the same eventId", async () => {
    const { envelopes } = await chaotic({ duplicateRate: 1 });
    expect(envelopes).toHaveLength(2);
    expect(envelopes[1]).toEqual(envelopes[0]);
  });

  it("reorders events but loses none", async () => {
    const { envelopes, logged } = await chaotic({ reorder: true, seed: 4 });
    const sent = envelopes.flatMap((e) => e.data.events.map((x) => x.uuid));
    expect(sent).not.toEqual(logged);
    expect([...sent].sort()).toEqual([...logged].sort());
  });
});
