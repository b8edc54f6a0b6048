import { type RuleSet, RuleSetSchema } from "./model.ts";
import { validate } from "../validate.ts";
import { fail, type Result } from "../result.ts";

/** Largest serialised rule set accepted from any source (file, KV, link, request). */
export const MAX_RULESET_BYTES = 1024 * 1024;

/**
 * Parse a rule set from untrusted data. Errors name the path of the first problem;
 * duplicate rule ids within a property are refused because versions and traces use them.
 */
export function parseRuleSet(input: unknown): Result<RuleSet, "invalid" | "too-large"> {
  const size = JSON.stringify(input ?? null).length;
  if (size > MAX_RULESET_BYTES) {
    return fail("too-large", `Rule set is ${size} bytes; the limit is ${MAX_RULESET_BYTES}`);
  }
  const parsed = validate(RuleSetSchema, input, "rule set");
  if (!parsed.ok) return parsed;
  for (const [property, { rules }] of Object.entries(parsed.value.properties)) {
    const seen = new Set<string>();
    for (let i = 0; i < rules.length; i++) {
      if (seen.has(rules[i].id)) {
        return fail("invalid", `Invalid rule set at properties.${property}.rules[${i}].id: duplicate rule id "${rules[i].id}"`);
      }
      seen.add(rules[i].id);
    }
  }
  return parsed;
}
