/** Values and group lists in plain words, for the rule table, traces and lint messages. */
import type { ProfileValue } from "../directory/model.ts";
import { quote } from "./conditions/operand.ts";

/** Resolves an Okta group id to a display name (undefined: show the id). */
export type GroupNamer = (groupId: string) => string | undefined;

export function groupNames(ids: readonly string[], groupName?: GroupNamer): string {
  return ids.map((id) => groupName?.(id) ?? id).join(", ");
}

/** A profile value as shown to admins: "Engineering", ["a", "b"] or (not set). */
export function describeValue(value: ProfileValue | undefined): string {
  if (value === null || value === undefined || value === "" || (Array.isArray(value) && value.length === 0)) return "(not set)";
  return typeof value === "string" ? quote(value) : `[${value.map(quote).join(", ")}]`;
}
