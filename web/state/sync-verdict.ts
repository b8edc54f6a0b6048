/**
 * What a run stopped by the removal brake would take from whom, per property: read from the
 * run's planned operations (its audit entries with result "planned"), kept to the ones that
 * take something away, grouped by property and person. Operations that are not tied to one
 * property (a mobile key, the Wallet pass, deactivation) are listed at the properties where
 * the same person loses access in this run, else under "every property they hold".
 */
import { createSignal } from "solid-js";
import type { AuditEntry, BrakeProperty, BrakeVerdict } from "../../shared/api/sync.ts";
import type { Api } from "./api.ts";
import { fmt } from "./sync-words.ts";

/** Planned entries read at most (pages of 1,000). */
export const VERDICT_ENTRY_CAP = 50_000;
const PAGE = 1000;

export interface PersonLoss {
  oktaId: string;
  email: string;
  /** what this person loses here, in words */
  what: string[];
  /** why, in words (the rule or the Okta status) */
  why: string[];
}

export interface PropertyLosses {
  /** null: losses not tied to one property */
  propertyUuid: string | null;
  name: string;
  /** the brake's numbers for this property, when it counted it */
  brake: BrakeProperty | null;
  people: PersonLoss[];
}

const groupsOf = (placement: string | null): string[] => {
  const m = placement ? /access groups (.*)$/.exec(placement) : null;
  return !m || m[1] === "none" ? [] : m[1].split(", ");
};

/** What an operation takes away, in words; null when it takes nothing. */
export function lossOf(e: AuditEntry): string | null {
  switch (e.kind) {
    case "removeLocation":
      return `loses access at ${e.propertyName ?? "this property"}`;
    case "updateLocation": {
      const kept = new Set(groupsOf(e.after));
      const dropped = groupsOf(e.before).filter((g) => !kept.has(g));
      return dropped.length ? `loses access group${dropped.length > 1 ? "s" : ""} ${dropped.join(", ")}` : null;
    }
    case "revokeMobileKey":
      return "loses their mobile key";
    case "setWallet":
      return e.after === "Wallet off" ? "loses the Apple Wallet pass" : null;
    case "deactivateUser":
      return "is deactivated in Genea";
    default:
      return null;
  }
}

export function lossesByProperty(entries: readonly AuditEntry[], verdict: BrakeVerdict | null): PropertyLosses[] {
  const brakeOf = new Map((verdict && "properties" in verdict ? verdict.properties : []).map((p) => [p.propertyUuid, p]));
  const byProperty = new Map<string | null, { name: string; people: Map<string, PersonLoss> }>();
  const add = (property: string | null, name: string, e: AuditEntry, what: string) => {
    const group = byProperty.get(property) ?? { name, people: new Map() };
    byProperty.set(property, group);
    const person = group.people.get(e.oktaId) ?? { oktaId: e.oktaId, email: e.email, what: [], why: [] };
    group.people.set(e.oktaId, person);
    if (!person.what.includes(what)) person.what.push(what);
    if (!person.why.includes(e.reason.text)) person.why.push(e.reason.text);
  };
  const propertiesOf = new Map<string, Map<string, string>>(); // oktaId → property uuid → name
  const unbound: [AuditEntry, string][] = [];
  for (const e of entries) {
    const what = lossOf(e);
    if (!what) continue;
    if (e.propertyUuid === null) {
      unbound.push([e, what]);
      continue;
    }
    const name = e.propertyName ?? brakeOf.get(e.propertyUuid)?.name ?? e.propertyUuid;
    add(e.propertyUuid, name, e, what);
    propertiesOf.set(e.oktaId, (propertiesOf.get(e.oktaId) ?? new Map()).set(e.propertyUuid, name));
  }
  for (const [e, what] of unbound) {
    const at = propertiesOf.get(e.oktaId);
    if (at) { for (const [uuid, name] of at) add(uuid, name, e, what); }
    else add(null, "Every property they hold", e, what);
  }
  const order = [...brakeOf.values()].sort((a, b) => Number(b.tripped) - Number(a.tripped) || b.removals - a.removals).map((p) =>
    p.propertyUuid
  );
  const keys = [...new Set<string | null>([...order, ...byProperty.keys()])].filter((k) =>
    byProperty.has(k) || (k !== null && brakeOf.get(k)!.removals > 0)
  );
  return keys.map((k) => ({
    propertyUuid: k,
    name: byProperty.get(k)?.name ?? (k !== null ? brakeOf.get(k)?.name ?? k : ""),
    brake: k === null ? null : brakeOf.get(k) ?? null,
    people: [...(byProperty.get(k)?.people.values() ?? [])].sort((a, b) => a.email.localeCompare(b.email)),
  }));
}

/** The sentence a read-shrink verdict needs: what shrank, by how much, and what approving means. */
export function shrinkSentence(v: Extract<BrakeVerdict, { kind: "read-shrink" }>): string {
  const lost = v.before - v.after;
  const share = v.before > 0 ? Math.round((100 * lost) / v.before) : 100;
  return `Okta returned ${fmt(v.after)} ${v.collection} where the last complete read had ${fmt(v.before)}: ${
    fmt(lost)
  } fewer (${share}%), more than the brake allows. ` +
    "Nothing was written. If these really left Okta (or were unassigned from the app), approve: the sync reads Okta again and carries on with the smaller read. " +
    "If Okta answered incompletely, reject and check the Okta connection.";
}

/** The numbers a confirmation names: people losing something per property and in all. */
export function verdictCounts(losses: readonly PropertyLosses[]): { people: number; perProperty: { name: string; people: number }[] } {
  const everyone = new Set(losses.flatMap((p) => p.people.map((x) => x.oktaId)));
  return { people: everyone.size, perProperty: losses.map((p) => ({ name: p.name, people: p.people.length })) };
}

export function createVerdict(deps: { api: Pick<Api, "syncOperations">; runId: string; verdict: BrakeVerdict | null }) {
  const [losses, setLosses] = createSignal<PropertyLosses[] | null>(null);
  const [capped, setCapped] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);
  return {
    losses,
    /** true when the plan had more planned operations than were read */
    capped,
    error,
    async load(): Promise<void> {
      const entries: AuditEntry[] = [];
      let after = -1;
      for (;;) {
        const page = await deps.api.syncOperations(deps.runId, { result: "planned" }, after, PAGE);
        if (!page.ok) return void setError(page.error.message);
        entries.push(...page.value.entries);
        if (page.value.next === null) break;
        if (entries.length >= VERDICT_ENTRY_CAP) {
          setCapped(true);
          break;
        }
        after = page.value.next;
      }
      setLosses(lossesByProperty(entries, deps.verdict));
    },
  };
}
export type Verdict = ReturnType<typeof createVerdict>;
