/** What lint reports. Errors block a sync; warnings are shown but do not. */
export const FINDING_SEVERITY = {
  "no-rules": "error",
  "unknown-property": "error",
  "unknown-okta-group": "error",
  "unknown-access-group": "error",
  "foreign-access-group": "error",
  "unknown-role": "error",
  "wallet-unavailable": "error",
  "invalid-regex": "error",
  "unsafe-regex": "error",
  "no-enabled-rules": "warning",
  unreachable: "warning",
  "matches-nobody": "warning",
  "duplicate-name": "warning",
} as const satisfies Record<string, "error" | "warning">;

export type FindingCode = keyof typeof FINDING_SEVERITY;
export type Severity = "error" | "warning";

export interface Finding {
  severity: Severity;
  code: FindingCode;
  /** names the thing: 'Rule "Contractors" at HQ refers to unknown Okta group 00g123' */
  message: string;
  /** where in the rule set, e.g. "properties.<uuid>.rules[2].conditions[0].groupIds[1]" */
  path: string;
  propertyUuid: string;
  ruleId?: string;
  conditionIndex?: number;
}

/** A sync must not run while any finding is an error. */
export function blocksSync(findings: readonly Finding[]): boolean {
  return findings.some((f) => f.severity === "error");
}
