/**
 * plan(): desired state (an outcome) vs current Genea state → the minimal ordered list of
 * Genea operations. Pure and synchronous; the sync executes the result, the simulator shows it.
 *
 * Policy:
 * - Okta and Genea users match by primary email, trimmed and case-insensitive. A shared email
 *   (two Okta users, or two Genea users) is ambiguous: everyone involved is left untouched and
 *   reported (`skipped` / `unmanaged` "duplicate-email") rather than guessed at.
 * - Only Genea users doorsync manages are touched: never global admins, never users pinned
 *   with allowDirectorySync = false, never Genea users no Okta user has the email of.
 * - Only user_locations at properties the rule set covers and the catalog knows are added,
 *   changed or removed; everything else a user has is left alone.
 * - No grant anywhere ("unmatched": no rule matched, or excluded everywhere) removes every
 *   covered user_location, revokes live mobile keys and turns Wallet off, but does NOT
 *   deactivate: door access is gone, and a rule edit cannot delete people by accident.
 *   DEPROVISIONED and (denied) SUSPENDED users lose the same and are then deactivated. The
 *   removals are planned explicitly even though Genea's deactivation also drops locations, so
 *   access is cut even if the deactivation call fails, and the audit shows what was lost.
 *   Nobody is ever created for such users, and already-deactivated users get no operations.
 */
import type { OktaStatus } from "../directory/model.ts";
import { type DirectoryInput, type DirectoryTable, tableOf } from "../directory/table.ts";
import type { Catalog, GeneaState } from "../genea/model.ts";
import type { Outcome } from "../rules/outcome.ts";
import { type Coverage, coverage, desiredFor } from "./desired.ts";
import type { AbsentStatus, Ledger } from "./ledger.ts";
import { type Match, matchUsers } from "./match.ts";
import { type Operation, OPERATION_ORDER, type Plan, type PlanUser, type SkippedReason } from "./operations.ts";
import { desiredProfile } from "./profile.ts";
import { createUser, revokeAll, updateUser } from "./user-ops.ts";

export interface PlanInput {
  directory: DirectoryInput;
  outcome: Outcome;
  catalog: Catalog;
  current: GeneaState;
  /** the identity ledger (by Okta id); empty: everyone is matched by email */
  ledger?: Ledger;
  /**
   * Ledger users missing from a complete Okta read, as confirmed by the caller. Only for a
   * read of everyone: a scoped run passes none, so nobody outside the scope is touched.
   */
  absent?: ReadonlyMap<string, AbsentStatus>;
  /**
   * The directory holds only the run's people (an event, incremental or on-demand run): a
   * ledger user missing from it may simply not have been read, so their Genea user passes to
   * someone else only when the caller confirmed them absent or doorsync deactivated it.
   */
  scoped?: boolean;
}

const RANK = new Map(OPERATION_ORDER.map((k, i) => [k, i]));
/** Within one user: by kind in OPERATION_ORDER, then by location / user_location / key uuid. */
const tieBreak = (op: Operation): string =>
  ("locationUuid" in op ? op.locationUuid : "") +
  "\u0000" +
  ("userLocationUuid" in op ? op.userLocationUuid : "mobileKeyUuid" in op ? op.mobileKeyUuid : "");
function byOrder(a: Operation, b: Operation): number {
  const r = RANK.get(a.kind)! - RANK.get(b.kind)!;
  if (r !== 0) return r;
  const [x, y] = [tieBreak(a), tieBreak(b)];
  return x < y ? -1 : x > y ? 1 : 0;
}

export function plan({ directory, outcome, catalog, current, ledger, absent, scoped }: PlanInput): Plan {
  const users = tableOf(directory);
  if (outcome.userIds.length !== users.size || outcome.userIds.some((id, i) => users.id(i) !== id)) {
    throw new Error("plan(): the outcome was evaluated over a different directory");
  }
  const cov = coverage(outcome, catalog, users.size);
  const matching = matchUsers({
    users,
    ids: outcome.userIds,
    genea: current.users,
    noEmail: (i) => outcome.skipped[i] === "no-email",
    ledger,
    absent,
    scoped,
  });
  const operations: Operation[] = [];
  const skipped = matching.skipped;
  for (const m of matching.matches) {
    const { ops, skip } = planUser(m, cov, outcome, users);
    if (skip) skipped.push({ oktaId: m.id, email: users.email(m.index), reason: skip });
    ops.sort(byOrder);
    for (const op of ops) operations.push(op);
  }
  for (const a of matching.absent) {
    const user: PlanUser = { geneaUuid: a.genea.uuid, oktaId: a.entry.oktaId, email: a.genea.email ?? "" };
    const ops = revokeAll(a.genea, user, cov, { kind: "absent", status: a.status }, a.status === "deleted", a.entry.granted.locations);
    ops.sort(byOrder);
    for (const op of ops) operations.push(op);
  }
  return { operations, skipped, unmanaged: matching.unmanaged, links: matching.links, ignoredProperties: cov.ignored };
}

function planUser(m: Match, cov: Coverage, outcome: Outcome, users: DirectoryTable): { ops: Operation[]; skip: SkippedReason | null } {
  const user: PlanUser = { geneaUuid: m.genea?.uuid ?? null, oktaId: m.id, email: users.email(m.index)?.trim() ?? "" };
  const outcomeSkip = outcome.skipped[m.index];
  if (outcomeSkip === "deprovisioned" || outcomeSkip === "suspended") {
    const status: OktaStatus = outcomeSkip === "deprovisioned" ? "DEPROVISIONED" : "SUSPENDED";
    return { ops: revokeAll(m.genea, user, cov, { kind: "status", status }, true), skip: outcomeSkip };
  }
  const desired = desiredFor(cov, m.index);
  if (desired.grants.length === 0) {
    return { ops: revokeAll(m.genea, user, cov, { kind: "unmatched" }, false), skip: "unmatched" };
  }
  const profile = desiredProfile(users.user(m.index));
  return { ops: m.genea ? updateUser(m, m.genea, user, cov, desired, profile) : createUser(user, desired, profile), skip: null };
}
