/**
 * Never act on missing data: an Okta read that fails, loops, drops connections for good or
 * comes back much smaller than the last complete one stops the run before any Genea write.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { ROUTES } from "../../../shared/api/routes.ts";
import { droppedResponse } from "../../../edge/sandbox/faults.ts";
import { startSyncedWorld, type SyncWorld } from "../../support/sync-world.ts";

let world: SyncWorld;
beforeAll(async () => {
  world = await startSyncedWorld({ users: 250, seed: 31 });
}, 120_000);
afterAll(async () => {
  await world?.close();
});
afterEach(() => {
  world.intercept.okta = null;
  world.okta.faults.reset();
});

const isUserList = (req: Request) => new URL(req.url).pathname === "/api/v1/users";

describe("a bad Okta read writes nothing to Genea", () => {
  it.each([
    ["every request fails with a 5xx", () => world.okta.faults.set({ errorRate: 1 }), /Reading Okta failed/],
    [
      "a page's next link points back at an earlier page (a pagination loop)",
      () => {
        world.intercept.okta = async (req, sandbox) => {
          const res = await sandbox(req);
          if (!isUserList(req) || !new URL(req.url).searchParams.has("after")) return res;
          const first = new URL(req.url);
          first.searchParams.delete("after");
          const headers = new Headers(res.headers);
          headers.set("link", `<${first.href}>; rel="next"`);
          return new Response(res.body, { status: res.status, headers });
        };
      },
      /round in a circle/,
    ],
    [
      "group member pages drop their connection every time",
      () => {
        world.intercept.okta = (
          req,
          sandbox,
        ) => (/\/api\/v1\/groups\/[^/]+\/users/.test(new URL(req.url).pathname) ? droppedResponse() : sandbox(req));
      },
      /Reading Okta failed/,
    ],
  ])("when %s", async (_, arrange, message) => {
    arrange();
    world.resetCounters();
    const run = await world.sync();
    expect(run.state).toBe("failed");
    expect(run.error).toMatch(message);
    expect(world.writes()).toBe(0);
  }, 120_000);

  it("when the user list comes back a third smaller than last time: the run waits for approval", async () => {
    // A third of the people missing from every list they appear in (users and group members).
    const hidden = new Set(world.org.okta.users.filter((_, i) => i % 3 === 0).map((u) => u.id));
    world.intercept.okta = async (req, sandbox) => {
      const res = await sandbox(req);
      const lists = isUserList(req) || /\/api\/v1\/groups\/[^/]+\/users$/.test(new URL(req.url).pathname);
      if (!lists || res.status !== 200) return res;
      const users = (await res.json()) as { id: string }[];
      return new Response(JSON.stringify(users.filter((u) => !hidden.has(u.id))), { status: 200, headers: res.headers });
    };
    world.resetCounters();
    const run = await world.sync();
    expect(run.state).toBe("awaiting-approval");
    expect(run.brake).toMatchObject({ kind: "read-shrink", collection: "users" });
    expect(run.brake?.kind === "read-shrink" && run.brake.after).toBeLessThan(run.brake?.kind === "read-shrink" ? run.brake.before : 0);
    expect(world.writes()).toBe(0);

    // Approving accepts the smaller read, but the removals it implies still face the brake.
    const approved = await world.admin.call("POST", `${ROUTES.syncRuns}/${run.id}/approve`);
    expect(approved.status).toBe(202);
    const next = await world.waitFor(approved.body.next.id);
    expect(next.trigger).toBe("approval");
    expect(next.state).toBe("awaiting-approval");
    expect(next.brake?.kind).toBe("removals");
    expect(world.writes()).toBe(0);
    expect((await world.admin.call("POST", `${ROUTES.syncRuns}/${next.id}/reject`)).status).toBe(200);
  });

  it("and once Okta answers in full again, the sync finds nothing to do", async () => {
    world.resetCounters();
    const run = await world.sync();
    expect(run.state).toBe("done");
    expect(world.writes()).toBe(0);
  });
});
