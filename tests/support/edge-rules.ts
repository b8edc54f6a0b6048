/** Rule sets that pass lint against a Genea catalog, for driving the edge's rule routes. */
import type { Catalog } from "../../shared/genea/model.ts";
import type { Rule, RuleSet } from "../../shared/rules/model.ts";

/**
 * One rule per location granting its first access group with the "User" role to ACTIVE
 * users; `contractorsFirst` puts an exclude rule for the Contractors department ahead of it.
 */
export function lintCleanRuleSet(catalog: Catalog, { contractorsFirst = false } = {}): RuleSet {
  const role = catalog.roles.find((r) => r.name === "User") ?? catalog.roles[0];
  const properties: RuleSet["properties"] = {};
  for (const location of catalog.locations) {
    const group = catalog.accessGroups.find((g) => g.locationUuid === location.uuid);
    if (!group) throw new Error(`catalog has no access group at ${location.name}`);
    const staff: Rule = {
      id: "staff",
      name: "Active staff",
      enabled: true,
      match: "all",
      conditions: [{ kind: "status", statuses: ["ACTIVE"] }],
      actions: { kind: "grant", accessGroupIds: [group.uuid], roleId: role.uuid, mobileKey: true, wallet: false },
    };
    const contractors: Rule = {
      id: "contractors",
      name: "No contractors",
      enabled: true,
      match: "all",
      conditions: [{ kind: "attribute", attribute: "department", op: "equals", value: "Contractors" }],
      actions: { kind: "exclude" },
    };
    properties[location.uuid] = { rules: contractorsFirst ? [contractors, staff] : [staff] };
  }
  return { schemaVersion: 1, settings: { suspended: "deny" }, properties };
}

/** Every string in `haystacks` that contains one of `secrets` (for leak scans). */
export function leaks(haystacks: readonly string[], secrets: readonly string[]): string[] {
  const out: string[] = [];
  for (const secret of secrets) {
    for (const text of haystacks) if (text.includes(secret)) out.push(`${secret.slice(0, 6)}… in ${text.slice(0, 120)}`);
  }
  return out;
}
