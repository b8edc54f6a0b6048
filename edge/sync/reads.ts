/**
 * The sync's reads: Okta completely (every user of every status, groups, memberships; any
 * failed page or pagination loop fails the read, in the client) or just the people of a
 * provision-on-demand run, fetched by id; Genea's catalog and state completely, or just
 * those people. Nothing here writes to Genea.
 */
import type { DirectoryUser } from "../../shared/directory/model.ts";
import { type DirectoryTable, idsOf, recordsOf, tableOf } from "../../shared/directory/table.ts";
import type { Catalog, GeneaState, GeneaUser } from "../../shared/genea/model.ts";
import type { AbsentStatus, Ledger } from "../../shared/plan/index.ts";
import { fail, ok, type Result } from "../../shared/result.ts";
import type { GeneaClient } from "../genea/index.ts";
import type { OktaClient } from "../okta/index.ts";

export type ReadFailure = "okta-read-failed" | "genea-read-failed";

export interface ScopedOkta {
  directory: DirectoryTable;
  /** requested users Okta answered 404 for */
  missing: string[];
  steps: string[];
}

/** People read at once in a targeted run (the clients cap their requests in flight anyway). */
const WIDTH = 8;

/** `task` over `items` with at most WIDTH at once, results in item order. */
async function inParallel<T, R>(items: readonly T[], task: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await task(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(WIDTH, items.length) }, worker));
  return out;
}

/** The named people, read now by id (with their groups). */
export async function readOktaUsers(okta: OktaClient, ids: readonly string[], at: string): Promise<Result<ScopedOkta, ReadFailure>> {
  const users: DirectoryUser[] = [];
  const missing: string[] = [];
  const steps: string[] = [];
  const answers = await inParallel(ids, (id) => okta.getUser(id));
  for (let i = 0; i < ids.length; i++) {
    const got = answers[i], id = ids[i];
    if (!got.ok) return fail("okta-read-failed", `Reading Okta user ${id} failed: ${got.error.message}`);
    if (got.value === null) {
      missing.push(id);
      steps.push(`Okta has no user ${id} (404)`);
      continue;
    }
    users.push(got.value);
    steps.push(
      `Read Okta user ${id} (${got.value.email ?? "no email"}): ${got.value.status}, member of ${got.value.groupIds.length} groups`,
    );
  }
  return ok({ directory: tableOf({ fetchedAt: at, users, groups: [] }), missing, steps });
}

/**
 * Ledger users missing from a complete read, confirmed one by one with a fresh GET by id:
 * 404 or DEPROVISIONED → deleted (revoke, then deactivate); any other answer, or none →
 * out-of-scope (revoke only: never deactivate on a guess). Only users doorsync still
 * manages an active Genea user for are asked about, at most `max` per run.
 */
export async function confirmAbsent(
  okta: OktaClient,
  ledger: Ledger,
  directory: DirectoryTable,
  state: GeneaState,
  max: number,
): Promise<{ absent: Map<string, AbsentStatus>; steps: string[] }> {
  const present = new Set(idsOf(directory));
  const active = new Set(state.users.filter((g) => g.status === "ACTIVE").map((g) => g.uuid));
  const absent = new Map<string, AbsentStatus>();
  let asked = 0, deleted = 0, unconfirmed = 0;
  for (const entry of ledger.values()) {
    if (present.has(entry.oktaId) || !active.has(entry.geneaUuid)) continue;
    if (asked >= max) {
      absent.set(entry.oktaId, "out-of-scope");
      unconfirmed++;
      continue;
    }
    asked++;
    const got = await okta.getUser(entry.oktaId);
    const gone = got.ok && (got.value === null || got.value.status === "DEPROVISIONED");
    absent.set(entry.oktaId, gone ? "deleted" : "out-of-scope");
    if (gone) deleted++;
    else if (!got.ok) unconfirmed++;
  }
  const steps = absent.size === 0 ? [] : [
    `${absent.size} linked users are missing from the Okta read: ${deleted} confirmed deleted, ${
      absent.size - deleted
    } kept active in Genea` +
    (unconfirmed ? ` (${unconfirmed} could not be confirmed)` : ""),
  ];
  return { absent, steps };
}

export interface GeneaRead {
  catalog: Catalog;
  state: GeneaState;
  steps: string[];
}

export async function readGeneaAll(genea: GeneaClient): Promise<Result<GeneaRead, ReadFailure>> {
  const catalog = await genea.readCatalog();
  if (!catalog.ok) return fail("genea-read-failed", `Reading Genea's catalog failed: ${catalog.error.message}`);
  const state = await genea.readState();
  if (!state.ok) return fail("genea-read-failed", `Reading Genea's users failed: ${state.error.message}`);
  const keys = state.value.users.reduce((n, u) => n + u.mobileKeys.length, 0);
  return ok({
    catalog: catalog.value,
    state: state.value,
    steps: [`Read Genea: ${state.value.users.length} users, ${keys} mobile keys, ${catalog.value.locations.length} locations`],
  });
}

/**
 * Just the Genea users of the named people: by the ledger's uuid, else by email — and the
 * linked Genea users of named people Okta no longer has (a deleted user's, to revoke).
 */
export async function readGeneaUsers(
  genea: GeneaClient,
  directory: DirectoryTable,
  ledger: Ledger,
  at: string,
): Promise<Result<GeneaRead, ReadFailure>> {
  const { users } = recordsOf(directory); // a targeted run's few people
  const catalog = await genea.readCatalog();
  if (!catalog.ok) return fail("genea-read-failed", `Reading Genea's catalog failed: ${catalog.error.message}`);
  const found = new Map<string, GeneaUser>();
  const steps: string[] = [];
  const refsOf = (u: DirectoryUser) => {
    const linked = ledger.get(u.id);
    return [...(linked ? [{ uuid: linked.geneaUuid }] : []), ...(u.email ? [{ email: u.email }] : [])];
  };
  const present = new Set(users.map((u) => u.id));
  const gone = [...ledger.values()].filter((e) => !present.has(e.oktaId)).map((e) => ({ id: e.oktaId, ref: { uuid: e.geneaUuid } }));
  const wanted = [...users.flatMap((u) => refsOf(u).map((ref) => ({ id: u.id, ref }))), ...gone];
  const reads = await inParallel(wanted, async ({ id, ref }) => ({ id, got: await genea.readUser(ref) }));
  for (const { id, got } of reads) {
    if (!got.ok) return fail("genea-read-failed", `Reading the Genea user of ${id} failed: ${got.error.message}`);
    if (got.value) found.set(got.value.uuid, got.value);
  }
  for (const g of gone) {
    const user = found.get(g.ref.uuid);
    steps.push(`Okta no longer has ${g.id}; their linked Genea user ${g.ref.uuid}${user ? ` is ${user.status}` : " is gone"}`);
  }
  for (const u of users) {
    const linked = ledger.get(u.id);
    const mine = [...found.values()].filter((g) =>
      g.uuid === linked?.geneaUuid || (u.email && g.email?.toLowerCase() === u.email.toLowerCase())
    );
    steps.push(
      mine.length
        ? `Genea user of ${u.email ?? u.id}: ${
          mine.map((g) =>
            `${g.uuid} (${g.status}, ${g.locations.length} locations, ${g.mobileKeys.length} keys${
              linked?.geneaUuid === g.uuid ? ", linked" : ""
            })`
          ).join("; ")
        }`
        : `No Genea user for ${u.email ?? u.id} yet`,
    );
  }
  return ok({ catalog: catalog.value, state: { fetchedAt: at, users: [...found.values()] }, steps });
}
