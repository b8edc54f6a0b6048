/**
 * Incremental runs between full reconciles: a 15-minute run costs what changed, not the size
 * of the company. Okta: users by `lastUpdated ge (watermark − 5 min)` (DEPROVISIONED included)
 * and groups by `lastUpdated` / `lastMembershipUpdated` with their own watermark, each changed
 * group's members re-read; the changes merge into the stored snapshot; watermarks are the
 * server's largest timestamps, never the local clock. Genea: the cache doorsync keeps (see
 * store/genea-cache.ts), with targeted reads only for people it does not know for sure.
 * Hard deletes come from the System Log (log-poll.ts) as targeted runs.
 */
import type { DirectoryUser } from "../../shared/directory/model.ts";
import { type DirectoryTable, tableOf } from "../../shared/directory/table.ts";
import type { GeneaUser } from "../../shared/genea/model.ts";
import type { Ledger } from "../../shared/plan/index.ts";
import { fail, ok, type Result } from "../../shared/result.ts";
import type { CompiledSnapshot } from "../directory/snapshot.ts";
import type { GeneaClient } from "../genea/index.ts";
import { applyChanges, type OktaClient } from "../okta/index.ts";
import { cachedUuidByEmail, readCachedUsers, readCacheMeta } from "../store/genea-cache.ts";
import { keys } from "../store/keys.ts";
import { readValid } from "../store/kv.ts";
import type { GeneaRead } from "./reads.ts";
import { type Watermark, WatermarkSchema } from "./watermark.ts";

export const readWatermark = async (kv: Deno.Kv) => (await readValid(kv, keys.syncWatermark(), WatermarkSchema)).value;

const OVERLAP_MS = 5 * 60_000;

export interface OktaChanges {
  merged: DirectoryTable;
  /** the people whose record or memberships changed, with the merged directory's groups */
  affected: DirectoryTable;
  watermark: { users: string; groups: string };
  steps: string[];
}

export async function readOktaChanges(
  okta: OktaClient,
  base: CompiledSnapshot,
  wm: Watermark,
): Promise<Result<OktaChanges, "okta-read-failed" | "watermark-regressed">> {
  const got = await okta.readChanges(wm.users, { overlapMs: OVERLAP_MS, groupsSince: wm.groups });
  if (!got.ok) return fail("okta-read-failed", `Reading Okta's changes failed, so nothing was written: ${got.error.message}`);
  const c = got.value;
  if (Date.parse(c.watermark) < Date.parse(wm.users) || Date.parse(c.groupsWatermark) < Date.parse(wm.groups)) {
    return fail("watermark-regressed", `Okta's timestamps went back (users ${c.watermark} < ${wm.users}): reading everything instead`);
  }
  const merged = applyChanges(base.directory, c);
  const affected = new Set(c.users.map((u) => u.id));
  const before = base.directory;
  const rowOf = new Map<string, number>();
  for (let row = 0; row < before.size; row++) rowOf.set(before.id(row), row);
  for (const g of c.groups) {
    const now = new Set(g.members.map((m) => m.id));
    for (const m of now) {
      const row = rowOf.get(m);
      if (row === undefined || !before.groupIds(row).includes(g.group.id)) affected.add(m);
    }
    for (const [id, row] of rowOf) if (before.groupIds(row).includes(g.group.id) && !now.has(id)) affected.add(id);
  }
  const users: DirectoryUser[] = [];
  for (let row = 0; row < merged.size; row++) if (affected.has(merged.id(row))) users.push(merged.user(row));
  return ok({
    merged,
    affected: tableOf({ fetchedAt: merged.fetchedAt, users, groups: [...merged.groups] }),
    watermark: { users: c.watermark, groups: c.groupsWatermark },
    steps: [
      `Read Okta's changes since ${wm.users}: ${c.users.length} users and ${c.groups.length} groups changed; ${users.length} people affected`,
    ],
  });
}

/**
 * The affected people's Genea users from the cache (by the ledger's uuid, else the email
 * index); anyone the cache does not hold for sure is read from Genea.
 */
export async function readGeneaCached(
  kv: Deno.Kv,
  genea: GeneaClient,
  directory: DirectoryTable,
  ledger: Ledger,
  at: string,
): Promise<Result<GeneaRead & { synced: Record<string, number> }, "genea-read-failed" | "no-cache">> {
  const meta = await readCacheMeta(kv);
  if (!meta) return fail("no-cache", "Genea's cache is empty");
  const uuids = new Set<string>();
  for (let row = 0; row < directory.size; row++) {
    const [id, email] = [directory.id(row), directory.email(row)];
    const linked = ledger.get(id)?.geneaUuid ?? null;
    if (linked) uuids.add(linked);
    else if (email) {
      const uuid = await cachedUuidByEmail(kv, email);
      if (uuid) uuids.add(uuid);
    }
  }
  const cached = await readCachedUsers(kv, [...uuids]);
  const users: GeneaUser[] = [...cached.users];
  for (const uuid of cached.missing) {
    const got = await genea.readUser({ uuid });
    if (!got.ok) return fail("genea-read-failed", `Reading Genea user ${uuid} failed: ${got.error.message}`);
    if (got.value) users.push(got.value);
  }
  return ok({
    catalog: meta.catalog,
    state: { fetchedAt: at, users },
    synced: meta.synced,
    steps: [
      `Genea from doorsync's cache (full read ${meta.fetchedAt}): ${cached.users.length} people known, ${cached.missing.length} read again`,
    ],
  });
}
