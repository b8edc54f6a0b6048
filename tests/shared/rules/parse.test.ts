import { describe, expect, it } from "vitest";
import { emptyRuleSet, parseRuleSet, RESERVED_IDS } from "../../../shared/rules/index.ts";
import { aRule } from "../../support/rules.ts";

/** A rule set's JSON with one property keyed `id` (built as text: an object literal would not keep "__proto__" as a key). */
const withProperty = (id: string): unknown =>
  JSON.parse(
    `{"schemaVersion":1,"settings":{"suspended":"deny"},"properties":{${JSON.stringify(id)}:{"rules":[${
      JSON.stringify(aRule({ id: "r1" }))
    }]}}}`,
  );

describe("parseRuleSet()", () => {
  it.each(RESERVED_IDS)("refuses the property id %s, naming its path, rather than dropping it", (id) => {
    const parsed = parseRuleSet(withProperty(id));
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.error.code).toBe("invalid");
      expect(parsed.error.message).toBe(`Invalid rule set at properties.${id}: "${id}" is reserved and cannot be a location id`);
    }
  });

  it.each(["__proto__x", "Constructor", "loc-prototype"])("accepts the property id %s", (id) => {
    const parsed = parseRuleSet(withProperty(id));
    expect(parsed.ok && Object.keys(parsed.value.properties)).toEqual([id]);
  });

  it("refuses properties that are not an object", () => {
    const parsed = parseRuleSet({ ...emptyRuleSet(), properties: [] });
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error.message).toBe("Invalid rule set at properties: must be an object keyed by location uuid");
  });
});
