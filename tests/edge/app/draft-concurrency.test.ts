/**
 * The shared draft under concurrent saves, over HTTP against the real edge process: every
 * save names the revision it edited, exactly one of several saves against one revision wins,
 * the others hear 409 `draft-conflict` naming who saved, and the draft always reads back as
 * one of the saved rule sets (never a 500, never chunks that were collected).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as v from "valibot";
import { ROUTES } from "../../../shared/api/routes.ts";
import { DraftConflictSchema, DraftSchema } from "../../../shared/api/schemas.ts";
import type { Rule, RuleSet } from "../../../shared/rules/model.ts";
import { canonicalJson } from "../../../shared/canonical-json.ts";
import { type EdgeClient, type EdgeProcess, runDenoEval, startEdge } from "../../support/edge-process.ts";

const PASSWORD = "quartz-lantern-meadow-7";
const ROUNDS = 100;
let edge: EdgeProcess;
let tabs: EdgeClient[];

/** A rule set named `tag`; `rules` long-named rules make it span several 60 kB chunks. */
function ruleSet(tag: string, rules: number): RuleSet {
  const list: Rule[] = Array.from({ length: rules }, (_, i) => ({
    id: `r${i}`,
    name: `${tag} ${i} ${"x".repeat(150)}`,
    enabled: true,
    match: "all",
    conditions: [{ kind: "attribute", attribute: "department", op: "equals", value: `${tag}-${"d".repeat(300)}` }],
    actions: { kind: "exclude" },
  }));
  return {
    schemaVersion: 1,
    settings: { suspended: "deny" },
    properties: { "loc-a": { rules: list }, "loc-b": { rules: list.slice(0, 3) } },
  };
}

beforeAll(async () => {
  edge = await startEdge({ env: { DOORSYNC_DEMO: "0" } });
  const first = edge.client();
  await first.call("POST", ROUTES.setup, { username: "admin", password: PASSWORD });
  tabs = [first, edge.client(), edge.client()];
  for (const tab of tabs.slice(1)) await tab.call("POST", ROUTES.signIn, { username: "admin", password: PASSWORD });
}, 120_000);
afterAll(async () => {
  await edge?.stop();
});

describe("PUT /api/rules/draft", () => {
  it("starts at revision 0 and counts every save", async () => {
    const empty = v.parse(DraftSchema, (await tabs[0].call("GET", ROUTES.draft)).body);
    expect(empty.revision).toBe(0);
    const saved = await tabs[0].call("PUT", ROUTES.draft, { ruleSet: ruleSet("first", 2), baseVersion: 0, revision: 0 });
    expect(saved.status).toBe(200);
    expect(v.parse(DraftSchema, saved.body)).toMatchObject({ revision: 1, updatedBy: "admin" });
  });

  it("refuses a save naming a stale revision with 409 draft-conflict, saying who saved and when", async () => {
    const res = await tabs[1].call("PUT", ROUTES.draft, { ruleSet: ruleSet("stale", 1), baseVersion: 0, revision: 0 });
    expect(res.status).toBe(409);
    const { error } = v.parse(DraftConflictSchema, res.body);
    expect(error).toMatchObject({ code: "draft-conflict", revision: 1, updatedBy: "admin" });
    expect(error.message).toMatch(/^admin saved the draft at .+ \(revision 1\) after you loaded it/);
    expect((await tabs[1].call("GET", ROUTES.draft)).body.ruleSet).toEqual(ruleSet("first", 2));
  });

  it.each([
    ["no revision", {}],
    ["a fractional revision", { revision: 0.5 }],
    ["a revision beyond a safe integer", { revision: 1e300 }],
  ])("refuses a save with %s (400 naming the field)", async (_, extra) => {
    const res = await tabs[0].call("PUT", ROUTES.draft, { ruleSet: ruleSet("none", 1), baseVersion: 0, ...extra });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/revision/);
  });

  it(`keeps the draft readable through ${ROUNDS} rounds of concurrent saves`, async () => {
    const statuses = new Map<number, number>();
    const count = (s: number) => statuses.set(s, (statuses.get(s) ?? 0) + 1);
    let previous = canonicalJson(ruleSet("first", 2));
    for (let round = 0; round < ROUNDS; round++) {
      const { revision } = v.parse(DraftSchema, (await tabs[0].call("GET", ROUTES.draft)).body);
      // Two new rule sets and the previous content again (the collected-then-rewritten case),
      // small and several chunks large, all against the same revision, with a read among them.
      const sets = [
        ruleSet(`a${round}`, round % 3 === 0 ? 200 : 2),
        ruleSet(`b${round}`, round % 2 === 0 ? 150 : 1),
        JSON.parse(previous) as RuleSet,
      ];
      const [read, ...answers] = await Promise.all([
        tabs[2].call("GET", ROUTES.draft),
        ...sets.map((ruleSet, i) => tabs[i].call("PUT", ROUTES.draft, { ruleSet, baseVersion: 0, revision })),
      ]);
      answers.forEach((a) => count(a.status));
      expect(read.status).toBe(200);
      expect([previous, ...sets.map(canonicalJson)]).toContain(canonicalJson(read.body.ruleSet));
      const winners = answers.filter((a) => a.status === 200);
      expect(winners.length).toBe(1);
      for (const loser of answers.filter((a) => a.status !== 200)) {
        expect(loser.status).toBe(409);
        expect(loser.body.error).toMatchObject({ code: "draft-conflict", revision: revision + 1 });
      }
      const after = await tabs[round % 3].call("GET", ROUTES.draft);
      expect(after.status).toBe(200);
      expect(v.parse(DraftSchema, after.body)).toMatchObject({ revision: revision + 1, ruleSet: winners[0].body.ruleSet });
      previous = canonicalJson(after.body.ruleSet);
    }
    expect(statuses.get(200)).toBe(ROUNDS);
    expect(statuses.get(409)).toBe(2 * ROUNDS);
    expect(edge.logs()).not.toMatch(/internal error/);
  }, 240_000);

  it("lets the loser keep theirs by saving against the newer revision", async () => {
    const current = v.parse(DraftSchema, (await tabs[0].call("GET", ROUTES.draft)).body);
    const mine = ruleSet("mine", 1);
    const res = await tabs[1].call("PUT", ROUTES.draft, { ruleSet: mine, baseVersion: 0, revision: current.revision });
    expect(res.status).toBe(200);
    expect((await tabs[0].call("GET", ROUTES.draft)).body.ruleSet).toEqual(mine);
  });

  it("leaves only the chunks the draft names (the rest were collected)", async () => {
    await edge.stop({ keepDir: true });
    const out = runDenoEval(`
      const kv = await Deno.openKv(${JSON.stringify(edge.env.DOORSYNC_KV_PATH)});
      const hashes = new Set();
      for await (const e of kv.list({ prefix: ["rules", "draft-chunk"] })) hashes.add(e.key[2]);
      const pointer = (await kv.get(["rules", "draft"])).value;
      console.log(JSON.stringify({ hashes: [...hashes], pointer: pointer.hash }));
      kv.close();`);
    const { hashes, pointer } = JSON.parse(out);
    expect(hashes).toEqual([pointer]);
  });
});
