/**
 * Mobile keys in the Genea sandbox: issued as PENDING_DOWNLOAD (Genea emails the user the
 * app), ACTIVE once the app downloads it (a sandbox-only route stands in for the phone),
 * revoked by DELETE (permanent, as in Genea).
 */
import { ok, type Result } from "../../../shared/result.ts";
import type { GeneaCardRecord } from "../demo/types.ts";
import type { GeneaStore } from "./store.ts";
import { refuse } from "./refusal.ts";
import { activeUser } from "./users.ts";

export function issueMobileKey(store: GeneaStore, userUuid: string): Result<{ card: GeneaCardRecord; userUuid: string }> {
  if (!store.users.has(userUuid)) return refuse(422, "validation_error", `Unknown user_uuid ${userUuid}`);
  const found = activeUser(store, userUuid);
  if (!found.ok) return found;
  const user = found.value;
  if (!user.email) return refuse(422, "validation_error", `User ${userUuid} has no email; mobile keys are sent by email`);
  const card: GeneaCardRecord = {
    uuid: store.ids.uuid(),
    type: "MOBILE",
    status: "PENDING_DOWNLOAD",
    created_at: store.now().toISOString(),
  };
  user.cards.push(card);
  store.cardOwners.set(card.uuid, userUuid);
  store.cardsChanged();
  return ok({ card, userUuid });
}

function findCard(store: GeneaStore, cardUuid: string): Result<{ card: GeneaCardRecord; userUuid: string; index: number }> {
  const owner = store.cardOwners.get(cardUuid);
  const user = owner ? store.users.get(owner) : undefined;
  const index = user ? user.cards.findIndex((c) => c.uuid === cardUuid) : -1;
  if (!user || index < 0) return refuse(404, "not_found", `Card ${cardUuid} not found`);
  return ok({ card: user.cards[index], userUuid: user.uuid, index });
}

export function revokeCard(store: GeneaStore, cardUuid: string): Result<GeneaCardRecord> {
  const found = findCard(store, cardUuid);
  if (!found.ok) return found;
  store.users.get(found.value.userUuid)!.cards.splice(found.value.index, 1);
  store.cardOwners.delete(cardUuid);
  store.cardsChanged();
  return ok(found.value.card);
}

/** Sandbox only: what the Genea app does when the user installs the key. */
export function activateCard(store: GeneaStore, cardUuid: string): Result<GeneaCardRecord> {
  const found = findCard(store, cardUuid);
  if (!found.ok) return found;
  if (found.value.card.status !== "PENDING_DOWNLOAD") {
    return refuse(409, "conflict", `Card ${cardUuid} is ${found.value.card.status}, not PENDING_DOWNLOAD`);
  }
  found.value.card.status = "ACTIVE";
  return ok(found.value.card);
}
