/**
 * Rule sets anyone can hand an admin (a share link, a pasted draft), over HTTP against the
 * real edge process with the demo organisation's directory loaded:
 * - a `matches` pattern shaped to make backtracking engines explode (the 41-character chain
 *   of optionals that once held the edge for minutes) is saved, imported and published, and
 *   publishing evaluates it for every user, while the edge keeps answering health checks; a
 *   shape the safety check refuses blocks publication with a message naming its path;
 * - a property id an object cannot hold (`__proto__`, …) is refused, the path named, not
 *   silently dropped.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setTimeout as sleep } from "node:timers/promises";
import * as v from "valibot";
import { ROUTES } from "../../../shared/api/routes.ts";
import { type Catalog, CatalogSchema } from "../../../shared/genea/model.ts";
import type { Condition, RuleSet } from "../../../shared/rules/model.ts";
import { encodeShareLink } from "../../../shared/share/index.ts";
import { type EdgeClient, type EdgeProcess, startEdge } from "../../support/edge-process.ts";
import { lintCleanRuleSet } from "../../support/edge-rules.ts";

const PASSWORD = "amber-signal-forest-9";
const TIME_BOMB = `${".?".repeat(20)}#`;
/** Generous: a backtracking engine takes minutes on this pattern over the demo directory. */
const ANSWER_WITHIN_MS = 20_000;
let edge: EdgeProcess;
let admin: EdgeClient;
let catalog: Catalog;

/** Health checks every 100 ms while `work` runs: how many there were, and how many went unanswered within 2 s. */
async function whileCheckingHealth<T>(work: () => Promise<T>): Promise<{ result: T; checks: number; unanswered: number }> {
  let [running, checks, unanswered] = [true, 0, 0];
  const poller = (async () => {
    while (running) {
      checks++;
      const res = await fetch(edge.url + ROUTES.health, { signal: AbortSignal.timeout(2000) }).catch(() => null);
      if (res?.status !== 200) unanswered++;
      await res?.body?.cancel();
      await sleep(100);
    }
  })();
  const result = await work();
  await sleep(300); // a few checks after the work too
  running = false;
  await poller;
  return { result, checks, unanswered };
}

/** The lint-clean rule set with, first at every location, a rule matching `pattern` against email. */
function withPattern(pattern: string): RuleSet {
  const ruleSet = lintCleanRuleSet(catalog);
  for (const property of Object.values(ruleSet.properties)) {
    const condition: Condition = { kind: "attribute", attribute: "email", op: "matches", value: pattern };
    property.rules.unshift({ ...property.rules[0], id: "pattern", name: "Pattern", conditions: [condition] });
  }
  return ruleSet;
}

beforeAll(async () => {
  edge = await startEdge(); // demo mode: the 2,000-user demo directory
  admin = edge.client();
  await admin.call("POST", ROUTES.setup, { username: "admin", password: PASSWORD });
  let res = await admin.request(ROUTES.directory);
  for (let i = 0; res.status === 404 && i < 200; i++) {
    await sleep(100); // the first refresh starts with the process
    res = await admin.request(ROUTES.directory);
  }
  expect(res.status).toBe(200);
  catalog = v.parse(CatalogSchema, (await admin.call("GET", ROUTES.catalog)).body);
});
afterAll(async () => {
  await edge?.stop();
});

describe(`the pattern /${TIME_BOMB}/ over HTTP`, () => {
  it("is saved as a draft, and the edge keeps answering", async () => {
    const { revision } = (await admin.call("GET", ROUTES.draft)).body;
    const { result, unanswered, checks } = await whileCheckingHealth(() =>
      admin.call("PUT", ROUTES.draft, { ruleSet: withPattern(TIME_BOMB), baseVersion: 0, revision })
    );
    expect(result.status).toBe(200);
    expect(result.body.ruleSet.properties[catalog.locations[0].uuid].rules[0].conditions[0].value).toBe(TIME_BOMB);
    expect(checks).toBeGreaterThan(0);
    expect(unanswered).toBe(0);
  });

  it("is imported from a share link, and the edge keeps answering", async () => {
    const link = encodeShareLink(withPattern(TIME_BOMB), "https://doorsync.example/");
    const { result, unanswered } = await whileCheckingHealth(() => admin.call("POST", ROUTES.importLink, { link }));
    expect(result.status).toBe(200);
    expect(unanswered).toBe(0);
  });

  it("is evaluated for every demo user at publication, quickly, and the edge keeps answering", async () => {
    const started = Date.now();
    const { result, unanswered } = await whileCheckingHealth(() =>
      admin.call("POST", ROUTES.publish, { note: "time bomb", expectedVersion: 0 })
    );
    expect(result.status, JSON.stringify(result.body)).toBe(201);
    expect(Date.now() - started).toBeLessThan(ANSWER_WITHIN_MS);
    expect(unanswered).toBe(0);
  });
});

describe("a pattern the safety check refuses", () => {
  it("blocks publication with a finding naming its path, and the edge keeps answering", async () => {
    const ruleSet = withPattern("^(a+)+$");
    const { result, unanswered } = await whileCheckingHealth(() =>
      admin.call("POST", ROUTES.publish, { note: "nested", expectedVersion: 1, ruleSet })
    );
    expect(result.status).toBe(422);
    expect(result.body.error.code).toBe("lint-errors");
    const finding = result.body.error.findings.find((f: { code: string }) => f.code === "unsafe-regex");
    expect(finding.path).toBe(`properties.${catalog.locations[0].uuid}.rules[0].conditions[0].value`);
    expect(finding.message).toContain("/^(a+)+$/ is refused as unsafe: nested quantifier");
    expect(unanswered).toBe(0);
  });
});

describe("reserved property ids", () => {
  /** A draft body with one extra property keyed `id`, as raw JSON (an object literal would not keep "__proto__"). */
  function draftWith(id: string, revision: number): string {
    const ruleSet = lintCleanRuleSet(catalog);
    const text = JSON.stringify({ ruleSet, baseVersion: 1, revision });
    const extra = JSON.stringify({ rules: Object.values(ruleSet.properties)[0].rules });
    return text.replace(`"properties":{`, `"properties":{${JSON.stringify(id)}:${extra},`);
  }

  it.each(["__proto__", "constructor", "prototype"])("refuses %s in a draft with 400, naming the path", async (id) => {
    const headers = { "content-type": "application/json", "x-csrf-token": admin.csrf ?? "" };
    const { revision } = (await admin.call("GET", ROUTES.draft)).body;
    const res = await admin.request(ROUTES.draft, { method: "PUT", headers, body: draftWith(id, revision) });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe(`Invalid rule set at properties.${id}: "${id}" is reserved and cannot be a location id`);
    expect(Object.keys((await admin.call("GET", ROUTES.draft)).body.ruleSet.properties)).not.toContain(id);
  });
});
