/**
 * Catalog and state from Genea, validated and kept for a short while so a page that asks
 * for both, or several tabs, do not each cost a full Genea read.
 */
import * as v from "valibot";
import { type Catalog, CatalogSchema, type GeneaState, GeneaStateSchema } from "../../shared/genea/model.ts";
import { validate } from "../../shared/validate.ts";
import type { Result } from "../../shared/result.ts";
import type { Upstreams } from "./clients.ts";

export interface ReadOptions {
  /** skip the cache (publication checks must see the catalog as it is now) */
  fresh?: boolean;
}

export interface GeneaCache {
  catalog(options?: ReadOptions): Promise<Result<Catalog>>;
  state(options?: ReadOptions): Promise<Result<GeneaState>>;
  clear(): void;
}

export function createGeneaCache(
  { upstreams, now, ttlMs = 30_000 }: { upstreams: Upstreams; now: () => Date; ttlMs?: number },
): GeneaCache {
  const entries = new Map<string, { at: number; value: Promise<Result<unknown>> }>();

  function cached<S extends v.GenericSchema>(
    name: string,
    schema: S,
    read: (c: Awaited<ReturnType<Upstreams["genea"]>> & { ok: true }) => Promise<Result<unknown>>,
  ) {
    return async (options: ReadOptions = {}): Promise<Result<v.InferOutput<S>>> => {
      const t = now().getTime();
      const hit = entries.get(name);
      if (hit && t - hit.at < ttlMs && !options.fresh) return (await hit.value) as Result<v.InferOutput<S>>;
      const value = (async (): Promise<Result<unknown>> => {
        const client = await upstreams.genea();
        if (!client.ok) return client;
        const res = await read(client);
        return res.ok ? validate(schema, res.value, `Genea ${name}`) : res;
      })();
      entries.set(name, { at: t, value });
      const res = await value;
      if (!res.ok) entries.delete(name); // failures are not cached
      return res as Result<v.InferOutput<S>>;
    };
  }

  return {
    catalog: cached("catalog", CatalogSchema, (c) => c.value.readCatalog()),
    state: cached("state", GeneaStateSchema, (c) => c.value.readState()),
    clear: () => entries.clear(),
  };
}
