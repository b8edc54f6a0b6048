/**
 * Users synced nowhere, whatever the rules say. When several reasons apply, the first in
 * SKIP_PRECEDENCE is reported: lifecycle beats data quality, so an admin reading
 * "deprovisioned" is not sent to fix an email that would not matter anyway.
 */
import type { DirectoryUser } from "../directory/model.ts";
import type { RuleSet } from "./model.ts";
import type { SkipReason } from "./outcome.ts";
import { hasEmail } from "./engine/compile.ts";

export const SKIP_PRECEDENCE: readonly SkipReason[] = ["deprovisioned", "suspended", "no-email"];

export const SKIP_MESSAGES: Readonly<Record<SkipReason, string>> = {
  deprovisioned: "the user is DEPROVISIONED in Okta and is synced nowhere",
  suspended: 'the user is SUSPENDED in Okta and the rule set denies suspended users (settings.suspended = "deny")',
  "no-email": "the user has no primary email, which Genea users are matched by",
};

export function skipReasonOf(user: Pick<DirectoryUser, "status" | "email">, settings: RuleSet["settings"]): SkipReason | null {
  if (user.status === "DEPROVISIONED") return "deprovisioned";
  if (user.status === "SUSPENDED" && settings.suspended !== "evaluate") return "suspended";
  if (!hasEmail(user.email)) return "no-email";
  return null;
}
