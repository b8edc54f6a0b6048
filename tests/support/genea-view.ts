/**
 * Genea state reduced to what doorsync decides, keyed by email: status, per location the
 * role and access groups, live mobile keys, Wallet. Uuids differ between a plan's intent
 * and the real thing, so tests compare these views.
 */
import type { GeneaState } from "../../shared/genea/model.ts";

export interface UserView {
  status: string;
  locations: string[];
  liveKeys: number;
  wallet: boolean;
}

export function stateView(state: GeneaState): Record<string, UserView> {
  const out: Record<string, UserView> = {};
  for (const u of [...state.users].sort((a, b) => (a.email ?? "").localeCompare(b.email ?? ""))) {
    out[(u.email ?? `(none ${u.uuid})`).toLowerCase()] = {
      status: u.status,
      locations: u.locations.map((l) => `${l.locationUuid} ${l.roleUuid} [${[...l.accessGroupUuids].sort().join(",")}]`).sort(),
      liveKeys: u.mobileKeys.filter((k) => k.status === "ACTIVE" || k.status === "PENDING_DOWNLOAD").length,
      wallet: u.walletEnabled,
    };
  }
  return out;
}
