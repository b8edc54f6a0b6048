/**
 * Rule sets: the shared draft, publication (lint-gated, atomic, conflict-checked), version
 * history, diffs, rollback and share-link import (which only ever creates a draft).
 */
import { Hono } from "hono";
import * as v from "valibot";
import { API } from "../../shared/api/table.ts";
import type { VersionInfo } from "../../shared/api/schemas.ts";
import { emptyRuleSet, type RuleSet } from "../../shared/rules/model.ts";
import { parseRuleSet } from "../../shared/rules/parse.ts";
import { decodeShareLink } from "../../shared/share/index.ts";
import { ok, type Result } from "../../shared/result.ts";
import { gate, type GateCode } from "../rules/gate.ts";
import { checkExpectedVersion, listVersions, publish, readCurrentVersion, readDraft, readVersion, saveDraft } from "../store/rules.ts";
import { type AppEnv, on, onBody, RULESET_BODY_LIMIT } from "./http.ts";
import { diffRuleSets } from "./rules-diff.ts";
import type { Services } from "./services.ts";

const VersionParam = v.pipe(v.string(), v.regex(/^\d{1,9}$/, "must be a version number"), v.transform(Number));

async function publishChecked(
  s: Services,
  by: string,
  req: { ruleSet: RuleSet; expectedVersion: number; note: string; rolledBackFrom: number | null },
): Promise<Result<VersionInfo, "conflict" | GateCode>> {
  // Early, so a stale editor hears "conflict" before waiting on Genea; publish checks again atomically.
  const fresh = await checkExpectedVersion(s.kv, req.expectedVersion);
  if (!fresh.ok) return fresh;
  const gated = await gate(s, req.ruleSet);
  if (!gated.ok) return gated;
  const res = await publish(s.kv, { ...req, by, at: s.now().toISOString() });
  if (res.ok) s.log.info("rules-published", { version: res.value.version, by, hash: res.value.contentHash.slice(0, 12) });
  return res;
}

export function ruleRoutes(s: Services) {
  const app = new Hono<AppEnv>();

  on(app, API.draft, async (c) => c.json(await readDraft(s.kv)));

  onBody(app, API.saveDraft, { what: "draft", limit: RULESET_BODY_LIMIT }, async (c, body, refuse) => {
    const ruleSet = parseRuleSet(body.ruleSet);
    if (!ruleSet.ok) return refuse(ruleSet.error);
    const saved = await saveDraft(
      s.kv,
      ruleSet.value,
      body.baseVersion,
      c.get("session")!.username,
      s.now().toISOString(),
      body.revision,
    );
    return saved.ok ? c.json(saved.value) : refuse(saved.error);
  });

  onBody(app, API.publish, { what: "publish request", limit: RULESET_BODY_LIMIT }, async (c, body, refuse) => {
    const fromDraft = body.ruleSet === undefined;
    const ruleSet = fromDraft ? ok((await readDraft(s.kv)).ruleSet) : parseRuleSet(body.ruleSet);
    if (!ruleSet.ok) return refuse(ruleSet.error);
    const by = c.get("session")!.username;
    const res = await publishChecked(s, by, {
      ruleSet: ruleSet.value,
      expectedVersion: body.expectedVersion,
      note: body.note,
      rolledBackFrom: null,
    });
    if (res.ok && fromDraft) {
      // The draft is now what is published: base it on the new version.
      await saveDraft(s.kv, ruleSet.value, res.value.version, by, s.now().toISOString());
    }
    return res.ok ? c.json(res.value, 201) : refuse(res.error);
  });

  on(app, API.versions, async (c) => c.json(await listVersions(s.kv)));

  on(app, API.version, async (c, refuse) => {
    const n = v.safeParse(VersionParam, c.req.param("n"));
    if (!n.success) return refuse("invalid", "The version must be a whole number");
    const version = await readVersion(s.kv, n.output);
    return version ? c.json(version) : refuse("not-found", `There is no published version ${n.output}`);
  });

  on(app, API.diff, async (c, refuse) => {
    const from = v.safeParse(VersionParam, c.req.query("from") ?? "");
    const to = v.safeParse(VersionParam, c.req.query("to") ?? "");
    if (!from.success || !to.success) {
      return refuse("invalid", "Give two version numbers: ?from=n&to=m (0 is the empty rule set)");
    }
    const sets: RuleSet[] = [];
    for (const n of [from.output, to.output]) {
      if (n === 0) sets.push(emptyRuleSet());
      else {
        const version = await readVersion(s.kv, n);
        if (!version) return refuse("not-found", `There is no published version ${n}`);
        sets.push(version.ruleSet);
      }
    }
    return c.json(diffRuleSets(from.output, to.output, sets[0], sets[1]));
  });

  onBody(app, API.rollback, { what: "rollback request" }, async (c, body, refuse) => {
    const old = await readVersion(s.kv, body.version);
    if (!old) return refuse("not-found", `There is no published version ${body.version} to roll back to`);
    const res = await publishChecked(s, c.get("session")!.username, {
      ruleSet: old.ruleSet,
      expectedVersion: body.expectedVersion,
      note: body.note || `Rollback to version ${old.version}`,
      rolledBackFrom: old.version,
    });
    return res.ok ? c.json(res.value, 201) : refuse(res.error);
  });

  onBody(app, API.importLink, { what: "import request" }, async (c, body, refuse) => {
    const decoded = await decodeShareLink(body.link);
    if (!decoded.ok) return refuse("invalid", decoded.error.message);
    const { version } = await readCurrentVersion(s.kv);
    const saved = await saveDraft(s.kv, decoded.value, version, c.get("session")!.username, s.now().toISOString(), body.revision);
    return saved.ok ? c.json(saved.value) : refuse(saved.error);
  });

  return app;
}
