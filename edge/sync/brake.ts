/**
 * The removal brake: a run that would take access from more than max(minUsers, percent %) of
 * a property's synced users — in itself, or together with the removals applied there in the
 * last 24 hours — writes nothing and waits for an admin. A wrong rule or a bad read then locks
 * out a handful of people, not the building. Pure: the sync passes in everything.
 */
import type { BrakeProperty, BrakeVerdict, SyncSettings } from "../../shared/api/sync.ts";
import type { Catalog, GeneaState } from "../../shared/genea/model.ts";
import type { Operation } from "../../shared/plan/index.ts";

/** What one user would lose at one property. */
export interface Loss {
  oktaId: string;
  email: string;
  propertyUuid: string;
  what: string[];
}

export interface BrakeInput {
  operations: readonly Operation[];
  current: GeneaState;
  catalog: Catalog;
  settings: SyncSettings["brake"];
  /** per property: removals applied in the last 24 h by runs nobody approved */
  window: Readonly<Record<string, number>>;
  /**
   * per property: users holding a user_location there, when `current` holds only some people
   * (incremental and targeted runs: the counts of the last full read)
   */
  synced?: Readonly<Record<string, number>>;
  /** an approval run: per property, how many removals the admin approved (null: not one) */
  approved: { by: string; removals: Readonly<Record<string, number>> } | null;
}

export interface BrakeResult {
  verdict: BrakeVerdict;
  /** per property, users who would lose something there, and what */
  losses: Loss[];
  /** per property: the number of users losing something (what the window records) */
  removals: Record<string, number>;
}

/** Slack on an approval: the fresh plan may remove a few more than the one approved. */
const approvalSlack = (n: number) => Math.ceil(n * 0.1) + 5;

/** Which properties an operation takes something away at, and what it takes. */
function removalsOf(op: Operation, locationsOf: (uuid: string | null) => string[]): [string, string][] {
  switch (op.kind) {
    case "removeLocation":
      return [[op.locationUuid, "location"]];
    case "updateLocation": {
      const kept = new Set(op.to.accessGroupUuids);
      const dropped = op.from.accessGroupUuids.filter((g) => !kept.has(g));
      return dropped.length > 0 ? [[op.locationUuid, `access groups ${dropped.join(", ")}`]] : [];
    }
    case "revokeMobileKey":
      return locationsOf(op.user.geneaUuid).map((p) => [p, "mobile key"]);
    case "setWallet":
      return op.enabled ? [] : locationsOf(op.user.geneaUuid).map((p) => [p, "Wallet pass"]);
    case "deactivateUser":
      return locationsOf(op.user.geneaUuid).map((p) => [p, "deactivated"]);
    default:
      return [];
  }
}

export function checkBrake(input: BrakeInput): BrakeResult {
  const held = new Map<string, string[]>();
  const synced = new Map<string, number>();
  for (const u of input.current.users) {
    if (u.status !== "ACTIVE") continue;
    const at = [...new Set(u.locations.map((l) => l.locationUuid))];
    held.set(u.uuid, at);
    for (const p of at) synced.set(p, (synced.get(p) ?? 0) + 1);
  }
  for (const [p, n] of Object.entries(input.synced ?? {})) synced.set(p, Math.max(n, synced.get(p) ?? 0));
  const locationsOf = (uuid: string | null) => (uuid === null ? [] : held.get(uuid) ?? []);

  const byKey = new Map<string, Loss>();
  for (const op of input.operations) {
    for (const [propertyUuid, what] of removalsOf(op, locationsOf)) {
      const key = `${propertyUuid}\u0000${op.user.oktaId}`;
      const loss = byKey.get(key) ?? { oktaId: op.user.oktaId, email: op.user.email, propertyUuid, what: [] };
      if (!loss.what.includes(what)) loss.what.push(what);
      byKey.set(key, loss);
    }
  }
  const losses = [...byKey.values()];
  const removals: Record<string, number> = {};
  for (const l of losses) removals[l.propertyUuid] = (removals[l.propertyUuid] ?? 0) + 1;

  const names = new Map(input.catalog.locations.map((l) => [l.uuid, l.name]));
  const { minUsers, percent } = input.settings;
  const properties: BrakeProperty[] = [...new Set([...Object.keys(removals), ...Object.keys(input.window)])].sort().map((p) => {
    const n = removals[p] ?? 0;
    const window = input.window[p] ?? 0;
    const count = synced.get(p) ?? 0;
    const threshold = Math.max(minUsers, Math.floor((count * percent) / 100));
    const allowed = input.approved ? (input.approved.removals[p] ?? 0) + approvalSlack(input.approved.removals[p] ?? 0) : null;
    const tripped = n > 0 && (allowed !== null ? n > allowed : n > threshold || n + window > threshold);
    return { propertyUuid: p, name: names.get(p) ?? p, synced: count, removals: n, window, threshold, tripped };
  });
  const tripped = properties.filter((p) => p.tripped);
  let verdict: BrakeVerdict;
  if (tripped.length > 0) {
    const list = tripped.map((p) =>
      `${p.name}: ${p.removals} users${p.window ? ` (+${p.window} in the last 24 h)` : ""} over the limit of ${p.threshold}`
    ).join("; ");
    const why = input.approved ? "removes more than was approved" : "would remove access from too many people";
    verdict = { kind: "removals", properties, message: `The sync ${why} (${list}); nothing was written. Review and approve or reject it.` };
  } else if (input.approved) {
    verdict = { kind: "approved", properties, approvedBy: input.approved.by };
  } else {
    verdict = { kind: "passed", properties };
  }
  return { verdict, losses, removals };
}
