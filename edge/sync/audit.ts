/**
 * The audit trail: one entry per operation of a run (what doorsync did or planned to whom,
 * the change before → after in words, why: the rule by id and name or the Okta status, and
 * how it went), and the CSV download of a run's entries. Pure.
 */
import type { AuditEntry, OperationResult } from "../../shared/api/sync.ts";
import type { Catalog, GeneaUser, GeneaUserLocation } from "../../shared/genea/model.ts";
import type { Operation, Placement, PlanReason } from "../../shared/plan/index.ts";
import type { RuleSet } from "../../shared/rules/model.ts";

export interface Names {
  location(uuid: string): string;
  role(uuid: string): string;
  group(uuid: string): string;
  rule(propertyUuid: string, ruleId: string): string | null;
}

export function namesFrom(catalog: Catalog, ruleSet: RuleSet): Names {
  const locations = new Map(catalog.locations.map((l) => [l.uuid, l.name]));
  const roles = new Map(catalog.roles.map((r) => [r.uuid, r.name]));
  const groups = new Map(catalog.accessGroups.map((g) => [g.uuid, g.name]));
  return {
    location: (u) => locations.get(u) ?? u,
    role: (u) => roles.get(u) ?? u,
    group: (u) => groups.get(u) ?? u,
    rule: (p, id) => (Object.hasOwn(ruleSet.properties, p) ? ruleSet.properties[p].rules.find((r) => r.id === id)?.name ?? null : null),
  };
}

const placement = (n: Names, p: Placement) =>
  `role ${n.role(p.roleUuid)}; access groups ${p.accessGroupUuids.length ? p.accessGroupUuids.map(n.group).join(", ") : "none"}`;

/** The change an operation makes, as two short sentences. */
function change(op: Operation, n: Names): [string | null, string | null] {
  switch (op.kind) {
    case "createUser":
      return [
        null,
        `${op.profile.name} <${op.profile.email ?? "no email"}> at ${
          op.locations.map((l) => `${n.location(l.locationUuid)} (${placement(n, l)})`).join("; ")
        }`,
      ];
    case "updateProfile":
      return [
        op.changes.map((c) => `${c.field}: ${c.from ?? "(none)"}`).join("; "),
        op.changes.map((c) => `${c.field}: ${c.to ?? "(none)"}`).join("; "),
      ];
    case "addLocation":
      return [null, placement(n, op)];
    case "updateLocation":
      return [placement(n, op.from), placement(n, op.to)];
    case "removeLocation":
      return [`user_location ${op.userLocationUuid}`, null];
    case "issueMobileKey":
      return [null, "mobile key (pending download)"];
    case "revokeMobileKey":
      return [`mobile key ${op.mobileKeyUuid}`, null];
    case "setWallet":
      return [op.enabled ? "Wallet off" : "Wallet on", op.enabled ? "Wallet on" : "Wallet off"];
    case "deactivateUser":
      return ["active", "deactivated"];
    case "reactivateUser":
      return ["deactivated", "active"];
  }
}

export function reasonOf(r: PlanReason, n: Names): AuditEntry["reason"] {
  const base = { kind: r.kind, ruleId: null, ruleName: null, status: null };
  switch (r.kind) {
    case "rule": {
      const name = n.rule(r.propertyUuid, r.ruleId);
      return { ...base, ruleId: r.ruleId, ruleName: name, text: `rule “${name ?? r.ruleId}” at ${n.location(r.propertyUuid)}` };
    }
    case "not-granted": {
      const name = r.ruleId ? n.rule(r.propertyUuid, r.ruleId) : null;
      const text = r.ruleId
        ? `excluded at ${n.location(r.propertyUuid)} by rule “${name ?? r.ruleId}”`
        : `no rule grants access at ${n.location(r.propertyUuid)}`;
      return { ...base, ruleId: r.ruleId, ruleName: name, text };
    }
    case "status":
      return { ...base, status: r.status, text: `the user is ${r.status} in Okta` };
    case "absent":
      return {
        ...base,
        status: r.status,
        text: r.status === "deleted" ? "the user was deleted in Okta" : "the user is no longer in the Okta read (unassigned from the app?)",
      };
    case "profile":
      return { ...base, text: "the Okta profile differs" };
    case "unmatched":
      return { ...base, text: "no rule grants access at any property" };
    case "feature-off":
      return { ...base, text: "no rule at the user's properties asks for it" };
    case "duplicate-location":
      return { ...base, text: `a second user_location at ${n.location(r.propertyUuid)}` };
  }
}

const propertyOf = (op: Operation): string | null =>
  "locationUuid" in op ? op.locationUuid : op.kind === "createUser" ? (op.locations[0]?.locationUuid ?? null) : null;

export interface Outcome {
  result: OperationResult;
  attempts: number;
  error: string | null;
  /** the Genea user's uuid when the operation learnt it (a create) */
  geneaUuid?: string | null;
  /** the key a mobile-key issue created */
  mobileKeyUuid?: string;
  /** Genea's answer to a create, and to a new user_location (kept in the Genea cache) */
  createdUser?: GeneaUser;
  userLocation?: GeneaUserLocation;
}

export function entryOf(runId: string, seq: number, at: string, op: Operation, outcome: Outcome, n: Names): AuditEntry {
  const [before, after] = change(op, n);
  const property = propertyOf(op);
  return {
    runId,
    seq,
    at,
    oktaId: op.user.oktaId,
    email: op.user.email,
    geneaUuid: outcome.geneaUuid ?? op.user.geneaUuid,
    kind: op.kind,
    propertyUuid: property,
    propertyName: property === null ? null : n.location(property),
    before: clip(before, 2000),
    after: clip(after, 2000),
    reason: reasonOf(op.reason, n),
    result: outcome.result,
    attempts: outcome.attempts,
    error: clip(outcome.error, 1000),
  };
}

const clip = (s: string | null, max: number) => (s === null || s.length <= max ? s : `${s.slice(0, max - 1)}…`);

const CSV_COLUMNS = [
  "at",
  "oktaId",
  "email",
  "geneaUuid",
  "kind",
  "propertyName",
  "before",
  "after",
  "reason",
  "ruleId",
  "result",
  "attempts",
  "error",
] as const;

/** RFC 4180 field; a leading = + - @ is prefixed so spreadsheets do not run it as a formula. */
function csvField(value: string | number | null): string {
  let s = value === null ? "" : String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

export const csvHeader = () => CSV_COLUMNS.join(",") + "\r\n";

export function csvRow(e: AuditEntry): string {
  const row: Record<(typeof CSV_COLUMNS)[number], string | number | null> = {
    at: e.at,
    oktaId: e.oktaId,
    email: e.email,
    geneaUuid: e.geneaUuid,
    kind: e.kind,
    propertyName: e.propertyName,
    before: e.before,
    after: e.after,
    reason: e.reason.text,
    ruleId: e.reason.ruleId,
    result: e.result,
    attempts: e.attempts,
    error: e.error,
  };
  return CSV_COLUMNS.map((c) => csvField(row[c])).join(",") + "\r\n";
}
