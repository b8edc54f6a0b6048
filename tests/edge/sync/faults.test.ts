/**
 * The sync under a fault matrix: Okta 429 storms, 5xx and dropped connections mid-pagination;
 * Genea refusing a fifth of the writes with a 5xx, losing the answer to others after acting
 * on them, and 409s on creates whose first attempt went through. However it goes, no run
 * removes access it should not, nobody is created twice, nobody gets a second key, and the
 * organisation converges within three runs.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrng } from "../../../edge/sandbox/demo/prng.ts";
import { startSyncWorld, type SyncWorld } from "../../support/sync-world.ts";
import { ROUTES } from "../../../shared/api/routes.ts";

let world: SyncWorld;
beforeAll(async () => {
  // Okta's rate-limit windows shortened to 2 s, so a 429 storm means seconds of waiting, not minutes.
  world = await startSyncWorld({ users: 150, seed: 53, okta: { rateLimitWindowMs: 2000 } });
}, 120_000);
afterAll(async () => {
  await world?.close();
});

const REMOVALS = new Set(["removeLocation", "revokeMobileKey", "deactivateUser"]);

describe("the sync under faults", () => {
  it("converges within three runs, with no wrongful removal, duplicate user or second key", async () => {
    world.okta.faults.set({ seed: 5, rateLimitRate: 0.2, errorRate: 0.1, dropRate: 0.05 });
    const rng = createPrng(99);
    let lost = 0, refused = 0;
    world.intercept.genea = async (req, sandbox) => {
      if (req.method === "GET" || req.url.includes("api_key/verify")) return sandbox(req);
      const roll = rng.next();
      if (roll < 0.2) {
        refused++;
        return Response.json({ meta: { message: "unavailable" }, error: { code: "service_unavailable", message: "injected" } }, {
          status: 503,
        });
      }
      if (roll < 0.3) {
        lost++;
        await sandbox(req); // Genea acted on it; the answer never arrives
        return Response.json({
          meta: { message: "gateway timeout" },
          error: { code: "gateway_timeout", message: "injected after the write" },
        }, { status: 504 });
      }
      return sandbox(req);
    };

    const runs = [];
    for (let i = 0; i < 3; i++) {
      const run = await world.sync();
      runs.push(run);
      if (run.state === "done" && Object.values(run.failed).every((n) => n === 0) && run.progress.total === 0) break;
    }
    world.okta.faults.reset();
    world.intercept.genea = null;
    expect(refused).toBeGreaterThan(10);
    expect(lost).toBeGreaterThan(5);

    // Converged: with the faults gone, a run plans nothing.
    world.resetCounters();
    const check = await world.sync({ mode: "dry-run" });
    expect(check.state).toBe("done");
    expect(check.progress.total, JSON.stringify(check.planned)).toBe(0);
    expect(runs.length).toBeLessThanOrEqual(3);

    const emails = world.genea.state.userList.map((u) => u.email?.toLowerCase());
    expect(new Set(emails).size).toBe(emails.length);
    for (const u of world.genea.state.userList) expect(u.cards.filter((c) => c.type === "MOBILE").length).toBeLessThanOrEqual(1);
    for (const run of runs) {
      const entries = (await world.admin.call("GET", `${ROUTES.syncRuns}/${run.id}/operations?limit=1000`)).body.entries as {
        kind: string;
        result: string;
      }[];
      expect(entries.filter((e) => REMOVALS.has(e.kind) && e.result === "applied")).toEqual([]);
    }
  }, 240_000);
});
