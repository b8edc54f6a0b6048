/**
 * Never act on missing data: a complete Okta read is compared, collection by collection,
 * with the last complete read. Users, groups and memberships each shrinking on their own by
 * more than the brake's share (max(minUsers, percent %)) stops the run before any write:
 * an empty or partial answer must not look like everyone leaving. (Failed pages and
 * pagination loops already fail the read itself, in the Okta client.)
 */
import type { BrakeVerdict, SyncSettings } from "../../shared/api/sync.ts";
import { type DirectoryInput, tableOf } from "../../shared/directory/table.ts";

export interface ReadCounts {
  users: number;
  groups: number;
  memberships: number;
}

export function countsOf(directory: DirectoryInput): ReadCounts {
  const d = tableOf(directory);
  let memberships = 0;
  for (let row = 0; row < d.size; row++) memberships += d.groupIds(row).length;
  return { users: d.size, groups: d.groups.length, memberships };
}

/** The first collection that shrank too far, as a brake verdict; null when the read may be used. */
export function checkRead(
  read: ReadCounts,
  baseline: ReadCounts | null,
  settings: SyncSettings["brake"],
): Extract<BrakeVerdict, { kind: "read-shrink" }> | null {
  if (!baseline) return null;
  for (const collection of ["users", "groups", "memberships"] as const) {
    const before = baseline[collection];
    const after = read[collection];
    const allowed = Math.max(settings.minUsers, Math.floor((before * settings.percent) / 100));
    if (before - after > allowed) {
      return {
        kind: "read-shrink",
        collection,
        before,
        after,
        message: `Okta's ${collection} shrank from ${before} to ${after} since the last complete read (more than ${allowed} fewer); ` +
          "nothing was written. If the change is real, approve the run to accept the new count.",
      };
    }
  }
  return null;
}
