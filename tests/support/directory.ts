/** Terse factories for Okta directory snapshots in tests. */
import type { Directory, DirectoryGroup, DirectoryUser } from "../../shared/directory/model.ts";

let next = 0;

/** An ACTIVE user with an email, no profile and no groups, unless overridden. */
export function aUser(overrides: Partial<DirectoryUser> = {}): DirectoryUser {
  const id = overrides.id ?? `00u${String(++next).padStart(6, "0")}`;
  return { id, status: "ACTIVE", email: `${id}@example.com`, profile: {}, groupIds: [], ...overrides };
}

export const aGroup = (id: string, name = id): DirectoryGroup => ({ id, name, type: "OKTA_GROUP" });

/** A directory of `users`; groups default to every group id the users mention, named by id. */
export function aDirectory(users: DirectoryUser[], groups?: DirectoryGroup[]): Directory {
  const ids = [...new Set(users.flatMap((u) => u.groupIds))];
  return { fetchedAt: "2026-01-01T00:00:00.000Z", users, groups: groups ?? ids.map((id) => aGroup(id)) };
}
