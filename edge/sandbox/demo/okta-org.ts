/**
 * The Okta half of the demo organisation: users with realistic profiles, a status mix,
 * groups (built-in, department, office, app-sourced) and the apps they are assigned to.
 */
import type { OktaStatus } from "../../../shared/directory/model.ts";
import { DEPARTMENTS, FIRST_NAMES, LAST_NAMES, OFFICES } from "./names.ts";
import type { Prng } from "./prng.ts";
import type { OktaAppRecord, OktaGroupRecord, OktaUserRecord } from "./types.ts";

export const DEMO_DOMAIN = "acme-demo.com";
/** Share of users without a primary email (Genea skips them). */
export const NO_EMAIL_RATE = 0.01;
export const STATUS_WEIGHTS: readonly (readonly [OktaStatus, number])[] = [
  ["ACTIVE", 91],
  ["SUSPENDED", 2],
  ["DEPROVISIONED", 3],
  ["STAGED", 1.5],
  ["PROVISIONED", 1.5],
  ["LOCKED_OUT", 0.5],
  ["PASSWORD_EXPIRED", 0.5],
];
const CONTRACTOR_RATE = 0.12;
const DAY = 86_400_000;
/** Fixed epoch so the org does not depend on the clock. */
const EPOCH = Date.UTC(2020, 0, 1);

const DEPARTMENT_WEIGHTS = DEPARTMENTS.map((d) => [d, d.weight] as const);
const OFFICE_WEIGHTS = OFFICES.map((o) => [o, o.weight] as const);

const slug = (name: string) => name.toLowerCase().replace(/[^a-z]/g, "");
const days = new Map<number, string>();
const pad = (n: number, width = 2) => String(n).padStart(width, "0");
/** `Date#toISOString` with the date part cached: six timestamps per user add up at 100k. */
function iso(ms: number): string {
  const day = Math.floor(ms / DAY);
  let date = days.get(day);
  if (date === undefined) days.set(day, date = new Date(day * DAY).toISOString().slice(0, 10));
  const t = ms - day * DAY;
  return `${date}T${pad(Math.floor(t / 3_600_000))}:${pad(Math.floor(t / 60_000) % 60)}:${pad(Math.floor(t / 1000) % 60)}.${
    pad(t % 1000, 3)
  }Z`;
}

export interface OktaOrg {
  users: OktaUserRecord[];
  groups: OktaGroupRecord[];
  memberships: Record<string, string[]>;
  apps: OktaAppRecord[];
}

function makeUser(rng: Prng, typeId: string, taken: Map<string, number>): OktaUserRecord {
  const firstName = rng.pick(FIRST_NAMES);
  const lastName = rng.pick(LAST_NAMES);
  const dept = rng.weighted(DEPARTMENT_WEIGHTS);
  const office = rng.weighted(OFFICE_WEIGHTS);
  const contractor = rng.chance(CONTRACTOR_RATE);
  const status = rng.weighted(STATUS_WEIGHTS);
  const base = `${slug(firstName)}.${slug(lastName)}`;
  const n = (taken.get(base) ?? 0) + 1;
  taken.set(base, n);
  const login = `${n === 1 ? base : `${base}${n}`}@${DEMO_DOMAIN}`;
  const created = EPOCH + rng.int(4 * 365) * DAY + rng.int(DAY);
  const changed = created + rng.int(300) * DAY;
  const staged = status === "STAGED" || status === "PROVISIONED";
  const employeeNumber = contractor ? `C-${String(10000 + rng.int(90000))}` : String(100000 + rng.int(900000));
  return {
    id: `00u${rng.base62(17)}`,
    status,
    created: iso(created),
    activated: status === "STAGED" ? null : iso(created + DAY),
    statusChanged: status === "ACTIVE" ? null : iso(changed),
    lastLogin: staged ? null : iso(changed + rng.int(30) * DAY),
    lastUpdated: iso(changed + DAY),
    passwordChanged: staged ? null : iso(created + DAY),
    type: { id: typeId },
    profile: {
      login,
      email: rng.chance(NO_EMAIL_RATE) ? null : login,
      firstName,
      lastName,
      displayName: `${firstName} ${lastName}`,
      department: dept.name,
      title: rng.pick(dept.titles),
      city: office.city,
      countryCode: office.countryCode,
      office: office.name,
      employeeNumber,
      costCenter: dept.costCenter,
      mobilePhone: rng.chance(0.9) ? `${office.phonePrefix}${String(rng.int(10000)).padStart(4, "0")}` : null,
      userType: contractor ? "Contractor" : "Employee",
      organization: "Acme Demo",
    },
  };
}

function makeGroup(rng: Prng, name: string, type: OktaGroupRecord["type"], description: string, sourceId?: string): OktaGroupRecord {
  const at = iso(EPOCH + rng.int(365) * DAY);
  return {
    id: `00g${rng.base62(17)}`,
    created: at,
    lastUpdated: at,
    lastMembershipUpdated: at,
    objectClass: [type === "APP_GROUP" ? "okta:app_group" : "okta:user_group"],
    type,
    profile: { name, description },
    ...(sourceId ? { source: { id: sourceId } } : {}),
  };
}

export function generateOktaOrg(rng: Prng, userCount: number): OktaOrg {
  const typeId = `oty${rng.base62(17)}`;
  const taken = new Map<string, number>();
  const users: OktaUserRecord[] = [];
  for (let i = 0; i < userCount; i++) users.push(makeUser(rng, typeId, taken));

  const workday: OktaAppRecord = { id: `0oa${rng.base62(17)}`, name: "workday", label: "Workday", userIds: [], groupIds: [] };
  const groups: OktaGroupRecord[] = [];
  const memberships: Record<string, string[]> = {};
  const add = (group: OktaGroupRecord, test: (u: OktaUserRecord) => boolean) => {
    groups.push(group);
    const ids: string[] = [];
    for (const u of users) if (test(u)) ids.push(u.id);
    memberships[group.id] = ids;
    return group;
  };
  const everyone = add(makeGroup(rng, "Everyone", "BUILT_IN", "All users in your organization"), () => true);
  const employees = add(makeGroup(rng, "Employees", "OKTA_GROUP", "Full-time staff"), (u) => u.profile.userType === "Employee");
  const contractors = add(
    makeGroup(rng, "Contractors", "OKTA_GROUP", "Contractors and vendors"),
    (u) => u.profile.userType === "Contractor",
  );
  // Admins: a tenth of IT (every tenth by position keeps it deterministic and cheap).
  let it = 0;
  add(
    makeGroup(rng, "Admins", "OKTA_GROUP", "Okta and facilities administrators"),
    (u) => u.profile.department === "IT" && it++ % 10 === 0,
  );
  for (const d of DEPARTMENTS) {
    add(makeGroup(rng, `Dept - ${d.name}`, "OKTA_GROUP", `${d.name} department`), (u) => u.profile.department === d.name);
  }
  for (const o of OFFICES) {
    add(makeGroup(rng, `Office - ${o.name}`, "OKTA_GROUP", `Staff based at ${o.name}`), (u) => u.profile.office === o.name);
  }
  add(
    makeGroup(rng, "wd-people-managers", "APP_GROUP", "Workday: people managers", workday.id),
    (u) => /Manager|Director|Lead|Controller/.test(u.profile.title ?? ""),
  );
  add(
    makeGroup(rng, "wd-onsite-staff", "APP_GROUP", "Workday: badge-holding onsite staff", workday.id),
    (u) => u.profile.office !== "Remote",
  );
  add(makeGroup(rng, "wd-night-shift", "APP_GROUP", "Workday: night shift", workday.id), (u) => u.profile.employeeNumber!.endsWith("7"));

  workday.groupIds.push(everyone.id);
  const genea: OktaAppRecord = {
    id: `0oa${rng.base62(17)}`,
    name: "genea_access_control",
    label: "Genea Access Control",
    userIds: users.slice(0, 3).map((u) => u.id),
    groupIds: [employees.id, contractors.id],
  };
  return { users, groups, memberships, apps: [genea, workday] };
}
