/**
 * The Genea sandbox's in-memory state: the seed's catalog and users, plus the indexes the
 * routes need (email → user, card → user, user_location → user). Users are never removed
 * (delete is soft), so the ordered user list stays append-only and pages cheaply.
 */
import { createPrng, type Prng } from "../demo/prng.ts";
import type {
  GeneaAccessGroupRecord,
  GeneaCardRecord,
  GeneaLocationRecord,
  GeneaRoleRecord,
  GeneaSeed,
  GeneaUserRecord,
} from "../demo/types.ts";

export interface GeneaStore {
  customer: GeneaSeed["customer"];
  apiKeys: Set<string>;
  locations: Map<string, GeneaLocationRecord>;
  accessGroups: Map<string, GeneaAccessGroupRecord>;
  roles: Map<string, GeneaRoleRecord>;
  /** in creation order */
  userList: GeneaUserRecord[];
  users: Map<string, GeneaUserRecord>;
  /** lower-cased email → user uuid (deleted users keep theirs: Genea keeps the record) */
  emails: Map<string, string>;
  /** card uuid → owner uuid */
  cardOwners: Map<string, string>;
  /** user_location uuid → owner uuid */
  userLocationOwners: Map<string, string>;
  ids: Prng;
  now: () => Date;
  /** cards in issue order (optionally of one type), rebuilt lazily after a card change */
  cardList(type?: string): { card: GeneaCardRecord; userUuid: string }[];
  cardsChanged(): void;
  dump(): GeneaSeed;
}

export function createStore(seed: GeneaSeed, now: () => Date): GeneaStore {
  const copy: GeneaSeed = copySeed(seed);
  const users = new Map<string, GeneaUserRecord>();
  const emails = new Map<string, string>();
  const cardOwners = new Map<string, string>();
  const userLocationOwners = new Map<string, string>();
  for (const u of copy.users) {
    users.set(u.uuid, u);
    if (u.email) emails.set(u.email.toLowerCase(), u.uuid);
    for (const c of u.cards) cardOwners.set(c.uuid, u.uuid);
    for (const ul of u.user_locations) userLocationOwners.set(ul.uuid, u.uuid);
  }
  type CardRow = { card: GeneaCardRecord; userUuid: string };
  let cards: CardRow[] | null = null;
  const byType = new Map<string, CardRow[]>();
  const store: GeneaStore = {
    customer: copy.customer,
    apiKeys: new Set(copy.apiKeys),
    locations: new Map(copy.locations.map((l) => [l.uuid, l])),
    accessGroups: new Map(copy.accessGroups.map((g) => [g.uuid, g])),
    roles: new Map(copy.roles.map((r) => [r.uuid, r])),
    userList: copy.users,
    users,
    emails,
    cardOwners,
    userLocationOwners,
    // New uuids are seeded too, so a replayed scenario creates the same ids.
    ids: createPrng(0x6e6ea ^ copy.users.length),
    now,
    cardList(type) {
      if (!cards) {
        cards = [];
        for (const u of store.userList) for (const card of u.cards) cards.push({ card, userUuid: u.uuid });
        cards.sort((a, b) => (a.card.created_at < b.card.created_at ? -1 : a.card.created_at > b.card.created_at ? 1 : 0));
      }
      if (type === undefined) return cards;
      let rows = byType.get(type);
      if (!rows) byType.set(type, rows = cards.filter((r) => r.card.type === type));
      return rows;
    },
    cardsChanged() {
      cards = null;
      byType.clear();
    },
    dump: () =>
      copySeed({
        customer: store.customer,
        apiKeys: [...store.apiKeys],
        locations: [...store.locations.values()],
        accessGroups: [...store.accessGroups.values()],
        roles: [...store.roles.values()],
        users: store.userList,
      }),
  };
  return store;
}

/** A copy the sandbox may mutate (structuredClone is several times slower at 100k users). */
function copySeed(seed: GeneaSeed): GeneaSeed {
  return {
    customer: { ...seed.customer },
    apiKeys: [...seed.apiKeys],
    locations: seed.locations.map((l) => ({ ...l })),
    accessGroups: seed.accessGroups.map((g) => ({ ...g })),
    roles: seed.roles.map((r) => ({ ...r })),
    users: seed.users.map((u) => ({
      ...u,
      user_locations: u.user_locations.map((ul) => ({ ...ul, access_group_uuids: [...ul.access_group_uuids] })),
      cards: u.cards.map((c) => ({ ...c })),
    })),
  };
}
