/**
 * Which Genea user each Okta user is, and which Genea users doorsync manages at all.
 *
 * The identity ledger comes first: an Okta user it links keeps its Genea user whatever the
 * emails say (an email change updates that user, never creates a second one). Email
 * (trimmed, case-insensitive) only links an Okta user the ledger does not know yet. A
 * re-hire (a new Okta id with a leaver's email) takes over the leaver's Genea user once that
 * user is deactivated, never before: a live Genea user still holds the leaver's keys.
 * Ambiguity is never resolved by guessing: a shared email leaves everyone involved
 * untouched and reported.
 */
import type { DirectoryTable } from "../directory/table.ts";
import type { GeneaUser } from "../genea/model.ts";
import type { AbsentStatus, Ledger, LedgerEntry, LedgerLink } from "./ledger.ts";
import type { SkippedUser, UnmanagedReason, UnmanagedUser } from "./operations.ts";
import { normaliseEmail } from "./profile.ts";

export interface Match {
  index: number;
  /** the Okta user's id (the rest is read from the table by index) */
  id: string;
  /** normalised email: the sort key ("" for a ledger-linked user without one) */
  key: string;
  /** the managed Genea user, or null when doorsync would create one */
  genea: GeneaUser | null;
}

/** A ledger user missing from a complete Okta read, with the Genea user doorsync manages for them. */
export interface AbsentMatch {
  entry: LedgerEntry;
  genea: GeneaUser;
  status: AbsentStatus;
}

export interface Matching {
  /** sorted by email, then Okta id */
  matches: Match[];
  skipped: SkippedUser[];
  unmanaged: UnmanagedUser[];
  /** links by email (and re-hire relinks) to record in the ledger */
  links: LedgerLink[];
  absent: AbsentMatch[];
}

export interface MatchInput {
  users: DirectoryTable;
  /** the users' ids in row order (the outcome's, which plan() checked against the table) */
  ids: readonly string[];
  genea: readonly GeneaUser[];
  /** marks users the outcome already skipped for having no email */
  noEmail: (i: number) => boolean;
  ledger?: Ledger;
  absent?: ReadonlyMap<string, AbsentStatus>;
  /** `users` are only some of Okta's (PlanInput.scoped) */
  scoped?: boolean;
}

/** Normalised email → the one index holding it, or SHARED when several do. */
const SHARED = -1;
function indexByKey(keys: readonly (string | null)[], include: (i: number) => boolean = () => true): Map<string, number> {
  const map = new Map<string, number>();
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    if (key !== null && include(i)) map.set(key, map.get(key) === undefined ? i : SHARED);
  }
  return map;
}

const unmanageable = (g: GeneaUser): UnmanagedReason | null =>
  g.isGlobalAdmin ? "global-admin" : !g.allowDirectorySync ? "sync-disabled" : null;

export function matchUsers({ users, ids, genea, noEmail, ledger = new Map(), absent = new Map(), scoped = false }: MatchInput): Matching {
  const size = users.size;
  const keys = ids.map((_, i) => (noEmail(i) ? null : normaliseEmail(users.email(i))));
  const geneaKeys = genea.map((g) => normaliseEmail(g.email));
  const geneaIndex = new Map(genea.map((g, gi) => [g.uuid, gi]));

  // 1. Links by id. A Genea user claimed twice (a damaged ledger) goes to the first only.
  const linkOf = new Int32Array(size).fill(-1);
  // Genea index → Okta index (live links), -1 for none: arrays, not maps, for 500,000 users
  const ownerOf = new Int32Array(genea.length).fill(-1);
  const owned = (gi: number) => ownerOf[gi] >= 0;
  ids.forEach((id, i) => {
    const gi = geneaIndex.get(ledger.get(id)?.geneaUuid ?? "");
    if (gi !== undefined && !owned(gi)) (linkOf[i] = gi), (ownerOf[gi] = i);
  });
  // An entry whose Okta user was read linked its Genea user above (the ledger is keyed by
  // Okta id), so an entry whose Genea user is still unowned belongs to someone not read.
  const absentOwner = new Map<number, LedgerEntry>(); // Genea index → ledger entry of an absent Okta user
  for (const entry of ledger.values()) {
    const gi = geneaIndex.get(entry.geneaUuid);
    if (gi !== undefined && !owned(gi)) absentOwner.set(gi, entry);
  }
  // A leaver's deactivated Genea user may pass to a re-hire with the same email. In a scoped
  // run an owner not read may still be in Okta and active: only a confirmed leaver releases.
  const gone = (e: LedgerEntry | undefined): boolean => e !== undefined && (!scoped || absent.has(e.oktaId) || e.deactivatedAt !== null);
  const releasable = (gi: number): boolean => {
    if (genea[gi].status !== "DEACTIVATED") return false;
    const i = ownerOf[gi];
    return i < 0 ? gone(absentOwner.get(gi)) : users.status(i) === "DEPROVISIONED";
  };
  const claimed = (gi: number) => owned(gi) || absentOwner.has(gi);

  // 2. Email links for Okta users the ledger does not know.
  const unlinked = (i: number) => linkOf[i] < 0;
  const oktaByKey = indexByKey(keys, unlinked);
  const available = (gi: number) => !claimed(gi) || releasable(gi);
  const geneaByKey = indexByKey(geneaKeys, available);
  const claimedKeys = new Set(geneaKeys.filter((k, gi) => k !== null && claimed(gi) && !releasable(gi)));

  const skipped: SkippedUser[] = [];
  const links: LedgerLink[] = [];
  const relinked = new Set<number>(); // Genea indexes passed to a re-hire
  const chosen = new Int32Array(size).fill(-2); // -2 none, -1 create, else Genea index
  const skip = (i: number, reason: SkippedUser["reason"]) => skipped.push({ oktaId: ids[i], email: users.email(i), reason });
  ids.forEach((id, i) => {
    if (!unlinked(i)) return;
    const key = keys[i];
    if (key === null) return skip(i, "no-email");
    const gi = geneaByKey.get(key);
    if (oktaByKey.get(key) === SHARED || gi === SHARED || claimedKeys.has(key)) {
      return skip(i, "duplicate-email");
    }
    if (gi === undefined) return void (chosen[i] = -1);
    if (unmanageable(genea[gi])) return skip(i, "unmanaged-in-genea");
    chosen[i] = gi;
    const previous = releasable(gi) ? (owned(gi) ? ids[ownerOf[gi]] : absentOwner.get(gi)!.oktaId) : null;
    if (previous !== null) relinked.add(gi);
    links.push({ oktaId: id, geneaUuid: genea[gi].uuid, via: previous === null ? "email" : "relinked", previousOktaId: previous });
  });

  // 3. Ledger-linked users keep their Genea user, unless it passed to a re-hire or left doorsync's hands.
  ids.forEach((_, i) => {
    const gi = linkOf[i];
    if (gi < 0) return;
    if (relinked.has(gi)) return skip(i, "relinked");
    if (unmanageable(genea[gi])) return skip(i, "unmanaged-in-genea");
    if (noEmail(i)) return skip(i, "no-email"); // left as they are, not stripped
    chosen[i] = gi;
  });

  const matches: Match[] = [];
  const matched = new Uint8Array(genea.length); // by Genea index
  ids.forEach((id, index) => {
    const gi = chosen[index];
    if (gi === -2) return;
    if (gi >= 0) matched[gi] = 1;
    matches.push({ index, id, key: keys[index] ?? "", genea: gi >= 0 ? genea[gi] : null });
  });
  matches.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.id < b.id ? -1 : 1));

  // 4. Ledger users missing from the read: doorsync takes back what it manages for them.
  const absentMatches: AbsentMatch[] = [];
  for (const [gi, entry] of absentOwner) {
    const status = absent.get(entry.oktaId);
    if (status && !relinked.has(gi) && !unmanageable(genea[gi])) absentMatches.push({ entry, genea: genea[gi], status });
  }

  // 5. Everyone else in Genea is left alone, and said why.
  const absentGenea = new Set(absentMatches.map((a) => a.genea.uuid));
  let oktaAll: Map<string, number> | null = null; // built once someone needs it: most runs, nobody
  const unmanaged: UnmanagedUser[] = [];
  genea.forEach((g, gi) => {
    if (matched[gi] || absentGenea.has(g.uuid) || (claimed(gi) && !unmanageable(g))) return;
    const key = geneaKeys[gi];
    const oi = owned(gi) ? ownerOf[gi] : key === null ? undefined : (oktaAll ??= indexByKey(keys)).get(key);
    const reason: UnmanagedReason = unmanageable(g) ?? (oi === undefined ? "no-okta-user" : "duplicate-email");
    const oktaId = oi === undefined || oi === SHARED ? null : ids[oi];
    unmanaged.push({ geneaUuid: g.uuid, email: g.email, name: g.name, reason, oktaId });
  });
  return { matches, skipped, unmanaged, links, absent: absentMatches };
}
