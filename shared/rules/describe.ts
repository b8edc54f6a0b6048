/** Conditions and values in plain words, for the rule table, traces and lint messages. */
import type { AttributeCondition, AttributeOp, Condition } from "./model.ts";
import type { ProfileValue } from "../directory/model.ts";

/** Resolves an Okta group id to a display name (undefined: show the id). */
export type GroupNamer = (groupId: string) => string | undefined;

const quote = (s: string): string => JSON.stringify(s);

const OP_WORDS: Readonly<Record<AttributeOp, (c: AttributeCondition) => string>> = {
  equals: (c) => `equals ${quote(valueOf(c))}`,
  notEquals: (c) => `does not equal ${quote(valueOf(c))}`,
  contains: (c) => `contains ${quote(valueOf(c))}`,
  startsWith: (c) => `starts with ${quote(valueOf(c))}`,
  endsWith: (c) => `ends with ${quote(valueOf(c))}`,
  oneOf: (c) => `is one of ${("values" in c ? c.values : []).map(quote).join(", ")}`,
  matches: (c) => `matches /${valueOf(c)}/`,
  isSet: () => "is set",
  isNotSet: () => "is not set",
};

function valueOf(c: AttributeCondition): string {
  return "value" in c ? c.value : "";
}

export function groupNames(ids: readonly string[], groupName?: GroupNamer): string {
  return ids.map((id) => groupName?.(id) ?? id).join(", ");
}

/** 'member of any of Employees, Contractors', 'department equals "Engineering"', … */
export function describeCondition(condition: Condition, groupName?: GroupNamer): string {
  if (condition.kind === "group") return `member of ${condition.op} of ${groupNames(condition.groupIds, groupName)}`;
  if (condition.kind === "status") return `Okta status is one of ${condition.statuses.join(", ")}`;
  const cs = "caseSensitive" in condition && condition.caseSensitive === true ? " (case-sensitive)" : "";
  return `${condition.attribute} ${OP_WORDS[condition.op](condition)}${cs}`;
}

/** A profile value as shown to admins: "Engineering", ["a", "b"] or (not set). */
export function describeValue(value: ProfileValue | undefined): string {
  if (value === null || value === undefined || value === "" || (Array.isArray(value) && value.length === 0)) return "(not set)";
  return typeof value === "string" ? quote(value) : `[${value.map(quote).join(", ")}]`;
}
