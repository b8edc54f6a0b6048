/**
 * What each Okta user should have in Genea according to an outcome: per covered property a
 * grant (role + access groups), plus mobile key and Wallet. Grants are resolved once per rule
 * (not per user), so 100,000 users cost one array read per property.
 */
import type { Catalog } from "../genea/model.ts";
import type { Outcome } from "../rules/outcome.ts";
import type { LocationGrant, PlanReason } from "./operations.ts";

export interface PropertyTable {
  propertyUuid: string;
  hasWallet: boolean;
  winners: Int32Array;
  /** per rule index: the grant, or null for an exclude rule */
  grants: (Grant | null)[];
  /** per rule index: the rule id */
  ruleIds: string[];
}

/**
 * What a grant rule gives at its property. The placement and reason are built once and
 * frozen: every operation the rule causes shares them (at 500,000 users, a copy each is tens
 * of megabytes).
 */
export interface Grant {
  location: Readonly<LocationGrant>;
  reason: Readonly<PlanReason>;
  mobileKey: boolean;
  wallet: boolean;
}

export interface Coverage {
  /** rule-set properties that exist in the catalog, sorted by uuid */
  tables: PropertyTable[];
  /** the uuids of `tables` */
  covered: ReadonlySet<string>;
  /** rule-set properties missing from the catalog */
  ignored: string[];
}

const sortedUnique = (ids: readonly string[]): string[] => [...new Set(ids)].sort();

export function coverage(outcome: Outcome, catalog: Catalog, userCount: number): Coverage {
  const locations = new Map(catalog.locations.map((l) => [l.uuid, l]));
  const tables: PropertyTable[] = [];
  const ignored: string[] = [];
  for (const propertyUuid of Object.keys(outcome.ruleSet.properties).sort()) {
    const location = locations.get(propertyUuid);
    const winners = outcome.winners[propertyUuid];
    if (!location || !winners) {
      ignored.push(propertyUuid);
      continue;
    }
    if (winners.length !== userCount) {
      throw new Error(`Outcome winners for ${propertyUuid} cover ${winners.length} users, expected ${userCount}`);
    }
    const rules = outcome.ruleSet.properties[propertyUuid].rules;
    tables.push({
      propertyUuid,
      hasWallet: location.hasWallet,
      winners,
      ruleIds: rules.map((r) => r.id),
      grants: rules.map((rule) => {
        if (rule.actions.kind !== "grant") return null;
        const a = rule.actions;
        const location = Object.freeze({
          locationUuid: propertyUuid,
          roleUuid: a.roleId,
          accessGroupUuids: Object.freeze(sortedUnique(a.accessGroupIds)) as string[],
          ruleId: rule.id,
        });
        const reason = Object.freeze({ kind: "rule" as const, propertyUuid, ruleId: rule.id });
        return { location, reason, mobileKey: a.mobileKey, wallet: a.wallet };
      }),
    });
  }
  return { tables, covered: new Set(tables.map((t) => t.propertyUuid)), ignored };
}

/** The grant for user `index` at a property: what `grantOf` answers, resolved once per rule. */
export const grantAt = (table: PropertyTable, index: number): Grant | null => {
  const w = table.winners[index];
  return w >= 0 ? table.grants[w] : null;
};

/** The exclude rule that won for the user at a property, if any (for removal reasons). */
export const excludingRuleId = (table: PropertyTable, index: number): string | null => {
  const w = table.winners[index];
  return w >= 0 ? table.ruleIds[w] : null;
};

export interface Desired {
  /** in property-uuid order */
  grants: Grant[];
  /** first grant that asks for a mobile key */
  mobileKey: Grant | null;
  /** first grant at a Wallet property that asks for Wallet */
  wallet: Grant | null;
}

export function desiredFor(cov: Coverage, index: number): Desired {
  const grants: Grant[] = [];
  let mobileKey: Grant | null = null;
  let wallet: Grant | null = null;
  for (const table of cov.tables) {
    const g = grantAt(table, index);
    if (!g) continue;
    grants.push(g);
    if (g.mobileKey && !mobileKey) mobileKey = g;
    if (g.wallet && table.hasWallet && !wallet) wallet = g;
  }
  return { grants, mobileKey, wallet };
}
