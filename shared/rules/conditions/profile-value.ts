/**
 * Profile values as attribute conditions see them:
 * - A profile value is read with `Object.hasOwn` (custom keys allowed, prototype keys never).
 * - It is *set* when it is a non-empty string or a non-empty array; null, a missing key,
 *   "" and [] are *unset*.
 * - A set value is seen as a list of strings (a string is a list of one), each compared
 *   case-insensitively through its folded copy unless the condition says `caseSensitive`.
 */
import type { ProfileValue } from "../../directory/model.ts";
import { foldCase } from "../text/case-fold.ts";

/** Case-insensitive comparison compares folded copies: Unicode simple case folding (text/case-fold.ts). */
export const fold = foldCase;

/** A set value: one string, or a non-empty list of strings. Unset values are null. */
export type SetValue = string | readonly string[];

/** A profile value in normal form: null when unset (null, missing, "" or []). */
export function normalValue(value: ProfileValue | undefined): SetValue | null {
  if (value === null || value === undefined || value === "") return null;
  if (typeof value !== "string" && value.length === 0) return null;
  return value;
}

export function foldValue(value: SetValue): SetValue {
  if (typeof value === "string") return fold(value);
  return value.map(fold);
}

/** The value of `attribute` in a profile; keys inherited from Object.prototype are unset. */
export function profileValue(profile: Readonly<Record<string, ProfileValue>>, attribute: string): ProfileValue {
  return Object.hasOwn(profile, attribute) ? profile[attribute] : null;
}
