/**
 * Keeping the identity ledger in step with what a run did: links recorded before any write
 * for the user, then every applied operation updates what doorsync granted. Pure.
 */
import { emptyGrant, type LedgerEntry, type LedgerLink, type Operation } from "../../shared/plan/index.ts";
import type { Outcome } from "./audit.ts";

/** The entry a link from plan() becomes. */
export const linked = (l: LedgerLink, at: string): LedgerEntry => ({
  oktaId: l.oktaId,
  geneaUuid: l.geneaUuid,
  via: l.via,
  linkedAt: at,
  granted: emptyGrant(),
  deactivatedAt: null,
});

const without = (list: readonly string[], x: string) => list.filter((y) => y !== x);
const withItem = (list: readonly string[], x: string) => (list.includes(x) ? [...list] : [...list, x]);

/** The user's entry after `op` ended with `outcome`; undefined when nothing changes. */
export function afterOperation(entry: LedgerEntry | undefined, op: Operation, outcome: Outcome, at: string): LedgerEntry | undefined {
  if (outcome.result !== "applied" && outcome.result !== "adopted") return undefined;
  if (op.kind === "createUser") {
    const geneaUuid = outcome.geneaUuid ?? null;
    if (geneaUuid === null) return undefined;
    const adopted = outcome.result === "adopted";
    const locations = adopted ? [] : op.locations.map((l) => l.locationUuid);
    return {
      oktaId: op.user.oktaId,
      geneaUuid,
      via: adopted ? "email" : "created",
      linkedAt: at,
      granted: { ...emptyGrant(), locations },
      deactivatedAt: null,
    };
  }
  if (!entry) return undefined;
  const g = entry.granted;
  switch (op.kind) {
    case "addLocation":
    case "updateLocation":
      return { ...entry, granted: { ...g, locations: withItem(g.locations, op.locationUuid) } };
    case "removeLocation":
      return { ...entry, granted: { ...g, locations: without(g.locations, op.locationUuid) } };
    case "issueMobileKey":
      return outcome.mobileKeyUuid ? { ...entry, granted: { ...g, mobileKeys: withItem(g.mobileKeys, outcome.mobileKeyUuid) } } : undefined;
    case "revokeMobileKey":
      return { ...entry, granted: { ...g, mobileKeys: without(g.mobileKeys, op.mobileKeyUuid) } };
    case "setWallet":
      return { ...entry, granted: { ...g, wallet: op.enabled } };
    case "deactivateUser":
      return { ...entry, granted: emptyGrant(), deactivatedAt: at };
    case "reactivateUser":
      return { ...entry, deactivatedAt: null };
    case "updateProfile":
      return undefined;
  }
}
