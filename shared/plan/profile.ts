/**
 * The Genea profile an Okta user should have, and which fields differ from what Genea holds.
 */
import type { DirectoryUser, ProfileValue } from "../directory/model.ts";
import { type GeneaProfile, PROFILE_FIELDS } from "../genea/model.ts";
import type { ProfileChange } from "./operations.ts";

/** Emails compare trimmed and case-insensitively: that is how users are matched. */
export const normaliseEmail = (email: string | null | undefined): string | null => {
  const e = email?.trim().toLowerCase();
  return e ? e : null;
};

/** A profile string trimmed; empty, missing and multi-valued attributes count as not set. */
const text = (value: ProfileValue | undefined): string | null => {
  if (typeof value !== "string") return null;
  const t = value.trim();
  return t === "" ? null : t;
};

/** "firstName lastName", else displayName, else login, else the email. */
function displayName(user: DirectoryUser): string {
  const p = user.profile;
  const full = [text(p.firstName), text(p.lastName)].filter((s) => s !== null).join(" ");
  return full || text(p.displayName) || text(p.login) || user.email?.trim() || user.id;
}

export function desiredProfile(user: DirectoryUser): GeneaProfile {
  const p = user.profile;
  return {
    name: displayName(user),
    email: user.email?.trim() || null,
    mobilePhone: text(p.mobilePhone),
    department: text(p.department),
    employeeNumber: text(p.employeeNumber),
    costCenter: text(p.costCenter),
  };
}

const sameField = (field: keyof GeneaProfile, a: string | null, b: string | null): boolean =>
  field === "email" ? normaliseEmail(a) === normaliseEmail(b) : a === b;

/** Fields whose Genea value differs from the desired one, in PROFILE_FIELDS order. */
export function profileChanges(current: GeneaProfile, desired: GeneaProfile): ProfileChange[] {
  const changes: ProfileChange[] = [];
  for (const field of PROFILE_FIELDS) {
    if (!sameField(field, current[field], desired[field])) {
      changes.push({ field, from: current[field], to: desired[field] });
    }
  }
  return changes;
}
