/** Okta wire records → the shared Directory model (strings, string arrays or null). */
import type { DirectoryGroup, DirectoryUser, OktaStatus, ProfileValue } from "../../shared/directory/model.ts";
import type { ListedGroup } from "./read-page.ts";
import type { WireGroup, WireUser } from "./schemas.ts";

type WireValue = WireUser["profile"][string];

export function profileValue(value: WireValue): ProfileValue {
  if (value === null) return null;
  if (Array.isArray(value)) return value.filter((x) => x !== null).map((x) => String(x));
  return String(value);
}

/**
 * ACTIVATING is transient: activation has started but not finished, so the user cannot
 * sign in yet. It reads as PROVISIONED (activated, not yet usable) — never as ACTIVE.
 */
export function normaliseStatus(status: WireUser["status"]): OktaStatus {
  return status === "ACTIVATING" ? "PROVISIONED" : status;
}

export function toDirectoryUser(user: WireUser, groupIds: string[]): DirectoryUser {
  const profile: Record<string, ProfileValue> = {};
  for (const [key, raw] of Object.entries(user.profile)) {
    const value = profileValue(raw);
    // a "__proto__" attribute must stay data, not become the object's prototype
    if (key === "__proto__") Object.defineProperty(profile, key, { value, enumerable: true, writable: true, configurable: true });
    else profile[key] = value;
  }
  const email = typeof user.profile.email === "string" && user.profile.email.trim() !== "" ? user.profile.email.trim() : null;
  const out: DirectoryUser = { id: user.id, status: normaliseStatus(user.status), email, profile, groupIds };
  if (user.lastUpdated !== undefined) out.lastUpdated = user.lastUpdated;
  return out;
}

export function toDirectoryGroup(group: WireGroup): DirectoryGroup {
  return { id: group.id, name: group.profile.name, type: group.type };
}

/** A group with the timestamps a read's watermark needs. */
export function toListedGroup(group: WireGroup): ListedGroup {
  const out: ListedGroup = toDirectoryGroup(group);
  if (group.lastUpdated !== undefined) out.lastUpdated = group.lastUpdated;
  if (group.lastMembershipUpdated !== undefined) out.lastMembershipUpdated = group.lastMembershipUpdated;
  return out;
}

/** Of two copies of a user read at different moments, the later one. */
export function newer<T extends { lastUpdated?: string }>(a: T, b: T): T {
  if (a.lastUpdated === b.lastUpdated) return b;
  if (!a.lastUpdated) return b;
  if (!b.lastUpdated) return a;
  return Date.parse(b.lastUpdated) >= Date.parse(a.lastUpdated) ? b : a;
}
