/**
 * The sync end to end (real edge process, both sandboxes over sockets): from an empty Genea
 * to exactly what the published rules say in one run, then nothing to do; a rule change
 * makes exactly the operations it implies; a dry run writes nothing; the audit can be read,
 * filtered and downloaded; KV stays inside its limits.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROUTES } from "../../../shared/api/routes.ts";
import { decodeDirectory } from "../../../shared/directory/compact.ts";
import type { GeneaState } from "../../../shared/genea/model.ts";
import { applyPlan, plan } from "../../../shared/plan/index.ts";
import { createEngine } from "../../../shared/rules/index.ts";
import { createGeneaClient } from "../../../edge/genea/index.ts";
import { startSyncWorld, type SyncWorld, worldRules } from "../../support/sync-world.ts";
import { stateView } from "../../support/genea-view.ts";

let world: SyncWorld;
beforeAll(async () => {
  world = await startSyncWorld({ users: 300 });
}, 120_000);
afterAll(async () => {
  await world?.close();
});

const readGenea = async (): Promise<GeneaState> => {
  const res = await createGeneaClient({ baseUrl: world.geneaUrl, apiKey: world.org.genea.apiKeys[0] }).readState();
  if (!res.ok) throw new Error(res.error.message);
  return res.value;
};

describe("a full sync into an empty Genea", () => {
  it("refuses a request with an unknown mode", async () => {
    const res = await world.admin.call("POST", ROUTES.syncRuns, { mode: "sideways" });
    expect(res.status).toBe(400);
  });

  it("converges in one run to what the published rules say", async () => {
    const run = await world.sync();
    expect(run.state, run.error ?? "").toBe("done");
    expect(run.trigger).toBe("manual");
    expect(Object.values(run.failed).every((n) => n === 0)).toBe(true);

    // The intent, computed here with the shared engine and planner from the directory the edge serves.
    const bytes = new Uint8Array(
      await (await fetch(`${world.edge.url}${ROUTES.directory}`, {
        headers: { cookie: [...world.admin.cookies].map(([k, v]) => `${k}=${v}`).join("; ") },
      })).arrayBuffer(),
    );
    const directory = decodeDirectory(bytes);
    if (!directory.ok) throw new Error(directory.error.message);
    const outcome = createEngine(directory.value).evaluate(worldRules(world.catalog));
    const empty: GeneaState = { fetchedAt: "", users: [] };
    const intended = applyPlan(empty, plan({ directory: directory.value, outcome, catalog: world.catalog, current: empty }));
    expect(intended.users.length).toBeGreaterThan(150);
    expect(stateView(await readGenea())).toEqual(stateView(intended));
  });

  it("makes zero writes on the next run", async () => {
    world.resetCounters();
    const run = await world.sync();
    expect(run.state, run.error ?? "").toBe("done");
    expect(run.progress.total).toBe(0);
    expect(world.writes()).toBe(0);
  });

  it("keeps every KV value under 64 KiB and every atomic under 1,000 mutations", async () => {
    const lines = world.edge.logs().split("\n").filter((l) => l.includes(" sync.kv "));
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) {
      expect(Number(/largestCommit=(\d+)/.exec(line)![1])).toBeLessThanOrEqual(1000);
      expect(Number(/largestValue=(\d+)/.exec(line)![1])).toBeLessThan(65_536);
    }
    const runs = (await world.admin.call("GET", ROUTES.syncRuns)).body as unknown[];
    for (const r of runs) expect(new TextEncoder().encode(JSON.stringify(r)).length).toBeLessThan(65_536);
  });
});

describe("a rule change", () => {
  it("makes exactly the operations a dry run planned, and a dry run writes nothing", async () => {
    const rules = worldRules(world.catalog);
    const hq = world.catalog.locations[0];
    const parking = world.catalog.accessGroups.find((g) => g.locationUuid === hq.uuid && g.name === "Parking Garage")!.uuid;
    const staff = rules.properties[hq.uuid].rules.find((r) => r.id === "staff")!;
    if (staff.actions.kind === "grant") staff.actions.accessGroupIds.push(parking);
    await world.publish(rules);

    world.resetCounters();
    const dry = await world.sync({ mode: "dry-run" });
    expect(dry.state).toBe("done");
    expect(world.writes()).toBe(0);
    const planned = Object.entries(dry.planned).filter(([, n]) => n > 0);
    expect(planned.map(([k]) => k)).toEqual(["updateLocation"]);
    expect(Object.keys(dry.byProperty)).toEqual([hq.uuid]);
    const entries = (await world.admin.call("GET", `${ROUTES.syncRuns}/${dry.id}/operations?limit=1000`)).body.entries;
    expect(entries.length).toBe(dry.progress.total);
    expect(entries.every((e: { result: string; reason: { ruleId: string } }) => e.result === "planned" && e.reason.ruleId === "staff"))
      .toBe(true);

    world.resetCounters();
    const run = await world.sync();
    expect(run.state).toBe("done");
    expect(run.applied).toEqual(dry.planned);
    expect(world.writes()).toBe(dry.progress.total);
    expect(world.genea.counters.get()["PUT /v2/customer/:customer/user/:user/user_location"]).toBe(dry.progress.total);
  });
});

describe("the audit", () => {
  it("filters a run's operations by result, person and property, and pages through them", async () => {
    const [run] = (await world.admin.call("GET", `${ROUTES.syncRuns}?limit=5`)).body;
    const all = (await world.admin.call("GET", `${ROUTES.syncRuns}/${run.id}/operations?limit=1000`)).body.entries;
    const one = all[3];
    const byUser =
      (await world.admin.call("GET", `${ROUTES.syncRuns}/${run.id}/operations?user=${encodeURIComponent(one.email.toUpperCase())}`)).body
        .entries;
    expect(byUser.map((e: { oktaId: string }) => e.oktaId)).toEqual([one.oktaId]);
    expect((await world.admin.call("GET", `${ROUTES.syncRuns}/${run.id}/operations?result=failed`)).body.entries).toEqual([]);
    const page1 = (await world.admin.call("GET", `${ROUTES.syncRuns}/${run.id}/operations?limit=2`)).body;
    const page2 = (await world.admin.call("GET", `${ROUTES.syncRuns}/${run.id}/operations?limit=2&after=${page1.next}`)).body;
    expect([...page1.entries, ...page2.entries].map((e: { seq: number }) => e.seq)).toEqual(
      all.slice(0, 4).map((e: { seq: number }) => e.seq),
    );
    expect(one).toMatchObject({
      kind: "updateLocation",
      result: "applied",
      propertyName: world.catalog.locations[0].name,
      reason: { ruleName: "Office staff" },
    });
    expect(one.after).toContain("Parking Garage");
  });

  it("downloads a run's operations as CSV", async () => {
    const [run] = (await world.admin.call("GET", `${ROUTES.syncRuns}?limit=1`)).body;
    const res = await world.admin.request(`${ROUTES.syncRuns}/${run.id}/operations.csv`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/text\/csv/);
    const lines = res.text.trim().split("\r\n");
    expect(lines[0]).toBe("at,oktaId,email,geneaUuid,kind,propertyName,before,after,reason,ruleId,result,attempts,error");
    expect(lines.length).toBe(run.entries + 1);
  });

  it("answers a person's history with their ledger link", async () => {
    const [run] = (await world.admin.call("GET", `${ROUTES.syncRuns}?limit=1`)).body;
    const [entry] = (await world.admin.call("GET", `${ROUTES.syncRuns}/${run.id}/operations?limit=1`)).body.entries;
    const history = (await world.admin.call("GET", `${ROUTES.syncUsers}/${entry.oktaId}/history`)).body;
    expect(history.ledger).toMatchObject({ oktaId: entry.oktaId, geneaUuid: entry.geneaUuid, via: "created" });
    expect(history.entries.map((e: { kind: string }) => e.kind)).toContain("createUser");
    expect(history.entries[0].kind).toBe("updateLocation"); // newest first
  });

  it("answers 404 for unknown or malformed run ids", async () => {
    for (const id of ["0b4e5f1c-2a3b-4c5d-8e9f-0a1b2c3d4e5f", "x".repeat(3000), "../status"]) {
      expect((await world.admin.call("GET", `${ROUTES.syncRuns}/${encodeURIComponent(id)}`)).status).toBe(404);
    }
  });
});
