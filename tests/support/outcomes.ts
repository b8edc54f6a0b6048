/**
 * Terse factories for outcomes (built directly, without the rule engine), Genea state and
 * plan inputs, plus a small "world" (catalog + rule set) and a random-world generator.
 */
import fc from "fast-check";
import { type Directory, type DirectoryUser, OKTA_STATUSES } from "../../shared/directory/model.ts";
import { type Catalog, type GeneaState, type GeneaUser, type GeneaUserLocation, MOBILE_KEY_STATUSES } from "../../shared/genea/model.ts";
import { emptyGrant, type Ledger, type LedgerEntry, type Operation, type PlanInput as AnyPlanInput } from "../../shared/plan/index.ts";

/** plan()'s input with the directory as records, as the tests build it. */
export type PlanInput = AnyPlanInput & { directory: Directory };
import type { RuleSet } from "../../shared/rules/model.ts";
import { NO_MATCH, type Outcome, SKIPPED, type SkipReason } from "../../shared/rules/outcome.ts";
import { aDirectory } from "./directory.ts";
import { aCatalog, aRule, aRuleSet, grant, HQ, LAB } from "./rules.ts";

/**
 * An outcome over `directory` for `ruleSet`. `winners[property][i]` is user i's winning rule
 * index there (default NO_MATCH); users with a `skipped` reason get SKIPPED everywhere.
 */
export function anOutcome(
  ruleSet: RuleSet,
  directory: Pick<Directory, "users">,
  winners: Record<string, readonly number[]> = {},
  skipped: Record<number, SkipReason> = {},
): Outcome {
  const n = directory.users.length;
  const table: Record<string, Int32Array> = {};
  for (const property of Object.keys(ruleSet.properties)) {
    const w = new Int32Array(n).fill(NO_MATCH);
    (winners[property] ?? []).forEach((x, i) => (w[i] = x));
    for (const i of Object.keys(skipped)) w[Number(i)] = SKIPPED;
    table[property] = w;
  }
  return {
    ruleSet,
    userIds: directory.users.map((u) => u.id),
    skipped: directory.users.map((_, i) => skipped[i] ?? null),
    winners: table,
  };
}

/** The same winner for every user at each listed property. */
export const everyone = (n: number, w: number): number[] => Array.from({ length: n }, () => w);

let next = 0;

export function aUserLocation(locationUuid: string, overrides: Partial<GeneaUserLocation> = {}): GeneaUserLocation {
  return { uuid: `ul-${++next}`, locationUuid, roleUuid: "role-user", accessGroupUuids: ["ag-hq-main"], ...overrides };
}

/** An ACTIVE, sync-managed Genea user with no locations, keys or Wallet, unless overridden. */
export function aGeneaUser(overrides: Partial<GeneaUser> = {}): GeneaUser {
  const uuid = overrides.uuid ?? `gu-${++next}`;
  return {
    uuid,
    name: "Someone",
    email: `${uuid}@example.com`,
    mobilePhone: null,
    department: null,
    employeeNumber: null,
    costCenter: null,
    status: "ACTIVE",
    allowDirectorySync: true,
    isGlobalAdmin: false,
    walletEnabled: false,
    locations: [],
    mobileKeys: [],
    ...overrides,
  };
}

export const aState = (users: GeneaUser[]): GeneaState => ({ fetchedAt: "2026-01-01T00:00:00.000Z", users });

/** One line per operation, for readable expectations: "addLocation loc-lab role-user [ag-lab-main]". */
export function describeOperation(op: Operation): string {
  switch (op.kind) {
    case "createUser":
      return `createUser ${op.locations.map((l) => `${l.locationUuid} ${l.roleUuid} [${l.accessGroupUuids}]`).join(", ")}`;
    case "updateProfile":
      return `updateProfile ${op.changes.map((c) => `${c.field}: ${c.from} → ${c.to}`).join("; ")}`;
    case "addLocation":
      return `addLocation ${op.locationUuid} ${op.roleUuid} [${op.accessGroupUuids}]`;
    case "updateLocation": {
      const role = op.from.roleUuid === op.to.roleUuid ? op.to.roleUuid : `${op.from.roleUuid} → ${op.to.roleUuid}`;
      return `updateLocation ${op.locationUuid} ${role} [${op.to.accessGroupUuids}]`;
    }
    case "removeLocation":
      return `removeLocation ${op.userLocationUuid}`;
    case "revokeMobileKey":
      return `revokeMobileKey ${op.mobileKeyUuid}`;
    case "setWallet":
      return `setWallet ${op.enabled ? "on" : "off"}`;
    default:
      return op.kind;
  }
}

/**
 * A small world for planning tests. Rules: HQ [0 staff: User, main+server, key, Wallet;
 * 1 admins: Admin, main, no key, no Wallet; 2 exclude], LAB [0 staff: User, lab, no key, no
 * Wallet; 1 wallet: User, lab, Wallet asked for where the location has none], GHOST (in the
 * rule set, not in the catalog). OTHER is in the catalog, not in the rule set.
 */
export const OTHER = "loc-other";
export const GHOST = "loc-ghost";
export const AT = { hq: { staff: 0, admins: 1, exclude: 2 }, lab: { staff: 0, wallet: 1 } } as const;

export const worldCatalog = (): Catalog => {
  const c = aCatalog();
  return { ...c, locations: [...c.locations, { uuid: OTHER, name: "Other", hasWallet: true }] };
};

export const worldRuleSet = (): RuleSet =>
  aRuleSet({
    [HQ]: [
      aRule({
        id: "hq-staff",
        actions: grant({ roleId: "role-user", accessGroupIds: ["ag-hq-main", "ag-hq-server"], mobileKey: true, wallet: true }),
      }),
      aRule({ id: "hq-admins", actions: grant({ roleId: "role-admin", accessGroupIds: ["ag-hq-main"], mobileKey: false, wallet: false }) }),
      aRule({ id: "hq-exclude", actions: { kind: "exclude" } }),
    ],
    [LAB]: [
      aRule({ id: "lab-staff", actions: grant({ roleId: "role-user", accessGroupIds: ["ag-lab-main"], mobileKey: false, wallet: false }) }),
      aRule({ id: "lab-wallet", actions: grant({ roleId: "role-user", accessGroupIds: ["ag-lab-main"], mobileKey: false, wallet: true }) }),
    ],
    [GHOST]: [aRule({ id: "ghost-staff", actions: grant({ accessGroupIds: ["ag-ghost"] }) })],
  });

/** A plan input over the world: `winners[property][i]` for Okta user i (default: no match). */
/** A ledger entry: `oktaId` is Genea user `geneaUuid`, linked by email, nothing granted yet. */
export function aLedgerEntry(oktaId: string, geneaUuid: string, overrides: Partial<LedgerEntry> = {}): LedgerEntry {
  return {
    oktaId,
    geneaUuid,
    via: "email",
    linkedAt: "2026-01-01T00:00:00.000Z",
    granted: emptyGrant(),
    deactivatedAt: null,
    ...overrides,
  };
}

export const aLedger = (...entries: LedgerEntry[]): Ledger => new Map(entries.map((e) => [e.oktaId, e]));

export function aPlanInput(
  okta: DirectoryUser[],
  genea: GeneaUser[],
  winners: Record<string, readonly number[]> = {},
  skipped: Record<number, SkipReason> = {},
): PlanInput {
  const directory = aDirectory(okta);
  return { directory, outcome: anOutcome(worldRuleSet(), directory, winners, skipped), catalog: worldCatalog(), current: aState(genea) };
}

const EMAILS = ["a@x.com", " A@X.com", "b@x.com", "c@x.com", "d@x.com", null, ""];
const LOCATIONS = [HQ, LAB, OTHER, GHOST];
const ROLES = ["role-user", "role-admin"];
const GROUPS = ["ag-hq-main", "ag-hq-server", "ag-lab-main"];
const maybe = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: null });

const oktaUser = fc.record({
  status: fc.constantFrom(...OKTA_STATUSES),
  email: fc.constantFrom(...EMAILS),
  profile: fc.record({
    firstName: maybe(fc.constantFrom("Ann", "Bo")),
    lastName: maybe(fc.constantFrom("Lee", " ")),
    department: maybe(fc.constantFrom("Eng", "Ops")),
  }),
  skipped: fc.constantFrom<SkipReason | null>(null, null, null, "deprovisioned", "suspended", "no-email"),
  hq: fc.integer({ min: -1, max: 2 }),
  lab: fc.integer({ min: -1, max: 1 }),
});

const geneaUser = fc.record({
  email: fc.constantFrom(...EMAILS, "z@x.com"),
  name: fc.constantFrom("Ann Lee", "Bo", "x"),
  department: maybe(fc.constantFrom("Eng", "Ops")),
  status: fc.constantFrom("ACTIVE" as const, "DEACTIVATED" as const),
  allowDirectorySync: fc.constantFrom(true, true, true, false),
  isGlobalAdmin: fc.constantFrom(false, false, false, true),
  walletEnabled: fc.boolean(),
  locations: fc.array(
    fc.record({
      locationUuid: fc.constantFrom(...LOCATIONS),
      roleUuid: fc.constantFrom(...ROLES),
      accessGroupUuids: fc.array(fc.constantFrom(...GROUPS), { maxLength: 3 }),
    }),
    { maxLength: 3 },
  ),
  mobileKeys: fc.array(fc.constantFrom(...MOBILE_KEY_STATUSES), { maxLength: 2 }),
});

/**
 * Random small plan inputs over the world: up to 7 Okta users (shared, odd-case and missing
 * emails, any status, random winners and skips) and up to 6 Genea users (any flags, random
 * locations inside and outside the rule set, duplicate locations, keys in every status).
 */
export const planWorld: fc.Arbitrary<PlanInput> = fc.record({
  okta: fc.array(oktaUser, { maxLength: 7 }),
  genea: fc.array(geneaUser, { maxLength: 6 }),
}).map(({ okta, genea }): PlanInput => {
  const users: DirectoryUser[] = okta.map((u, i) => ({ id: `u${i}`, status: u.status, email: u.email, profile: u.profile, groupIds: [] }));
  const geneaUsers: GeneaUser[] = genea.map((g, i) => ({
    uuid: `g${i}`,
    name: g.name,
    email: g.email,
    mobilePhone: null,
    department: g.department,
    employeeNumber: null,
    costCenter: null,
    status: g.status,
    allowDirectorySync: g.allowDirectorySync,
    isGlobalAdmin: g.isGlobalAdmin,
    walletEnabled: g.walletEnabled,
    locations: g.locations.map((l, j) => ({ uuid: `g${i}-ul${j}`, ...l })),
    mobileKeys: g.mobileKeys.map((status, j) => ({ uuid: `g${i}-k${j}`, status })),
  }));
  const skipped: Record<number, SkipReason> = {};
  okta.forEach((u, i) => {
    if (u.skipped) skipped[i] = u.skipped;
  });
  return aPlanInput(users, geneaUsers, { [HQ]: okta.map((u) => u.hq), [LAB]: okta.map((u) => u.lab), [GHOST]: okta.map(() => 0) }, skipped);
});

/**
 * planWorld plus a random identity ledger: some Okta users (present or gone from the
 * directory) linked to random Genea users, and confirmations for the gone ones.
 */
export const planWorldWithLedger: fc.Arbitrary<PlanInput> = fc
  .tuple(
    planWorld,
    fc.array(
      fc.record({
        okta: fc.integer({ min: 0, max: 9 }),
        genea: fc.integer({ min: 0, max: 5 }),
        status: fc.constantFrom("deleted" as const, "out-of-scope" as const),
      }),
      { maxLength: 5 },
    ),
  )
  .map(([input, links]) => {
    const entries = links
      .filter((l, i) => l.genea < input.current.users.length && links.findIndex((m) => m.genea === l.genea || m.okta === l.okta) === i)
      .map((l) => ({ ...l, oktaId: l.okta < input.directory.users.length ? `u${l.okta}` : `gone${l.okta}` }));
    const ledger = aLedger(...entries.map((e) => aLedgerEntry(e.oktaId, input.current.users[e.genea].uuid)));
    const absent = new Map(entries.filter((e) => e.oktaId.startsWith("gone")).map((e) => [e.oktaId, e.status]));
    return { ...input, ledger, absent };
  });

/** The ledger after a plan succeeded: its links recorded, and every created user linked. */
export function ledgerAfter(
  input: PlanInput,
  p: { links: { oktaId: string; geneaUuid: string }[]; operations: Operation[] },
  plannedUuid: (oktaId: string) => string,
): Ledger {
  const next = new Map([...(input.ledger?.values() ?? [])].map((e) => [e.oktaId, e]));
  for (const l of p.links) {
    for (const [id, e] of next) if (e.geneaUuid === l.geneaUuid) next.delete(id); // a relink moves the Genea user
    next.set(l.oktaId, aLedgerEntry(l.oktaId, l.geneaUuid));
  }
  for (const op of p.operations) {
    if (op.kind === "createUser") next.set(op.user.oktaId, aLedgerEntry(op.user.oktaId, plannedUuid(op.user.oktaId), { via: "created" }));
  }
  return next;
}
