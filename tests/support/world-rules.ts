/** The rules the sync tests and the sync benchmark publish (pure: loads in Node and Deno). */
import type { Catalog } from "../../shared/genea/model.ts";
import type { Rule, RuleSet } from "../../shared/rules/model.ts";

/**
 * Per office: Engineering gets the Engineering Floor plus Lobby and a mobile key (and Wallet
 * where the office has it), Contractors are excluded, other ACTIVE staff get the Lobby.
 */
export function worldRules(catalog: Catalog): RuleSet {
  const role = (name: string) => catalog.roles.find((r) => r.name === name)!.uuid;
  const properties: RuleSet["properties"] = {};
  for (const l of catalog.locations) {
    const group = (name: string) => catalog.accessGroups.find((g) => g.locationUuid === l.uuid && g.name === name)!.uuid;
    const rules: Rule[] = [
      {
        id: "no-contractors",
        name: "No contractors",
        enabled: true,
        match: "all",
        conditions: [{ kind: "attribute", attribute: "department", op: "equals", value: "Contractors" }],
        actions: { kind: "exclude" },
      },
      {
        id: "engineering",
        name: "Engineering",
        enabled: true,
        match: "all",
        conditions: [{ kind: "attribute", attribute: "department", op: "equals", value: "Engineering" }, {
          kind: "attribute",
          attribute: "office",
          op: "equals",
          value: l.name,
        }],
        actions: {
          kind: "grant",
          accessGroupIds: [group("Lobby"), group("Engineering Floor")],
          roleId: role("User"),
          mobileKey: true,
          wallet: l.hasWallet,
        },
      },
      {
        id: "staff",
        name: "Office staff",
        enabled: true,
        match: "all",
        conditions: [{ kind: "status", statuses: ["ACTIVE"] }, { kind: "attribute", attribute: "office", op: "equals", value: l.name }],
        actions: { kind: "grant", accessGroupIds: [group("Lobby")], roleId: role("User"), mobileKey: false, wallet: false },
      },
    ];
    properties[l.uuid] = { rules };
  }
  return { schemaVersion: 1, settings: { suspended: "deny" }, properties };
}
