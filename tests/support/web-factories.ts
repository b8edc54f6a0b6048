/**
 * Small, readable builders for the web tests: a directory, a Genea catalog and state, rules
 * and rule sets, sync runs. Deterministic: the same call gives the same data.
 */
import type { Directory, DirectoryUser } from "../../shared/directory/model.ts";
import { encodeDirectory } from "../../shared/directory/compact.ts";
import type { Catalog, GeneaState } from "../../shared/genea/model.ts";
import type { Condition, Rule, RuleSet } from "../../shared/rules/model.ts";
import { zeroCounts } from "../../shared/api/sync.ts";
import type { SyncRunView } from "../../shared/api/sync-views.ts";

export const HQ = "loc-hq";
export const LAB = "loc-lab";
export const ROLE_USER = "role-user";
export const ROLE_ADMIN = "role-admin";
export const GROUP_ENG = "00g-eng";
export const GROUP_SALES = "00g-sales";
export const GROUP_ALL = "00g-all";

export function webUser(i: number, overrides: Partial<DirectoryUser> = {}): DirectoryUser {
  const dept = i % 2 === 0 ? "Engineering" : "Sales";
  return {
    id: `00u${String(i).padStart(5, "0")}`,
    status: "ACTIVE",
    email: `person${i}@example.com`,
    profile: { firstName: `Person`, lastName: `${i}`, login: `person${i}@example.com`, department: dept },
    groupIds: [GROUP_ALL, dept === "Engineering" ? GROUP_ENG : GROUP_SALES],
    ...overrides,
  };
}

/** `n` users, alternating Engineering (even) / Sales (odd), all ACTIVE with an email. */
export function webDirectory(n = 10, extraGroups = 0): Directory {
  const groups: Directory["groups"] = [
    { id: GROUP_ALL, name: "Everyone", type: "BUILT_IN" },
    { id: GROUP_ENG, name: "Engineering", type: "OKTA_GROUP" },
    { id: GROUP_SALES, name: "Sales", type: "OKTA_GROUP" },
  ];
  for (let g = 0; g < extraGroups; g++) groups.push({ id: `00g-x${g}`, name: `Team ${g}`, type: "OKTA_GROUP" });
  return { fetchedAt: "2026-11-28T10:00:00.000Z", users: Array.from({ length: n }, (_, i) => webUser(i)), groups };
}

export const directoryBytes = (d: Directory = webDirectory()): Uint8Array => encodeDirectory(d);

export function webCatalog(): Catalog {
  return {
    customerUuid: "cust-1",
    locations: [
      { uuid: HQ, name: "Headquarters", hasWallet: true },
      { uuid: LAB, name: "Lab", hasWallet: false },
    ],
    accessGroups: [
      { uuid: "ag-hq-main", name: "HQ Main doors", locationUuid: HQ },
      { uuid: "ag-hq-lab", name: "HQ Server room", locationUuid: HQ },
      { uuid: "ag-lab-main", name: "Lab doors", locationUuid: LAB },
    ],
    roles: [
      { uuid: ROLE_USER, name: "User" },
      { uuid: ROLE_ADMIN, name: "Admin" },
    ],
  };
}

export const inGroup = (...groupIds: string[]): Condition => ({ kind: "group", op: "any", groupIds });
export const deptIs = (value: string): Condition => ({ kind: "attribute", attribute: "department", op: "equals", value });

export function grantRule(id: string, conditions: Condition[], overrides: Partial<Rule> = {}, accessGroupIds = ["ag-hq-main"]): Rule {
  return {
    id,
    name: `Rule ${id}`,
    enabled: true,
    match: "all",
    conditions,
    actions: { kind: "grant", accessGroupIds, roleId: ROLE_USER, mobileKey: true, wallet: false },
    ...overrides,
  };
}

export function excludeRule(id: string, conditions: Condition[]): Rule {
  return { id, name: `Exclude ${id}`, enabled: true, match: "all", conditions, actions: { kind: "exclude" } };
}

export function ruleSetOf(properties: Record<string, Rule[]>): RuleSet {
  return {
    schemaVersion: 1,
    settings: { suspended: "deny" },
    properties: Object.fromEntries(Object.entries(properties).map(([k, rules]) => [k, { rules }])),
  };
}

/** Genea holds nobody yet. */
export const emptyGeneaState = (): GeneaState => ({ fetchedAt: "2026-11-28T10:00:00.000Z", users: [] });

/** A finished full sync run as the web reads it (nothing read, planned or applied); `over` sets what a test is about. */
export function syncRunView(over: Partial<SyncRunView> = {}): SyncRunView {
  return {
    id: "r1",
    trigger: "manual",
    mode: "apply",
    kind: "full",
    scope: null,
    state: "done",
    phase: "finished",
    requestedBy: "admin",
    ruleSetVersion: 3,
    snapshotId: null,
    approvalOf: null,
    followedBy: null,
    decidedBy: null,
    startedAt: "2026-12-01T10:00:00.000Z",
    finishedAt: null,
    attempts: 0,
    progress: { done: 0, total: 0 },
    reads: { okta: { users: 0, groups: 0, memberships: 0, requests: 0 }, genea: { users: 0, requests: 0 } },
    planned: zeroCounts(),
    applied: zeroCounts(),
    failed: zeroCounts(),
    byProperty: {},
    skipped: {},
    brake: null,
    phases: [],
    errors: [],
    error: null,
    steps: [],
    entries: 0,
    percent: 100,
    ...over,
  };
}
