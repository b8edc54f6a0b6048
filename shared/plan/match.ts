/**
 * Matching Okta users to Genea users by primary email (trimmed, case-insensitive), and
 * deciding which Genea users doorsync manages at all. Ambiguity is never resolved by guessing:
 * a shared email leaves everyone involved untouched and reported.
 */
import type { DirectoryUser } from "../directory/model.ts";
import type { GeneaUser } from "../genea/model.ts";
import type { SkippedUser, UnmanagedReason, UnmanagedUser } from "./operations.ts";
import { normaliseEmail } from "./profile.ts";

export interface Match {
  index: number;
  okta: DirectoryUser;
  /** normalised email: the sort and match key */
  key: string;
  /** the managed Genea user with this email, or null when doorsync would create one */
  genea: GeneaUser | null;
}

export interface Matching {
  /** sorted by email, then Okta id */
  matches: Match[];
  skipped: SkippedUser[];
  unmanaged: UnmanagedUser[];
}

/** Normalised email → the one index holding it, or SHARED when several do. */
const SHARED = -1;
function indexByKey(keys: readonly (string | null)[]): Map<string, number> {
  const map = new Map<string, number>();
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    if (key !== null) map.set(key, map.get(key) === undefined ? i : SHARED);
  }
  return map;
}

function unmanagedReason(g: GeneaUser, okta: number | undefined, geneaShared: boolean): UnmanagedReason | null {
  if (g.isGlobalAdmin) return "global-admin";
  if (!g.allowDirectorySync) return "sync-disabled";
  if (okta === undefined) return "no-okta-user";
  if (okta === SHARED || geneaShared) return "duplicate-email";
  return null;
}

/** `noEmail(i)` marks users the outcome already skipped for having no email. */
export function matchUsers(users: readonly DirectoryUser[], genea: readonly GeneaUser[], noEmail: (i: number) => boolean): Matching {
  const keys = users.map((u, i) => (noEmail(i) ? null : normaliseEmail(u.email)));
  const geneaKeys = genea.map((g) => normaliseEmail(g.email));
  const oktaByKey = indexByKey(keys);
  const geneaByKey = indexByKey(geneaKeys);

  const unmanaged: UnmanagedUser[] = [];
  const managed = new Uint8Array(genea.length);
  genea.forEach((g, gi) => {
    const key = geneaKeys[gi];
    const okta = key === null ? undefined : oktaByKey.get(key);
    const reason = unmanagedReason(g, okta, key !== null && geneaByKey.get(key) === SHARED);
    if (reason === null) managed[gi] = 1;
    else {
      const oktaId = okta === undefined || okta === SHARED ? null : users[okta].id;
      unmanaged.push({ geneaUuid: g.uuid, email: g.email, name: g.name, reason, oktaId });
    }
  });

  const matches: Match[] = [];
  const skipped: SkippedUser[] = [];
  users.forEach((okta, index) => {
    const key = keys[index];
    const gi = key === null ? undefined : geneaByKey.get(key);
    const reason: SkippedUser["reason"] | null =
      key === null ? "no-email"
      : oktaByKey.get(key) === SHARED || gi === SHARED ? "duplicate-email"
      : gi !== undefined && !managed[gi] ? "unmanaged-in-genea"
      : null;
    if (reason) skipped.push({ oktaId: okta.id, email: okta.email, reason });
    else matches.push({ index, okta, key: key!, genea: gi === undefined ? null : genea[gi] });
  });
  matches.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.okta.id < b.okta.id ? -1 : 1));
  return { matches, skipped, unmanaged };
}
