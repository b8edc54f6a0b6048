/** The client's reads: the catalog rules refer to, and every user's current state. */
import { ok } from "../../shared/result.ts";
import type { Catalog, GeneaMobileKey, GeneaState, GeneaUser } from "../../shared/genea/model.ts";
import type { GeneaContext } from "./context.ts";
import { createUserMapper, toAccessGroup, toLocation, toMobileKey, toRole, toUser } from "./mapping.ts";
import { readAll } from "./paging.ts";
import { PATHS } from "./paths.ts";
import { WireAccessGroupSchema, WireCardSchema, WireLocationSchema, WireRoleSchema, type WireUser, WireUserSchema } from "./schemas.ts";
import type { GeneaResult } from "./transport.ts";

export const readCatalog = (ctx: GeneaContext): Promise<GeneaResult<Catalog>> =>
  ctx.withCustomer(async (c) => {
    const { transport, onProgress } = ctx;
    const [locations, groups, roles] = await Promise.all([
      readAll(transport, PATHS.locations(c), WireLocationSchema, { list: "locations", onProgress }),
      readAll(transport, PATHS.accessGroups(c), WireAccessGroupSchema, { list: "access groups", onProgress }),
      readAll(transport, PATHS.roles(c), WireRoleSchema, { list: "roles", onProgress }),
    ]);
    if (!locations.ok) return locations;
    if (!groups.ok) return groups;
    if (!roles.ok) return roles;
    return ok({
      customerUuid: c,
      locations: locations.value.map(toLocation),
      accessGroups: groups.value.map(toAccessGroup),
      roles: roles.value.map(toRole),
    });
  });

/** Every user (soft-deleted ones as DEACTIVATED) with their locations and mobile keys. */
export const readState = (ctx: GeneaContext): Promise<GeneaResult<GeneaState>> =>
  ctx.withCustomer(async (c) => {
    const { transport, onProgress } = ctx;
    const fetchedAt = ctx.now().toISOString();
    // Each page is mapped as it arrives (its wire rows let go); keys are attached once both lists are in.
    const map = createUserMapper();
    const [users, cards] = await Promise.all([
      readAll(transport, PATHS.users(c), WireUserSchema, { list: "users", onProgress, map: (u) => map(u, []) }),
      readAll(transport, PATHS.cards(c), WireCardSchema, { list: "mobile keys", query: { card_type: "MOBILE" }, onProgress }),
    ]);
    if (!users.ok) return users;
    if (!cards.ok) return cards;
    const keys = new Map<string, GeneaMobileKey[]>();
    for (const card of cards.value) {
      if (card.type !== "MOBILE") continue;
      // A key of a user created after the user list was read belongs to the next read.
      const list = keys.get(card.user_uuid);
      if (list) list.push(toMobileKey(card));
      else keys.set(card.user_uuid, [toMobileKey(card)]);
    }
    const out = users.value;
    for (const u of out) u.mobileKeys = keys.get(u.uuid) ?? u.mobileKeys;
    return ok({ fetchedAt, users: out });
  });

/**
 * One user with their mobile keys, by uuid or by exact email (provision on demand, and
 * adopting a user a create found already there); null when there is none.
 */
export const readUser = (ctx: GeneaContext, ref: { uuid: string } | { email: string }): Promise<GeneaResult<GeneaUser | null>> =>
  ctx.withCustomer(async (c) => {
    let wire: WireUser | null;
    if ("uuid" in ref) {
      const got = await ctx.send("GET", PATHS.user(c, ref.uuid), WireUserSchema, "user");
      if (!got.ok && got.error.code === "not-found") return ok(null);
      if (!got.ok) return got;
      wire = got.value;
    } else {
      const found = await findUserByEmail(ctx, c, ref.email);
      if (!found.ok) return found;
      wire = found.value;
    }
    if (!wire) return ok(null);
    const cards = await readAll(ctx.transport, PATHS.cards(c), WireCardSchema, {
      list: "mobile keys",
      query: { card_type: "MOBILE", user_uuid: wire.uuid },
    });
    if (!cards.ok) return cards;
    const keys = cards.value.filter((k) => k.type === "MOBILE" && k.user_uuid === wire.uuid).map(toMobileKey);
    return ok(toUser(wire, keys));
  });

/** The user whose email is exactly `email` (Genea's filter matches substrings), or null. */
export async function findUserByEmail(ctx: GeneaContext, c: string, email: string): Promise<GeneaResult<WireUser | null>> {
  const found = await readAll(ctx.transport, PATHS.users(c), WireUserSchema, { list: "users", query: { user_email: email } });
  if (!found.ok) return found;
  return ok(found.value.find((u) => u.email?.toLowerCase() === email.toLowerCase()) ?? null);
}
