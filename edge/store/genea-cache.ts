/**
 * Genea as doorsync last knew it, so an incremental run plans its few affected people
 * without reading 100,000 Genea users: written whole by every full read, then kept current
 * by doorsync's own writes (a user whose write failed or was adopted is dropped and read
 * again next time). Manual edits in Genea are only seen by the next full read, which is why
 * the nightly full reconcile reads Genea completely.
 */
import * as v from "valibot";
import { type Catalog, CatalogSchema, type GeneaState, type GeneaUser, GeneaUserSchema } from "../../shared/genea/model.ts";
import type { Batch } from "./batch.ts";
import { MAX_VALUE_BYTES, sizeOf } from "./batch.ts";
import { keys } from "./keys.ts";
import { readValid } from "./kv.ts";

const MetaSchema = v.object({
  fetchedAt: v.string(),
  catalog: CatalogSchema,
  /** per location: users holding a user_location there at the full read (the brake's base) */
  synced: v.record(v.string(), v.number()),
});
export type GeneaCacheMeta = v.InferOutput<typeof MetaSchema>;

export async function readCacheMeta(kv: Deno.Kv): Promise<GeneaCacheMeta | null> {
  return (await readValid(kv, keys.geneaCacheMeta(), MetaSchema)).value;
}

export function syncedByLocation(state: GeneaState): Record<string, number> {
  const out: Record<string, number> = Object.create(null);
  for (const u of state.users) {
    if (u.status !== "ACTIVE") continue;
    for (const l of new Set(u.locations.map((x) => x.locationUuid))) out[l] = (out[l] ?? 0) + 1;
  }
  return out;
}

/**
 * After a full read: every user, their email index, and the catalog (if it fits one value).
 * Written as it commits (a populated 500,000-user Genea queued at once is a million
 * mutations in memory); false when the batch's fence failed.
 */
export async function cacheAll(batch: Batch, state: GeneaState, catalog: Catalog): Promise<boolean> {
  for (const u of state.users) {
    putUser(batch, u);
    if (!(await batch.ready())) return false;
  }
  const meta: GeneaCacheMeta = { fetchedAt: state.fetchedAt, catalog, synced: { ...syncedByLocation(state) } };
  if (sizeOf(meta) <= MAX_VALUE_BYTES) batch.set(keys.geneaCacheMeta(), meta);
  else batch.delete(keys.geneaCacheMeta()); // too large to cache: incremental runs read the catalog
  return batch.ready();
}

export function putUser(batch: Batch, u: GeneaUser): void {
  batch.set(keys.geneaCacheUser(u.uuid), u);
  if (u.email) batch.set(keys.geneaCacheEmail(u.email), u.uuid);
}

export function dropUser(batch: Batch, uuid: string): void {
  batch.delete(keys.geneaCacheUser(uuid));
}

/** Cached users by uuid; the uuids not cached are answered apart. */
export async function readCachedUsers(kv: Deno.Kv, uuids: readonly string[]): Promise<{ users: GeneaUser[]; missing: string[] }> {
  const users: GeneaUser[] = [];
  const missing: string[] = [];
  for (let i = 0; i < uuids.length; i += 10) {
    const slice = uuids.slice(i, i + 10);
    const got = await kv.getMany(slice.map((u) => keys.geneaCacheUser(u) as Deno.KvKey));
    got.forEach((entry, j) => {
      if (entry.versionstamp === null) missing.push(slice[j]);
      else users.push(v.parse(GeneaUserSchema, entry.value));
    });
  }
  return { users, missing };
}

/** The cached user holding `email`, if the index names one whose email still is it. */
export async function cachedUuidByEmail(kv: Deno.Kv, email: string): Promise<string | null> {
  const entry = await kv.get(keys.geneaCacheEmail(email));
  return typeof entry.value === "string" ? entry.value : null;
}
